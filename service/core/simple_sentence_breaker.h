// SimpleSentenceBreaker: the boundaries an ICU sentence break iterator
// finds, computed without ICU for text whose characters its rules treat as
// UAX #29 does (Latin, Greek and Cyrillic letters, digits, and the
// punctuation, spaces and symbols around them).
//
// Create() reads each covered character's Sentence_Break class and keeps
// only the characters on which this model and `prototype` agree in a set
// of probe contexts, so a tailored iterator (another ICU version, Greek) is
// followed or left to ICU, never contradicted. It returns null for an
// iterator that is not rule-based (CLDR suppressions wrap it).
//
// Break() appends the boundaries of `text` strictly between 0 and its length,
// in order, as prototype.next() would report them; false, with `out`
// unspecified, when `text` holds a character not covered (combining marks
// and format characters, which UAX #29 SB5 attaches to their base, other
// scripts, surrogates). Boundaries never look across a paragraph separator,
// so a caller can break line by line and give ICU only the lines refused.
//
// Thread-safe: immutable after Create(). Iterators with the same compiled
// rules share one class table, built once per process (the probes cost a few
// milliseconds per rule set).
#ifndef PRECIS_SERVICE_CORE_SIMPLE_SENTENCE_BREAKER_H_
#define PRECIS_SERVICE_CORE_SIMPLE_SENTENCE_BREAKER_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "unicode/brkiter.h"

namespace precis {

class SimpleSentenceBreaker {
 public:
  static std::unique_ptr<SimpleSentenceBreaker> Create(const icu::BreakIterator& prototype);

  bool Break(std::u16string_view text, std::vector<int32_t>* out) const;

  // Characters below this code point may be covered.
  static constexpr char32_t kTableSize = 0x20D0;

 private:
  using Table = std::array<uint8_t, kTableSize>;
  explicit SimpleSentenceBreaker(std::shared_ptr<const Table> classes)
      : classes_(std::move(classes)) {}
  static std::shared_ptr<const Table> BuildTable(icu::BreakIterator& iterator);

  std::shared_ptr<const Table> classes_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_SIMPLE_SENTENCE_BREAKER_H_
