// SummarizeStream in-process: ids echoed, per-item errors that do not end the
// stream, the per-stream window bounding the work read off the wire, and
// cancellation.
#include <thread>

#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "in_process_server.h"
#include "proto_convert.h"

namespace precis::api {
namespace {

using ::testing::HasSubstr;

using testing::InProcessServer;

constexpr int kWindow = 2;

std::string Article() { return testing::SampleArticle(); }

// One worker thread and a stream window of kWindow.
class SummarizeStreamTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    engine_ = testing::CreateTestEngine().release();
    ASSERT_NE(engine_, nullptr);
    InProcessServer::Options options;
    options.service.stream_window = kWindow;
    server_ = new InProcessServer(*engine_, options);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete engine_;
  }

  std::unique_ptr<v1::SummarizerService::Stub> Stub() { return server_->Stub(); }

  static Engine* engine_;
  static InProcessServer* server_;
};

Engine* SummarizeStreamTest::engine_ = nullptr;
InProcessServer* SummarizeStreamTest::server_ = nullptr;

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
  server_->Block();

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
  ASSERT_TRUE(server_->WaitQueued(kWindow));
  // All ten requests are on the wire (tiny messages fit the HTTP/2 window)
  // and have had ample time to be read, yet only the window was taken.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(server_->pool().queued(), static_cast<size_t>(kWindow));

  server_->Release();
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
