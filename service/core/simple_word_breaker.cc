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
// strings and on the shared corpora. The classes and the word loop
// (ForEachWord) are in simple_word_breaker.h, so that the tokenizer's
// per-word work runs inside the loop.
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

// The rule status ICU's root word iterator gives a piece of text when it
// finds the text one segment, else -1: SimpleWordBreaker::Classes() reads
// each character's class from these answers.
class IcuProbe {
 public:
  IcuProbe() {
    UErrorCode status = U_ZERO_ERROR;
    iterator_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) iterator_.reset();
  }
  bool ok() const { return iterator_ != nullptr; }

  int32_t Status(std::initializer_list<char16_t> text) {
    const icu::UnicodeString s(false, text.begin(), static_cast<int32_t>(text.size()));
    iterator_->setText(s);
    iterator_->first();
    return iterator_->next() == s.length() ? iterator_->getRuleStatus() : -1;
  }

 private:
  std::unique_ptr<icu::BreakIterator> iterator_;
};

}  // namespace

const SimpleWordBreaker::ClassTable& SimpleWordBreaker::Classes() {
  // The class ICU's root rules give `c`, read from how the iterator treats
  // it next to a letter and a digit rather than from the Word_Break
  // property: ICU tailors the property ("@" is a letter since ICU 72, so
  // that e-mail addresses stay whole; ":" does not join letters as UAX #29's
  // MidLetter would), and reading the behaviour keeps this table true to
  // whichever ICU the program runs on.
  auto class_of = [](IcuProbe& probe, char16_t c) {
    const int32_t alone = probe.Status({c});
    if (alone >= UBRK_WORD_LETTER && alone < UBRK_WORD_LETTER_LIMIT) return kLetter;
    if (alone >= UBRK_WORD_NUMBER && alone < UBRK_WORD_NUMBER_LIMIT) return kNumeric;
    if (alone != UBRK_WORD_NONE) return kUnsupported;
    if (probe.Status({u'a', c}) != -1) return kExtendNumLet;  // "a_" is one word
    const bool letters = probe.Status({u'a', c, u'b'}) != -1;
    const bool digits = probe.Status({u'1', c, u'2'}) != -1;
    if (letters && digits) return kMidNumLet;
    if (letters) return kMidLetter;
    if (digits) return kMidNum;
    return kOther;
  };
  // On the heap, built in place (not 64 KB on a thread's stack); never freed.
  static const ClassTable* const table = [&] {
    auto* t = new ClassTable;
    t->fill(kUnsupported);
    IcuProbe probe;
    if (!probe.ok()) return t;  // Everything goes to ICU (which fails the same way).
    for (char32_t c = 0; c < kTableSize; ++c) {
      if (Covered(c) && !Excluded(c)) (*t)[c] = class_of(probe, static_cast<char16_t>(c));
    }
    return t;
  }();
  return *table;
}

bool SimpleWordBreaker::Break(std::u16string_view text, std::vector<Word>* out) {
  return ForEachWord(text, [out](int32_t begin, int32_t end, int32_t status) {
    out->push_back({begin, end, status});
  });
}

}  // namespace precis
