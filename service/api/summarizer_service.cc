#include "summarizer_service.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "google/protobuf/unknown_field_set.h"

#include "grpcpp/support/proto_buffer_writer.h"
#include "proto_convert.h"
#include "request_parser.h"
#include "utf8_validation.h"

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
                                     RequestLogger* logger, int stream_window)
    : stream_window_(stream_window > 0
                         ? stream_window
                         : static_cast<int>(std::max<size_t>(2, 2 * pool->size()))),
      handler_(engine, stream_window_),
      pool_(pool),
      logger_(logger) {}

// One SummarizeStream call. Decisions are made under mu_, gRPC operations
// are started after it is released (a reaction may run inline).
class SummarizeStreamReactor final
    : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  SummarizeStreamReactor(SummarizerService* service,
                         grpc::CallbackServerContext* context)
      : service_(service), control_(ControlFor(context)) {
    reading_ = true;
    StartRead(&read_buffer_);
  }

  void OnReadDone(bool ok) override {
    Actions actions;
    {
      std::lock_guard<std::mutex> lock(mu_);
      reading_ = false;
      if (!ok) {
        reads_done_ = true;
      } else {
        ++in_flight_;
        auto request = std::make_shared<grpc::ByteBuffer>();
        request->Swap(&read_buffer_);
        service_->pool_->Submit([this, request] { Process(*request); });
      }
      actions = DecideLocked();
    }
    Act(actions);
  }

  void OnWriteDone(bool ok) override {
    Actions actions;
    {
      std::lock_guard<std::mutex> lock(mu_);
      writing_ = false;
      pending_.pop_front();
      --in_flight_;
      if (!ok) broken_ = true;
      actions = DecideLocked();
    }
    Act(actions);
  }

  void OnCancel() override {
    Actions actions;
    {
      std::lock_guard<std::mutex> lock(mu_);
      broken_ = true;
      actions = DecideLocked();
    }
    Act(actions);
  }

  void OnDone() override { delete this; }

 private:
  struct Actions {
    bool read = false;
    grpc::ByteBuffer* write = nullptr;
    bool finish = false;
    grpc::Status status;
  };

  // Runs on a pool thread.
  void Process(const grpc::ByteBuffer& bytes) {
    const Clock::time_point start = Clock::now();
    v1::SummarizeRequest message;
    absl::Status status = control_.check();
    if (status.ok()) status = ParseRequest(bytes, &message);
    if (!status.ok() && message.request_id().empty()) {
      message.set_request_id(RecoverRequestId(bytes));
    }
    absl::StatusOr<v1::SummarizeResponse> result =
        status.ok() ? service_->handler_.Summarize(message, control_)
                    : absl::StatusOr<v1::SummarizeResponse>(status);
    v1::SummarizeResponse response;
    if (result.ok()) {
      response = *std::move(result);
    } else {
      response.set_request_id(message.request_id());
      const grpc::Status g = ToGrpcStatus(result.status());
      google::rpc::Status* error = response.mutable_error();
      if (std::optional<google::rpc::Status> details = RpcStatusOf(g)) {
        *error = *std::move(details);
      } else {
        error->set_code(static_cast<int>(g.error_code()));
        error->set_message(g.error_message());
      }
    }
    grpc::ByteBuffer out;
    absl::Status serialized = Serialize(response, &out);

    RequestLogEntry entry;
    entry.request_id = message.request_id();
    entry.method = "SummarizeStream";
    entry.language = result.ok() ? response.language() : message.language();
    entry.bytes = static_cast<int64_t>(message.text().size());
    if (result.ok()) {
      entry.sentences = response.stats().sentence_count();
      entry.summary = response.summary_size();
    }
    entry.micros = MicrosSince(start);
    const absl::Status logged = serialized.ok() ? result.status() : serialized;
    entry.code = logged.code();
    entry.message = logged.message();
    service_->logger_->Log(entry);

    Actions actions;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (broken_ || !serialized.ok()) {
        --in_flight_;  // Nobody to answer, or nothing to send.
      } else {
        pending_.push_back(std::move(out));
      }
      actions = DecideLocked();
    }
    // Without an action of ours, another thread may finish the call and
    // delete this reactor as soon as the lock is released: touch nothing.
    // With one, the call cannot finish before it is started (a pending
    // write or read holds Finish back, and Finish itself is decided once).
    if (actions.write != nullptr || actions.read || actions.finish) Act(actions);
  }

  // The request_id (field 10) of a request that does not parse, if it is
  // there and valid UTF-8, so the client can tell which item failed.
  static std::string RecoverRequestId(const grpc::ByteBuffer& bytes) {
    std::vector<grpc::Slice> slices;
    std::string flat;
    if (!bytes.Dump(&slices).ok()) return "";
    for (const grpc::Slice& s : slices) {
      flat.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
    google::protobuf::UnknownFieldSet fields;
    if (!fields.ParseFromString(flat)) return "";
    for (int i = 0; i < fields.field_count(); ++i) {
      const google::protobuf::UnknownField& f = fields.field(i);
      if (f.number() == 10 &&
          f.type() == google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED &&
          ValidateUtf8Field("request_id", f.length_delimited()).ok()) {
        return f.length_delimited();
      }
    }
    return "";
  }

  Actions DecideLocked() {
    Actions a;
    if (!writing_ && !pending_.empty() && !broken_) {
      writing_ = true;
      a.write = &pending_.front();
    }
    if (broken_ && !writing_) {
      // Responses nobody will read.
      in_flight_ -= static_cast<int>(pending_.size());
      pending_.clear();
    }
    if (!reading_ && !reads_done_ && !broken_ &&
        in_flight_ < service_->stream_window_) {
      reading_ = true;
      a.read = true;
    }
    if (!finished_ && !reading_ && !writing_ && in_flight_ == 0 &&
        (reads_done_ || broken_)) {
      finished_ = true;
      a.finish = true;
      const absl::Status stop = control_.check();
      a.status = broken_ && stop.ok()
                     ? grpc::Status(grpc::StatusCode::CANCELLED,
                                    "the call was cancelled")
                     : ToGrpcStatus(stop);
    }
    return a;
  }

  void Act(Actions& a) {
    if (a.write != nullptr) StartWrite(a.write);
    if (a.read) StartRead(&read_buffer_);
    if (a.finish) Finish(a.status);
  }

  SummarizerService* service_;
  const CallControl control_;
  grpc::ByteBuffer read_buffer_;

  std::mutex mu_;
  bool reading_ = false;
  bool reads_done_ = false;
  bool writing_ = false;
  bool broken_ = false;  // Cancelled, or a write failed.
  bool finished_ = false;
  int in_flight_ = 0;  // Read, response not yet written or dropped.
  std::deque<grpc::ByteBuffer> pending_;
};

grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>*
SummarizerService::SummarizeStream(grpc::CallbackServerContext* context) {
  return new SummarizeStreamReactor(this, context);
}

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
