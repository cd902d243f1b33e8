// LoadGenerator: drives unary calls of one Workload against a gRPC server
// with the completion-queue async API.
//
// Two modes:
//  - closed loop (rate == 0): `concurrency` calls always in flight; each
//    completion immediately starts the next call on the same channel;
//  - open loop (rate > 0): a pacer thread sends calls on a fixed schedule
//    (t0 + i / rate) whatever the server does, and latency is measured from
//    the SCHEDULED send time, so a stalled server cannot hide its stall by
//    slowing the client down ("coordinated omission", Tene 2013; as wrk2).
// Calls are spread round-robin over `channels` channels (each its own TCP
// connection) and `threads` completion-queue threads.
//
// Usage: Create -> Start -> [BeginMeasurement] -> [MarkEvent] -> Stop.
// Start/BeginMeasurement/MarkEvent/Stop are called from one controlling
// thread; progress() may be called from any thread.
#ifndef PRECIS_TOOLS_LOADGEN_LOAD_GENERATOR_H_
#define PRECIS_TOOLS_LOADGEN_LOAD_GENERATOR_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/generic/generic_stub.h"
#include "latency_histogram.h"
#include "workload.h"

namespace precis::loadgen {

struct LoadOptions {
  std::string target;              // host:port
  int channels = 2;                // TCP connections
  int threads = 2;                 // completion-queue threads
  int concurrency = 16;            // closed loop: calls in flight
  double rate = 0;                 // > 0: open loop, calls per second
  double deadline_seconds = 10;    // per-call deadline
  int max_in_flight = 20000;       // open loop: beyond this, calls are not sent
  bool verify = false;             // parse every OK response (Workload::VerifyResponse)
  double connect_timeout_seconds = 30;
};

// Live counters (whole run so far).
struct Progress {
  int64_t started = 0;
  int64_t ok = 0;
  int64_t failed = 0;
  int64_t in_flight = 0;
};

// Counts of one class of calls.
struct Outcome {
  int64_t ok = 0;
  // gRPC status code name ("UNAVAILABLE", ...; "INVALID_RESPONSE" for a
  // response that failed verification) -> calls.
  std::map<std::string, int64_t> errors;
  // One message per error kind, for the report.
  std::map<std::string, std::string> error_examples;
  int64_t failed() const;
};

struct LoadResult {
  // Calls sent between BeginMeasurement() and Stop() (or the event, if
  // earlier): throughput and latency of successful calls.
  double measured_seconds = 0;
  Outcome measured;
  LatencyHistogram latency;
  // Every call sent before the event (warm-up included): the error count a
  // run is judged by. Without an event, every call.
  Outcome before_event;
  // Calls sent after MarkEvent() (e.g. after SIGTERM reached the server).
  bool event_marked = false;
  double event_at_seconds = 0;  // Since Start().
  Outcome after_event;
  // Of before_event, the calls still in flight when the event came (sent
  // before it, completed after it): the calls a graceful shutdown drains.
  Outcome in_flight_at_event;
  // Open loop: actual minus scheduled send time, and calls not sent because
  // max_in_flight calls were outstanding (the client could not keep up).
  LatencyHistogram send_lag;
  int64_t not_sent = 0;
  // Calls still outstanding when Stop() gave up waiting (should be 0).
  int64_t abandoned = 0;
};

class LoadGenerator {
 public:
  static absl::StatusOr<std::unique_ptr<LoadGenerator>> Create(
      const LoadOptions& options, const Workload* workload);
  ~LoadGenerator();

  // Waits until every channel is connected, then starts sending.
  absl::Status Start();
  // Calls sent from now on are measured (call at the end of warm-up; nothing
  // is measured before the first call).
  void BeginMeasurement();
  // Marks an external event; calls sent from now on are counted apart.
  void MarkEvent();
  // Stops sending, waits for calls in flight (up to their deadline), stops
  // the threads and returns the totals.
  LoadResult Stop();

  Progress progress() const;
  // The longest latency (from scheduled send to completion) of the calls
  // completed since the previous call of this method, in microseconds.
  int64_t TakeMaxLatencyMicros();

 private:
  struct Call;
  struct ThreadStats;

  LoadGenerator(const LoadOptions& options, const Workload* workload);
  // Starts one call on `slot`'s channel and queue; latency counts from
  // `scheduled_ns`.
  void Issue(int slot, int64_t scheduled_ns);
  void CompletionLoop(int thread_index);
  void Complete(int thread_index, Call* call);
  void PacerLoop();

  const LoadOptions options_;
  const Workload* workload_;
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
  std::vector<std::unique_ptr<grpc::GenericStub>> stubs_;
  std::vector<std::unique_ptr<grpc::CompletionQueue>> queues_;
  std::vector<std::thread> threads_;
  std::thread pacer_;
  std::vector<std::unique_ptr<ThreadStats>> stats_;  // One per CQ thread.
  std::unique_ptr<ThreadStats> pacer_stats_;

  int64_t start_ns_ = 0;
  std::atomic<int64_t> measure_from_ns_;
  std::atomic<int64_t> event_ns_;
  std::atomic<bool> stopping_{false};
  std::atomic<int64_t> measure_until_ns_;
  std::atomic<uint64_t> next_request_{0};
  std::atomic<int64_t> started_{0};
  std::atomic<int64_t> ok_{0};
  std::atomic<int64_t> max_latency_ns_{0};  // Since TakeMaxLatencyMicros().
  std::atomic<int64_t> failed_{0};
  std::atomic<int64_t> in_flight_{0};
  std::atomic<int64_t> not_sent_{0};
};

// Nanoseconds on the monotonic clock.
int64_t NowNanos();

}  // namespace precis::loadgen

#endif  // PRECIS_TOOLS_LOADGEN_LOAD_GENERATOR_H_
