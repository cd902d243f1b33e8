// precis-loadgen against a real precisd on loopback: a short closed-loop run
// of Summarize and an open-loop run of GetCapabilities with RSS sampling
// both report successful calls and no errors. No timing assertions.
#include <string>
#include <vector>

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "test_process.h"

namespace precis {
namespace {

using ::precis::testing::PrecisdProcess;
using ::precis::testing::ProcessResult;
using ::precis::testing::RunProcess;

constexpr char kQuietConfig[] = "server:\n  log_requests: false\n";

double Field(const google::protobuf::Struct& s, const std::string& name) {
  const auto it = s.fields().find(name);
  return it == s.fields().end() ? -1 : it->second.number_value();
}

google::protobuf::Struct ParseReport(const ProcessResult& r) {
  google::protobuf::Struct report;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r.out, &report).ok())
      << "not JSON: " << r.out << "\nstderr: " << r.err;
  return report;
}

class LoadgenSmokeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    server_ = PrecisdProcess::Start(kQuietConfig, &error);
    ASSERT_NE(server_, nullptr) << error;
  }
  std::unique_ptr<PrecisdProcess> server_;
};

TEST_F(LoadgenSmokeTest, ClosedLoopSummarizeSucceeds) {
  const ProcessResult r = RunProcess(
      {PRECIS_LOADGEN_BIN, "--target", server_->address(), "--method", "summarize",
       "--concurrency", "4", "--duration", "2", "--warmup", "0.5", "--verify", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const google::protobuf::Struct report = ParseReport(r);
  const auto& measured = report.fields().at("measured").struct_value();
  EXPECT_GT(Field(measured, "ok"), 0);
  EXPECT_EQ(Field(measured, "failed"), 0);
  EXPECT_EQ(Field(report, "errors"), 0);
  EXPECT_GT(Field(report, "calls_per_second"), 0);
  const auto& latency = report.fields().at("latency_us").struct_value();
  EXPECT_GT(Field(latency, "p50"), 0);
  EXPECT_LE(Field(latency, "p50"), Field(latency, "p99"));
  EXPECT_LE(Field(latency, "p99"), Field(latency, "max"));
}

TEST_F(LoadgenSmokeTest, OpenLoopCapabilitiesWithRssSamples) {
  const ProcessResult r = RunProcess(
      {PRECIS_LOADGEN_BIN, "--target", server_->address(), "--method", "capabilities",
       "--rate", "200", "--duration", "2", "--warmup", "0.5", "--verify",
       "--server-pid", std::to_string(server_->pid()), "--sample-interval", "0.5",
       "--max-rss-growth", "10", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const google::protobuf::Struct report = ParseReport(r);
  EXPECT_GT(Field(report.fields().at("measured").struct_value(), "ok"), 0);
  EXPECT_EQ(Field(report, "errors"), 0);
  EXPECT_EQ(Field(report, "not_sent"), 0);
  EXPECT_GE(report.fields().at("rss_samples").list_value().values_size(), 2);
  EXPECT_GT(Field(report.fields().at("rss_growth").struct_value(), "baseline_kb"), 0);
  EXPECT_TRUE(report.fields().at("pass").bool_value());
}

TEST_F(LoadgenSmokeTest, ArticlesFromJsonl) {
  ::precis::testing::TempDir dir;
  ::precis::testing::WriteFile(
      dir.path() / "a.jsonl",
      "{\"id\": \"1\", \"lang\": \"en\", \"text\": \"Talks were held in Geneva on 10 "
      "January. Both sides will meet again in March.\"}\n"
      "{\"id\": \"2\", \"lang\": \"de\", \"text\": \"Die Gespr\\u00e4che fanden am 10. "
      "Januar in Genf statt. Beide Seiten treffen sich im M\\u00e4rz wieder.\"}\n");
  const ProcessResult r = RunProcess(
      {PRECIS_LOADGEN_BIN, "--target", server_->address(), "--articles-jsonl",
       dir.path().string(), "--language-hint", "--concurrency", "2", "--duration", "1",
       "--warmup", "0", "--verify", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const google::protobuf::Struct report = ParseReport(r);
  EXPECT_EQ(Field(report, "distinct_requests"), 2);
  EXPECT_GT(Field(report.fields().at("measured").struct_value(), "ok"), 0);
  EXPECT_EQ(Field(report, "errors"), 0);
}

TEST_F(LoadgenSmokeTest, UnreachableServerIsReported) {
  const ProcessResult r = RunProcess(
      {PRECIS_LOADGEN_BIN, "--target", "127.0.0.1:1", "--duration", "1", "--connect-timeout", "1",
       "--json"});
  // Exit 3: could not run (no connection within the connect timeout).
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
}

}  // namespace
}  // namespace precis
