#include "paired_bootstrap.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace precis::eval {

PairedComparison ComparePaired(const std::vector<double>& a,
                               const std::vector<double>& b,
                               const BootstrapOptions& options) {
  PairedComparison out;
  const size_t n = std::min(a.size(), b.size());
  if (n == 0) return out;
  std::vector<double> d(n);
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    d[i] = a[i] - b[i];
    sum += d[i];
    if (d[i] > options.tie_epsilon) {
      ++out.wins;
    } else if (d[i] < -options.tie_epsilon) {
      ++out.losses;
    } else {
      ++out.ties;
    }
  }
  out.mean_difference = sum / n;
  if (options.resamples <= 0) {
    out.ci_low = out.ci_high = out.mean_difference;
    return out;
  }
  // Resample articles with replacement, keeping each article's pair intact
  // (the articles, not the systems, are the random sample).
  std::mt19937_64 rng(options.seed);
  std::uniform_int_distribution<size_t> pick(0, n - 1);
  std::vector<double> means(options.resamples);
  for (double& m : means) {
    double s = 0;
    for (size_t i = 0; i < n; ++i) s += d[pick(rng)];
    m = s / n;
  }
  std::sort(means.begin(), means.end());
  const double alpha = (1 - options.confidence) / 2;
  auto quantile = [&](double q) {
    const double pos = q * (means.size() - 1);
    const size_t lo = static_cast<size_t>(std::floor(pos));
    const size_t hi = std::min(lo + 1, means.size() - 1);
    return means[lo] + (pos - lo) * (means[hi] - means[lo]);
  };
  out.ci_low = quantile(alpha);
  out.ci_high = quantile(1 - alpha);
  return out;
}

}  // namespace precis::eval
