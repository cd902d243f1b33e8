#include "summarizer_service.h"

#include <utility>

#include "grpcpp/support/proto_buffer_writer.h"
#include "proto_convert.h"
#include "request_parser.h"

namespace precis::api {
namespace {

using Clock = std::chrono::steady_clock;

CallControl ControlFor(grpc::CallbackServerContext* context) {
  return MakeCallControl(context->deadline(),
                         [context] { return context->IsCancelled(); });
}

// Serializes `message` into `out`; gRPC's own serializer (zero-copy into
// slices for large messages).
absl::Status Serialize(const google::protobuf::Message& message,
                       grpc::ByteBuffer* out) {
  bool own_buffer = false;
  grpc::Status status = grpc::SerializationTraits<google::protobuf::Message>::
      Serialize(message, out, &own_buffer);
  if (!status.ok()) {
    return absl::InternalError("cannot serialize the response");
  }
  return absl::OkStatus();
}

int64_t MicrosSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() -
                                                               start)
      .count();
}

}  // namespace

CallControl MakeCallControl(std::chrono::system_clock::time_point deadline,
                            std::function<bool()> is_cancelled) {
  CallControl control;
  control.check = [deadline, is_cancelled = std::move(is_cancelled)]() {
    // The deadline first: gRPC also marks a call whose deadline passed as
    // cancelled, and DEADLINE_EXCEEDED is the more precise answer.
    if (std::chrono::system_clock::now() >= deadline) {
      return absl::DeadlineExceededError("deadline exceeded while processing");
    }
    if (is_cancelled && is_cancelled()) {
      return absl::CancelledError("the call was cancelled");
    }
    return absl::OkStatus();
  };
  return control;
}

SummarizerService::SummarizerService(const Engine& engine, WorkerPool* pool,
                                     RequestLogger* logger)
    : handler_(engine), pool_(pool), logger_(logger) {}

grpc::ServerUnaryReactor* SummarizerService::Summarize(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  pool_->Submit([this, context, request, response, reactor] {
    DoSummarize(context, request, response, reactor);
  });
  return reactor;
}

grpc::ServerUnaryReactor* SummarizerService::Segment(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  pool_->Submit([this, context, request, response, reactor] {
    DoSegment(context, request, response, reactor);
  });
  return reactor;
}

grpc::ServerUnaryReactor* SummarizerService::GetCapabilities(
    grpc::CallbackServerContext* context,
    const v1::GetCapabilitiesRequest* /*request*/,
    v1::GetCapabilitiesResponse* response) {
  // Precomputed and tiny: answered inline on gRPC's thread.
  *response = handler_.GetCapabilities();
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

void SummarizerService::DoSummarize(grpc::CallbackServerContext* context,
                                    const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response,
                                    grpc::ServerUnaryReactor* reactor) {
  const Clock::time_point start = Clock::now();
  const CallControl control = ControlFor(context);
  v1::SummarizeRequest message;
  absl::Status status = control.check();
  if (status.ok()) status = ParseRequest(*request, &message);
  absl::StatusOr<v1::SummarizeResponse> result =
      status.ok() ? handler_.Summarize(message, control)
                  : absl::StatusOr<v1::SummarizeResponse>(status);
  status = result.status();
  if (status.ok()) status = Serialize(*result, response);

  RequestLogEntry entry;
  entry.request_id = message.request_id();
  entry.method = "Summarize";
  entry.language = result.ok() ? result->language() : message.language();
  entry.bytes = static_cast<int64_t>(message.text().size());
  if (result.ok()) {
    entry.sentences = result->stats().sentence_count();
    entry.summary = result->summary_size();
  }
  entry.micros = MicrosSince(start);
  entry.code = status.code();
  entry.message = status.message();
  logger_->Log(entry);
  reactor->Finish(ToGrpcStatus(status));
}

void SummarizerService::DoSegment(grpc::CallbackServerContext* context,
                                  const grpc::ByteBuffer* request,
                                  grpc::ByteBuffer* response,
                                  grpc::ServerUnaryReactor* reactor) {
  const Clock::time_point start = Clock::now();
  const CallControl control = ControlFor(context);
  v1::SegmentRequest message;
  absl::Status status = control.check();
  if (status.ok()) status = ParseRequest(*request, &message);
  absl::StatusOr<v1::SegmentResponse> result =
      status.ok() ? handler_.Segment(message, control)
                  : absl::StatusOr<v1::SegmentResponse>(status);
  status = result.status();
  if (status.ok()) status = Serialize(*result, response);

  RequestLogEntry entry;
  entry.method = "Segment";
  entry.language = result.ok() ? result->language() : message.language();
  entry.bytes = static_cast<int64_t>(message.text().size());
  if (result.ok()) entry.sentences = result->sentences_size();
  entry.micros = MicrosSince(start);
  entry.code = status.code();
  entry.message = status.message();
  logger_->Log(entry);
  reactor->Finish(ToGrpcStatus(status));
}

}  // namespace precis::api
