// Paired comparison of two systems' per-article scores: mean difference,
// its percentile-bootstrap confidence interval (Efron & Tibshirani 1993;
// for summarization, Koehn 2004 / Dror et al. 2018 style paired resampling)
// and win/tie/loss counts. Deterministic for a given seed. Thread-safe.
#ifndef PRECIS_TOOLS_EVAL_PAIRED_BOOTSTRAP_H_
#define PRECIS_TOOLS_EVAL_PAIRED_BOOTSTRAP_H_

#include <cstdint>
#include <vector>

namespace precis::eval {

struct PairedComparison {
  double mean_difference = 0;  // mean(a - b)
  double ci_low = 0;           // Percentile interval of mean(a - b).
  double ci_high = 0;
  int wins = 0;  // Articles where a > b (beyond `tie_epsilon`).
  int ties = 0;
  int losses = 0;
};

struct BootstrapOptions {
  int resamples = 1000;
  double confidence = 0.95;
  uint64_t seed = 20240601;
  double tie_epsilon = 1e-9;
};

// `a` and `b` are aligned per article and of equal size.
PairedComparison ComparePaired(const std::vector<double>& a,
                               const std::vector<double>& b,
                               const BootstrapOptions& options = {});

}  // namespace precis::eval

#endif  // PRECIS_TOOLS_EVAL_PAIRED_BOOTSTRAP_H_
