// SummarizerService under load, in-process: admission control refuses calls
// beyond max_in_flight_calls at once (RESOURCE_EXHAUSTED with a QuotaFailure,
// counted in the metrics), a stream item beyond it fails alone, and
// max_call_seconds bounds a call that waited too long even when the client
// set no deadline. Also: x-request-id is honoured or generated and echoed.
//
// The single worker thread is held by a task of the test's own, so which
// calls are queued, running or refused is decided by the test, not timing.
#include <future>
#include <thread>

#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "in_process_server.h"
#include "proto_convert.h"

namespace precis::api {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

using testing::InProcessServer;

std::string Article() { return testing::SampleArticle(); }

// A service with one worker thread, at most 64 queued tasks and the given
// options, on loopback.
class Harness : public InProcessServer {
 public:
  Harness(const Engine& engine, const ServiceOptions& options)
      : InProcessServer(engine, Options{1, 64, options}) {}
};

class LoadSheddingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    engine_ = testing::CreateTestEngine().release();
    ASSERT_NE(engine_, nullptr);
  }
  static void TearDownTestSuite() { delete engine_; }
  static Engine* engine_;
};

Engine* LoadSheddingTest::engine_ = nullptr;

// An asynchronous Summarize whose status and response arrive later.
struct PendingCall {
  grpc::ClientContext context;
  v1::SummarizeRequest request;
  v1::SummarizeResponse response;
  std::promise<grpc::Status> done;
};

std::unique_ptr<PendingCall> StartSummarize(v1::SummarizerService::Stub* stub,
                                            const std::string& text) {
  auto call = std::make_unique<PendingCall>();
  call->request.set_text(text);
  PendingCall* c = call.get();
  stub->async()->Summarize(&c->context, &c->request, &c->response,
                           [c](grpc::Status s) { c->done.set_value(std::move(s)); });
  return call;
}

TEST_F(LoadSheddingTest, CallsBeyondTheCapAreRefusedAtOnce) {
  ServiceOptions options;
  options.max_in_flight_calls = 2;
  Harness h(*engine_, options);
  EXPECT_EQ(h.service().admission().max_in_flight(), 2);
  h.Block();
  auto stub = h.Stub();
  const std::string article = Article();
  // Two calls fill the cap (queued behind the blocker).
  auto first = StartSummarize(stub.get(), article);
  auto second = StartSummarize(stub.get(), article);
  ASSERT_TRUE(h.WaitQueued(2));
  EXPECT_EQ(h.service().admission().in_flight(), 2);

  // The third and a Segment are refused while the worker is still held:
  // they cannot have waited for it.
  v1::SummarizeRequest request;
  request.set_text(article);
  v1::SummarizeResponse response;
  grpc::ClientContext context;
  const grpc::Status refused = stub->Summarize(&context, request, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.error_message(), HasSubstr("overloaded"));
  EXPECT_THAT(refused.error_message(), HasSubstr("limits.max_in_flight_calls"));
  // QuotaFailure names the limit; no BadRequest (the text is fine).
  std::optional<google::rpc::Status> details = RpcStatusOf(refused);
  ASSERT_TRUE(details.has_value());
  ASSERT_EQ(details->details_size(), 1);
  google::rpc::QuotaFailure quota;
  ASSERT_TRUE(details->details(0).UnpackTo(&quota));
  EXPECT_EQ(quota.violations(0).subject(), "limits.max_in_flight_calls");
  EXPECT_FALSE(BadRequestOf(refused).has_value());

  v1::SegmentRequest segment;
  segment.set_text(article);
  v1::SegmentResponse segmented;
  grpc::ClientContext segment_context;
  EXPECT_EQ(stub->Segment(&segment_context, segment, &segmented).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  // GetCapabilities is never shed.
  v1::GetCapabilitiesResponse capabilities;
  grpc::ClientContext capabilities_context;
  EXPECT_TRUE(stub->GetCapabilities(&capabilities_context, {}, &capabilities).ok());
  EXPECT_EQ(h.WaitQueued(2), true);  // Nothing more was queued.

  h.Release();
  EXPECT_TRUE(first->done.get_future().get().ok());
  EXPECT_TRUE(second->done.get_future().get().ok());
  EXPECT_GT(first->response.summary_size(), 0);

  const ServiceMetrics& m = h.service().metrics();
  EXPECT_EQ(m.rejected(MetricsMethod::kSummarize), 1u);
  EXPECT_EQ(m.rejected(MetricsMethod::kSegment), 1u);
  EXPECT_EQ(m.calls(MetricsMethod::kSummarize, absl::StatusCode::kOk), 2u);
  EXPECT_EQ(m.calls(MetricsMethod::kSummarize, absl::StatusCode::kResourceExhausted), 1u);
  EXPECT_EQ(h.service().admission().in_flight(), 0);

  // Capacity is back.
  grpc::ClientContext after;
  EXPECT_TRUE(stub->Summarize(&after, request, &response).ok());
}

TEST_F(LoadSheddingTest, AStreamItemBeyondTheCapFailsAloneAndTheStreamGoesOn) {
  ServiceOptions options;
  options.max_in_flight_calls = 1;
  options.stream_window = 4;
  Harness h(*engine_, options);
  h.Block();
  auto stub = h.Stub();
  grpc::ClientContext context;
  auto stream = stub->SummarizeStream(&context);
  v1::SummarizeRequest r;
  r.set_text(Article());
  r.set_request_id("admitted");
  ASSERT_TRUE(stream->Write(r));
  ASSERT_TRUE(h.WaitQueued(1));
  r.set_request_id("refused");
  ASSERT_TRUE(stream->Write(r));
  // The refusal is answered while the worker is still held.
  v1::SummarizeResponse response;
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.request_id(), "refused");
  ASSERT_TRUE(response.has_error());
  EXPECT_EQ(response.error().code(),
            static_cast<int>(grpc::StatusCode::RESOURCE_EXHAUSTED));
  google::rpc::QuotaFailure quota;
  ASSERT_EQ(response.error().details_size(), 1);
  ASSERT_TRUE(response.error().details(0).UnpackTo(&quota));
  EXPECT_EQ(quota.violations(0).subject(), "limits.max_in_flight_calls");

  h.Release();
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.request_id(), "admitted");
  EXPECT_FALSE(response.has_error()) << response.error().message();
  stream->WritesDone();
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_TRUE(stream->Finish().ok());
  EXPECT_EQ(h.service().metrics().rejected(MetricsMethod::kSummarizeStream), 1u);
}

TEST_F(LoadSheddingTest, MaxCallSecondsBoundsACallWithoutAClientDeadline) {
  ServiceOptions options;
  // A bound far above what one short call costs even under ASan on a busy
  // machine (a 50 ms bound failed the prompt call below in the sanitizer
  // CI job), and a queue wait well past it.
  options.max_call_seconds = 1.0;
  Harness h(*engine_, options);
  h.Block();
  auto stub = h.Stub();
  // No client deadline at all.
  auto call = StartSummarize(stub.get(), Article());
  ASSERT_TRUE(h.WaitQueued(1));
  // Waiting in the queue counts: by the time the worker is free, the call
  // is past its 1 s bound.
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  h.Release();
  const grpc::Status status = call->done.get_future().get();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_THAT(status.error_message(), HasSubstr("limits.max_call_seconds"));
  EXPECT_EQ(h.service().metrics().calls(MetricsMethod::kSummarize,
                                        absl::StatusCode::kDeadlineExceeded),
            1u);
  // A call that is served promptly is unaffected.
  v1::SummarizeRequest request;
  request.set_text("Talks were held in Geneva on Monday. Both sides will meet again.");
  v1::SummarizeResponse response;
  grpc::ClientContext context;
  const grpc::Status prompt = stub->Summarize(&context, request, &response);
  EXPECT_TRUE(prompt.ok()) << prompt.error_message();
}

TEST(MakeCallControlWorkBoundTest, TheEarlierDeadlineDecidesTheMessage) {
  const auto now = std::chrono::system_clock::now();
  const auto future = now + std::chrono::hours(1);
  const auto past = now - std::chrono::seconds(1);
  EXPECT_TRUE(MakeCallControl(future, future, nullptr).check().ok());
  absl::Status work = MakeCallControl(future, past, nullptr).check();
  EXPECT_EQ(work.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(std::string(work.message()), HasSubstr("limits.max_call_seconds"));
  absl::Status client = MakeCallControl(past, past, nullptr).check();
  EXPECT_EQ(client.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(std::string(client.message()), HasSubstr("deadline exceeded"));
  EXPECT_EQ(MakeCallControl(future, future, [] { return true; }).check().code(),
            absl::StatusCode::kCancelled);
}

std::string InitialMetadata(const grpc::ClientContext& context,
                            const std::string& key) {
  const auto& md = context.GetServerInitialMetadata();
  const auto it = md.find(key);
  return it == md.end() ? "" : std::string(it->second.data(), it->second.size());
}

TEST_F(LoadSheddingTest, RequestIdIsEchoedOrGenerated) {
  Harness h(*engine_, ServiceOptions{});
  auto stub = h.Stub();
  v1::SummarizeRequest request;
  request.set_text("Talks were held in Geneva on Monday. Both sides will meet again.");
  v1::SummarizeResponse response;
  {
    grpc::ClientContext context;
    context.AddMetadata("x-request-id", "trace-42");
    ASSERT_TRUE(stub->Summarize(&context, request, &response).ok());
    EXPECT_EQ(InitialMetadata(context, "x-request-id"), "trace-42");
  }
  std::string generated;
  {
    grpc::ClientContext context;
    ASSERT_TRUE(stub->Summarize(&context, request, &response).ok());
    generated = InitialMetadata(context, "x-request-id");
    EXPECT_THAT(generated, MatchesRegex("[0-9a-f]{32}"));
  }
  {
    // Errors carry it too, and ids differ per call.
    grpc::ClientContext context;
    v1::SegmentRequest empty;
    v1::SegmentResponse segmented;
    EXPECT_EQ(stub->Segment(&context, empty, &segmented).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
    const std::string id = InitialMetadata(context, "x-request-id");
    EXPECT_THAT(id, MatchesRegex("[0-9a-f]{32}"));
    EXPECT_NE(id, generated);
  }
  {
    grpc::ClientContext context;
    context.AddMetadata("x-request-id", "stream-7");
    auto stream = stub->SummarizeStream(&context);
    request.set_request_id("item");
    ASSERT_TRUE(stream->Write(request));
    stream->WritesDone();
    while (stream->Read(&response)) {
    }
    EXPECT_TRUE(stream->Finish().ok());
    EXPECT_EQ(InitialMetadata(context, "x-request-id"), "stream-7");
  }
}

}  // namespace
}  // namespace precis::api
