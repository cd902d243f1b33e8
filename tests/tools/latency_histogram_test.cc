// LatencyHistogram: quantiles within the documented 1/64 relative error.
#include "latency_histogram.h"

#include <cstdint>

#include "gtest/gtest.h"

namespace precis::loadgen {
namespace {

TEST(LatencyHistogramTest, EmptyIsZero) {
  LatencyHistogram h;
  EXPECT_EQ(h.count(), 0);
  EXPECT_EQ(h.Quantile(0.99), 0);
  EXPECT_EQ(h.min(), 0);
  EXPECT_EQ(h.max(), 0);
}

TEST(LatencyHistogramTest, SmallValuesAreExact) {
  LatencyHistogram h;
  for (int64_t v = 1; v <= 100; ++v) h.Record(v);
  EXPECT_EQ(h.count(), 100);
  EXPECT_EQ(h.Quantile(0.5), 50);
  EXPECT_EQ(h.Quantile(0.99), 99);
  EXPECT_EQ(h.Quantile(1.0), 100);
  EXPECT_EQ(h.min(), 1);
  EXPECT_DOUBLE_EQ(h.mean(), 50.5);
}

TEST(LatencyHistogramTest, LargeValuesWithinRelativeError) {
  LatencyHistogram h;
  // 1 us .. 100 ms in 1 us steps: the q-quantile is about q * 100 ms.
  for (int64_t us = 1; us <= 100'000; ++us) h.Record(us * 1000);
  for (double q : {0.5, 0.9, 0.99, 0.999}) {
    const double exact = q * 100'000 * 1000;
    const double got = static_cast<double>(h.Quantile(q));
    EXPECT_GE(got, exact * (1 - 1.0 / 64)) << q;
    EXPECT_LE(got, exact * (1 + 1.0 / 64)) << q;
  }
  EXPECT_EQ(h.max(), 100'000'000);
  EXPECT_EQ(h.Quantile(1.0), 100'000'000);
}

TEST(LatencyHistogramTest, MergeAddsCounts) {
  LatencyHistogram a;
  LatencyHistogram b;
  for (int i = 0; i < 99; ++i) a.Record(1'000);
  b.Record(5'000'000);
  a.Merge(b);
  EXPECT_EQ(a.count(), 100);
  EXPECT_LE(a.Quantile(0.5), 1'016);
  EXPECT_EQ(a.Quantile(1.0), 5'000'000);
  EXPECT_EQ(a.max(), 5'000'000);
  EXPECT_EQ(a.min(), 1'000);
}

TEST(LatencyHistogramTest, OutOfRangeValuesAreClamped) {
  LatencyHistogram h;
  h.Record(-5);
  h.Record(int64_t{1} << 50);
  EXPECT_EQ(h.count(), 2);
  EXPECT_EQ(h.min(), 0);
  EXPECT_EQ(h.Quantile(1.0), int64_t{1} << 50);
}

}  // namespace
}  // namespace precis::loadgen
