// precisd end to end: a real server subprocess on a free loopback port,
// called over gRPC (generated stub, raw bytes, health and reflection).
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

#include "backend.h"
#include "gmock/gmock.h"
#include "google/protobuf/unknown_field_set.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/completion_queue.h"
#include "gtest/gtest.h"
#include "precis/v1/precis.grpc.pb.h"
#include "proto_convert.h"
#include "test_process.h"

namespace precis {
namespace {

using ::testing::HasSubstr;
using testing::PrecisdProcess;

constexpr char kBaseConfig[] = R"(
server:
  worker_threads: 2
limits:
  max_text_bytes: 20000
)";

std::unique_ptr<PrecisdProcess> StartOrDie(const std::string& config) {
  std::string error;
  std::unique_ptr<PrecisdProcess> server = PrecisdProcess::Start(config, &error);
  EXPECT_NE(server, nullptr) << error;
  return server;
}

// Health check through the CLI library's hand-encoded client.
cli::ServingStatus Health(const std::string& address,
                          const std::string& service = "",
                          grpc::Status* call_status = nullptr) {
  cli::ServingStatus serving = cli::ServingStatus::kUnknown;
  grpc::Status status = cli::CheckHealth(testing::MakeTestChannel(address),
                                         service, std::chrono::seconds(5),
                                         &serving);
  if (call_status != nullptr) *call_status = status;
  return status.ok() ? serving : cli::ServingStatus::kUnknown;
}

class PrecisdTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = StartOrDie(kBaseConfig).release(); }
  static void TearDownTestSuite() {
    if (server_ != nullptr) {
      server_->Signal(SIGTERM);
      EXPECT_EQ(server_->Wait(), 0);
    }
    delete server_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  std::unique_ptr<v1::SummarizerService::Stub> Stub() {
    return v1::SummarizerService::NewStub(
        testing::MakeTestChannel(server_->address()));
  }

  grpc::Status Summarize(const v1::SummarizeRequest& request,
                         v1::SummarizeResponse* response = nullptr) {
    v1::SummarizeResponse ignored;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    return Stub()->Summarize(&context, request,
                             response != nullptr ? response : &ignored);
  }

  // Expects INVALID_ARGUMENT with a BadRequest naming `field`.
  void ExpectFieldError(const v1::SummarizeRequest& request,
                        const std::string& field) {
    grpc::Status status = Summarize(request);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << field << ": " << status.error_message();
    std::optional<google::rpc::BadRequest> bad = api::BadRequestOf(status);
    ASSERT_TRUE(bad.has_value()) << field;
    ASSERT_GT(bad->field_violations_size(), 0);
    EXPECT_EQ(bad->field_violations(0).field(), field);
    EXPECT_FALSE(bad->field_violations(0).description().empty());
  }

  static v1::SummarizeRequest ArticleRequest() {
    v1::SummarizeRequest request;
    request.set_text(testing::Article());
    return request;
  }

  static PrecisdProcess* server_;
};

PrecisdProcess* PrecisdTest::server_ = nullptr;

TEST_F(PrecisdTest, SummarizesTheArticle) {
  v1::SummarizeRequest request = ArticleRequest();
  request.set_max_sentences(2);
  request.set_request_id("it-1");
  v1::SummarizeResponse response;
  grpc::Status status = Summarize(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.request_id(), "it-1");
  EXPECT_EQ(response.language(), "en");
  EXPECT_GE(response.summary_size(), 1);
  EXPECT_LE(response.summary_size(), 2);
  for (const v1::Sentence& s : response.summary()) {
    EXPECT_EQ(request.text().substr(s.span().byte_begin(),
                                    s.span().byte_end() - s.span().byte_begin()),
              s.text());
  }
  // The server logged the request on stderr.
  EXPECT_THAT(server_->Stderr(), HasSubstr("item=it-1 method=Summarize lang=en"));
}

TEST_F(PrecisdTest, EmptyTextIsInvalidArgument) {
  ExpectFieldError(v1::SummarizeRequest(), "text");
  v1::SummarizeRequest blank;
  blank.set_text(" \n\t ");
  ExpectFieldError(blank, "text");
}

TEST_F(PrecisdTest, InvalidUtf8RawBytesIsInvalidArgumentWithOffset) {
  google::protobuf::UnknownFieldSet fields;
  fields.AddLengthDelimited(1, "Valid start. Then \xC3\x28 invalid.");
  std::string bytes;
  fields.SerializeToString(&bytes);
  for (const std::string method : {"/precis.v1.SummarizerService/Summarize",
                                   "/precis.v1.SummarizerService/Segment"}) {
    grpc::Status status = testing::RawUnaryCall(
        testing::MakeTestChannel(server_->address()), method, bytes, nullptr);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << method;
    EXPECT_THAT(status.error_message(), HasSubstr("invalid UTF-8 at byte 18"));
    ASSERT_TRUE(api::BadRequestOf(status).has_value());
    EXPECT_EQ(api::BadRequestOf(status)->field_violations(0).field(), "text");
  }
  // Bytes that are no message at all.
  grpc::Status status = testing::RawUnaryCall(
      testing::MakeTestChannel(server_->address()),
      "/precis.v1.SummarizerService/Summarize", std::string("\x0A\xFF\xFF", 3),
      nullptr);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("malformed request"));
  // The request log has the failure; protobuf's own parser error is not
  // repeated (one line per request).
  const std::string log = server_->Stderr();
  EXPECT_THAT(log, HasSubstr("error=\"text: invalid UTF-8 at byte 18\""));
  EXPECT_THAT(log, ::testing::Not(HasSubstr("libprotobuf")));
}

TEST_F(PrecisdTest, MalformedLanguageTag) {
  v1::SummarizeRequest request = ArticleRequest();
  request.set_language("not a tag!");
  ExpectFieldError(request, "language");
}

TEST_F(PrecisdTest, OutOfRangeLengths) {
  struct Case {
    std::function<void(v1::SummarizeRequest*)> set;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](auto* r) { r->set_max_sentences(0); }, "max_sentences"},
      {[](auto* r) { r->set_max_sentences(1001); }, "max_sentences"},
      {[](auto* r) { r->set_ratio(0); }, "ratio"},
      {[](auto* r) { r->set_ratio(1.5); }, "ratio"},
      {[](auto* r) { r->set_ratio(std::nan("")); }, "ratio"},
      {[](auto* r) { r->set_max_words(0); }, "max_words"},
      {[](auto* r) { r->set_max_words(100001); }, "max_words"},
      {[](auto* r) { r->set_max_chars(-5); }, "max_chars"},
      {[](auto* r) { r->set_max_facts(-1); }, "max_facts"},
  };
  for (const Case& c : cases) {
    v1::SummarizeRequest request = ArticleRequest();
    c.set(&request);
    ExpectFieldError(request, c.field);
  }
}

TEST_F(PrecisdTest, BadTimeZoneAndReferenceTime) {
  v1::SummarizeRequest request = ArticleRequest();
  request.set_time_zone("Mars/Olympus_Mons");
  ExpectFieldError(request, "time_zone");
  request = ArticleRequest();
  request.mutable_reference_time()->set_seconds(std::numeric_limits<int64_t>::max());
  ExpectFieldError(request, "reference_time");
}

TEST_F(PrecisdTest, TextAboveLimitIsResourceExhausted) {
  // Just above the limit: the service's own check, with the field.
  v1::SummarizeRequest request;
  request.set_text(std::string(20001, 'a'));
  grpc::Status status = Summarize(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  ASSERT_TRUE(api::BadRequestOf(status).has_value());
  EXPECT_EQ(api::BadRequestOf(status)->field_violations(0).field(), "text");
  // Far above it: gRPC's transport limit, same code.
  request.set_text(std::string(500000, 'a'));
  status = Summarize(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_FALSE(status.error_message().empty());
}

TEST_F(PrecisdTest, ExpiredDeadlineIsDeadlineExceeded) {
  // gRPC rounds deadlines up to whole milliseconds, so a 1 us deadline
  // leaves the server up to ~2 ms, in which a fast machine can answer the
  // sample article. ~2,800 two-word sentences (just under the 20,000-byte
  // limit) take several times that: ranking compares every pair.
  v1::SummarizeRequest request;
  std::string text;
  while (text.size() + 7 < 20000) text += "Ab cd. ";
  request.set_text(text);
  v1::SummarizeResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::microseconds(1));
  grpc::Status status = Stub()->Summarize(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  // Still serving.
  EXPECT_EQ(Health(server_->address()), cli::ServingStatus::kServing);
}

TEST_F(PrecisdTest, HealthIsServing) {
  EXPECT_EQ(Health(server_->address()), cli::ServingStatus::kServing);
  EXPECT_EQ(Health(server_->address(), "precis.v1.SummarizerService"),
            cli::ServingStatus::kServing);
  grpc::Status status;
  Health(server_->address(), "no.such.Service", &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

// Lists services through grpc.reflection.v1alpha (bidi stream, hand-encoded:
// Debian ships no reflection client). ServerReflectionRequest.list_services
// is field 7; the response's list_services_response is field 6 holding
// repeated ServiceResponse (field 1) with name (field 1).
grpc::Status ListServices(const std::string& address,
                          std::vector<std::string>* names) {
  grpc::GenericStub stub(testing::MakeTestChannel(address));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::CompletionQueue cq;
  auto call = stub.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
      &cq);
  auto await = [&cq]() {
    void* tag = nullptr;
    bool ok = false;
    cq.Next(&tag, &ok);
    return ok;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  await();
  google::protobuf::UnknownFieldSet request_fields;
  request_fields.AddLengthDelimited(7, "*");
  std::string request_bytes;
  request_fields.SerializeToString(&request_bytes);
  grpc::Slice slice(request_bytes);
  grpc::ByteBuffer request(&slice, 1);
  call->Write(request, reinterpret_cast<void*>(2));
  await();
  call->WritesDone(reinterpret_cast<void*>(3));
  await();
  grpc::ByteBuffer response;
  call->Read(&response, reinterpret_cast<void*>(4));
  const bool got = await();
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  await();
  if (!got || !status.ok()) return status.ok() ? grpc::Status::CANCELLED : status;

  google::protobuf::UnknownFieldSet fields;
  fields.ParseFromString(testing::Flatten(response));
  for (int i = 0; i < fields.field_count(); ++i) {
    if (fields.field(i).number() != 6) continue;
    google::protobuf::UnknownFieldSet list;
    list.ParseFromString(fields.field(i).length_delimited());
    for (int j = 0; j < list.field_count(); ++j) {
      google::protobuf::UnknownFieldSet service;
      service.ParseFromString(list.field(j).length_delimited());
      for (int k = 0; k < service.field_count(); ++k) {
        if (service.field(k).number() == 1) {
          names->push_back(service.field(k).length_delimited());
        }
      }
    }
  }
  return grpc::Status::OK;
}

TEST_F(PrecisdTest, ReflectionListsTheService) {
  std::vector<std::string> names;
  grpc::Status status = ListServices(server_->address(), &names);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(names, ::testing::Contains("precis.v1.SummarizerService"));
  EXPECT_THAT(names, ::testing::Contains("grpc.health.v1.Health"));
}

TEST_F(PrecisdTest, FiftyConcurrentCallsGiveIdenticalResults) {
  constexpr int kCalls = 50;
  const v1::SummarizeRequest request = ArticleRequest();
  std::vector<v1::SummarizeResponse> responses(kCalls);
  std::vector<grpc::Status> statuses(kCalls);
  auto channel = testing::MakeTestChannel(server_->address());
  std::vector<std::thread> threads;
  for (int i = 0; i < kCalls; ++i) {
    threads.emplace_back([&, i] {
      auto stub = v1::SummarizerService::NewStub(channel);
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() +
                           std::chrono::seconds(60));
      statuses[i] = stub->Summarize(&context, request, &responses[i]);
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < kCalls; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << i << ": " << statuses[i].error_message();
    responses[i].mutable_stats()->clear_processing_us();
  }
  ASSERT_GT(responses[0].summary_size(), 0);
  for (int i = 1; i < kCalls; ++i) {
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(responses[0],
                                                                   responses[i]))
        << "response " << i << " differs";
  }
}

TEST(PrecisdLifecycleTest, SigtermTurnsHealthNotServingThenExitsZero) {
  std::unique_ptr<PrecisdProcess> server = StartOrDie(R"(
server:
  shutdown_grace_seconds: 3
  shutdown_drain_seconds: 2
)");
  ASSERT_NE(server, nullptr);
  ASSERT_EQ(Health(server->address()), cli::ServingStatus::kServing);
  server->Signal(SIGTERM);
  bool not_serving = false;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (!not_serving && std::chrono::steady_clock::now() < give_up) {
    not_serving = Health(server->address()) == cli::ServingStatus::kNotServing;
    if (!not_serving) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(not_serving);
  EXPECT_EQ(server->Wait(), 0);
  EXPECT_THAT(server->Stderr(), HasSubstr("received SIGTERM"));
}

TEST(PrecisdLifecycleTest, InFlightCallsCompleteAfterSigterm) {
  // One worker and large texts: calls queue up, so several are still being
  // processed (or waiting) when SIGTERM arrives and must be drained.
  std::unique_ptr<PrecisdProcess> server = StartOrDie(R"(
server:
  worker_threads: 1
  shutdown_drain_seconds: 120
)");
  ASSERT_NE(server, nullptr);
  std::string big;
  while (big.size() < 400000) big += testing::Article() + "\n\n";
  v1::SummarizeRequest request;
  request.set_text(big);
  auto channel = testing::MakeTestChannel(server->address());

  // Enough calls that the queue takes about a second whatever the engine's
  // speed: time one call first.
  const auto t0 = std::chrono::steady_clock::now();
  {
    auto stub = v1::SummarizerService::NewStub(channel);
    grpc::ClientContext context;
    v1::SummarizeResponse response;
    ASSERT_TRUE(stub->Summarize(&context, request, &response).ok());
  }
  const double call_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const int calls = std::clamp(static_cast<int>(1.0 / call_seconds) + 2, 4, 100);

  const size_t log_before = server->Stderr().size();
  std::vector<grpc::Status> statuses(calls);
  std::vector<v1::SummarizeResponse> responses(calls);
  std::vector<std::thread> threads;
  for (int i = 0; i < calls; ++i) {
    threads.emplace_back([&, i] {
      auto stub = v1::SummarizerService::NewStub(channel);
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() +
                           std::chrono::seconds(120));
      statuses[i] = stub->Summarize(&context, request, &responses[i]);
    });
  }
  // Once the first of them is answered the rest have arrived and queue
  // behind the single worker; stop the server now.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (server->Stderr().find("method=Summarize", log_before) == std::string::npos &&
         std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  server->Signal(SIGTERM);
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(server->Wait(), 0);
  for (int i = 0; i < calls; ++i) {
    EXPECT_TRUE(statuses[i].ok()) << i << ": " << statuses[i].error_message();
    EXPECT_GT(responses[i].summary_size(), 0);
  }
  // At least one call finished after the signal, i.e. was drained.
  const std::string log = server->Stderr();
  const size_t signal_at = log.find("received SIGTERM");
  ASSERT_NE(signal_at, std::string::npos);
  EXPECT_NE(log.find("method=Summarize", signal_at), std::string::npos) << log;
}

TEST(PrecisdLifecycleTest, ServerStopsWorkWhenTheDeadlinePasses) {
  // A text that takes far longer than the deadline: the server's engine
  // must stop (and log DEADLINE_EXCEEDED), not only the client give up.
  std::unique_ptr<PrecisdProcess> server = StartOrDie("server:\n  worker_threads: 1\n");
  ASSERT_NE(server, nullptr);
  std::string big;
  while (big.size() < 900000) big += testing::Article() + "\n\n";
  v1::SummarizeRequest request;
  request.set_text(big);
  auto stub = v1::SummarizerService::NewStub(
      testing::MakeTestChannel(server->address()));
  // A deadline of a fifth of the time the call takes (timed first).
  const auto t0 = std::chrono::steady_clock::now();
  {
    grpc::ClientContext context;
    v1::SummarizeResponse response;
    ASSERT_TRUE(stub->Summarize(&context, request, &response).ok());
  }
  const auto deadline = std::max<std::chrono::microseconds>(
      std::chrono::milliseconds(5),
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - t0) / 5);
  request.set_request_id("slow-1");
  v1::SummarizeResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + deadline);
  EXPECT_EQ(stub->Summarize(&context, request, &response).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  std::string log;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < give_up) {
    log = server->Stderr();
    if (log.find("item=slow-1 ") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_THAT(log, HasSubstr("item=slow-1 method=Summarize"));
  // The server stopped the work instead of finishing it. It logs
  // DEADLINE_EXCEEDED when its own copy of the deadline fires first, and
  // CANCELLED when the client's expiry (RST_STREAM) arrives first: the
  // server's deadline is later by the 900 KB upload, and gRPC does not say
  // why a client cancelled.
  const size_t line = log.find("item=slow-1 ");
  ASSERT_NE(line, std::string::npos);
  const std::string entry = log.substr(line, log.find('\n', line) - line);
  EXPECT_THAT(entry, ::testing::AnyOf(HasSubstr("status=DEADLINE_EXCEEDED"),
                                      HasSubstr("status=CANCELLED")));
  // No result was produced (a finished call logs its sentence count).
  EXPECT_THAT(entry, HasSubstr(" sentences=0 "));
}

TEST(PrecisdLifecycleTest, SecondSignalExitsWithoutDraining) {
  std::unique_ptr<PrecisdProcess> server =
      StartOrDie("server:\n  shutdown_grace_seconds: 30\n");
  ASSERT_NE(server, nullptr);
  server->Signal(SIGTERM);
  // Wait until the first signal was taken (health turns NOT_SERVING).
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (Health(server->address()) != cli::ServingStatus::kNotServing &&
         std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  server->Signal(SIGINT);
  EXPECT_EQ(server->Wait(), 1);
  EXPECT_THAT(server->Stderr(), HasSubstr("exiting without draining"));
}

TEST(PrecisdLifecycleTest, ReflectionCanBeDisabled) {
  std::unique_ptr<PrecisdProcess> server = StartOrDie("server:\n  reflection: false\n");
  ASSERT_NE(server, nullptr);
  std::vector<std::string> names;
  grpc::Status status = ListServices(server->address(), &names);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

TEST(PrecisdLifecycleTest, BusyPortFailsToStart) {
  std::unique_ptr<PrecisdProcess> first = StartOrDie("");
  ASSERT_NE(first, nullptr);
  testing::ProcessResult second = testing::RunProcess(
      {PRECISD_BIN, "--listen", first->address()});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_THAT(second.err, HasSubstr("cannot listen on"));
}

}  // namespace
}  // namespace precis
