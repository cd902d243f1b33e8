// precisd under overload and pathological input, end to end: calls beyond
// limits.max_in_flight_calls are refused at once with RESOURCE_EXHAUSTED
// (counted in /metrics) while the admitted ones succeed, and
// limits.max_call_seconds ends 1 MiB pathological inputs cleanly even when
// the client sets no deadline; the server stays healthy throughout.
#include <signal.h>

#include <future>
#include <thread>

#include "../api/prometheus_text.h"
#include "backend.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "precis/v1/precis.grpc.pb.h"
#include "proto_convert.h"
#include "test_process.h"

namespace precis {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;
using testing::PrecisdProcess;

std::unique_ptr<PrecisdProcess> StartOrDie(const std::string& config) {
  std::string error;
  std::unique_ptr<PrecisdProcess> server = PrecisdProcess::Start(config, &error);
  EXPECT_NE(server, nullptr) << error;
  return server;
}

bool Serving(const PrecisdProcess& server) {
  cli::ServingStatus serving = cli::ServingStatus::kUnknown;
  const grpc::Status status =
      cli::CheckHealth(testing::MakeTestChannel(server.address()),
                       "precis.v1.SummarizerService", std::chrono::seconds(10),
                       &serving);
  return status.ok() && serving == cli::ServingStatus::kServing;
}

struct AsyncCall {
  grpc::ClientContext context;
  v1::SummarizeRequest request;
  v1::SummarizeResponse response;
  std::promise<grpc::Status> done;
};

TEST(OverloadTest, CallsBeyondTheCapFailFastAndAdmittedOnesSucceed) {
  auto server = StartOrDie(R"(
server:
  worker_threads: 1
limits:
  max_in_flight_calls: 2
metrics:
  listen: "127.0.0.1:0"
)");
  ASSERT_NE(server, nullptr);
  // ~100 KB articles: each takes the single worker long enough that a burst
  // of 40 arrives while at most 2 are admitted.
  std::string text;
  while (text.size() < 100000) text += testing::Article() + "\n\n";
  auto stub = v1::SummarizerService::NewStub(
      testing::MakeTestChannel(server->address()));
  constexpr int kCalls = 40;
  std::vector<std::unique_ptr<AsyncCall>> calls;
  for (int i = 0; i < kCalls; ++i) {
    auto call = std::make_unique<AsyncCall>();
    call->request.set_text(text);
    call->context.set_deadline(std::chrono::system_clock::now() +
                               std::chrono::seconds(120));
    AsyncCall* c = call.get();
    stub->async()->Summarize(&c->context, &c->request, &c->response,
                             [c](grpc::Status s) { c->done.set_value(std::move(s)); });
    calls.push_back(std::move(call));
  }
  int ok = 0, refused = 0;
  for (auto& call : calls) {
    const grpc::Status status = call->done.get_future().get();
    if (status.ok()) {
      ++ok;
      EXPECT_GT(call->response.summary_size(), 0);
      continue;
    }
    ASSERT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
        << status.error_message();
    ++refused;
    EXPECT_THAT(status.error_message(), HasSubstr("server overloaded"));
    std::optional<google::rpc::Status> details = api::RpcStatusOf(status);
    ASSERT_TRUE(details.has_value());
    google::rpc::QuotaFailure quota;
    ASSERT_TRUE(details->details(0).UnpackTo(&quota));
    EXPECT_EQ(quota.violations(0).subject(), "limits.max_in_flight_calls");
  }
  EXPECT_GE(ok, 1);
  EXPECT_GE(refused, 1);
  EXPECT_EQ(ok + refused, kCalls);

  testing::PromText t;
  std::string error;
  const testing::HttpResult scraped = testing::HttpGet(server->MetricsPort(), "/metrics");
  ASSERT_TRUE(testing::ParsePrometheusText(scraped.body, &t, &error)) << error;
  EXPECT_EQ(t.Get("precis_rejected_calls_total", {{"method", "Summarize"}}), refused);
  EXPECT_EQ(t.Get("precis_calls_total",
                  {{"method", "Summarize"}, {"code", "RESOURCE_EXHAUSTED"}}), refused);
  EXPECT_EQ(t.Get("precis_calls_total", {{"method", "Summarize"}, {"code", "OK"}}), ok);
  EXPECT_EQ(t.Get("precis_in_flight_calls"), 0);

  // Load gone: the server serves again.
  EXPECT_TRUE(Serving(*server));
  v1::SummarizeRequest request;
  request.set_text(testing::Article());
  v1::SummarizeResponse response;
  grpc::ClientContext context;
  EXPECT_TRUE(stub->Summarize(&context, request, &response).ok());
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(), 0);
}

// 1 MiB inputs that stress different stages.
std::vector<std::pair<std::string, std::string>> PathologicalInputs() {
  constexpr size_t kSize = (1 << 20) - 1024;
  std::vector<std::pair<std::string, std::string>> inputs;
  inputs.emplace_back("no spaces", std::string(kSize, 'a'));
  inputs.emplace_back("newlines", std::string(kSize, '\n') + "x");
  std::string sentences;
  while (sentences.size() < kSize - 20) sentences += "Ab cd. ";
  inputs.emplace_back("tiny sentences", sentences);
  std::string words;
  while (words.size() < kSize - 20) words += "word ";
  inputs.emplace_back("one endless sentence", words);
  return inputs;
}

TEST(OverloadTest, MaxCallSecondsEndsPathologicalInputsWithoutAClientDeadline) {
  auto server = StartOrDie(R"(
server:
  worker_threads: 2
limits:
  max_call_seconds: 0.001
)");
  ASSERT_NE(server, nullptr);
  auto stub = v1::SummarizerService::NewStub(
      testing::MakeTestChannel(server->address()));
  for (const auto& [name, text] : PathologicalInputs()) {
    v1::SummarizeRequest request;
    request.set_text(text);
    v1::SummarizeResponse response;
    grpc::ClientContext context;  // No deadline.
    const grpc::Status status = stub->Summarize(&context, request, &response);
    // Far more than 1 ms of work: the server's bound ends it.
    EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED)
        << name << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr("limits.max_call_seconds")) << name;
  }
  EXPECT_TRUE(Serving(*server));
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(), 0);
}

TEST(OverloadTest, PathologicalInputsFinishOrFailCleanlyWithinTheDefaultBound) {
  auto server = StartOrDie("server:\n  worker_threads: 2\n");
  ASSERT_NE(server, nullptr);
  auto stub = v1::SummarizerService::NewStub(
      testing::MakeTestChannel(server->address()));
  for (const auto& [name, text] : PathologicalInputs()) {
    for (const char* method : {"Summarize", "Segment"}) {
      const auto start = std::chrono::steady_clock::now();
      grpc::Status status;
      if (std::string(method) == "Summarize") {
        v1::SummarizeRequest request;
        request.set_text(text);
        v1::SummarizeResponse response;
        grpc::ClientContext context;
        status = stub->Summarize(&context, request, &response);
      } else {
        v1::SegmentRequest request;
        request.set_text(text);
        v1::SegmentResponse response;
        grpc::ClientContext context;
        status = stub->Segment(&context, request, &response);
      }
      const double seconds = std::chrono::duration<double>(
                                 std::chrono::steady_clock::now() - start)
                                 .count();
      // Reported, not asserted (no timing assertions): the status is.
      std::cout << "  " << method << " " << name << ": "
                << (status.ok() ? "OK" : status.error_message()) << " in "
                << seconds << " s\n";
      EXPECT_THAT(status.error_code(),
                  AnyOf(grpc::StatusCode::OK, grpc::StatusCode::DEADLINE_EXCEEDED,
                        grpc::StatusCode::INVALID_ARGUMENT))
          << method << " " << name << ": " << status.error_message();
    }
  }
  EXPECT_TRUE(Serving(*server));
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(), 0);
}

}  // namespace
}  // namespace precis
