#include "service_metrics.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "admission_controller.h"

namespace precis::api {
namespace {

constexpr std::memory_order kRelaxed = std::memory_order_relaxed;

// Seconds with the shortest exact decimal for our bucket bounds
// (100 -> "0.0001", 2500000 -> "2.5").
std::string Seconds(int64_t micros) {
  std::string s = absl::StrCat(micros / 1000000);
  int64_t frac = micros % 1000000;
  if (frac != 0) {
    std::string digits = absl::StrCat(frac + 1000000).substr(1);  // 6 digits
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    absl::StrAppend(&s, ".", digits);
  }
  return s;
}

void Header(std::string* out, const char* name, const char* type,
            const char* help) {
  absl::StrAppend(out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ",
                  type, "\n");
}

}  // namespace

const char* MetricsMethodName(MetricsMethod method) {
  switch (method) {
    case MetricsMethod::kSummarize:
      return "Summarize";
    case MetricsMethod::kSegment:
      return "Segment";
    case MetricsMethod::kSummarizeStream:
      return "SummarizeStream";
    case MetricsMethod::kGetCapabilities:
      return "GetCapabilities";
  }
  return "Unknown";
}

void ServiceMetrics::Record(const Call& call) {
  PerMethod& m = methods_[static_cast<int>(call.method)];
  const int code = std::clamp(static_cast<int>(call.code), 0, kCodes - 1);
  m.calls[code].fetch_add(1, kRelaxed);
  const auto bucket = std::lower_bound(kBucketMicros.begin(),
                                       kBucketMicros.end(), call.micros);
  m.buckets[bucket - kBucketMicros.begin()].fetch_add(1, kRelaxed);
  m.micros_sum.fetch_add(static_cast<uint64_t>(std::max<int64_t>(0, call.micros)),
                         kRelaxed);
  if (call.bytes > 0) m.bytes.fetch_add(call.bytes, kRelaxed);
  if (call.sentences_out > 0) m.sentences.fetch_add(call.sentences_out, kRelaxed);
  if (call.facts_out > 0) m.facts.fetch_add(call.facts_out, kRelaxed);
}

void ServiceMetrics::RecordRejected(MetricsMethod method) {
  methods_[static_cast<int>(method)].rejected.fetch_add(1, kRelaxed);
}

uint64_t ServiceMetrics::calls(MetricsMethod method,
                               absl::StatusCode code) const {
  return methods_[static_cast<int>(method)]
      .calls[std::clamp(static_cast<int>(code), 0, kCodes - 1)]
      .load(kRelaxed);
}

uint64_t ServiceMetrics::rejected(MetricsMethod method) const {
  return methods_[static_cast<int>(method)].rejected.load(kRelaxed);
}

std::string ServiceMetrics::Render() const {
  std::string out;
  out.reserve(16 << 10);
  auto each = [this](auto&& f) {
    for (int i = 0; i < kMethods; ++i) {
      f(MetricsMethodName(static_cast<MetricsMethod>(i)), methods_[i]);
    }
  };

  Header(&out, "precis_calls_total", "counter",
         "Calls answered, by method and gRPC status code (a SummarizeStream "
         "item counts as one call).");
  each([&out](const char* method, const PerMethod& m) {
    for (int c = 0; c < kCodes; ++c) {
      const uint64_t n = m.calls[c].load(kRelaxed);
      // OK is always shown so every method has a series from the start;
      // other codes once they occur.
      if (n == 0 && c != 0) continue;
      absl::StrAppend(&out, "precis_calls_total{method=\"", method,
                      "\",code=\"",
                      absl::StatusCodeToString(static_cast<absl::StatusCode>(c)),
                      "\"} ", n, "\n");
    }
  });

  Header(&out, "precis_call_duration_seconds", "histogram",
         "Call latency from arrival to answer (queueing included), by method.");
  each([&out](const char* method, const PerMethod& m) {
    // Read each bucket once and derive the cumulative counts and _count from
    // the same reads, so a scrape is self-consistent even while calls land.
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBucketMicros.size(); ++b) {
      cumulative += m.buckets[b].load(kRelaxed);
      absl::StrAppend(&out, "precis_call_duration_seconds_bucket{method=\"",
                      method, "\",le=\"",
                      b < kBucketMicros.size() ? Seconds(kBucketMicros[b])
                                               : std::string("+Inf"),
                      "\"} ", cumulative, "\n");
    }
    const uint64_t micros = m.micros_sum.load(kRelaxed);
    absl::StrAppend(&out, "precis_call_duration_seconds_sum{method=\"", method,
                    "\"} ", Seconds(static_cast<int64_t>(micros)), "\n",
                    "precis_call_duration_seconds_count{method=\"", method,
                    "\"} ", cumulative, "\n");
  });

  struct Simple {
    const char* name;
    const char* help;
    Counter PerMethod::*field;
  };
  const Simple simple[] = {
      {"precis_request_bytes_total", "Request text bytes received, by method.",
       &PerMethod::bytes},
      {"precis_sentences_out_total",
       "Sentences returned (summary sentences; Segment: all sentences).",
       &PerMethod::sentences},
      {"precis_facts_out_total", "Key facts returned.", &PerMethod::facts},
  };
  for (const Simple& s : simple) {
    Header(&out, s.name, "counter", s.help);
    each([&out, &s](const char* method, const PerMethod& m) {
      if (s.field == &PerMethod::facts &&
          std::string_view(method) == "Segment") {
        return;  // Segment returns no facts.
      }
      absl::StrAppend(&out, s.name, "{method=\"", method, "\"} ",
                      (m.*s.field).load(kRelaxed), "\n");
    });
  }

  Header(&out, "precis_rejected_calls_total", "counter",
         "Calls refused with RESOURCE_EXHAUSTED because the server was at "
         "limits.max_in_flight_calls.");
  each([&out](const char* method, const PerMethod& m) {
    if (std::string_view(method) == "GetCapabilities") return;  // Never shed.
    absl::StrAppend(&out, "precis_rejected_calls_total{method=\"", method,
                    "\",reason=\"overloaded\"} ", m.rejected.load(kRelaxed),
                    "\n");
  });

  Header(&out, "precis_in_flight_calls", "gauge",
         "Engine calls admitted and not yet answered (queued or running).");
  absl::StrAppend(&out, "precis_in_flight_calls ",
                  admission_ != nullptr ? admission_->in_flight() : 0, "\n");
  if (admission_ != nullptr) {
    Header(&out, "precis_max_in_flight_calls", "gauge",
           "Admission limit (limits.max_in_flight_calls).");
    absl::StrAppend(&out, "precis_max_in_flight_calls ",
                    admission_->max_in_flight(), "\n");
  }
  return out;
}

}  // namespace precis::api
