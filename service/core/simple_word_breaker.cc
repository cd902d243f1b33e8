#include "simple_word_breaker.h"

#include <array>
#include <initializer_list>
#include <memory>

#include "unicode/brkiter.h"
#include "unicode/ubrk.h"
#include "unicode/uchar.h"

namespace precis {
namespace {

// Why not ICU here: its rule-based iterator runs a generic state machine
// with a boundary cache, about 130 instructions per UTF-16 unit of news text,
// the largest single cost of a summary. For the characters covered here the
// Unicode word boundary rules (UAX #29, "Unicode Text Segmentation", section
// 4.1.1) come down to a few joins between neighbours, a table lookup per
// character. tests/core/simple_word_breaker_test.cc checks the result
// against ICU on every covered character in context, on exhaustive short
// strings and on the shared corpora.
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

constexpr char32_t kTableSize = 0x20D0;

bool Covered(char32_t c) { return c < 0x530 || (c >= 0x1E00 && c < kTableSize); }

// Characters WB4 attaches to their predecessor, and scripts with their own
// rules or dictionaries: never handled here.
bool Excluded(char32_t c) {
  switch (u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_WORD_BREAK)) {
    case U_WB_EXTEND:
    case U_WB_FORMAT:
    case U_WB_ZWJ:
    case U_WB_KATAKANA:
    case U_WB_HEBREW_LETTER:
    case U_WB_REGIONAL_INDICATOR:
      return true;
    default:
      return false;
  }
}

// The class ICU's root rules give `c`, read from how the iterator treats it
// next to a letter and a digit rather than from the Word_Break property:
// ICU tailors the property ("@" is a letter since ICU 72, so that e-mail
// addresses stay whole; ":" does not join letters as UAX #29's MidLetter
// would), and reading the behaviour keeps this table true to whichever ICU
// the program runs on.
class IcuProbe {
 public:
  IcuProbe() {
    UErrorCode status = U_ZERO_ERROR;
    iterator_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) iterator_.reset();
  }
  bool ok() const { return iterator_ != nullptr; }

  Class ClassOf(char16_t c) {
    const int32_t alone = Status({c});
    if (alone >= UBRK_WORD_LETTER && alone < UBRK_WORD_LETTER_LIMIT) return kLetter;
    if (alone >= UBRK_WORD_NUMBER && alone < UBRK_WORD_NUMBER_LIMIT) return kNumeric;
    if (alone != UBRK_WORD_NONE) return kUnsupported;
    if (Status({u'a', c}) != -1) return kExtendNumLet;  // "a_" is one word
    const bool letters = Status({u'a', c, u'b'}) != -1;
    const bool digits = Status({u'1', c, u'2'}) != -1;
    if (letters && digits) return kMidNumLet;
    if (letters) return kMidLetter;
    if (digits) return kMidNum;
    return kOther;
  }

 private:
  // The status of `text` when ICU finds it one segment, else -1.
  int32_t Status(std::initializer_list<char16_t> text) {
    const icu::UnicodeString s(false, text.begin(), static_cast<int32_t>(text.size()));
    iterator_->setText(s);
    iterator_->first();
    return iterator_->next() == s.length() ? iterator_->getRuleStatus() : -1;
  }

  std::unique_ptr<icu::BreakIterator> iterator_;
};

const std::array<Class, kTableSize>& Classes() {
  static const std::array<Class, kTableSize> table = [] {
    std::array<Class, kTableSize> t;
    t.fill(kUnsupported);
    IcuProbe probe;
    if (!probe.ok()) return t;  // Everything goes to ICU (which fails the same way).
    for (char32_t c = 0; c < kTableSize; ++c) {
      if (Covered(c) && !Excluded(c)) t[c] = probe.ClassOf(static_cast<char16_t>(c));
    }
    return t;
  }();
  return table;
}

bool IsWordPart(Class c) { return c >= kLetter && c <= kExtendNumLet; }

// True when `mid` joins two neighbours of class `side` (WB6/WB7 for letters,
// WB11/WB12 for digits).
bool MidJoins(Class side, Class mid) {
  if (mid == kMidNumLet) return true;
  return side == kLetter ? mid == kMidLetter : mid == kMidNum;
}

}  // namespace

bool SimpleWordBreaker::Break(std::u16string_view text, std::vector<Word>* out) {
  const std::array<Class, kTableSize>& classes = Classes();
  const int32_t n = static_cast<int32_t>(text.size());
  auto cls = [&](int32_t i) {
    const char16_t u = text[i];
    return u < kTableSize ? classes[u] : kUnsupported;
  };
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
    if (status != UBRK_WORD_NONE) out->push_back({begin, last + 1, status});
    i = last + 1;
  }
  return true;
}

}  // namespace precis
