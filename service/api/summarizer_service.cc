#include "summarizer_service.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/unknown_field_set.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/proto_buffer_writer.h"
#include "proto_convert.h"
#include "request_parser.h"
#include "utf8_validation.h"

namespace precis::api {
namespace {

using Clock = std::chrono::steady_clock;
using SystemClock = std::chrono::system_clock;

constexpr char kRequestIdHeader[] = "x-request-id";

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

// The client's x-request-id, or a new one.
std::string IncomingRequestId(grpc::CallbackServerContext* context) {
  const auto& metadata = context->client_metadata();
  const auto it = metadata.find(kRequestIdHeader);
  if (it == metadata.end()) return RequestIdFor("");
  return RequestIdFor(std::string_view(it->second.data(), it->second.size()));
}

grpc::Status OverloadedStatus(int64_t limit) {
  const std::string message = absl::StrCat(
      "server overloaded: ", limit,
      " calls already in flight (limits.max_in_flight_calls); retry with "
      "backoff or another replica");
  google::rpc::Status details;
  details.set_code(static_cast<int>(grpc::StatusCode::RESOURCE_EXHAUSTED));
  details.set_message(message);
  google::rpc::QuotaFailure quota;
  google::rpc::QuotaFailure::Violation* v = quota.add_violations();
  v->set_subject("limits.max_in_flight_calls");
  v->set_description(message);
  details.add_details()->PackFrom(quota);
  return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, message,
                      details.SerializeAsString());
}

// A failed stream item's `error`: the google.rpc.Status in the details, or
// code and message.
void SetItemError(const grpc::Status& g, v1::SummarizeResponse* response) {
  google::rpc::Status* error = response->mutable_error();
  if (std::optional<google::rpc::Status> details = RpcStatusOf(g)) {
    *error = *std::move(details);
  } else {
    error->set_code(static_cast<int>(g.error_code()));
    error->set_message(g.error_message());
  }
}

}  // namespace

CallControl MakeCallControl(SystemClock::time_point deadline,
                            std::function<bool()> is_cancelled) {
  return MakeCallControl(deadline, SystemClock::time_point::max(),
                         std::move(is_cancelled));
}

CallControl MakeCallControl(SystemClock::time_point deadline,
                            SystemClock::time_point work_deadline,
                            std::function<bool()> is_cancelled) {
  CallControl control;
  const SystemClock::time_point first = std::min(deadline, work_deadline);
  control.check = [first, deadline,
                   is_cancelled = std::move(is_cancelled)]() {
    // The deadlines first: gRPC also marks a call whose deadline passed as
    // cancelled, and DEADLINE_EXCEEDED is the more precise answer. One clock
    // read and one comparison on the common path (the engine polls often).
    if (SystemClock::now() >= first) {
      if (SystemClock::now() >= deadline) {
        return absl::DeadlineExceededError("deadline exceeded while processing");
      }
      return absl::DeadlineExceededError(
          "the call exceeded the server's per-call time limit "
          "(limits.max_call_seconds)");
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
    : SummarizerService(engine, pool, logger, [stream_window] {
        ServiceOptions options;
        options.stream_window = stream_window;
        return options;
      }()) {}

SummarizerService::SummarizerService(const Engine& engine, WorkerPool* pool,
                                     RequestLogger* logger,
                                     const ServiceOptions& options)
    : stream_window_(options.stream_window > 0
                         ? options.stream_window
                         : static_cast<int>(std::max<size_t>(2, 2 * pool->size()))),
      max_call_seconds_(options.max_call_seconds),
      handler_(engine, stream_window_),
      pool_(pool),
      logger_(logger),
      admission_(options.max_in_flight_calls > 0
                     ? options.max_in_flight_calls
                     : ServiceOptions::kInFlightPerThread *
                           static_cast<int64_t>(pool->size())),
      overloaded_(OverloadedStatus(admission_.max_in_flight())),
      capabilities_(handler_.GetCapabilities().SerializeAsString()) {
  metrics_.set_admission(&admission_);
}

SystemClock::time_point SummarizerService::WorkDeadline() const {
  if (max_call_seconds_ <= 0) return SystemClock::time_point::max();
  // On the system clock, which gRPC's deadlines use.
  return SystemClock::now() +
         std::chrono::duration_cast<SystemClock::duration>(
             std::chrono::duration<double>(max_call_seconds_));
}

CallControl SummarizerService::ControlFor(
    grpc::CallbackServerContext* context,
    SystemClock::time_point work_deadline) const {
  return MakeCallControl(context->deadline(), work_deadline,
                         [context] { return context->IsCancelled(); });
}

void SummarizerService::RecordRejected(MetricsMethod method,
                                       std::string_view request_id,
                                       std::string_view item_id,
                                       Clock::time_point arrival) {
  const int64_t micros = MicrosSince(arrival);
  ServiceMetrics::Call call;
  call.method = method;
  call.code = absl::StatusCode::kResourceExhausted;
  call.micros = micros;
  metrics_.Record(call);
  metrics_.RecordRejected(method);
  RequestLogEntry entry;
  entry.request_id = request_id;
  entry.item_id = item_id;
  entry.method = MetricsMethodName(method);
  entry.micros = micros;
  entry.code = absl::StatusCode::kResourceExhausted;
  const std::string& message = overloaded_.error_message();
  entry.message = absl::string_view(message.data(), message.size());
  logger_->Log(entry);
}

// One SummarizeStream call. Decisions are made under mu_, gRPC operations
// are started after it is released (a reaction may run inline).
class SummarizeStreamReactor final
    : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  SummarizeStreamReactor(SummarizerService* service,
                         grpc::CallbackServerContext* context)
      : service_(service),
        context_(context),
        request_id_(IncomingRequestId(context)),
        stream_control_(MakeCallControl(
            context->deadline(), [context] { return context->IsCancelled(); })) {
    context->AddInitialMetadata(kRequestIdHeader, request_id_);
    reading_ = true;
    StartRead(&read_buffer_);
  }

  void OnReadDone(bool ok) override {
    // The read buffer is ours until the next StartRead, which only this
    // reaction can decide: take the request out before locking.
    std::shared_ptr<grpc::ByteBuffer> request;
    std::optional<grpc::ByteBuffer> refused;
    if (ok) {
      const Clock::time_point arrival = Clock::now();
      request = std::make_shared<grpc::ByteBuffer>();
      request->Swap(&read_buffer_);
      bool admitted = service_->admission_.TryAcquire();
      if (admitted) {
        // Counted before the task can run and decrement it.
        std::lock_guard<std::mutex> lock(mu_);
        ++in_flight_;
      }
      if (admitted) {
        const SystemClock::time_point work_deadline = service_->WorkDeadline();
        admitted = service_->pool_->Submit([this, request, arrival, work_deadline] {
          Process(*request, arrival, work_deadline);
        });
        if (!admitted) {
          service_->admission_.Release();
          std::lock_guard<std::mutex> lock(mu_);
          --in_flight_;
        }
      }
      if (!admitted) refused = Refuse(*request, arrival);
    }
    Actions actions;
    {
      std::lock_guard<std::mutex> lock(mu_);
      reading_ = false;
      if (!ok) reads_done_ = true;
      if (refused.has_value()) {
        ++in_flight_;
        if (broken_) {
          --in_flight_;
        } else {
          pending_.push_back(*std::move(refused));
        }
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

  // An item that answers `request_id` with `error` alone: a few bytes that
  // always serialize.
  static grpc::ByteBuffer ErrorItem(const std::string& request_id,
                                    const grpc::Status& error) {
    v1::SummarizeResponse response;
    response.set_request_id(request_id);
    SetItemError(error, &response);
    grpc::ByteBuffer out;
    (void)Serialize(response, &out);
    return out;
  }

  // The answer to an item refused by admission control (logged and counted).
  grpc::ByteBuffer Refuse(const grpc::ByteBuffer& bytes,
                          Clock::time_point arrival) {
    const std::string id = RecoverRequestId(bytes);
    service_->RecordRejected(MetricsMethod::kSummarizeStream, request_id_, id,
                             arrival);
    return ErrorItem(id, service_->overloaded_);
  }

  // Runs on a pool thread.
  void Process(const grpc::ByteBuffer& bytes, Clock::time_point arrival,
               SystemClock::time_point work_deadline) {
    const CallControl control =
        service_->ControlFor(context_, work_deadline);
    v1::SummarizeRequest message;
    absl::Status status = control.check();
    if (status.ok()) status = ParseRequest(bytes, &message);
    if (!status.ok() && message.request_id().empty()) {
      message.set_request_id(RecoverRequestId(bytes));
    }
    absl::StatusOr<v1::SummarizeResponse> result =
        status.ok() ? service_->handler_.Summarize(message, control)
                    : absl::StatusOr<v1::SummarizeResponse>(status);
    v1::SummarizeResponse response;
    if (result.ok()) {
      response = *std::move(result);
    } else {
      response.set_request_id(message.request_id());
      SetItemError(ToGrpcStatus(result.status()), &response);
    }
    grpc::ByteBuffer out;
    absl::Status serialized = Serialize(response, &out);
    if (!serialized.ok()) {
      // Every item gets an answer (the proto promises one): a response that
      // cannot be serialized is replaced by its error, which always can.
      out = ErrorItem(message.request_id(), ToGrpcStatus(serialized));
    }
    service_->admission_.Release();

    const absl::Status logged = serialized.ok() ? result.status() : serialized;
    const int64_t micros = MicrosSince(arrival);
    RequestLogEntry entry;
    entry.request_id = request_id_;
    entry.item_id = message.request_id();
    entry.method = "SummarizeStream";
    entry.language = result.ok() ? response.language() : message.language();
    entry.bytes = static_cast<int64_t>(message.text().size());
    if (result.ok()) {
      entry.sentences = response.stats().sentence_count();
      entry.summary = response.summary_size();
      entry.facts = response.facts_size();
    }
    entry.micros = micros;
    entry.code = logged.code();
    entry.message = logged.message();
    service_->logger_->Log(entry);
    ServiceMetrics::Call call;
    call.method = MetricsMethod::kSummarizeStream;
    call.code = logged.code();
    call.micros = micros;
    call.bytes = entry.bytes;
    call.sentences_out = result.ok() ? response.summary_size() : 0;
    call.facts_out = result.ok() ? response.facts_size() : 0;
    service_->metrics_.Record(call);

    Actions actions;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (broken_) {
        --in_flight_;  // Nobody to answer.
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
      const absl::Status stop = stream_control_.check();
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
  grpc::CallbackServerContext* const context_;
  const std::string request_id_;
  // The stream's own deadline and cancellation (items add max_call_seconds).
  const CallControl stream_control_;
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

grpc::ServerUnaryReactor* SummarizerService::StartUnary(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response, MetricsMethod method) {
  UnaryCall call{context,   request,
                 response,  context->DefaultReactor(),
                 IncomingRequestId(context), Clock::now(),
                 WorkDeadline()};
  context->AddInitialMetadata(kRequestIdHeader, call.request_id);
  if (admission_.TryAcquire()) {
    grpc::ServerUnaryReactor* reactor = call.reactor;
    const bool queued = pool_->Submit([this, call, method] {
      if (method == MetricsMethod::kSummarize) {
        DoSummarize(call);
      } else {
        DoSegment(call);
      }
    });
    if (queued) return reactor;
    admission_.Release();
  }
  // Refused at once, on gRPC's thread: no parse, no queue.
  RecordRejected(method, call.request_id, "", call.arrival);
  call.reactor->Finish(overloaded_);
  return call.reactor;
}

grpc::ServerUnaryReactor* SummarizerService::Summarize(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return StartUnary(context, request, response, MetricsMethod::kSummarize);
}

grpc::ServerUnaryReactor* SummarizerService::Segment(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return StartUnary(context, request, response, MetricsMethod::kSegment);
}

grpc::ServerUnaryReactor* SummarizerService::GetCapabilities(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  // Precomputed: answered inline on gRPC's thread, never shed. The request
  // is still parsed, so bytes that are not a GetCapabilitiesRequest fail as
  // they would with generated code.
  const Clock::time_point arrival = Clock::now();
  v1::GetCapabilitiesRequest message;
  absl::Status status = ParseRequest(*request, &message);
  if (status.ok()) {
    // The slice is reference-counted: no copy of the bytes per call.
    *response = grpc::ByteBuffer(&capabilities_, 1);
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  ServiceMetrics::Call call;
  call.method = MetricsMethod::kGetCapabilities;
  call.code = status.code();
  call.micros = MicrosSince(arrival);
  metrics_.Record(call);
  return reactor;
}

template <typename Request, typename Response, typename Handle, typename Count>
void SummarizerService::RunUnary(const UnaryCall& call, MetricsMethod method,
                                 Handle handle, Count count) {
  const CallControl control = ControlFor(call.context, call.work_deadline);
  Request message;
  absl::Status status = control.check();
  if (status.ok()) status = ParseRequest(*call.request, &message);
  absl::StatusOr<Response> result =
      status.ok() ? handle(message, control) : absl::StatusOr<Response>(status);
  status = result.status();
  if (status.ok()) status = Serialize(*result, call.response);
  admission_.Release();

  const int64_t micros = MicrosSince(call.arrival);
  RequestLogEntry entry;
  entry.request_id = call.request_id;
  if constexpr (requires { message.request_id(); }) {
    entry.item_id = message.request_id();
  }
  entry.method = MetricsMethodName(method);
  entry.language = result.ok() ? result->language() : message.language();
  entry.bytes = static_cast<int64_t>(message.text().size());
  entry.micros = micros;
  entry.code = status.code();
  entry.message = status.message();
  ServiceMetrics::Call m;
  m.method = method;
  m.code = status.code();
  m.micros = micros;
  m.bytes = entry.bytes;
  if (result.ok()) count(*result, &entry, &m);
  logger_->Log(entry);
  metrics_.Record(m);
  call.reactor->Finish(ToGrpcStatus(status));
}

void SummarizerService::DoSummarize(const UnaryCall& call) {
  RunUnary<v1::SummarizeRequest, v1::SummarizeResponse>(
      call, MetricsMethod::kSummarize,
      [this](const v1::SummarizeRequest& request, const CallControl& control) {
        return handler_.Summarize(request, control);
      },
      [](const v1::SummarizeResponse& r, RequestLogEntry* entry, ServiceMetrics::Call* m) {
        entry->sentences = r.stats().sentence_count();
        entry->summary = r.summary_size();
        entry->facts = r.facts_size();
        m->sentences_out = r.summary_size();
        m->facts_out = r.facts_size();
      });
}

void SummarizerService::DoSegment(const UnaryCall& call) {
  RunUnary<v1::SegmentRequest, v1::SegmentResponse>(
      call, MetricsMethod::kSegment,
      [this](const v1::SegmentRequest& request, const CallControl& control) {
        return handler_.Segment(request, control);
      },
      [](const v1::SegmentResponse& r, RequestLogEntry* entry, ServiceMetrics::Call* m) {
        entry->sentences = r.sentences_size();
        m->sentences_out = r.sentences_size();
      });
}

}  // namespace precis::api
