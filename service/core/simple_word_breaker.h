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

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "unicode/ubrk.h"

namespace precis {

class SimpleWordBreaker {
 public:
  struct Word {
    int32_t begin = 0;  // UTF-16 offsets in `text`.
    int32_t end = 0;
    int32_t status = 0;  // As icu::BreakIterator::getRuleStatus().
  };

  static bool Break(std::u16string_view text, std::vector<Word>* out);

  // As Break, but calls `fn(begin, end, status)` for each word as it is
  // found instead of storing it (no vector between the breaker and its
  // caller). When it returns false `fn` may already have had the words
  // before the uncovered character: the caller undoes what it made of them.
  template <typename Fn>
  static bool ForEachWord(std::u16string_view text, Fn&& fn);

 private:
  // Ordered so that one bound separates the parts of words (kLetter and up)
  // from what lies between them.
  enum Class : uint8_t {
    kOther,         // Breaks on both sides (spaces, newlines, most punctuation).
    kMidLetter,     // MidLetter: joins two letters (U+00B7 middle dot).
    kMidNum,        // MidNum: joins two digits (',' ';').
    kMidNumLet,     // MidNumLet and Single_Quote: joins either ('.', U+0027, U+2019).
    kLetter,        // ALetter
    kNumeric,       // Numeric
    kExtendNumLet,  // ExtendNumLet: joins to letters, digits and itself ('_').
    kUnsupported,
  };
  // One class per UTF-16 unit, all 65,536 of them, so the per-unit lookup
  // needs no range check: 64 KB, of which Latin, Greek and Cyrillic text
  // touches the first few cache lines. Built on first use.
  using ClassTable = std::array<Class, 0x10000>;
  static const ClassTable& Classes();

  static bool IsWordPart(Class c) { return c >= kLetter && c <= kExtendNumLet; }
  // True when `mid` joins two neighbours of class `side` (WB6/WB7 for
  // letters, WB11/WB12 for digits).
  static bool MidJoins(Class side, Class mid) {
    if (mid == kMidNumLet) return true;
    return side == kLetter ? mid == kMidLetter : mid == kMidNum;
  }
};

template <typename Fn>
bool SimpleWordBreaker::ForEachWord(std::u16string_view text, Fn&& fn) {
  const ClassTable& classes = Classes();
  const int32_t n = static_cast<int32_t>(text.size());
  auto cls = [&](int32_t i) { return classes[static_cast<uint16_t>(text[i])]; };
  int32_t i = 0;
  while (i < n) {
    const Class c = cls(i);
    if (c < kLetter) {
      ++i;
      continue;
    }
    if (c == kUnsupported) return false;
    const int32_t begin = i;
    int32_t last = i;  // Last unit of the word so far.
    Class tail = c;    // Its class.
    while (last + 1 < n) {
      const Class next = cls(last + 1);
      if (IsWordPart(next)) {
        // WB5, WB8-WB10 (letters and digits), WB13a/b (ExtendNumLet with
        // either): any two of letter, digit and ExtendNumLet join.
        ++last;
        tail = next;
      } else if (next != kOther && (tail == kLetter || tail == kNumeric) && last + 2 < n &&
                 MidJoins(tail, next) && cls(last + 2) == tail) {
        last += 2;
      } else {
        break;  // An unsupported character next is met by the outer loop.
      }
    }
    int32_t status;
    // ICU reports the status of the rule that joined the last unit: a
    // trailing digit gives a number ("a1"), a trailing letter a word ("1a"),
    // a trailing ExtendNumLet what its predecessor gives ("1_" a number,
    // "a_" and "__" words); a lone ExtendNumLet is not a word.
    if (tail == kLetter) {
      status = UBRK_WORD_LETTER;
    } else if (tail == kNumeric) {
      status = UBRK_WORD_NUMBER;
    } else if (last == begin) {
      status = UBRK_WORD_NONE;
    } else {
      status = cls(last - 1) == kNumeric ? UBRK_WORD_NUMBER : UBRK_WORD_LETTER;
    }
    if (status != UBRK_WORD_NONE) fn(begin, last + 1, status);
    i = last + 1;
  }
  return true;
}

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_SIMPLE_WORD_BREAKER_H_
