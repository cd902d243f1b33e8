// Per-call options of Engine::Summarize (the core's view of SummarizeRequest).
#ifndef PRECIS_SERVICE_CORE_SUMMARIZE_OPTIONS_H_
#define PRECIS_SERVICE_CORE_SUMMARIZE_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace precis {

// The summary budget; at most one kind is set.
struct LengthBudget {
  enum class Kind { kDefault, kSentences, kRatio, kWords, kChars };
  Kind kind = Kind::kDefault;
  // Sentences, words or chars for the integral kinds; the fraction for kRatio.
  double value = 0;
};

struct SummarizeOptions {
  // BCP-47 hint; empty = detect.
  std::string language;
  LengthBudget length;
  // Unix epoch milliseconds; unset = now.
  std::optional<int64_t> reference_time_ms;
  // IANA zone; empty = UTC.
  std::string time_zone;
  // BCP-47 locales to render facts for.
  std::vector<std::string> target_locales;
  // 0 = the configured default.
  int32_t max_facts = 0;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_SUMMARIZE_OPTIONS_H_
