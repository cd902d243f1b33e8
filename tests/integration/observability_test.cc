// precisd's observability end to end: Prometheus /metrics scraped over HTTP
// from a real server after real calls (format checked with a strict parser,
// counters checked against the calls made), /healthz through shutdown, and
// JSON request logs with the client's x-request-id.
#include <signal.h>

#include <algorithm>
#include <cmath>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "precis/v1/precis.grpc.pb.h"
#include "../api/prometheus_text.h"
#include "test_process.h"

namespace precis {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using testing::HttpGet;
using testing::HttpRequest;
using testing::PrecisdProcess;
using testing::PromText;

std::unique_ptr<PrecisdProcess> StartOrDie(const std::string& config) {
  std::string error;
  std::unique_ptr<PrecisdProcess> server = PrecisdProcess::Start(config, &error);
  EXPECT_NE(server, nullptr) << error;
  return server;
}

PromText Scrape(int port) {
  const testing::HttpResult r = HttpGet(port, "/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.headers,
              HasSubstr("Content-Type: text/plain; version=0.0.4; charset=utf-8"));
  PromText parsed;
  std::string error;
  EXPECT_TRUE(testing::ParsePrometheusText(r.body, &parsed, &error))
      << error << "\n" << r.body;
  return parsed;
}

grpc::Status Summarize(v1::SummarizerService::Stub* stub,
                       const std::string& text,
                       v1::SummarizeResponse* response,
                       const std::string& request_id = "") {
  v1::SummarizeRequest request;
  request.set_text(text);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  if (!request_id.empty()) context.AddMetadata("x-request-id", request_id);
  return stub->Summarize(&context, request, response);
}

TEST(MetricsTest, ScrapedCountersFollowTheCalls) {
  auto server = StartOrDie(
      "server:\n  worker_threads: 2\nmetrics:\n  listen: \"127.0.0.1:0\"\n");
  ASSERT_NE(server, nullptr);
  const int port = server->MetricsPort();
  ASSERT_GT(port, 0) << server->Stdout();

  const PromText before = Scrape(port);
  EXPECT_EQ(before.Get("precis_calls_total", {{"method", "Summarize"}, {"code", "OK"}}), 0);
  EXPECT_EQ(before.Get("precis_serving"), 1);
  EXPECT_EQ(before.Get("precis_max_in_flight_calls"), 128);  // 64 x 2 threads
  EXPECT_GT(before.Get("process_resident_memory_bytes"), 0);

  auto stub = v1::SummarizerService::NewStub(
      testing::MakeTestChannel(server->address()));
  const std::string article = testing::Article();
  int64_t sentences = 0, facts = 0;
  for (int i = 0; i < 3; ++i) {
    v1::SummarizeResponse response;
    ASSERT_TRUE(Summarize(stub.get(), article, &response).ok());
    sentences += response.summary_size();
    facts += response.facts_size();
  }
  v1::SummarizeResponse ignored;
  EXPECT_EQ(Summarize(stub.get(), "", &ignored).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::SegmentRequest segment;
  segment.set_text(article);
  v1::SegmentResponse segmented;
  grpc::ClientContext segment_context;
  ASSERT_TRUE(stub->Segment(&segment_context, segment, &segmented).ok());
  {
    grpc::ClientContext context;
    auto stream = stub->SummarizeStream(&context);
    v1::SummarizeRequest r;
    r.set_text(article);
    ASSERT_TRUE(stream->Write(r));
    ASSERT_TRUE(stream->Write(r));
    stream->WritesDone();
    v1::SummarizeResponse response;
    int n = 0;
    while (stream->Read(&response)) n += !response.has_error();
    EXPECT_TRUE(stream->Finish().ok());
    EXPECT_EQ(n, 2);
  }

  const PromText t = Scrape(port);
  const std::pair<std::string, std::string> summarize{"method", "Summarize"};
  EXPECT_EQ(t.Get("precis_calls_total", {summarize, {"code", "OK"}}), 3);
  EXPECT_EQ(t.Get("precis_calls_total", {summarize, {"code", "INVALID_ARGUMENT"}}), 1);
  EXPECT_EQ(t.Get("precis_calls_total", {{"method", "Segment"}, {"code", "OK"}}), 1);
  EXPECT_EQ(t.Get("precis_calls_total",
                  {{"method", "SummarizeStream"}, {"code", "OK"}}), 2);
  EXPECT_EQ(t.Get("precis_call_duration_seconds_count", {summarize}), 4);
  EXPECT_GT(t.Get("precis_call_duration_seconds_sum", {summarize}), 0);
  EXPECT_EQ(t.Get("precis_request_bytes_total", {summarize}),
            3.0 * article.size());
  EXPECT_EQ(t.Get("precis_request_bytes_total", {{"method", "Segment"}}),
            static_cast<double>(article.size()));
  EXPECT_EQ(t.Get("precis_sentences_out_total", {summarize}), sentences);
  EXPECT_EQ(t.Get("precis_facts_out_total", {summarize}), facts);
  EXPECT_GT(facts, 0);
  EXPECT_EQ(t.Get("precis_sentences_out_total", {{"method", "Segment"}}),
            segmented.sentences_size());
  EXPECT_EQ(t.Get("precis_rejected_calls_total", {summarize}), 0);
  EXPECT_EQ(t.Get("precis_in_flight_calls"), 0);
  EXPECT_EQ(t.types.at("precis_call_duration_seconds"), "histogram");

  // HEAD, unknown paths, other methods, malformed requests.
  const testing::HttpResult head = HttpRequest(
      port, "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(HttpGet(port, "/nope").status, 404);
  EXPECT_EQ(HttpGet(port, "/metrics?name[]=x").status, 200);
  const testing::HttpResult post = HttpRequest(
      port, "POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(post.status, 405);
  EXPECT_THAT(post.headers, HasSubstr("Allow: GET, HEAD"));
  EXPECT_EQ(HttpRequest(port, "garbage\r\n\r\n").status, 400);
  EXPECT_EQ(HttpRequest(port, std::string(20000, 'a')).status, 400);
  // Still serving scrapes after all that.
  EXPECT_EQ(HttpGet(port, "/metrics").status, 200);

  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(), 0);
}

TEST(MetricsTest, HealthzTurns503WhenShutdownBegins) {
  auto server = StartOrDie(
      "server:\n  shutdown_grace_seconds: 3\nmetrics:\n  listen: \"127.0.0.1:0\"\n");
  ASSERT_NE(server, nullptr);
  const int port = server->MetricsPort();
  ASSERT_GT(port, 0);
  testing::HttpResult health = HttpGet(port, "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, "ok\n");
  // worker_threads: 0 (the default) means two per CPU, and the admission
  // cap 64 per thread.
  const PromText before = Scrape(port);
  const double cpus = std::max(1u, std::thread::hardware_concurrency());
  EXPECT_EQ(before.Get("precis_worker_threads"), 2 * cpus);
  EXPECT_EQ(before.Get("precis_max_in_flight_calls"), 64 * 2 * cpus);
  server->Signal(SIGTERM);
  // During the grace period the endpoint still answers, with 503.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (health.status != 503 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    health = HttpGet(port, "/healthz");
  }
  EXPECT_EQ(health.status, 503);
  EXPECT_EQ(Scrape(port).Get("precis_serving"), 0);
  EXPECT_EQ(server->Wait(), 0);
}

TEST(MetricsTest, MetricsAreOffByDefaultAndABusyPortFailsStart) {
  auto plain = StartOrDie("server:\n  worker_threads: 1\n");
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->MetricsPort(), 0);
  EXPECT_THAT(plain->Stdout(), Not(HasSubstr("metrics")));

  auto first = StartOrDie("metrics:\n  listen: \"127.0.0.1:0\"\n");
  ASSERT_NE(first, nullptr);
  const std::string busy = "127.0.0.1:" + std::to_string(first->MetricsPort());
  std::string error;
  auto second = PrecisdProcess::Start("metrics:\n  listen: \"" + busy + "\"\n", &error);
  EXPECT_EQ(second, nullptr);
  EXPECT_THAT(error, HasSubstr("cannot listen on metrics address"));
}

// Lines of `text`.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  for (size_t at = 0; at < text.size();) {
    size_t eol = text.find('\n', at);
    if (eol == std::string::npos) eol = text.size();
    lines.push_back(text.substr(at, eol - at));
    at = eol + 1;
  }
  return lines;
}

TEST(JsonLogTest, OneJsonObjectPerLineWithTheClientsRequestId) {
  auto server = StartOrDie("server:\n  log_format: json\n  worker_threads: 1\n");
  ASSERT_NE(server, nullptr);
  auto stub = v1::SummarizerService::NewStub(
      testing::MakeTestChannel(server->address()));
  v1::SummarizeResponse response;
  ASSERT_TRUE(Summarize(stub.get(), testing::Article(), &response, "trace-abc-1").ok());
  EXPECT_EQ(Summarize(stub.get(), "", &response, "trace-abc-2").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(Summarize(stub.get(), testing::Article(), &response).ok());
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(), 0);

  const std::vector<std::string> lines = Lines(server->Stderr());
  ASSERT_GE(lines.size(), 5u);
  std::string ok_line, error_line, generated_line;
  for (const std::string& line : lines) {
    // Every line, start-up and shutdown included, is one JSON object.
    EXPECT_THAT(line, StartsWith("{\"ts\":\"")) << line;
    EXPECT_EQ(line.back(), '}') << line;
    if (line.find("\"request_id\":\"trace-abc-1\"") != std::string::npos) ok_line = line;
    if (line.find("\"request_id\":\"trace-abc-2\"") != std::string::npos) error_line = line;
    if (line.find("\"msg\":\"request\"") != std::string::npos &&
        line.find("trace-abc") == std::string::npos) {
      generated_line = line;
    }
  }
  ASSERT_FALSE(ok_line.empty()) << server->Stderr();
  EXPECT_THAT(ok_line, HasSubstr("\"level\":\"info\""));
  EXPECT_THAT(ok_line, HasSubstr("\"method\":\"Summarize\",\"status\":\"OK\",\"code\":0,\"latency_us\":"));
  EXPECT_THAT(ok_line, HasSubstr(",\"bytes\":" + std::to_string(testing::Article().size())));
  EXPECT_THAT(ok_line, HasSubstr("\"language\":\"en\""));
  EXPECT_THAT(ok_line, HasSubstr(",\"summary\":3,\"facts\":"));
  ASSERT_FALSE(error_line.empty());
  EXPECT_THAT(error_line, HasSubstr("\"status\":\"INVALID_ARGUMENT\",\"code\":3"));
  EXPECT_THAT(error_line, HasSubstr("\"error\":\"text:"));
  ASSERT_FALSE(generated_line.empty());
  EXPECT_THAT(generated_line, ::testing::ContainsRegex("\"request_id\":\"[0-9a-f]{32}\""));
  EXPECT_THAT(lines.back(), HasSubstr("\"msg\":\"stopped\""));
}

TEST(JsonLogTest, TextFormatCarriesTheRequestIdToo) {
  auto server = StartOrDie("server:\n  worker_threads: 1\n");
  ASSERT_NE(server, nullptr);
  auto stub = v1::SummarizerService::NewStub(
      testing::MakeTestChannel(server->address()));
  v1::SummarizeResponse response;
  ASSERT_TRUE(Summarize(stub.get(), testing::Article(), &response, "trace-xyz").ok());
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(), 0);
  EXPECT_THAT(server->Stderr(),
              HasSubstr("precisd: request id=trace-xyz method=Summarize lang=en"));
}

}  // namespace
}  // namespace precis
