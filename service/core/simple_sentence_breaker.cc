#include "simple_sentence_breaker.h"

#include <map>
#include <mutex>
#include <string>
#include <typeinfo>

#include "unicode/rbbi.h"
#include "unicode/uchar.h"

namespace precis {
namespace {

// Why not ICU here: its rule-based iterator runs a generic state machine
// with a boundary cache, about 60 instructions per UTF-16 unit, which for
// most text only confirms that nothing but a terminator can end a sentence.
// The rules of UAX #29 ("Unicode Text Segmentation", section 5.1, SB1-SB11)
// are applied directly here: a boundary can only follow a paragraph
// separator or a terminator with its closing punctuation and spaces.
// Ordered so that the main loop tests one bound: the classes below
// kFirstSpecial never start or end a boundary search.
enum Class : uint8_t {
  kOther,      // Any, including SB's Other.
  kOLetter,
  kUpper,
  kLower,
  kNumeric,
  kClose,      // quotes and brackets after a terminator
  kSp,
  kSContinue,  // ',' ';' ':' '-' ...
  kATerm,      // '.'
  kSTerm,      // '!' '?'
  kSep,
  kCR,
  kLF,
  kUnsupported,
};
constexpr uint8_t kFirstSpecial = kATerm;

bool Covered(char32_t c) {
  return c < 0x530 || (c >= 0x1E00 && c < SimpleSentenceBreaker::kTableSize);
}

Class FromProperty(char32_t c) {
  switch (u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_SENTENCE_BREAK)) {
    case U_SB_OTHER: return kOther;
    case U_SB_OLETTER: return kOLetter;
    case U_SB_UPPER: return kUpper;
    case U_SB_LOWER: return kLower;
    case U_SB_NUMERIC: return kNumeric;
    case U_SB_ATERM: return kATerm;
    case U_SB_STERM: return kSTerm;
    case U_SB_CLOSE: return kClose;
    case U_SB_SP: return kSp;
    case U_SB_SCONTINUE: return kSContinue;
    case U_SB_SEP: return kSep;
    case U_SB_CR: return kCR;
    case U_SB_LF: return kLF;
    default: return kUnsupported;  // Extend, Format
  }
}

bool IsParaSep(uint8_t c) { return c == kSep || c == kCR || c == kLF; }
bool IsSATerm(uint8_t c) { return c == kATerm || c == kSTerm; }

// UAX #29 on `text` with character classes `classes`: appends the
// boundaries in (0, n); false at the first unsupported character.
bool Boundaries(const uint8_t* classes, std::u16string_view text, std::vector<int32_t>* out) {
  const int32_t n = static_cast<int32_t>(text.size());
  auto cls = [&](int32_t i) -> uint8_t {
    const char16_t u = text[i];
    return u < SimpleSentenceBreaker::kTableSize ? classes[u] : uint8_t{kUnsupported};
  };
  // Four ordinary characters at a time: all four below kTableSize (their OR
  // is; a false "no" only sends the block to the one-at-a-time loop) and no
  // class with the kFirstSpecial bit. Most text is nothing else.
  static_assert(kFirstSpecial == 8 && kUnsupported < 16, "classes >= 8 have bit 3 set");
  const char16_t* const u = text.data();
  auto ordinary4 = [&](int32_t i) {
    const char16_t u0 = u[i], u1 = u[i + 1], u2 = u[i + 2], u3 = u[i + 3];
    if (static_cast<char16_t>(u0 | u1 | u2 | u3) >= SimpleSentenceBreaker::kTableSize) {
      return false;
    }
    return ((classes[u0] | classes[u1] | classes[u2] | classes[u3]) & kFirstSpecial) == 0;
  };
  int32_t i = 0;
  while (i < n) {
    while (i + 4 <= n && ordinary4(i)) i += 4;  // SB998
    if (i >= n) break;
    const uint8_t c = cls(i);
    if (c < kFirstSpecial) {  // SB998
      ++i;
      continue;
    }
    if (c == kUnsupported) return false;
    if (IsParaSep(c)) {
      if (c == kCR && i + 1 < n && cls(i + 1) == kLF) ++i;  // SB3
      if (i + 1 < n) out->push_back(i + 1);                 // SB4
      ++i;
      continue;
    }
    int32_t term = i;
    int32_t j = i + 1;
    bool boundary = false;
    while (true) {
      while (j < n && cls(j) == kClose) ++j;  // SB9
      while (j < n && cls(j) == kSp) ++j;     // SB10
      if (j >= n) break;
      const uint8_t next = cls(j);
      if (next == kUnsupported) return false;
      if (IsParaSep(next)) break;  // SB9/SB10 before it, SB4 after it
      if (IsSATerm(next)) {        // SB8a: a new terminator continues the sequence
        term = j++;
        continue;
      }
      if (next == kSContinue) break;  // SB8a
      if (cls(term) == kATerm) {
        const bool adjacent = j == term + 1;
        if (adjacent && next == kNumeric) break;  // SB6
        if (adjacent && next == kUpper && term > 0 &&
            (cls(term - 1) == kUpper || cls(term - 1) == kLower)) {
          break;  // SB7
        }
        // SB8: no break before a lower-case letter that follows with no
        // letter, separator or terminator in between. (An unsupported
        // character on the way is met again by the main loop.)
        int32_t m = j;
        uint8_t k = next;
        while (k != kOLetter && k != kUpper && k != kLower && !IsParaSep(k) && !IsSATerm(k) &&
               ++m < n) {
          k = cls(m);
        }
        if (m < n && k == kLower) break;
      }
      boundary = true;  // SB11
      break;
    }
    if (boundary) out->push_back(j);
    i = j;
  }
  return true;
}

// Probe texts in which every character is tried against `prototype`: after
// and before letters of both cases, digits, terminators and spaces.
std::vector<std::u16string> ProbeContexts(char16_t c) {
  const std::u16string x(1, c);
  return {x,
          u"a" + x + u"b",    u"a" + x + u" B",   u"a." + x + u" B",  u"a. " + x + u"b",
          u"a. " + x + u"B",  u"a?" + x + u" B",  u"A." + x + u"B",   u"a.\n" + x,
          x + u". b",         x + u" b. C",       u"a " + x + u". b", u"1." + x + u"2",
          u"a." + x + u"b",   u"a. " + x + u" b", u"a? " + x + u"B",  x + x + u" B. c"};
}

}  // namespace

std::unique_ptr<SimpleSentenceBreaker> SimpleSentenceBreaker::Create(
    const icu::BreakIterator& prototype) {
  // A CLDR-suppression wrapper (FilteredBreakIterator) is not rule-based and
  // moves boundaries this model does not know.
  if (typeid(prototype) != typeid(icu::RuleBasedBreakIterator)) return nullptr;
  // getBinaryRules() is not const: ask a clone.
  std::unique_ptr<icu::BreakIterator> it(prototype.clone());
  if (it == nullptr) return nullptr;
  uint32_t length = 0;
  const uint8_t* rules = static_cast<icu::RuleBasedBreakIterator&>(*it).getBinaryRules(length);
  if (rules == nullptr || length == 0) return nullptr;
  static std::mutex mutex;
  static auto* const tables = new std::map<std::string, std::shared_ptr<const Table>>;
  std::lock_guard<std::mutex> lock(mutex);
  std::shared_ptr<const Table>& table =
      (*tables)[std::string(reinterpret_cast<const char*>(rules), length)];
  if (table == nullptr) table = BuildTable(*it);
  return std::unique_ptr<SimpleSentenceBreaker>(new SimpleSentenceBreaker(table));
}

std::shared_ptr<const SimpleSentenceBreaker::Table> SimpleSentenceBreaker::BuildTable(
    icu::BreakIterator& it) {
  auto table = std::make_shared<Table>();
  Table& classes = *table;
  for (char32_t c = 0; c < kTableSize; ++c) {
    classes[c] = Covered(c) ? FromProperty(c) : kUnsupported;
  }
  // Keep a character only where the model gives ICU's boundaries.
  std::vector<int32_t> mine, icu;
  for (char32_t c = 0; c < kTableSize; ++c) {
    if (classes[c] == kUnsupported) continue;
    for (const std::u16string& probe : ProbeContexts(static_cast<char16_t>(c))) {
      mine.clear();
      icu.clear();
      const int32_t n = static_cast<int32_t>(probe.size());
      if (!Boundaries(classes.data(), probe, &mine)) continue;
      const icu::UnicodeString s(false, probe.data(), n);
      it.setText(s);
      for (int32_t b = it.next(); b != icu::BreakIterator::DONE && b < n; b = it.next()) {
        icu.push_back(b);
      }
      if (mine != icu) {
        classes[c] = kUnsupported;
        break;
      }
    }
  }
  return table;
}

bool SimpleSentenceBreaker::Break(std::u16string_view text, std::vector<int32_t>* out) const {
  return Boundaries(classes_->data(), text, out);
}

}  // namespace precis
