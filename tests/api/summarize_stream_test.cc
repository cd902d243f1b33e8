// SummarizeStream in-process: ids echoed, per-item errors that do not end the
// stream, the per-stream window bounding the work read off the wire, and
// cancellation.
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "language_data_loader.h"
#include "proto_convert.h"
#include "summarizer_service.h"

namespace precis::api {
namespace {

using ::testing::HasSubstr;

constexpr int kWindow = 2;

std::string Article() {
  std::ifstream in(std::string(PRECIS_TESTDATA_DIR) + "/articles/us-russia-ukraine-talks.txt");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class SummarizeStreamTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<LanguageResources> resources = LoadLanguageResources();
    ASSERT_TRUE(resources.ok()) << resources.status();
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(EngineConfig{}, *std::move(resources));
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = engine->release();
    pool_ = new WorkerPool(1);
    logger_ = new RequestLogger(false);
    service_ = new SummarizerService(*engine_, pool_, logger_, kWindow);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_);
    server_ = builder.BuildAndStart().release();
    ASSERT_NE(server_, nullptr);
    channel_ = new std::shared_ptr<grpc::Channel>(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  }

  static void TearDownTestSuite() {
    delete channel_;
    server_->Shutdown();
    server_->Wait();
    delete server_;
    delete pool_;
    delete service_;
    delete logger_;
    delete engine_;
  }

  std::unique_ptr<v1::SummarizerService::Stub> Stub() {
    return v1::SummarizerService::NewStub(*channel_);
  }

  static Engine* engine_;
  static WorkerPool* pool_;
  static RequestLogger* logger_;
  static SummarizerService* service_;
  static grpc::Server* server_;
  static std::shared_ptr<grpc::Channel>* channel_;
};

Engine* SummarizeStreamTest::engine_ = nullptr;
WorkerPool* SummarizeStreamTest::pool_ = nullptr;
RequestLogger* SummarizeStreamTest::logger_ = nullptr;
SummarizerService* SummarizeStreamTest::service_ = nullptr;
grpc::Server* SummarizeStreamTest::server_ = nullptr;
std::shared_ptr<grpc::Channel>* SummarizeStreamTest::channel_ = nullptr;

TEST_F(SummarizeStreamTest, EchoesIdsAndReportsErrorsInTheItem) {
  const std::string article = Article();
  std::vector<v1::SummarizeRequest> requests(9);
  for (int i = 0; i < 9; ++i) {
    requests[i].set_request_id("r" + std::to_string(i));
    requests[i].set_text(article);
    requests[i].set_max_sentences(2);
  }
  requests[2].set_text("   ");
  requests[5].add_target_locales("xq");
  requests[7].set_max_sentences(0);

  auto stub = Stub();
  grpc::ClientContext context;
  auto stream = stub->SummarizeStream(&context);
  std::thread writer([&] {
    for (const auto& r : requests) ASSERT_TRUE(stream->Write(r));
    stream->WritesDone();
  });
  std::map<std::string, v1::SummarizeResponse> got;
  v1::SummarizeResponse response;
  while (stream->Read(&response)) got[response.request_id()] = response;
  writer.join();
  const grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(got.size(), requests.size());

  const std::map<std::string, std::string> failing = {
      {"r2", "text"}, {"r5", "target_locales[0]"}, {"r7", "max_sentences"}};
  for (const auto& [id, r] : got) {
    auto f = failing.find(id);
    if (f == failing.end()) {
      EXPECT_FALSE(r.has_error()) << id << ": " << r.error().message();
      EXPECT_GT(r.summary_size(), 0) << id;
      continue;
    }
    ASSERT_TRUE(r.has_error()) << id;
    EXPECT_EQ(r.error().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
    EXPECT_THAT(r.error().message(), HasSubstr(f->second));
    EXPECT_EQ(r.summary_size(), 0);
    // The same google.rpc.BadRequest detail a unary call carries.
    google::rpc::BadRequest bad;
    ASSERT_EQ(r.error().details_size(), 1) << id;
    ASSERT_TRUE(r.error().details(0).UnpackTo(&bad));
    EXPECT_EQ(bad.field_violations(0).field(), f->second);
  }
}

TEST_F(SummarizeStreamTest, ReadsNoMoreThanTheWindowWhileWorkIsPending) {
  // Hold the only worker so nothing completes.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  ASSERT_TRUE(pool_->Submit([released] { released.wait(); }));

  auto stub = Stub();
  grpc::ClientContext context;
  auto stream = stub->SummarizeStream(&context);
  constexpr int kRequests = 10;
  std::thread writer([&] {
    v1::SummarizeRequest r;
    r.set_text("Talks were held in Geneva on Monday. Both sides said they would meet again.");
    r.set_max_sentences(1);
    for (int i = 0; i < kRequests; ++i) {
      r.set_request_id(std::to_string(i));
      if (!stream->Write(r)) break;
    }
    stream->WritesDone();
  });

  // The server reads up to the window, then waits for work to complete.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (pool_->queued() < kWindow && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(pool_->queued(), static_cast<size_t>(kWindow));
  // All ten requests are on the wire (tiny messages fit the HTTP/2 window)
  // and have had ample time to be read, yet only the window was taken.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(pool_->queued(), static_cast<size_t>(kWindow));

  release.set_value();
  int responses = 0;
  v1::SummarizeResponse response;
  while (stream->Read(&response)) {
    EXPECT_FALSE(response.has_error()) << response.error().message();
    ++responses;
  }
  writer.join();
  EXPECT_TRUE(stream->Finish().ok());
  EXPECT_EQ(responses, kRequests);
}

TEST_F(SummarizeStreamTest, CancelEndsTheStreamAndTheServerCarriesOn) {
  {
    auto stub = Stub();
    grpc::ClientContext context;
    auto stream = stub->SummarizeStream(&context);
    v1::SummarizeRequest r;
    r.set_text(Article());
    for (int i = 0; i < 4; ++i) stream->Write(r);
    context.TryCancel();
    v1::SummarizeResponse ignored;
    while (stream->Read(&ignored)) {
    }
    EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  // A new stream works.
  auto stub = Stub();
  grpc::ClientContext context;
  auto stream = stub->SummarizeStream(&context);
  v1::SummarizeRequest r;
  r.set_text(Article());
  r.set_request_id("after");
  ASSERT_TRUE(stream->Write(r));
  stream->WritesDone();
  v1::SummarizeResponse response;
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.request_id(), "after");
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(SummarizeStreamTest, CapabilitiesReportTheWindow) {
  auto stub = Stub();
  grpc::ClientContext context;
  v1::GetCapabilitiesResponse caps;
  ASSERT_TRUE(stub->GetCapabilities(&context, {}, &caps).ok());
  EXPECT_EQ(caps.limits().stream_window(), kWindow);
}

}  // namespace
}  // namespace precis::api
