#include "load_generator.h"

#include <sys/prctl.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace precis::loadgen {
namespace {

constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

const char* CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return "OK";
    case grpc::StatusCode::CANCELLED: return "CANCELLED";
    case grpc::StatusCode::UNKNOWN: return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND: return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS: return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED: return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED: return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE: return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED: return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL: return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS: return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED: return "UNAUTHENTICATED";
    default: return "UNKNOWN_CODE";
  }
}

// An empty `kind` is a success.
void Count(Outcome* o, const std::string& kind, const std::string& message) {
  if (kind.empty()) {
    ++o->ok;
    return;
  }
  ++o->errors[kind];
  o->error_examples.emplace(kind, message);
}

void MergeOutcome(const Outcome& from, Outcome* to) {
  to->ok += from.ok;
  for (const auto& [k, n] : from.errors) to->errors[k] += n;
  for (const auto& [k, m] : from.error_examples) to->error_examples.emplace(k, m);
}

void SleepUntil(int64_t mono_ns) {
  // steady_clock is CLOCK_MONOTONIC on Linux; an absolute sleep does not
  // drift with the time spent computing the next deadline.
  timespec ts;
  ts.tv_sec = mono_ns / 1'000'000'000;
  ts.tv_nsec = mono_ns % 1'000'000'000;
  clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);
}

}  // namespace

int64_t NowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

int64_t Outcome::failed() const {
  int64_t n = 0;
  for (const auto& [k, c] : errors) n += c;
  return n;
}

struct LoadGenerator::Call {
  grpc::ClientContext context;
  grpc::ByteBuffer response;
  grpc::Status status;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> reader;
  int slot = 0;
  int64_t scheduled_ns = 0;
  int64_t sent_ns = 0;
};

struct LoadGenerator::ThreadStats {
  Outcome measured;
  Outcome before_event;
  Outcome after_event;
  Outcome in_flight_at_event;
  LatencyHistogram latency;
  LatencyHistogram send_lag;
};

LoadGenerator::LoadGenerator(const LoadOptions& options, const Workload* workload)
    : options_(options),
      workload_(workload),
      measure_from_ns_(kNever),
      event_ns_(kNever),
      measure_until_ns_(kNever) {}

LoadGenerator::~LoadGenerator() {
  if (!threads_.empty()) Stop();
}

absl::StatusOr<std::unique_ptr<LoadGenerator>> LoadGenerator::Create(
    const LoadOptions& options, const Workload* workload) {
  if (options.target.empty()) return absl::InvalidArgumentError("no target");
  if (options.channels < 1 || options.threads < 1) {
    return absl::InvalidArgumentError("channels and threads must be >= 1");
  }
  if (options.rate <= 0 && options.concurrency < 1) {
    return absl::InvalidArgumentError("concurrency must be >= 1");
  }
  if (workload == nullptr || workload->size() == 0) {
    return absl::InvalidArgumentError("empty workload");
  }
  auto g = std::unique_ptr<LoadGenerator>(new LoadGenerator(options, workload));
  for (int i = 0; i < options.channels; ++i) {
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(-1);
    args.SetMaxSendMessageSize(-1);
    // A private subchannel pool and a distinct argument make each channel
    // open its own TCP connection instead of sharing one.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetInt("precis.loadgen.channel", i);
    g->channels_.push_back(grpc::CreateCustomChannel(
        options.target, grpc::InsecureChannelCredentials(), args));
    g->stubs_.push_back(std::make_unique<grpc::GenericStub>(g->channels_.back()));
  }
  for (int i = 0; i < options.threads; ++i) {
    g->queues_.push_back(std::make_unique<grpc::CompletionQueue>());
    g->stats_.push_back(std::make_unique<ThreadStats>());
  }
  g->pacer_stats_ = std::make_unique<ThreadStats>();
  return g;
}

absl::Status LoadGenerator::Start() {
  const auto deadline =
      std::chrono::system_clock::now() +
      std::chrono::milliseconds(
          static_cast<int64_t>(options_.connect_timeout_seconds * 1000));
  for (size_t i = 0; i < channels_.size(); ++i) {
    if (!channels_[i]->WaitForConnected(deadline)) {
      return absl::UnavailableError(absl::StrCat(
          "channel ", i, " could not connect to ", options_.target, " within ",
          options_.connect_timeout_seconds, " s"));
    }
  }
  start_ns_ = NowNanos();
  for (int i = 0; i < options_.threads; ++i) {
    threads_.emplace_back([this, i] { CompletionLoop(i); });
  }
  if (options_.rate > 0) {
    pacer_ = std::thread([this] { PacerLoop(); });
  } else {
    const int64_t now = NowNanos();
    for (int slot = 0; slot < options_.concurrency; ++slot) Issue(slot, now);
  }
  return absl::OkStatus();
}

void LoadGenerator::BeginMeasurement() { measure_from_ns_.store(NowNanos()); }

void LoadGenerator::MarkEvent() {
  const int64_t now = NowNanos();
  event_ns_.store(now);
  int64_t until = measure_until_ns_.load();
  if (until == kNever) measure_until_ns_.store(now);
}

void LoadGenerator::Issue(int slot, int64_t scheduled_ns) {
  auto* call = new Call;
  call->slot = slot;
  call->scheduled_ns = scheduled_ns;
  call->context.set_deadline(
      std::chrono::system_clock::now() +
      std::chrono::microseconds(
          static_cast<int64_t>(options_.deadline_seconds * 1e6)));
  const size_t channel = static_cast<size_t>(slot) % stubs_.size();
  grpc::CompletionQueue* cq = queues_[static_cast<size_t>(slot) % queues_.size()].get();
  in_flight_.fetch_add(1, std::memory_order_relaxed);
  started_.fetch_add(1, std::memory_order_relaxed);
  const grpc::ByteBuffer request =
      workload_->Request(next_request_.fetch_add(1, std::memory_order_relaxed));
  call->sent_ns = NowNanos();
  call->reader = stubs_[channel]->PrepareUnaryCall(
      &call->context, workload_->method_path(), request, cq);
  call->reader->StartCall();
  call->reader->Finish(&call->response, &call->status, call);
}

void LoadGenerator::CompletionLoop(int thread_index) {
  void* tag = nullptr;
  bool ok = false;
  grpc::CompletionQueue* cq = queues_[thread_index].get();
  while (cq->Next(&tag, &ok)) Complete(thread_index, static_cast<Call*>(tag));
}

void LoadGenerator::Complete(int thread_index, Call* call) {
  const int64_t done_ns = NowNanos();
  ThreadStats& s = *stats_[thread_index];
  std::string kind;
  std::string message;
  if (!call->status.ok()) {
    kind = CodeName(call->status.error_code());
    message = call->status.error_message();
  } else if (options_.verify) {
    const absl::Status v = workload_->VerifyResponse(call->response);
    if (!v.ok()) {
      kind = "INVALID_RESPONSE";
      message = std::string(v.message());
    }
  }
  const bool success = kind.empty();
  (success ? ok_ : failed_).fetch_add(1, std::memory_order_relaxed);
  const int64_t latency = done_ns - call->scheduled_ns;
  int64_t seen = max_latency_ns_.load(std::memory_order_relaxed);
  while (latency > seen &&
         !max_latency_ns_.compare_exchange_weak(seen, latency, std::memory_order_relaxed)) {
  }

  const int64_t event = event_ns_.load(std::memory_order_relaxed);
  if (call->sent_ns >= event) {
    Count(&s.after_event, kind, message);
  } else {
    Count(&s.before_event, kind, message);
    if (done_ns >= event) Count(&s.in_flight_at_event, kind, message);
    if (call->sent_ns >= measure_from_ns_.load(std::memory_order_relaxed) &&
        call->sent_ns < measure_until_ns_.load(std::memory_order_relaxed)) {
      Count(&s.measured, kind, message);
      if (success) s.latency.Record(done_ns - call->scheduled_ns);
    }
  }
  // Closed loop: the next call starts before this one is counted out, so
  // in_flight_ never reads 0 while a completion may still issue (see Stop).
  if (options_.rate <= 0 && !stopping_.load(std::memory_order_relaxed)) {
    Issue(call->slot, done_ns);
  }
  in_flight_.fetch_sub(1, std::memory_order_relaxed);
  delete call;
}

void LoadGenerator::PacerLoop() {
  // The default 50 us timer slack would delay every wake-up by up to that
  // much, and the lag counts into the measured latency.
  prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
  const double interval_ns = 1e9 / options_.rate;
  const int64_t t0 = NowNanos();
  ThreadStats& s = *pacer_stats_;
  for (int64_t i = 0; !stopping_.load(std::memory_order_relaxed); ++i) {
    const int64_t scheduled = t0 + static_cast<int64_t>(static_cast<double>(i) * interval_ns);
    int64_t now = NowNanos();
    if (scheduled > now) {
      SleepUntil(scheduled);
      if (stopping_.load(std::memory_order_relaxed)) break;
      now = NowNanos();
    }
    if (in_flight_.load(std::memory_order_relaxed) >= options_.max_in_flight) {
      not_sent_.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    s.send_lag.Record(now - scheduled);
    Issue(static_cast<int>(i % (static_cast<int64_t>(queues_.size()) *
                                static_cast<int64_t>(stubs_.size()))),
          scheduled);
  }
}

LoadResult LoadGenerator::Stop() {
  LoadResult r;
  if (threads_.empty()) return r;
  const int64_t stop_ns = NowNanos();
  if (measure_until_ns_.load() == kNever) measure_until_ns_.store(stop_ns);
  stopping_.store(true);
  if (pacer_.joinable()) pacer_.join();
  // Calls in flight finish within their deadline; allow a margin.
  const int64_t give_up =
      NowNanos() + static_cast<int64_t>((options_.deadline_seconds + 5) * 1e9);
  while (in_flight_.load() > 0 && NowNanos() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.abandoned = in_flight_.load();
  // Shutdown still delivers the completions of calls left in flight.
  for (auto& q : queues_) q->Shutdown();
  for (auto& t : threads_) t.join();
  threads_.clear();

  r.send_lag.Merge(pacer_stats_->send_lag);
  for (const auto& s : stats_) {
    MergeOutcome(s->measured, &r.measured);
    MergeOutcome(s->before_event, &r.before_event);
    MergeOutcome(s->after_event, &r.after_event);
    MergeOutcome(s->in_flight_at_event, &r.in_flight_at_event);
    r.latency.Merge(s->latency);
  }
  const int64_t from = measure_from_ns_.load();
  const int64_t until = measure_until_ns_.load();
  r.measured_seconds = until > from ? (until - from) / 1e9 : 0;
  r.event_marked = event_ns_.load() != kNever;
  if (r.event_marked) r.event_at_seconds = (event_ns_.load() - start_ns_) / 1e9;
  r.not_sent = not_sent_.load();
  return r;
}

int64_t LoadGenerator::TakeMaxLatencyMicros() {
  return max_latency_ns_.exchange(0, std::memory_order_relaxed) / 1000;
}

Progress LoadGenerator::progress() const {
  Progress p;
  p.started = started_.load(std::memory_order_relaxed);
  p.ok = ok_.load(std::memory_order_relaxed);
  p.failed = failed_.load(std::memory_order_relaxed);
  p.in_flight = in_flight_.load(std::memory_order_relaxed);
  return p;
}

}  // namespace precis::loadgen
