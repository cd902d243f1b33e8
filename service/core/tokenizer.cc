#include "tokenizer.h"

#include <unordered_map>
#include <unordered_set>

#include "absl/strings/str_cat.h"
#include "libstemmer.h"
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

// Per-thread scratch: a cloned word iterator and the Snowball stemmers this
// thread has used. Keyed by the owning Tokenizer so two tokenizers never
// share state.
struct ThreadState {
  const void* owner = nullptr;
  std::unique_ptr<icu::BreakIterator> words;
  std::unordered_map<std::string, StemmerPtr> stemmers;
  std::string folded;
};

const LanguageLexicon kNoLexicon;

// Folds, marks and stems alias[start, end) and appends it to `out`.
void EmitToken(const icu::UnicodeString& alias, int32_t offset, int32_t start, int32_t end,
               TokenKind kind, const LanguageLexicon& lex, sb_stemmer* stemmer,
               std::vector<Token>* out) {
  UErrorCode status = U_ZERO_ERROR;
  UChar folded[64];
  {
    Token token;
    token.kind = kind;
    token.range = {offset + start, offset + end};
    const UChar32 first = alias.char32At(start);
    token.capitalized = u_isupper(first) || u_istitle(first);
    // Case-fold (full folding: "Straße" and "STRASSE" meet).
    const int32_t len = end - start;
    std::string& term = token.term;
    if (len < 32) {
      int32_t folded_len = u_strFoldCase(folded, 64, alias.getBuffer() + start, len,
                                         lex.fold_options, &status);
      if (U_FAILURE(status)) return;
      icu::UnicodeString(false, folded, folded_len).toUTF8String(term);
    } else {
      icu::UnicodeString word(alias, start, len);
      word.foldCase(lex.fold_options).toUTF8String(term);
    }
    token.stopword = lex.stopwords.contains(term);
    if (stemmer != nullptr && token.kind == TokenKind::kWord && !token.stopword) {
      const sb_symbol* stem = sb_stemmer_stem(
          stemmer, reinterpret_cast<const sb_symbol*>(term.data()), static_cast<int>(term.size()));
      if (stem != nullptr) {
        term.assign(reinterpret_cast<const char*>(stem), sb_stemmer_length(stemmer));
      }
    }
    out->push_back(std::move(token));
  }
}

}  // namespace

struct Tokenizer::Impl {
  std::unique_ptr<icu::BreakIterator> prototype;
  std::unordered_map<std::string, LanguageLexicon> lexicons;

  ThreadState& State() const {
    thread_local ThreadState state;
    if (state.owner != this) {
      state = ThreadState();
      state.owner = this;
      state.words.reset(prototype->clone());
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
    if (!data.stemmer.empty()) {
      sb_stemmer* probe = sb_stemmer_new(data.stemmer.c_str(), "UTF_8");
      if (probe == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat("lexicon/", code, ".yaml: unknown Snowball stemmer '", data.stemmer, "'"));
      }
      sb_stemmer_delete(probe);
      lex.stemmer = data.stemmer;
    }
    if (code == "tr" || code == "az") lex.fold_options = U_FOLD_CASE_EXCLUDE_SPECIAL_I;
    lex.split_elision = code == "fr" || code == "it" || code == "ca";
    lex.stopwords.insert(data.stopwords.begin(), data.stopwords.end());
    lex.openers.insert(data.dependent_openers.begin(), data.dependent_openers.end());
    impl->lexicons.emplace(code, std::move(lex));
  }
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
    StemmerPtr& slot = state.stemmers[lex->stemmer];
    if (!slot) slot.reset(sb_stemmer_new(lex->stemmer.c_str(), "UTF_8"));
    stemmer = slot.get();
  }

  icu::BreakIterator& words = *state.words;
  // setText on a UnicodeString copies nothing when given a read-only alias.
  icu::UnicodeString alias(false, text.getBuffer() + range.begin, range.length());
  words.setText(alias);
  int32_t start = words.first();
  for (int32_t end = words.next(); end != icu::BreakIterator::DONE;
       start = end, end = words.next()) {
    const int32_t rule = words.getRuleStatus();
    if (rule < UBRK_WORD_NUMBER) continue;  // spaces and punctuation
    if (lex != nullptr && lex->split_elision && rule < UBRK_WORD_KANA) {
      // Split "l'homme" / "qu’il" after an elided prefix of at most 3 letters.
      for (int32_t k = start + 1; k <= start + 3 && k + 1 < end; ++k) {
        const UChar c = alias.charAt(k);
        if (c == '\'' || c == 0x2019) {
          EmitToken(alias, range.begin, start, k, TokenKind::kWord, *lex, nullptr, out);
          start = k + 1;
          break;
        }
      }
    }
    EmitToken(alias, range.begin, start, end,
              rule < UBRK_WORD_NUMBER_LIMIT ? TokenKind::kNumber
              : rule >= UBRK_WORD_KANA    ? TokenKind::kIdeographic
                                          : TokenKind::kWord,
              lex == nullptr ? kNoLexicon : *lex, stemmer, out);
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

bool Tokenizer::IsDependentOpener(std::string_view language, std::string_view folded) const {
  auto it = impl_->lexicons.find(std::string(language));
  return it != impl_->lexicons.end() && it->second.openers.contains(std::string(folded));
}

}  // namespace precis
