#include "tokenizer.h"

#include <atomic>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "libstemmer.h"
#include "simple_word_breaker.h"
#include "unicode/brkiter.h"
#include "unicode/uchar.h"
#include "unicode/ustring.h"

namespace precis {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, StemmerDeleter>;

struct LanguageLexicon {
  int32_t id = 0;       // Index in Impl::by_id.
  std::string stemmer;  // Snowball algorithm, empty for none.
  // Turkish and Azeri fold dotted/dotless i their own way.
  uint32_t fold_options = U_FOLD_CASE_DEFAULT;
  // French, Italian and Catalan write elided articles and pronouns joined to
  // the next word ("l'homme", "dell'anno", "qu'il"); ICU keeps them in one
  // word, so the tokenizer splits a short elided prefix off.
  bool split_elision = false;
  std::unordered_set<std::string> stopwords;
  std::unordered_set<std::string> openers;
};

// What EmitToken computes from a word's text alone: its folded, stemmed term
// and whether it is a stopword.
struct TermInfo {
  std::string term;
  bool stopword = false;
};

// The memo's key: one unit for the lexicon, one for the token kind and
// whether it is stemmed, then the word's UTF-16 units. Looked up as a
// MemoKey (the two units and a view of the word in the text), so a lookup
// copies nothing; hashed with FNV-1a over the units, which a short word
// costs less than std::hash's byte hash and which both forms give alike.
struct MemoKey {
  char16_t lexicon = 0;
  char16_t flags = 0;
  std::u16string_view word;
};

inline uint64_t HashUnit(uint64_t h, char16_t u) { return (h ^ u) * 0x100000001B3ull; }

struct MemoHash {
  using is_transparent = void;
  size_t operator()(std::u16string_view key) const {
    uint64_t h = 0xCBF29CE484222325ull;
    for (char16_t u : key) h = HashUnit(h, u);
    return static_cast<size_t>(h ^ (h >> 32));
  }
  size_t operator()(const MemoKey& key) const {
    uint64_t h = HashUnit(HashUnit(0xCBF29CE484222325ull, key.lexicon), key.flags);
    for (char16_t u : key.word) h = HashUnit(h, u);
    return static_cast<size_t>(h ^ (h >> 32));
  }
};

struct MemoEqual {
  using is_transparent = void;
  bool operator()(std::u16string_view a, std::u16string_view b) const { return a == b; }
  bool operator()(const MemoKey& a, std::u16string_view b) const {
    return b.size() == a.word.size() + 2 && b[0] == a.lexicon && b[1] == a.flags &&
           b.substr(2) == a.word;
  }
  bool operator()(std::u16string_view a, const MemoKey& b) const { return (*this)(b, a); }
};

using TermMemo = std::unordered_map<std::u16string, TermInfo, MemoHash, MemoEqual>;

// Words longer than this are folded and stemmed each time (rare; keeps the
// memo's entries small).
constexpr int32_t kMaxMemoWord = 32;
// Entries per thread before the memo starts over: news vocabulary is
// Zipfian, so a few thousand words cover most tokens; the cap bounds memory
// (~100 bytes an entry) however many distinct words a thread sees.
constexpr size_t kMaxMemoEntries = 1 << 15;

// Per-thread scratch: a cloned word iterator, the Snowball stemmers this
// thread has used (one per lexicon) and the term memo. Keyed by the owning
// Tokenizer's serial number (never reused, unlike its address) so two
// tokenizers never share state.
struct ThreadState {
  uint64_t owner = 0;
  std::unique_ptr<icu::BreakIterator> words;
  std::vector<StemmerPtr> stemmers;  // By lexicon id.
  TermMemo memo;
  std::u16string key;
  std::vector<SimpleWordBreaker::Word> simple_words;
};

std::atomic<uint64_t> next_serial{1};

const LanguageLexicon& NoLexicon() {
  static const LanguageLexicon* const lex = [] {
    auto* l = new LanguageLexicon;
    l->id = -1;
    return l;
  }();
  return *lex;
}

// Replaces `*word` (folded UTF-8) by its Snowball stem; false (and `*word`
// unchanged) when the stemmer gives none. The one stemming step shared by
// tokens (ComputeTerm) and the lexicon's openers (Create).
bool StemInPlace(sb_stemmer* stemmer, std::string* word) {
  const sb_symbol* stem = sb_stemmer_stem(
      stemmer, reinterpret_cast<const sb_symbol*>(word->data()), static_cast<int>(word->size()));
  if (stem == nullptr) return false;
  word->assign(reinterpret_cast<const char*>(stem), sb_stemmer_length(stemmer));
  return true;
}

// Folds, marks and stems [s, s + len) into `info`.
void ComputeTerm(const UChar* s, int32_t len, TokenKind kind, const LanguageLexicon& lex,
                 sb_stemmer* stemmer, TermInfo* info) {
  std::string& term = info->term;
  term.clear();
  // Case-fold (full folding: "Straße" and "STRASSE" meet).
  bool ascii = true;
  for (int32_t i = 0; i < len; ++i) ascii &= s[i] < 0x80;
  if (ascii && lex.fold_options == U_FOLD_CASE_DEFAULT) {
    // ASCII folds to ASCII lower case (Turkish folds 'I' differently).
    term.resize(len);
    for (int32_t i = 0; i < len; ++i) {
      const UChar c = s[i];
      term[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
  } else {
    // Folding may triple the length ("ΐ"): a word that does not fit the
    // stack buffer is folded through a UnicodeString.
    UErrorCode status = U_ZERO_ERROR;
    UChar folded[96];
    const int32_t folded_len = u_strFoldCase(folded, 96, s, len, lex.fold_options, &status);
    if (U_SUCCESS(status)) {
      icu::UnicodeString(false, folded, folded_len).toUTF8String(term);
    } else {
      icu::UnicodeString word(s, len);
      word.foldCase(lex.fold_options).toUTF8String(term);
    }
  }
  info->stopword = lex.stopwords.contains(term);
  if (stemmer != nullptr && kind == TokenKind::kWord && !info->stopword) {
    StemInPlace(stemmer, &term);
  }
}

// Appends the token alias[start, end) to `out`, its term from the memo.
void EmitToken(const icu::UnicodeString& alias, int32_t offset, int32_t start, int32_t end,
               TokenKind kind, const LanguageLexicon& lex, sb_stemmer* stemmer,
               ThreadState* state, std::vector<Token>* out) {
  const UChar* s = alias.getBuffer() + start;
  const int32_t len = end - start;
  Token& token = out->emplace_back();
  token.kind = kind;
  token.range = {offset + start, offset + end};
  const UChar first = s[0];
  if (first < 0x80) {
    token.capitalized = first >= 'A' && first <= 'Z';
  } else {
    const UChar32 c = alias.char32At(start);
    token.capitalized = u_isupper(c) || u_istitle(c);
  }
  if (len > kMaxMemoWord) {
    TermInfo info;
    ComputeTerm(s, len, kind, lex, stemmer, &info);
    token.term = std::move(info.term);
    token.stopword = info.stopword;
    return;
  }
  const MemoKey lookup{static_cast<char16_t>(lex.id + 1),
                       static_cast<char16_t>(static_cast<int>(kind) * 2 + (stemmer != nullptr)),
                       std::u16string_view(reinterpret_cast<const char16_t*>(s), len)};
  auto it = state->memo.find(lookup);
  if (it == state->memo.end()) {
    if (state->memo.size() >= kMaxMemoEntries) state->memo.clear();
    TermInfo info;
    ComputeTerm(s, len, kind, lex, stemmer, &info);
    std::u16string& key = state->key;
    key.clear();
    key.push_back(lookup.lexicon);
    key.push_back(lookup.flags);
    key.append(lookup.word);
    it = state->memo.emplace(key, std::move(info)).first;
  }
  token.term = it->second.term;
  token.stopword = it->second.stopword;
}

}  // namespace

struct Tokenizer::Impl {
  uint64_t serial = next_serial.fetch_add(1);
  std::unique_ptr<icu::BreakIterator> prototype;
  std::unordered_map<std::string, LanguageLexicon> lexicons;
  std::vector<const LanguageLexicon*> by_id;

  ThreadState& State() const {
    thread_local ThreadState state;
    if (state.owner != serial) {
      state = ThreadState();
      state.owner = serial;
      state.words.reset(prototype->clone());
      state.stemmers.resize(by_id.size());
    }
    return state;
  }
};

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::~Tokenizer() = default;

absl::StatusOr<std::unique_ptr<Tokenizer>> Tokenizer::Create(
    const std::map<std::string, LexiconData>& lexicons) {
  auto impl = std::make_unique<Impl>();
  UErrorCode status = U_ZERO_ERROR;
  // The root word iterator already uses the dictionaries for CJK and
  // South-East Asian scripts; language tailorings of word break are minor.
  impl->prototype.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) {
    return absl::InternalError(absl::StrCat("ICU word iterator: ", u_errorName(status)));
  }
  for (const auto& [code, data] : lexicons) {
    LanguageLexicon lex;
    if (code == "tr" || code == "az") lex.fold_options = U_FOLD_CASE_EXCLUDE_SPECIAL_I;
    lex.split_elision = code == "fr" || code == "it" || code == "ca";
    lex.stopwords.insert(data.stopwords.begin(), data.stopwords.end());
    lex.openers.insert(data.dependent_openers.begin(), data.dependent_openers.end());
    if (!data.stemmer.empty()) {
      StemmerPtr stemmer(sb_stemmer_new(data.stemmer.c_str(), "UTF_8"));
      if (stemmer == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat("lexicon/", code, ".yaml: unknown Snowball stemmer '", data.stemmer, "'"));
      }
      lex.stemmer = data.stemmer;
      // IsDependentOpener is asked about Token::term, which is stemmed unless
      // the word is a stopword: "however" arrives as "howev". Keep each
      // opener's stem too, so the YAML lists plain words.
      for (const std::string& opener : data.dependent_openers) {
        if (lex.stopwords.contains(opener)) continue;
        std::string stem = opener;
        if (StemInPlace(stemmer.get(), &stem)) lex.openers.insert(std::move(stem));
      }
    }
    impl->lexicons.emplace(code, std::move(lex));
  }
  for (auto& [code, lex] : impl->lexicons) {
    lex.id = static_cast<int32_t>(impl->by_id.size());
    impl->by_id.push_back(&lex);
  }
  // Builds SimpleWordBreaker's class table (a few thousand ICU probes) now
  // rather than in the first request.
  std::vector<SimpleWordBreaker::Word> warm_up;
  SimpleWordBreaker::Break(u"a", &warm_up);
  return std::unique_ptr<Tokenizer>(new Tokenizer(std::move(impl)));
}

void Tokenizer::Tokenize(const icu::UnicodeString& text, TextRange range,
                         std::string_view language, std::vector<Token>* out) const {
  ThreadState& state = impl_->State();
  const LanguageLexicon* lex = nullptr;
  if (auto it = impl_->lexicons.find(std::string(language)); it != impl_->lexicons.end()) {
    lex = &it->second;
  }
  sb_stemmer* stemmer = nullptr;
  if (lex != nullptr && !lex->stemmer.empty()) {
    StemmerPtr& slot = state.stemmers[lex->id];
    if (!slot) slot.reset(sb_stemmer_new(lex->stemmer.c_str(), "UTF_8"));
    stemmer = slot.get();
  }

  // setText on a UnicodeString copies nothing when given a read-only alias.
  icu::UnicodeString alias(false, text.getBuffer() + range.begin, range.length());
  auto emit = [&](int32_t start, int32_t end, int32_t rule) {
    if (rule < UBRK_WORD_NUMBER) return;  // spaces and punctuation
    if (lex != nullptr && lex->split_elision && rule < UBRK_WORD_KANA) {
      // Split "l'homme" / "qu’il" after an elided prefix of at most 3 letters.
      for (int32_t k = start + 1; k <= start + 3 && k + 1 < end; ++k) {
        const UChar c = alias.charAt(k);
        if (c == '\'' || c == 0x2019) {
          EmitToken(alias, range.begin, start, k, TokenKind::kWord, *lex, nullptr, &state, out);
          start = k + 1;
          break;
        }
      }
    }
    EmitToken(alias, range.begin, start, end,
              rule < UBRK_WORD_NUMBER_LIMIT ? TokenKind::kNumber
              : rule >= UBRK_WORD_KANA    ? TokenKind::kIdeographic
                                          : TokenKind::kWord,
              lex == nullptr ? NoLexicon() : *lex, stemmer, &state, out);
  };
  // Most sentences of Latin, Greek and Cyrillic text need none of ICU's
  // word break machinery (see simple_word_breaker.h), which is the largest
  // single cost of a summary; it gives the same words.
  std::vector<SimpleWordBreaker::Word>& simple = state.simple_words;
  simple.clear();
  if (SimpleWordBreaker::Break(
          std::u16string_view(reinterpret_cast<const char16_t*>(alias.getBuffer()), range.length()),
          &simple)) {
    for (const SimpleWordBreaker::Word& w : simple) emit(w.begin, w.end, w.status);
    return;
  }
  icu::BreakIterator& words = *state.words;
  words.setText(alias);
  int32_t start = words.first();
  for (int32_t end = words.next(); end != icu::BreakIterator::DONE;
       start = end, end = words.next()) {
    emit(start, end, words.getRuleStatus());
  }
}

bool Tokenizer::HasStemmer(std::string_view language) const {
  auto it = impl_->lexicons.find(std::string(language));
  return it != impl_->lexicons.end() && !it->second.stemmer.empty();
}

bool Tokenizer::HasStopwords(std::string_view language) const {
  auto it = impl_->lexicons.find(std::string(language));
  return it != impl_->lexicons.end() && !it->second.stopwords.empty();
}

bool Tokenizer::IsDependentOpener(std::string_view language, std::string_view term) const {
  auto it = impl_->lexicons.find(std::string(language));
  return it != impl_->lexicons.end() && it->second.openers.contains(std::string(term));
}

}  // namespace precis
