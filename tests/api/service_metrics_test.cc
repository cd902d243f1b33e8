// ServiceMetrics: what Record counts, and that Render is valid exposition
// format (checked with a strict parser) with the values recorded.
#include "service_metrics.h"

#include <thread>
#include <vector>

#include "admission_controller.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus_text.h"

namespace precis::api {
namespace {

using ::precis::testing::ParsePrometheusText;
using ::precis::testing::PromText;
using ::testing::HasSubstr;

PromText Parse(const std::string& text) {
  PromText parsed;
  std::string error;
  EXPECT_TRUE(ParsePrometheusText(text, &parsed, &error)) << error << "\n" << text;
  return parsed;
}

TEST(ServiceMetricsTest, FreshMetricsRenderEverySeriesAtZero) {
  ServiceMetrics metrics;
  AdmissionController admission(7);
  metrics.set_admission(&admission);
  const PromText t = Parse(metrics.Render());
  EXPECT_EQ(t.types.at("precis_calls_total"), "counter");
  EXPECT_EQ(t.types.at("precis_call_duration_seconds"), "histogram");
  EXPECT_EQ(t.types.at("precis_in_flight_calls"), "gauge");
  EXPECT_EQ(t.types.at("precis_rejected_calls_total"), "counter");
  for (const char* method : {"Summarize", "Segment", "SummarizeStream"}) {
    EXPECT_EQ(t.Get("precis_calls_total", {{"method", method}, {"code", "OK"}}), 0)
        << method;
    EXPECT_EQ(t.Get("precis_call_duration_seconds_count", {{"method", method}}), 0);
    EXPECT_EQ(t.Get("precis_rejected_calls_total", {{"method", method}}), 0);
  }
  EXPECT_EQ(t.Get("precis_in_flight_calls"), 0);
  EXPECT_EQ(t.Get("precis_max_in_flight_calls"), 7);
}

TEST(ServiceMetricsTest, RecordsCallsLatencyBytesAndOutputs) {
  ServiceMetrics metrics;
  AdmissionController admission(4);
  metrics.set_admission(&admission);
  ASSERT_TRUE(admission.TryAcquire());

  ServiceMetrics::Call ok;
  ok.method = MetricsMethod::kSummarize;
  ok.micros = 300;  // in (250 µs, 500 µs]
  ok.bytes = 2500;
  ok.sentences_out = 3;
  ok.facts_out = 7;
  metrics.Record(ok);
  ok.micros = 500;  // exactly on a bound: counted in le="0.0005"
  metrics.Record(ok);
  ServiceMetrics::Call bad;
  bad.method = MetricsMethod::kSummarize;
  bad.code = absl::StatusCode::kInvalidArgument;
  bad.micros = 40'000'000;  // beyond the last finite bucket
  bad.bytes = 10;
  metrics.Record(bad);
  ServiceMetrics::Call refused;
  refused.method = MetricsMethod::kSegment;
  refused.code = absl::StatusCode::kResourceExhausted;
  metrics.Record(refused);
  metrics.RecordRejected(MetricsMethod::kSegment);

  EXPECT_EQ(metrics.calls(MetricsMethod::kSummarize, absl::StatusCode::kOk), 2u);
  EXPECT_EQ(metrics.rejected(MetricsMethod::kSegment), 1u);

  const PromText t = Parse(metrics.Render());
  const auto s = std::make_pair(std::string("method"), std::string("Summarize"));
  EXPECT_EQ(t.Get("precis_calls_total", {s, {"code", "OK"}}), 2);
  EXPECT_EQ(t.Get("precis_calls_total", {s, {"code", "INVALID_ARGUMENT"}}), 1);
  EXPECT_EQ(t.Get("precis_calls_total",
                  {{"method", "Segment"}, {"code", "RESOURCE_EXHAUSTED"}}), 1);
  EXPECT_EQ(t.Get("precis_rejected_calls_total",
                  {{"method", "Segment"}, {"reason", "overloaded"}}), 1);
  EXPECT_EQ(t.Get("precis_call_duration_seconds_bucket", {s, {"le", "0.00025"}}), 0);
  EXPECT_EQ(t.Get("precis_call_duration_seconds_bucket", {s, {"le", "0.0005"}}), 2);
  EXPECT_EQ(t.Get("precis_call_duration_seconds_bucket", {s, {"le", "30"}}), 2);
  EXPECT_EQ(t.Get("precis_call_duration_seconds_bucket", {s, {"le", "+Inf"}}), 3);
  EXPECT_EQ(t.Get("precis_call_duration_seconds_count", {s}), 3);
  EXPECT_DOUBLE_EQ(t.Get("precis_call_duration_seconds_sum", {s}), 40.0008);
  EXPECT_EQ(t.Get("precis_request_bytes_total", {s}), 5010);
  EXPECT_EQ(t.Get("precis_sentences_out_total", {s}), 6);
  EXPECT_EQ(t.Get("precis_facts_out_total", {s}), 14);
  EXPECT_EQ(t.Get("precis_in_flight_calls"), 1);
}

TEST(ServiceMetricsTest, ConcurrentRecordsAreAllCounted) {
  ServiceMetrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&metrics] {
      ServiceMetrics::Call c;
      c.method = MetricsMethod::kSummarizeStream;
      c.micros = 1000;
      c.bytes = 1;
      for (int i = 0; i < 10000; ++i) metrics.Record(c);
    });
  }
  // Scrapes while recording stay valid (buckets cumulative, +Inf == count).
  for (int i = 0; i < 20; ++i) Parse(metrics.Render());
  for (std::thread& t : threads) t.join();
  const PromText t = Parse(metrics.Render());
  EXPECT_EQ(t.Get("precis_calls_total",
                  {{"method", "SummarizeStream"}, {"code", "OK"}}), 40000);
  EXPECT_EQ(t.Get("precis_request_bytes_total", {{"method", "SummarizeStream"}}),
            40000);
}

TEST(PrometheusTextParserTest, RejectsMalformedExpositions) {
  PromText t;
  std::string error;
  EXPECT_FALSE(ParsePrometheusText("x 1\n", &t, &error));  // no TYPE
  EXPECT_FALSE(ParsePrometheusText("# TYPE x counter\nx{a=\"1} 1\n", &t, &error));
  EXPECT_FALSE(ParsePrometheusText("# TYPE x counter\nx 1\nx 2\n", &t, &error));
  EXPECT_FALSE(ParsePrometheusText("# TYPE x counter\nx one\n", &t, &error));
  EXPECT_FALSE(ParsePrometheusText("# TYPE x counter\nx 1", &t, &error));
  EXPECT_FALSE(ParsePrometheusText(
      "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n"
      "h_sum 1\nh_count 1\n", &t, &error));
  EXPECT_TRUE(ParsePrometheusText(
      "# HELP h x\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\n"
      "h_bucket{le=\"+Inf\"} 2\nh_sum 3.5\nh_count 2\n", &t, &error)) << error;
}

}  // namespace
}  // namespace precis::api
