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
        v1::SummarizerService::WithRawCallbackMethod_Segment<
            v1::SummarizerService::WithCallbackMethod_GetCapabilities<
                v1::SummarizerService::Service>>>;

class SummarizerService final : public SummarizerServiceBase {
 public:
  SummarizerService(const Engine& engine, WorkerPool* pool,
                    RequestLogger* logger);

  grpc::ServerUnaryReactor* Summarize(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* Segment(grpc::CallbackServerContext* context,
                                    const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* GetCapabilities(
      grpc::CallbackServerContext* context,
      const v1::GetCapabilitiesRequest* request,
      v1::GetCapabilitiesResponse* response) override;

 private:
  void DoSummarize(grpc::CallbackServerContext* context,
                   const grpc::ByteBuffer* request, grpc::ByteBuffer* response,
                   grpc::ServerUnaryReactor* reactor);
  void DoSegment(grpc::CallbackServerContext* context,
                 const grpc::ByteBuffer* request, grpc::ByteBuffer* response,
                 grpc::ServerUnaryReactor* reactor);

  SummarizerHandler handler_;
  WorkerPool* pool_;
  RequestLogger* logger_;
};

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_SUMMARIZER_SERVICE_H_
