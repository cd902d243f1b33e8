// SummarizerService in-process: a real grpc::Server on a loopback port with
// the real engine, called through the generated stub and raw bytes.
#include "summarizer_service.h"

#include <future>

#include "gmock/gmock.h"
#include "google/protobuf/unknown_field_set.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "in_process_server.h"
#include "proto_convert.h"

namespace precis::api {
namespace {

using ::testing::HasSubstr;

using testing::InProcessServer;

std::string Article() { return testing::SampleArticle(); }

// Two worker threads; texts up to 64 KiB.
class SummarizerServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    EngineConfig config;
    config.max_text_bytes = 64 * 1024;
    engine_ = testing::CreateTestEngine(config).release();
    ASSERT_NE(engine_, nullptr);
    InProcessServer::Options options;
    options.threads = 2;
    server_ = new InProcessServer(*engine_, options);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete engine_;
  }

  std::unique_ptr<v1::SummarizerService::Stub> Stub() { return server_->Stub(); }

  // Calls `method` of the service with `bytes` as the request message.
  static grpc::Status CallRaw(const std::string& method, const std::string& bytes) {
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::GenericStub stub(server_->channel());
    grpc::ClientContext context;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, "/precis.v1.SummarizerService/" + method,
                   grpc::StubOptions(), &request, &response,
                   [&done](grpc::Status s) { done.set_value(std::move(s)); });
    return done.get_future().get();
  }

  static Engine* engine_;
  static InProcessServer* server_;
};

Engine* SummarizerServiceTest::engine_ = nullptr;
InProcessServer* SummarizerServiceTest::server_ = nullptr;

TEST_F(SummarizerServiceTest, SummarizeReturnsSlicesOfTheRequestText) {
  const std::string text = Article();
  v1::SummarizeRequest request;
  request.set_text(text);
  request.set_request_id("abc-1");
  v1::SummarizeResponse response;
  grpc::ClientContext context;
  grpc::Status status = Stub()->Summarize(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.request_id(), "abc-1");
  EXPECT_EQ(response.language(), "en");
  ASSERT_GT(response.summary_size(), 0);
  EXPECT_LE(response.summary_size(), 3);  // The default budget.
  int previous_id = -1;
  for (const v1::Sentence& s : response.summary()) {
    // Every span selects exactly the sentence's text in the request.
    EXPECT_EQ(text.substr(s.span().byte_begin(),
                          s.span().byte_end() - s.span().byte_begin()),
              s.text());
    EXPECT_GT(s.id(), previous_id);  // Document order.
    previous_id = s.id();
  }
  EXPECT_GT(response.stats().sentence_count(), response.summary_size());
  EXPECT_GT(response.stats().processing_us(), 0);
}

TEST_F(SummarizerServiceTest, SameResponseAsTheTransportFreeHandler) {
  v1::SummarizeRequest request;
  request.set_text(Article());
  request.set_max_words(80);
  v1::SummarizeResponse remote;
  grpc::ClientContext context;
  ASSERT_TRUE(Stub()->Summarize(&context, request, &remote).ok());
  SummarizerHandler handler(*engine_);
  absl::StatusOr<v1::SummarizeResponse> local = handler.Summarize(request, {});
  ASSERT_TRUE(local.ok()) << local.status();
  remote.mutable_stats()->clear_processing_us();
  local->mutable_stats()->clear_processing_us();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(remote, *local));
}

TEST_F(SummarizerServiceTest, SegmentCoversEverySentence) {
  v1::SegmentRequest request;
  request.set_text(Article());
  v1::SegmentResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(Stub()->Segment(&context, request, &response).ok());
  ASSERT_GT(response.sentences_size(), 3);
  for (int i = 0; i < response.sentences_size(); ++i) {
    EXPECT_EQ(response.sentences(i).id(), i);
  }
  ASSERT_GT(response.paragraphs_size(), 0);
  EXPECT_EQ(response.paragraphs(response.paragraphs_size() - 1).sentence_end(),
            response.sentences_size());
}

TEST_F(SummarizerServiceTest, Capabilities) {
  v1::GetCapabilitiesResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(
      Stub()->GetCapabilities(&context, v1::GetCapabilitiesRequest(), &response)
          .ok());
  EXPECT_EQ(response.version(), PRECIS_VERSION);
  EXPECT_EQ(response.offset_units(), kOffsetUnits);
  EXPECT_EQ(response.limits().max_text_bytes(), 64 * 1024);
  bool english = false;
  for (const auto& l : response.languages()) english = english || l.code() == "en";
  EXPECT_TRUE(english);
  // The service sends bytes serialized once at start-up: the same message the
  // handler builds, on every call.
  SummarizerHandler handler(*engine_, server_->service().stream_window());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      response, handler.GetCapabilities()));
  v1::GetCapabilitiesResponse again;
  grpc::ClientContext context2;
  ASSERT_TRUE(Stub()->GetCapabilities(&context2, {}, &again).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(response, again));
}

TEST_F(SummarizerServiceTest, CapabilitiesRejectsBytesThatAreNotARequest) {
  grpc::Status status = CallRaw("GetCapabilities", "\xff\xff\xff");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("malformed request"));
}

TEST_F(SummarizerServiceTest, EmptyTextIsInvalidArgumentWithField) {
  v1::SummarizeRequest request;
  v1::SummarizeResponse response;
  grpc::ClientContext context;
  grpc::Status status = Stub()->Summarize(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::optional<google::rpc::BadRequest> bad = BadRequestOf(status);
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->field_violations(0).field(), "text");
}

TEST_F(SummarizerServiceTest, TooLargeTextIsResourceExhausted) {
  v1::SegmentRequest request;
  request.set_text(std::string(70 * 1024, 'a'));
  v1::SegmentResponse response;
  grpc::ClientContext context;
  grpc::Status status = Stub()->Segment(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  ASSERT_TRUE(BadRequestOf(status).has_value());
  EXPECT_EQ(BadRequestOf(status)->field_violations(0).field(), "text");
}

TEST_F(SummarizerServiceTest, InvalidUtf8RawBytesNamesOffset) {
  google::protobuf::UnknownFieldSet fields;
  fields.AddLengthDelimited(1, "Caf\xC3\xA9 \xFF and more.");
  std::string bytes;
  fields.SerializeToString(&bytes);
  grpc::Status status = CallRaw("Summarize", bytes);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("invalid UTF-8 at byte 6"));
  ASSERT_TRUE(BadRequestOf(status).has_value());
  EXPECT_EQ(BadRequestOf(status)->field_violations(0).field(), "text");
}

TEST_F(SummarizerServiceTest, ExpiredCallControlStopsTheEngine) {
  // What the service passes when a call's deadline has passed.
  SummarizerHandler handler(*engine_);
  v1::SummarizeRequest request;
  request.set_text(Article());
  absl::StatusOr<v1::SummarizeResponse> result = handler.Summarize(
      request, MakeCallControl(std::chrono::system_clock::now() -
                                   std::chrono::milliseconds(1),
                               nullptr));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded);
  result = handler.Summarize(
      request, MakeCallControl(std::chrono::system_clock::time_point::max(),
                               [] { return true; }));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
}

TEST_F(SummarizerServiceTest, ClientDeadlineIsDeadlineExceeded) {
  // gRPC keeps deadlines in whole milliseconds (rounded up), so a 1 us
  // deadline gives the server up to ~2 ms, in which a warm engine can answer
  // the sample. With both worker threads held, the call is still queued
  // when its deadline passes.
  server_->Block();
  server_->Block();
  v1::SummarizeRequest request;
  request.set_text(Article());
  v1::SummarizeResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::microseconds(1));
  grpc::Status status = Stub()->Summarize(&context, request, &response);
  server_->Release();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
}

}  // namespace
}  // namespace precis::api
