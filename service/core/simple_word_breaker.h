// SimpleWordBreaker: the words and numbers that ICU's root word break
// iterator finds, computed without ICU for text whose characters need none
// of its dictionaries or special rules (Latin, Greek and Cyrillic letters,
// digits, and the punctuation, spaces and symbols around them).
//
// Break() appends each word or number of `text` (UTF-16) in order, with the
// rule status ICU's getRuleStatus() gives it (UBRK_WORD_LETTER or
// UBRK_WORD_NUMBER range). It returns false, with `out` unspecified, when
// `text` holds a character it does not cover: combining marks, format
// characters and ZWJ (UAX #29 WB4 attaches them to their base), Hebrew,
// Katakana, CJK and South-East Asian scripts, surrogates, and anything
// outside U+0000-052F and U+1E00-20CF. The caller then runs ICU.
//
// Thread-safe: stateless; the character classes are read once, on first
// use, from how ICU's root word iterator treats each character (the
// Word_Break property only excludes the characters listed above).
#ifndef PRECIS_SERVICE_CORE_SIMPLE_WORD_BREAKER_H_
#define PRECIS_SERVICE_CORE_SIMPLE_WORD_BREAKER_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace precis {

class SimpleWordBreaker {
 public:
  struct Word {
    int32_t begin = 0;  // UTF-16 offsets in `text`.
    int32_t end = 0;
    int32_t status = 0;  // As icu::BreakIterator::getRuleStatus().
  };

  static bool Break(std::u16string_view text, std::vector<Word>* out);
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_SIMPLE_WORD_BREAKER_H_
