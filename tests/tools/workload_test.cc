// Workload (request building, gRPC framing, response checks) and the RSS
// growth arithmetic and process times of precis-loadgen.
#include "workload.h"

#include <cstdint>
#include <ctime>
#include <string>

#include "gtest/gtest.h"
#include "precis/v1/precis.pb.h"
#include "process_times.h"
#include "rss_sampler.h"
#include "test_process.h"

namespace precis::loadgen {
namespace {

grpc::ByteBuffer ToBuffer(const google::protobuf::Message& m) {
  grpc::Slice slice(m.SerializeAsString());
  return grpc::ByteBuffer(&slice, 1);
}

TEST(WorkloadTest, ParsesMethodNames) {
  EXPECT_EQ(*ParseMethod("summarize"), Method::kSummarize);
  EXPECT_EQ(*ParseMethod("Segment"), Method::kSegment);
  EXPECT_EQ(*ParseMethod("capabilities"), Method::kGetCapabilities);
  EXPECT_EQ(*ParseMethod("GetCapabilities"), Method::kGetCapabilities);
  EXPECT_FALSE(ParseMethod("echo").ok());
}

TEST(WorkloadTest, SummarizeRequestFromTextFileIsGrpcFramed) {
  WorkloadOptions o;
  o.text_file = ::precis::testing::ArticlePath();
  o.max_sentences = 2;
  o.target_locales = {"de"};
  absl::StatusOr<Workload> w = Workload::Build(o);
  ASSERT_TRUE(w.ok()) << w.status();
  EXPECT_EQ(w->method_path(), "/precis.v1.SummarizerService/Summarize");
  ASSERT_EQ(w->size(), 1u);
  const std::string framed = w->GrpcFramedRequest(0);
  ASSERT_GT(framed.size(), 5u);
  EXPECT_EQ(framed[0], '\0');  // Not compressed.
  const uint32_t length = (static_cast<uint8_t>(framed[1]) << 24) |
                          (static_cast<uint8_t>(framed[2]) << 16) |
                          (static_cast<uint8_t>(framed[3]) << 8) |
                          static_cast<uint8_t>(framed[4]);
  ASSERT_EQ(length, framed.size() - 5);
  precis::v1::SummarizeRequest r;
  ASSERT_TRUE(r.ParseFromString(framed.substr(5)));
  EXPECT_EQ(r.text(), ::precis::testing::Article());
  EXPECT_EQ(r.max_sentences(), 2);
  ASSERT_EQ(r.target_locales_size(), 1);
  EXPECT_EQ(r.target_locales(0), "de");
}

TEST(WorkloadTest, JsonlRowsBecomeRequestsInTurn) {
  ::precis::testing::TempDir dir;
  ::precis::testing::WriteFile(
      dir.path() / "x.jsonl",
      "{\"text\": \"One.\", \"lang\": \"en\"}\n"
      "not json\n"
      "{\"id\": \"no text\"}\n"
      "{\"text\": \"Zwei.\", \"lang\": \"de\"}\n");
  WorkloadOptions o;
  o.method = Method::kSegment;
  o.jsonl_paths = {dir.path().string()};
  o.use_language_hint = true;
  absl::StatusOr<Workload> w = Workload::Build(o);
  ASSERT_TRUE(w.ok()) << w.status();
  ASSERT_EQ(w->size(), 2u);
  precis::v1::SegmentRequest second;
  ASSERT_TRUE(second.ParseFromString(w->GrpcFramedRequest(1).substr(5)));
  EXPECT_EQ(second.text(), "Zwei.");
  EXPECT_EQ(second.language(), "de");
  // Requests cycle.
  EXPECT_EQ(w->GrpcFramedRequest(2), w->GrpcFramedRequest(0));
}

TEST(WorkloadTest, MissingInputFails) {
  WorkloadOptions o;
  o.text_file = "/nonexistent/article.txt";
  EXPECT_FALSE(Workload::Build(o).ok());
}

TEST(WorkloadTest, VerifiesResponses) {
  WorkloadOptions o;
  o.text_file = ::precis::testing::ArticlePath();
  absl::StatusOr<Workload> w = Workload::Build(o);
  ASSERT_TRUE(w.ok()) << w.status();
  precis::v1::SummarizeResponse good;
  good.add_summary()->set_text("A sentence.");
  EXPECT_TRUE(w->VerifyResponse(ToBuffer(good)).ok());
  precis::v1::SummarizeResponse explained;
  explained.set_empty_reason("no sentence fits the budget");
  EXPECT_TRUE(w->VerifyResponse(ToBuffer(explained)).ok());
  EXPECT_FALSE(w->VerifyResponse(ToBuffer(precis::v1::SummarizeResponse())).ok());
  grpc::Slice junk(std::string("\xff\xff\xff", 3));
  EXPECT_FALSE(w->VerifyResponse(grpc::ByteBuffer(&junk, 1)).ok());
}

TEST(RssGrowthTest, MeasuresFromTheFirstSampleAfterWarmup) {
  const std::vector<RssSample> samples = {
      {0, 50'000}, {5, 100'000}, {10, 104'000}, {15, 108'000}, {20, 102'000}};
  const std::optional<RssGrowth> g = ComputeRssGrowth(samples, 5);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->baseline_kb, 100'000);
  EXPECT_EQ(g->max_kb, 108'000);
  EXPECT_EQ(g->final_kb, 102'000);
  EXPECT_DOUBLE_EQ(g->max_growth, 0.08);
  EXPECT_DOUBLE_EQ(g->final_growth, 0.02);
  EXPECT_EQ(g->samples, 4);
  EXPECT_FALSE(ComputeRssGrowth(samples, 20).has_value());  // One sample.
}

TEST(RssGrowthTest, ReadsOwnResidentMemory) {
  absl::StatusOr<int64_t> kb = ReadResidentKilobytes(getpid());
  ASSERT_TRUE(kb.ok()) << kb.status();
  EXPECT_GT(*kb, 0);
  EXPECT_FALSE(ReadResidentKilobytes(-1).ok());
}

TEST(ProcessTimesTest, ReadsOwnCpuAndRunnableTime) {
  absl::StatusOr<ProcessTimes> before = ReadProcessTimes(getpid());
  ASSERT_TRUE(before.ok()) << before.status();
  // Spend 50 ms of CPU (5 clock ticks): the process's CPU time must grow.
  const std::clock_t start = std::clock();
  volatile uint64_t sink = 0;
  while (std::clock() - start < CLOCKS_PER_SEC / 20) sink = sink + 1;
  absl::StatusOr<ProcessTimes> after = ReadProcessTimes(getpid());
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_GT(after->cpu_seconds, before->cpu_seconds);
  EXPECT_GE(after->runnable_seconds, before->runnable_seconds);
  EXPECT_FALSE(ReadProcessTimes(-1).ok());
}

}  // namespace
}  // namespace precis::loadgen
