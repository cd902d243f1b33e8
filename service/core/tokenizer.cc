#include "tokenizer.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "absl/base/attributes.h"
#include "absl/strings/str_cat.h"
#include "hash_mix.h"
#include "libstemmer.h"
#include "simple_word_breaker.h"
#include "unicode/brkiter.h"
#include "unicode/uchar.h"
#include "unicode/utf16.h"
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

// The memo: open addressing with linear probing over a power-of-two slot
// array; each slot holds the upper half of its entry's hash and the entry's
// index, so a probe rejects other words without touching their entries. An
// entry is keyed by a tag (lexicon, token kind, stemmed or not) and the
// word's UTF-16 units, kept in one arena. Why not std::unordered_map: it
// hashed unit by unit, compared keys with char_traits' unit loop, and, not
// caching hashes, rehashed a neighbour's key on a bucket miss; most tokens
// are memo hits, so the lookup is most of a token's cost. Here the hash and
// the comparison read four units per step. Results do not depend on the
// memo (a cache of ComputeTerm), only the cost does.
inline uint64_t Load64(const char16_t* p) { return LoadUnaligned<uint64_t>(p); }

// Words of four units and more are read four units at a time, the last four
// overlapping the previous step rather than a tail read unit by unit; a
// shorter word (1 to 3 units) is all of its units 0, n / 2 and n - 1.
uint64_t HashWord(uint32_t tag, const char16_t* s, size_t n) {
  uint64_t h = HashMixStep(0xCBF29CE484222325ull, (static_cast<uint64_t>(tag) << 8) ^ n);
  if (n >= 4) {
    for (size_t i = 0; i + 4 < n; i += 4) h = HashMixStep(h, Load64(s + i));
    h = HashMixStep(h, Load64(s + n - 4));
  } else if (n > 0) {
    h = HashMixStep(h, s[0] | static_cast<uint64_t>(s[n / 2]) << 16 |
                       static_cast<uint64_t>(s[n - 1]) << 32);
  }
  return h ^ (h >> 32);
}

// a == b for two words of the same length `n` (read as HashWord does).
inline bool SameUnits(const char16_t* a, const char16_t* b, size_t n) {
  if (n >= 4) {
    for (size_t i = 0; i + 4 < n; i += 4) {
      if (Load64(a + i) != Load64(b + i)) return false;
    }
    return Load64(a + n - 4) == Load64(b + n - 4);
  }
  return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

class TermMemo {
 public:
  size_t size() const { return entries_.size(); }

  void clear() {
    entries_.clear();
    units_.clear();
    std::fill(slots_.begin(), slots_.end(), Slot{});
  }

  // The memoized result for `word` under `tag`, or null.
  const TermInfo* Find(uint64_t hash, uint32_t tag, std::u16string_view word) const {
    if (slots_.empty()) return nullptr;  // Before the first Insert.
    const uint32_t check = static_cast<uint32_t>(hash >> 32);
    // Ends at an empty slot: at most half the slots are used.
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.entry == 0) return nullptr;
      if (slot.check != check) continue;
      const Entry& e = entries_[slot.entry - 1];
      if (e.key == (static_cast<uint64_t>(tag) << 32 | word.size()) &&
          SameUnits(units_.data() + e.begin, word.data(), word.size())) {
        return &e.info;
      }
    }
  }

  // Adds `word` (not present) under `tag`; returns its stored result.
  const TermInfo* Insert(uint64_t hash, uint32_t tag, std::u16string_view word, TermInfo info) {
    if (2 * (entries_.size() + 1) > slots_.size()) Grow();
    Entry& e = entries_.emplace_back();
    e.begin = static_cast<uint32_t>(units_.size());
    e.key = static_cast<uint64_t>(tag) << 32 | word.size();
    e.hash = hash;
    e.info = std::move(info);
    units_.append(word);
    Place(hash, static_cast<uint32_t>(entries_.size()));
    return &e.info;
  }

 private:
  struct Slot {
    uint32_t check = 0;  // Upper half of the entry's hash.
    uint32_t entry = 0;  // Index in entries_ plus one; 0 for an empty slot.
  };
  struct Entry {
    uint32_t begin = 0;  // Offset of the word in units_.
    uint64_t key = 0;    // The tag in the upper half, the word's length below.
    uint64_t hash = 0;
    TermInfo info;
  };

  void Place(uint64_t hash, uint32_t entry) {
    size_t i = hash & mask_;
    while (slots_[i].entry != 0) i = (i + 1) & mask_;
    slots_[i] = {static_cast<uint32_t>(hash >> 32), entry};
  }

  void Grow() {
    const size_t capacity = slots_.empty() ? 1024 : 2 * slots_.size();
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (size_t k = 0; k < entries_.size(); ++k) {
      Place(entries_[k].hash, static_cast<uint32_t>(k + 1));
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<Entry> entries_;
  std::u16string units_;
};

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
  // The last language asked for and its lexicon (null for none): a text's
  // sentences come one after another in the same language.
  std::string language;
  const LanguageLexicon* lexicon = nullptr;
  bool has_language = false;
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

// The term of the word [s, s + len) when the memo has none yet: computed
// and remembered. Kept out of line: most tokens are memo hits.
ABSL_ATTRIBUTE_NOINLINE const TermInfo* MemoMiss(const UChar* s, int32_t len, TokenKind kind,
                                                 const LanguageLexicon& lex, sb_stemmer* stemmer,
                                                 uint64_t hash, uint32_t tag, ThreadState* state) {
  if (state->memo.size() >= kMaxMemoEntries) state->memo.clear();
  TermInfo info;
  ComputeTerm(s, len, kind, lex, stemmer, &info);
  return state->memo.Insert(hash, tag, std::u16string_view(reinterpret_cast<const char16_t*>(s), len),
                            std::move(info));
}

// What the tokens of one Tokenize call share: passed as one pointer, so a
// token's call passes five arguments, all in registers, rather than ten.
struct TokenSink {
  const UChar* buffer = nullptr;  // The range's first unit.
  int32_t length = 0;             // Units in the range.
  int32_t offset = 0;             // The range's start in the text.
  const LanguageLexicon* lex = nullptr;  // NoLexicon() when the language has none.
  ThreadState* state = nullptr;
  std::vector<Token>* out = nullptr;
};

// Appends the token buffer[start, end) to `out`, its term from the memo and
// the token built in place with a copy of it (no empty string first).
inline void EmitToken(const TokenSink& sink, int32_t start, int32_t end, TokenKind kind,
                      sb_stemmer* stemmer) {
  const UChar* s = sink.buffer + start;
  const int32_t len = end - start;
  const TextRange range{sink.offset + start, sink.offset + end};
  bool capitalized;
  const UChar first = s[0];
  if (first < 0x80) {
    capitalized = first >= 'A' && first <= 'Z';
  } else {
    UChar32 c;
    U16_GET(sink.buffer, 0, start, sink.length, c);  // As UnicodeString::char32At.
    capitalized = u_isupper(c) || u_istitle(c);
  }
  const LanguageLexicon& lex = *sink.lex;
  if (len > kMaxMemoWord) {
    TermInfo info;
    ComputeTerm(s, len, kind, lex, stemmer, &info);
    sink.out->push_back(Token{range, std::move(info.term), kind, info.stopword, capitalized});
    return;
  }
  const uint32_t tag = static_cast<uint32_t>(lex.id + 1) << 8 |
                       static_cast<uint32_t>(static_cast<int>(kind) * 2 + (stemmer != nullptr));
  const char16_t* word = reinterpret_cast<const char16_t*>(s);
  const uint64_t hash = HashWord(tag, word, static_cast<size_t>(len));
  const TermInfo* found =
      sink.state->memo.Find(hash, tag, std::u16string_view(word, static_cast<size_t>(len)));
  if (found == nullptr) found = MemoMiss(s, len, kind, lex, stemmer, hash, tag, sink.state);
  // Filled in place: Token{...} would copy the term into a temporary and
  // move it (clang 14 has no parenthesized aggregate init for emplace_back).
  Token& token = sink.out->emplace_back();
  token.range = range;
  token.term = found->term;
  token.kind = kind;
  token.stopword = found->stopword;
  token.capitalized = capitalized;
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
  if (!state.has_language || state.language != language) {
    auto it = impl_->lexicons.find(std::string(language));
    state.lexicon = it != impl_->lexicons.end() ? &it->second : nullptr;
    state.language = language;
    state.has_language = true;
  }
  const LanguageLexicon* lex = state.lexicon;
  sb_stemmer* stemmer = nullptr;
  if (lex != nullptr && !lex->stemmer.empty()) {
    StemmerPtr& slot = state.stemmers[lex->id];
    if (!slot) slot.reset(sb_stemmer_new(lex->stemmer.c_str(), "UTF_8"));
    stemmer = slot.get();
  }

  const UChar* buffer = text.getBuffer() + range.begin;
  const int32_t length = range.length();
  TokenSink sink;
  sink.buffer = buffer;
  sink.length = length;
  sink.offset = range.begin;
  sink.lex = lex == nullptr ? &NoLexicon() : lex;
  sink.state = &state;
  sink.out = out;
  auto emit = [&](int32_t start, int32_t end, int32_t rule) {
    if (rule < UBRK_WORD_NUMBER) return;  // spaces and punctuation
    if (lex != nullptr && lex->split_elision && rule < UBRK_WORD_KANA) {
      // Split "l'homme" / "qu’il" after an elided prefix of at most 3 letters.
      for (int32_t k = start + 1; k <= start + 3 && k + 1 < end; ++k) {
        const UChar c = buffer[k];
        if (c == '\'' || c == 0x2019) {
          EmitToken(sink, start, k, TokenKind::kWord, nullptr);
          start = k + 1;
          break;
        }
      }
    }
    EmitToken(sink, start, end,
              rule < UBRK_WORD_NUMBER_LIMIT ? TokenKind::kNumber
              : rule >= UBRK_WORD_KANA    ? TokenKind::kIdeographic
                                          : TokenKind::kWord,
              stemmer);
  };
  // Most sentences of Latin, Greek and Cyrillic text need none of ICU's
  // word break machinery (see simple_word_breaker.h), which is the largest
  // single cost of a summary; it gives the same words.
  // Tokens are made as the breaker finds words; when it meets a character
  // it does not cover, those tokens are dropped and ICU starts over.
  const size_t first_token = out->size();
  if (SimpleWordBreaker::ForEachWord(
          std::u16string_view(reinterpret_cast<const char16_t*>(buffer), length), emit)) {
    return;
  }
  out->resize(first_token);
  // setText on a UnicodeString copies nothing when given a read-only alias.
  const icu::UnicodeString alias(false, buffer, length);
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
