// FactExtractor: typed, normalized facts (dates, times, money, percentages,
// quantities, numbers, names) from a segmented, normalized text.
//
// Input: the normalized text, its sentences (ranges into the text), the
// language, and the reference time and zone that anchor relative dates.
// Output: one Fact per distinct (type, value, unit), with every mention, in
// order of first mention. Ranking and truncation happen in the engine.
//
// Thread-safe: Extract() is const; the extractor is immutable after Create.
#ifndef PRECIS_SERVICE_CORE_FACT_EXTRACTOR_H_
#define PRECIS_SERVICE_CORE_FACT_EXTRACTOR_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "fact.h"
#include "language_resources.h"
#include "text_range.h"
#include "unicode/unistr.h"

namespace precis {

struct FactContext {
  std::string language;          // e.g. "en"; unknown languages use rules
                                 // that need no words (numbers, %, symbols).
  int64_t reference_time_ms = 0;  // Unix epoch milliseconds ("now").
  std::string time_zone = "UTC";  // IANA id, already validated.
};

class FactExtractor {
 public:
  // `languages` maps a language code to its fact rules.
  static absl::StatusOr<std::unique_ptr<FactExtractor>> Create(
      const std::map<std::string, FactRulesData>& languages);
  ~FactExtractor();

  // `sentences` are the ranges of the text's sentences, in order; facts are
  // only looked for inside them. `skip` (same size, may be empty) marks
  // sentences to ignore (headline is NOT skipped; boilerplate is).
  std::vector<Fact> Extract(const icu::UnicodeString& text,
                            const std::vector<TextRange>& sentences,
                            const std::vector<bool>& skip,
                            const FactContext& context) const;

 private:
  struct Impl;
  explicit FactExtractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_FACT_EXTRACTOR_H_
