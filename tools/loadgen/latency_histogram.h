// LatencyHistogram: a fixed-size log-linear histogram of durations in
// nanoseconds (HdrHistogram's layout with 64 sub-buckets per power of two:
// every recorded value is known to within 1/64 = 1.6%, from 1 ns to ~18 min).
//
// Recording is O(1) with no allocation; one histogram per thread, merged at
// the end. Not thread-safe: a histogram is written by one thread at a time.
#ifndef PRECIS_TOOLS_LOADGEN_LATENCY_HISTOGRAM_H_
#define PRECIS_TOOLS_LOADGEN_LATENCY_HISTOGRAM_H_

#include <array>
#include <cstdint>

namespace precis::loadgen {

class LatencyHistogram {
 public:
  LatencyHistogram() { counts_.fill(0); }

  // Records one duration; negative values count as 0, values above the
  // range as the largest bucket.
  void Record(int64_t nanos);
  // Adds every count of `other`.
  void Merge(const LatencyHistogram& other);

  int64_t count() const { return count_; }
  int64_t min() const { return count_ == 0 ? 0 : min_; }
  int64_t max() const { return max_; }
  double mean() const {
    return count_ == 0 ? 0.0 : static_cast<double>(sum_) / count_;
  }
  // The value at quantile q in [0, 1] (0.99 = p99): the upper edge of the
  // bucket holding the ceil(q * count)-th smallest value, capped at max();
  // 0 when empty.
  int64_t Quantile(double q) const;

 private:
  static constexpr int kSubBucketBits = 6;  // 64 sub-buckets per octave.
  static constexpr int kMaxExponent = 40;   // 2^40 ns ~ 18 min.
  static constexpr int kBucketCount =
      (kMaxExponent - kSubBucketBits + 2) << kSubBucketBits;

  static int BucketOf(int64_t nanos);
  static int64_t BucketUpperEdge(int bucket);

  std::array<int64_t, kBucketCount> counts_;
  int64_t count_ = 0;
  int64_t sum_ = 0;
  int64_t min_ = INT64_MAX;
  int64_t max_ = 0;
};

}  // namespace precis::loadgen

#endif  // PRECIS_TOOLS_LOADGEN_LATENCY_HISTOGRAM_H_
