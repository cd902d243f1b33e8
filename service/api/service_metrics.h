// ServiceMetrics: the service's Prometheus metrics, recorded on the hot path
// with relaxed atomic increments only (no locks, no allocation) and rendered
// in the Prometheus text exposition format 0.0.4 on scrape.
//
//   precis_calls_total{method,code}              counter
//   precis_call_duration_seconds{method}         histogram (arrival to answer,
//                                                queueing included)
//   precis_request_bytes_total{method}           counter (text bytes in)
//   precis_sentences_out_total{method}           counter (summary sentences;
//                                                Segment: sentences)
//   precis_facts_out_total{method}               counter
//   precis_rejected_calls_total{method,reason}   counter (admission control)
//   precis_in_flight_calls, precis_max_in_flight_calls   gauges
//
// Methods are SummarizerService's; a SummarizeStream item counts as one call
// of method "SummarizeStream" with the item's status. Why not prometheus-cpp
// (Debian ships 1.0): its Histogram::Observe takes a mutex per observation,
// and its pull exposer brings an embedded web server; these few fixed series
// need neither.
//
// Thread-safe.
#ifndef PRECIS_SERVICE_API_SERVICE_METRICS_H_
#define PRECIS_SERVICE_API_SERVICE_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "absl/status/status.h"

namespace precis::api {

class AdmissionController;

enum class MetricsMethod : int {
  kSummarize = 0,
  kSegment,
  kSummarizeStream,
  kGetCapabilities,
};

class ServiceMetrics {
 public:
  static constexpr int kMethods = 4;
  static constexpr int kCodes = 17;  // gRPC status codes 0..16.
  // Histogram bucket upper bounds in microseconds (rendered in seconds):
  // 100 µs (a short article) up to 30 s (beyond any sane per-call limit).
  static constexpr std::array<int64_t, 17> kBucketMicros = {
      100,     250,     500,     1000,    2500,    5000,
      10000,   25000,   50000,   100000,  250000,  500000,
      1000000, 2500000, 5000000, 10000000, 30000000};

  struct Call {
    MetricsMethod method = MetricsMethod::kSummarize;
    absl::StatusCode code = absl::StatusCode::kOk;
    int64_t micros = 0;        // Latency.
    int64_t bytes = 0;         // Request text bytes.
    int64_t sentences_out = 0;
    int64_t facts_out = 0;
  };

  ServiceMetrics() = default;
  ServiceMetrics(const ServiceMetrics&) = delete;
  ServiceMetrics& operator=(const ServiceMetrics&) = delete;

  // One finished (or refused) call.
  void Record(const Call& call);
  // A call refused by admission control (record it with Record as well).
  void RecordRejected(MetricsMethod method);

  // Gauges read from `admission` on scrape (may be null; not owned).
  void set_admission(const AdmissionController* admission) {
    admission_ = admission;
  }

  // Every metric above, with HELP and TYPE lines, in exposition format 0.0.4.
  std::string Render() const;

  // Readers for tests.
  uint64_t calls(MetricsMethod method, absl::StatusCode code) const;
  uint64_t rejected(MetricsMethod method) const;

 private:
  using Counter = std::atomic<uint64_t>;
  struct alignas(64) PerMethod {
    std::array<Counter, kCodes> calls{};
    std::array<Counter, kBucketMicros.size() + 1> buckets{};  // Last: +Inf.
    Counter micros_sum{0};
    Counter bytes{0};
    Counter sentences{0};
    Counter facts{0};
    Counter rejected{0};
  };

  std::array<PerMethod, kMethods> methods_{};
  const AdmissionController* admission_ = nullptr;
};

// "Summarize", "Segment", ...
const char* MetricsMethodName(MetricsMethod method);

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_SERVICE_METRICS_H_
