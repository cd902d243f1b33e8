#include "rss_sampler.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace precis::loadgen {

absl::StatusOr<int64_t> ReadResidentKilobytes(int pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  if (!in) return absl::NotFoundError(absl::StrCat("no process ", pid));
  std::string line;
  while (std::getline(in, line)) {
    // "VmRSS:     123456 kB"
    if (line.rfind("VmRSS:", 0) == 0) {
      return std::strtoll(line.c_str() + 6, nullptr, 10);
    }
  }
  return absl::NotFoundError(absl::StrCat("no VmRSS for process ", pid));
}

std::optional<RssGrowth> ComputeRssGrowth(const std::vector<RssSample>& samples,
                                          double warmup_seconds) {
  RssGrowth g;
  for (const RssSample& s : samples) {
    if (s.at_seconds < warmup_seconds) continue;
    if (g.samples == 0) g.baseline_kb = s.rss_kb;
    g.max_kb = std::max(g.max_kb, s.rss_kb);
    g.final_kb = s.rss_kb;
    ++g.samples;
  }
  if (g.samples < 2 || g.baseline_kb <= 0) return std::nullopt;
  g.max_growth = static_cast<double>(g.max_kb - g.baseline_kb) / g.baseline_kb;
  g.final_growth = static_cast<double>(g.final_kb - g.baseline_kb) / g.baseline_kb;
  return g;
}

}  // namespace precis::loadgen
