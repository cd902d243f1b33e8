// SummarizerService: the precis.v1.SummarizerService gRPC implementation
// (callback API).
//
// Summarize and Segment take the raw request bytes (see request_parser.h for
// why) and run on a WorkerPool; each handler is: admit -> parse ->
// SummarizerHandler (validate -> convert -> engine -> convert) -> serialize,
// then one log line and the metrics.
//
// Admission control: at most `max_in_flight_calls` engine calls (unary calls
// and stream items, queued or running) are admitted; beyond that a call is
// answered at once with RESOURCE_EXHAUSTED ("server overloaded", with a
// google.rpc.QuotaFailure whose subject is "limits.max_in_flight_calls" and
// no BadRequest, so clients can tell it from a too-large text and retry with
// backoff). Nothing waits unbounded: the pool's queue holds at most the cap.
//
// Deadlines: every engine call gets a CallControl that stops it with
// DEADLINE_EXCEEDED at the earlier of the client's deadline and arrival +
// `max_call_seconds` (the server's per-call work bound, applied even when
// the client sets no deadline), and CANCELLED once the client cancels (or
// the server gives up on the call while shutting down).
//
// Request ids: each call's id is the client's `x-request-id` metadata, or a
// generated one (see RequestIdFor); it is sent back in the initial metadata
// as `x-request-id` and logged.
//
// SummarizeStream (bidirectional): each request read is admitted and run on
// the pool like a unary Summarize (an item refused by admission control or
// past its own max_call_seconds gets `error` set, and the stream goes on);
// responses are written in completion order. At most `stream_window`
// requests per stream are in flight (read, and their response not yet
// written): the next read is started only when one completes, so a fast
// client is held back by HTTP/2 flow control and the server never queues
// more than the window per stream. A failed item is answered with `error`
// set (its request_id recovered from the raw bytes even when they do not
// parse); the stream ends with OK after the client half-closes and every
// response is written, or with CANCELLED / DEADLINE_EXCEEDED.
//
// Thread-safe. Does not own the engine, the pool or the logger; all must
// outlive the grpc::Server it is registered with.
#ifndef PRECIS_SERVICE_API_SUMMARIZER_SERVICE_H_
#define PRECIS_SERVICE_API_SUMMARIZER_SERVICE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "admission_controller.h"
#include "engine.h"
#include "precis/v1/precis.grpc.pb.h"
#include "request_logger.h"
#include "service_metrics.h"
#include "summarizer_handler.h"
#include "worker_pool.h"

namespace precis::api {

// CallControl for a call with the given deadline and cancellation probe:
// DEADLINE_EXCEEDED when `deadline` has passed, CANCELLED when
// `is_cancelled()` is true. Exposed for tests.
CallControl MakeCallControl(std::chrono::system_clock::time_point deadline,
                            std::function<bool()> is_cancelled);

// As above, plus the server's own work bound: DEADLINE_EXCEEDED naming
// limits.max_call_seconds once `work_deadline` has passed (checked after the
// client's deadline, which wins when both have passed).
CallControl MakeCallControl(std::chrono::system_clock::time_point deadline,
                            std::chrono::system_clock::time_point work_deadline,
                            std::function<bool()> is_cancelled);

struct ServiceOptions {
  // Stream items read ahead per stream; <= 0: twice the pool's threads.
  int stream_window = 0;
  // Admission cap on engine calls in flight; <= 0: kInFlightPerThread per
  // pool thread.
  int64_t max_in_flight_calls = 0;
  // Per-call work bound from arrival, in seconds; <= 0: none (only the
  // client's deadline).
  double max_call_seconds = 0;

  // 64 per thread: with precisd's default two threads per CPU, 256 calls on
  // 2 CPUs, a queue that drains in about 0.1 s for 2.5 KB articles, so a
  // stall of that length (a CFS quota period is 0.1 s; a shared host
  // deschedules vCPUs) at 70% load is absorbed instead of refused, while
  // sustained overload is still refused after that much queueing. Measured
  // on 2 cores (one thread per CPU then): at 0.7 x the closed-loop peak
  // (close to the real fixed-rate capacity) a 64-call cap refused 2% of
  // calls in bursts, a 256-call cap 0.5% (p99 164 ms): a longer queue
  // cannot make up for missing capacity, hence the soak's fixed-rate peak
  // (tools/soak/run.sh), but it rides out stalls.
  static constexpr int64_t kInFlightPerThread = 64;
};

using SummarizerServiceBase =
    v1::SummarizerService::WithRawCallbackMethod_Summarize<
        v1::SummarizerService::WithRawCallbackMethod_SummarizeStream<
            v1::SummarizerService::WithRawCallbackMethod_Segment<
                v1::SummarizerService::WithRawCallbackMethod_GetCapabilities<
                    v1::SummarizerService::Service>>>>;

class SummarizeStreamReactor;

class SummarizerService final : public SummarizerServiceBase {
 public:
  SummarizerService(const Engine& engine, WorkerPool* pool,
                    RequestLogger* logger, const ServiceOptions& options);
  // Default options but the window.
  SummarizerService(const Engine& engine, WorkerPool* pool,
                    RequestLogger* logger, int stream_window = 0);

  grpc::ServerUnaryReactor* Summarize(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;
  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>*
  SummarizeStream(grpc::CallbackServerContext* context) override;
  grpc::ServerUnaryReactor* Segment(grpc::CallbackServerContext* context,
                                    const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* GetCapabilities(grpc::CallbackServerContext* context,
                                            const grpc::ByteBuffer* request,
                                            grpc::ByteBuffer* response) override;

  ServiceMetrics& metrics() { return metrics_; }
  const AdmissionController& admission() const { return admission_; }
  int stream_window() const { return stream_window_; }

 private:
  friend class SummarizeStreamReactor;
  using Clock = std::chrono::steady_clock;

  // What a unary handler carries from arrival to its pool task.
  struct UnaryCall {
    grpc::CallbackServerContext* context;
    const grpc::ByteBuffer* request;
    grpc::ByteBuffer* response;
    grpc::ServerUnaryReactor* reactor;
    std::string request_id;
    Clock::time_point arrival;
    std::chrono::system_clock::time_point work_deadline;
  };

  // Admits and queues a unary call, or answers it RESOURCE_EXHAUSTED.
  grpc::ServerUnaryReactor* StartUnary(grpc::CallbackServerContext* context,
                                       const grpc::ByteBuffer* request,
                                       grpc::ByteBuffer* response,
                                       MetricsMethod method);
  void DoSummarize(const UnaryCall& call);
  void DoSegment(const UnaryCall& call);
  // The pool task of a unary call: deadline check, parse, `handle`,
  // serialize, admission slot released, then log, count and finish.
  // `count(response, entry, metrics_call)` adds the method's result counts.
  template <typename Request, typename Response, typename Handle, typename Count>
  void RunUnary(const UnaryCall& call, MetricsMethod method, Handle handle, Count count);
  // Now + max_call_seconds (time_point::max() without a bound).
  std::chrono::system_clock::time_point WorkDeadline() const;
  // The control for an engine call of `context` bounded by `work_deadline`.
  CallControl ControlFor(grpc::CallbackServerContext* context,
                         std::chrono::system_clock::time_point work_deadline) const;
  // Logs and counts a call refused by admission control.
  void RecordRejected(MetricsMethod method, std::string_view request_id,
                      std::string_view item_id, Clock::time_point arrival);

  int stream_window_;
  double max_call_seconds_;
  SummarizerHandler handler_;
  WorkerPool* pool_;
  RequestLogger* logger_;
  AdmissionController admission_;
  ServiceMetrics metrics_;
  // RESOURCE_EXHAUSTED for a call refused by admission control.
  grpc::Status overloaded_;
  // GetCapabilitiesResponse, serialized once: the answer never changes, and
  // copying, serializing and freeing its language list was 60% of the
  // call's server cost (callgrind, 153K instructions per call before).
  grpc::Slice capabilities_;
};

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_SUMMARIZER_SERVICE_H_
