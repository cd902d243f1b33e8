#include "latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace precis::loadgen {

// Values below 2^(kSubBucketBits+1) = 128 ns get one bucket each. Above, a
// value v with highest set bit e keeps its top kSubBucketBits+1 bits
// m = v >> (e - kSubBucketBits), m in [64, 128), and lands in bucket
// 64 * (e - kSubBucketBits) + m: the buckets are contiguous and each octave
// has 64 of them (Tene's HdrHistogram, without the configurable precision).
int LatencyHistogram::BucketOf(int64_t nanos) {
  if (nanos < 0) nanos = 0;
  const uint64_t v = static_cast<uint64_t>(nanos);
  if (v < (uint64_t{1} << (kSubBucketBits + 1))) return static_cast<int>(v);
  const int e = 63 - std::countl_zero(v);
  if (e > kMaxExponent) return kBucketCount - 1;
  const int shift = e - kSubBucketBits;
  return (shift << kSubBucketBits) + static_cast<int>(v >> shift);
}

int64_t LatencyHistogram::BucketUpperEdge(int bucket) {
  if (bucket < (1 << (kSubBucketBits + 1))) return bucket;
  const int shift = (bucket >> kSubBucketBits) - 1;
  const int64_t m = (bucket & ((1 << kSubBucketBits) - 1)) + (1 << kSubBucketBits);
  return ((m + 1) << shift) - 1;
}

void LatencyHistogram::Record(int64_t nanos) {
  if (nanos < 0) nanos = 0;
  ++counts_[BucketOf(nanos)];
  ++count_;
  sum_ += nanos;
  min_ = std::min(min_, nanos);
  max_ = std::max(max_, nanos);
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  for (int i = 0; i < kBucketCount; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

int64_t LatencyHistogram::Quantile(double q) const {
  if (count_ == 0) return 0;
  q = std::clamp(q, 0.0, 1.0);
  const int64_t rank =
      std::max<int64_t>(1, static_cast<int64_t>(std::ceil(q * count_)));
  int64_t seen = 0;
  for (int i = 0; i < kBucketCount; ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      // The last bucket also holds every value beyond the range.
      return i == kBucketCount - 1 ? max_ : std::min(BucketUpperEdge(i), max_);
    }
  }
  return max_;
}

}  // namespace precis::loadgen
