// Tokenizer: words of a normalized text with ICU word break (dictionary-based
// for Chinese, Japanese, Thai, Khmer, Lao, Burmese), case folding, Snowball
// stemming and stopword marking per language.
//
// Output tokens are in document order; `term` is the folded, stemmed form
// used for similarity (UTF-8). Punctuation and spaces are not tokens.
//
// Thread-safe: Tokenize() is const; each thread keeps its own cloned word
// iterator and Snowball stemmers (Snowball stemmers are not reentrant), and
// a thread_local memo from a word's text to its folded, stemmed term and
// stopword flag (at most 32,768 words of up to 32 UTF-16 units per thread,
// a few MB at most; emptied when full). Folding and stemming each distinct
// word once per thread makes tokens cost a hash lookup: results are the
// same with or without the memo.
#ifndef PRECIS_SERVICE_CORE_TOKENIZER_H_
#define PRECIS_SERVICE_CORE_TOKENIZER_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "language_resources.h"
#include "text_range.h"
#include "unicode/unistr.h"

namespace precis {

enum class TokenKind { kWord, kNumber, kIdeographic };

struct Token {
  TextRange range;
  std::string term;  // Case-folded and stemmed.
  TokenKind kind = TokenKind::kWord;
  bool stopword = false;
  bool capitalized = false;  // First letter upper/title case.
};

class Tokenizer {
 public:
  // `lexicons` maps language codes to stopwords and stemmer names; an
  // unknown Snowball algorithm name fails with INVALID_ARGUMENT.
  static absl::StatusOr<std::unique_ptr<Tokenizer>> Create(
      const std::map<std::string, LexiconData>& lexicons);
  ~Tokenizer();

  // Appends the tokens of text[range] to `out`.
  void Tokenize(const icu::UnicodeString& text, TextRange range,
                std::string_view language, std::vector<Token>* out) const;

  // True when the language has a stemmer / stopwords.
  bool HasStemmer(std::string_view language) const;
  bool HasStopwords(std::string_view language) const;
  // True when `term` (a Token::term: case-folded, and stemmed unless a
  // stopword) is a dependent sentence opener of the language's lexicon.
  bool IsDependentOpener(std::string_view language, std::string_view term) const;

 private:
  struct Impl;
  explicit Tokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_TOKENIZER_H_
