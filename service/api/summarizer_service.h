// SummarizerService: the precis.v1.SummarizerService gRPC implementation
// (callback API).
//
// Summarize and Segment take the raw request bytes (see request_parser.h for
// why) and run on a WorkerPool; each handler is: parse -> SummarizerHandler
// (validate -> convert -> engine -> convert) -> serialize, then one log line.
// Every engine call gets a CallControl that stops it with DEADLINE_EXCEEDED
// once the call's deadline has passed and CANCELLED once the client cancels
// (or the server gives up on the call while shutting down).
//
// SummarizeStream (bidirectional): each request read is run on the pool like
// a unary Summarize; responses are written in completion order. At most
// `stream_window` requests per stream are in flight (read, and their
// response not yet written): the next read is started only when one
// completes, so a fast client is held back by HTTP/2 flow control and the
// server never queues more than the window per stream. A failed item is
// answered with `error` set (its request_id recovered from the raw bytes even
// when they do not parse); the stream ends with OK after the client
// half-closes and every response is written, or with CANCELLED /
// DEADLINE_EXCEEDED.
//
// Thread-safe. Does not own the engine, the pool or the logger; all must
// outlive the grpc::Server it is registered with.
#ifndef PRECIS_SERVICE_API_SUMMARIZER_SERVICE_H_
#define PRECIS_SERVICE_API_SUMMARIZER_SERVICE_H_

#include <chrono>
#include <functional>

#include "engine.h"
#include "precis/v1/precis.grpc.pb.h"
#include "request_logger.h"
#include "summarizer_handler.h"
#include "worker_pool.h"

namespace precis::api {

// CallControl for a call with the given deadline and cancellation probe:
// DEADLINE_EXCEEDED when `deadline` has passed, CANCELLED when
// `is_cancelled()` is true. Exposed for tests.
CallControl MakeCallControl(std::chrono::system_clock::time_point deadline,
                            std::function<bool()> is_cancelled);

using SummarizerServiceBase =
    v1::SummarizerService::WithRawCallbackMethod_Summarize<
        v1::SummarizerService::WithRawCallbackMethod_SummarizeStream<
            v1::SummarizerService::WithRawCallbackMethod_Segment<
                v1::SummarizerService::WithCallbackMethod_GetCapabilities<
                    v1::SummarizerService::Service>>>>;

class SummarizeStreamReactor;

class SummarizerService final : public SummarizerServiceBase {
 public:
  // `stream_window` <= 0: twice the pool's threads.
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
  grpc::ServerUnaryReactor* GetCapabilities(
      grpc::CallbackServerContext* context,
      const v1::GetCapabilitiesRequest* request,
      v1::GetCapabilitiesResponse* response) override;

 private:
  friend class SummarizeStreamReactor;

  void DoSummarize(grpc::CallbackServerContext* context,
                   const grpc::ByteBuffer* request, grpc::ByteBuffer* response,
                   grpc::ServerUnaryReactor* reactor);
  void DoSegment(grpc::CallbackServerContext* context,
                 const grpc::ByteBuffer* request, grpc::ByteBuffer* response,
                 grpc::ServerUnaryReactor* reactor);

  int stream_window_;
  SummarizerHandler handler_;
  WorkerPool* pool_;
  RequestLogger* logger_;
};

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_SUMMARIZER_SERVICE_H_
