// Resident memory of another process, for soak runs: VmRSS from
// /proc/<pid>/status, and the growth of a series of samples after warm-up.
#ifndef PRECIS_TOOLS_LOADGEN_RSS_SAMPLER_H_
#define PRECIS_TOOLS_LOADGEN_RSS_SAMPLER_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"

namespace precis::loadgen {

// VmRSS of `pid` in KiB; NOT_FOUND when the process is gone.
absl::StatusOr<int64_t> ReadResidentKilobytes(int pid);

struct RssSample {
  double at_seconds = 0;  // Since the start of the load.
  int64_t rss_kb = 0;
  int64_t ok = 0;          // Successful calls completed in the interval.
  int64_t failed = 0;      // Failed calls completed in the interval.
};

struct RssGrowth {
  int64_t baseline_kb = 0;  // First sample at or after the warm-up.
  int64_t max_kb = 0;       // Largest sample after the baseline.
  int64_t final_kb = 0;     // Last sample.
  double max_growth = 0;    // (max - baseline) / baseline.
  double final_growth = 0;  // (final - baseline) / baseline.
  int samples = 0;          // Samples from the baseline on.
};

// Growth of the samples taken at or after `warmup_seconds`; nullopt when
// there are fewer than two of them.
std::optional<RssGrowth> ComputeRssGrowth(const std::vector<RssSample>& samples,
                                          double warmup_seconds);

}  // namespace precis::loadgen

#endif  // PRECIS_TOOLS_LOADGEN_RSS_SAMPLER_H_
