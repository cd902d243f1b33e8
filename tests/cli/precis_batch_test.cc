// `precis batch` (directory and JSONL input, JSONL output over
// SummarizeStream or --local threads, --resume, progress) and the export
// formats of `precis summarize --format xliff|html|markdown`.
#include <signal.h>

#include <map>
#include <set>

#include "batch_runner.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "precis/v1/precis.pb.h"
#include "../integration/test_process.h"

namespace precis {
namespace {

using ::testing::HasSubstr;
using testing::PrecisdProcess;
using testing::ProcessResult;
using testing::TempDir;

class PrecisBatchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    server_ = PrecisdProcess::Start("server:\n  log_requests: false\n", &error).release();
    ASSERT_NE(server_, nullptr) << error;
  }
  static void TearDownTestSuite() {
    if (server_ != nullptr) {
      server_->Signal(SIGTERM);
      EXPECT_EQ(server_->Wait(), 0);
    }
    delete server_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  static ProcessResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), PRECIS_BIN);
    return testing::RunProcess(args);
  }
  static ProcessResult RunRemote(std::vector<std::string> args) {
    args.push_back("--server");
    args.push_back(server_->address());
    return Run(std::move(args));
  }

  static PrecisdProcess* server_;
};

PrecisdProcess* PrecisBatchTest::server_ = nullptr;

std::string Emoji() {
  return testing::ReadFile(std::string(PRECIS_TESTDATA_DIR) +
                           "/articles/yoshinoya-expansion-emoji.txt");
}

// id -> response, one JSONL line each.
std::map<std::string, v1::SummarizeResponse> ParseLines(const std::string& jsonl, int* lines) {
  std::map<std::string, v1::SummarizeResponse> out;
  *lines = 0;
  std::istringstream in(jsonl);
  std::string line;
  while (std::getline(in, line)) {
    ++*lines;
    v1::SummarizeResponse r;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(line, &r).ok()) << line;
    out[r.request_id()] = r;
  }
  return out;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

TEST_F(PrecisBatchTest, DirectoryOverTheStream) {
  TempDir dir;
  testing::WriteFile(dir.path() / "ukraine.txt", testing::Article());
  testing::WriteFile(dir.path() / "emoji.txt", Emoji());
  testing::WriteFile(dir.path() / "blank.txt", "  \n");
  testing::WriteFile(dir.path() / "ignored.md", "not a .txt file");
  ProcessResult r = RunRemote({"batch", dir.path().string(), "--jobs", "2", "--sentences", "2"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // One item failed.
  int lines = 0;
  auto got = ParseLines(r.out, &lines);
  EXPECT_EQ(lines, 3);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got["ukraine"].summary_size(), 2);
  EXPECT_EQ(got["emoji"].summary_size(), 2);
  EXPECT_EQ(got["blank"].error().code(), 3);
  EXPECT_THAT(got["blank"].error().message(), HasSubstr("text"));
  EXPECT_THAT(r.err, HasSubstr("precis: batch: 2 ok, 1 failed, 0 skipped"));
  // Not a terminal, no --progress: no progress bar.
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("ETA")));
}

TEST_F(PrecisBatchTest, JsonlResumeSkipsIdsAlreadyWritten) {
  TempDir dir;
  const std::string input = (dir.path() / "in.jsonl").string();
  const std::string output = (dir.path() / "out.jsonl").string();
  std::string jsonl;
  for (int i = 0; i < 5; ++i) {
    jsonl += "{\"id\": \"doc" + std::to_string(i) + "\", \"text\": " +
                          JsonString(i % 2 ? Emoji() : testing::Article()) +
                          ", \"maxSentences\": " + std::to_string(i + 1) + "}\n";
  }
  jsonl += "\n{\"id\": 7, \"text\": \"Short one. It has two sentences.\", \"language\": \"en\"}\n";
  testing::WriteFile(input, jsonl);

  ProcessResult first = Run({"batch", input, "--local", "-o", output, "--jobs", "3"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  int lines = 0;
  auto got = ParseLines(testing::ReadFile(output), &lines);
  ASSERT_EQ(lines, 6);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(got["doc" + std::to_string(i)].summary_size(), i + 1);
  }
  EXPECT_EQ(got["7"].language(), "en");

  // An interrupted run: two whole lines and half of a third.
  std::istringstream in(testing::ReadFile(output));
  std::string a, b, c;
  std::getline(in, a);
  std::getline(in, b);
  std::getline(in, c);
  testing::WriteFile(output, a + "\n" + b + "\n" + c.substr(0, c.size() / 2));
  ProcessResult resumed =
      RunRemote({"batch", input, "-o", output, "--resume", "--progress", "always"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_THAT(resumed.err, HasSubstr("precis: batch: 4 ok, 0 failed, 2 skipped"));
  EXPECT_THAT(resumed.err, HasSubstr("6/6 100%"));
  EXPECT_THAT(resumed.err, HasSubstr("ETA"));
  got = ParseLines(testing::ReadFile(output), &lines);
  EXPECT_EQ(lines, 6);
  EXPECT_EQ(got.size(), 6u);
}

TEST_F(PrecisBatchTest, BadLinesAndInputsAreReported) {
  TempDir dir;
  const std::string input = (dir.path() / "in.jsonl").string();
  testing::WriteFile(input, "{\"id\": \"ok\", \"text\": \"Fine. Really.\"}\nnot json\n"
                            "{\"id\": \"typo\", \"txet\": \"x\"}\n");
  ProcessResult r = RunRemote({"batch", input});
  EXPECT_EQ(r.exit_code, 1);
  int lines = 0;
  auto got = ParseLines(r.out, &lines);
  EXPECT_EQ(lines, 3);
  EXPECT_FALSE(got["ok"].has_error());
  EXPECT_THAT(got["line-2"].error().message(), HasSubstr("line 2"));
  EXPECT_EQ(got["typo"].error().code(), 3);

  EXPECT_EQ(RunRemote({"batch", (dir.path() / "missing.jsonl").string()}).exit_code, 2);
  EXPECT_EQ(RunRemote({"batch", input, "--resume"}).exit_code, 2);  // Needs -o.
}

// Numeric ids keep every digit: 1234567 and 1234568 are two items (six
// significant digits would make both "1.23457e+06", and --resume would skip
// the second).
TEST_F(PrecisBatchTest, NumericIdsKeepEveryDigit) {
  TempDir dir;
  const std::string input = (dir.path() / "in.jsonl").string();
  const std::string output = (dir.path() / "out.jsonl").string();
  const std::string text = "\"text\": \"Short one. It has two sentences.\", \"language\": \"en\"";
  testing::WriteFile(input, "{\"id\": 1234567, " + text + "}\n{\"id\": 1234568, " + text +
                                "}\n{\"id\": 2.5, " + text + "}\n");
  ProcessResult r = Run({"batch", input, "--local", "-o", output});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int lines = 0;
  auto got = ParseLines(testing::ReadFile(output), &lines);
  EXPECT_EQ(lines, 3);
  EXPECT_EQ(got.count("1234567"), 1u);
  EXPECT_EQ(got.count("1234568"), 1u);
  EXPECT_EQ(got.count("2.5"), 1u);

  // Resuming after the first line processes the other two.
  std::istringstream in(testing::ReadFile(output));
  std::string first;
  std::getline(in, first);
  testing::WriteFile(output, first + "\n");
  ProcessResult resumed = Run({"batch", input, "--local", "-o", output, "--resume"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_THAT(resumed.err, HasSubstr("precis: batch: 2 ok, 0 failed, 1 skipped"));
}

TEST(ProgressLineTest, ShowsCountPercentRateAndEta) {
  EXPECT_EQ(cli::ProgressLine(5, 10, 2.0, 10), "[#####     ] 5/10  50% 2.5/s ETA 0:02");
  EXPECT_EQ(cli::ProgressLine(0, 10, 0.0, 4), "[    ] 0/10   0% 0.0/s ETA --:--");
  EXPECT_EQ(cli::ProgressLine(90, 100, 60.0, 4), "[### ] 90/100  90% 1.5/s ETA 0:07");
}

TEST_F(PrecisBatchTest, SummarizeExportFormats) {
  const std::string article = std::string(PRECIS_TESTDATA_DIR) +
                              "/articles/yoshinoya-expansion-emoji.txt";
  ProcessResult html = RunRemote({"summarize", "--format", "html", article});
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_THAT(html.out, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html.out, HasSubstr("translate=\"no\""));

  ProcessResult md = RunRemote({"summarize", "--format", "markdown", article});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_THAT(md.out, HasSubstr("## Key facts"));

  ProcessResult one = RunRemote({"summarize", "--format", "xliff", "--target-locale", "ja", article});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_THAT(one.out, HasSubstr("trgLang=\"ja\""));

  ProcessResult two = RunRemote({"summarize", "--format", "xliff", "--target-locale", "de",
                                 "--target-locale", "fr", article});
  EXPECT_EQ(two.exit_code, 2);
  EXPECT_THAT(two.err, HasSubstr("--out-dir"));

  TempDir dir;
  ProcessResult files = RunRemote({"summarize", "--format", "xliff", "--target-locale", "de",
                                   "--target-locale", "fr", "--out-dir", dir.path().string(),
                                   article});
  ASSERT_EQ(files.exit_code, 0) << files.err;
  for (const char* locale : {"de", "fr"}) {
    const auto path = dir.path() / ("summary." + std::string(locale) + ".xlf");
    EXPECT_THAT(testing::ReadFile(path), HasSubstr("trgLang=\"" + std::string(locale) + "\""));
    if (std::system("xmllint --version >/dev/null 2>&1") == 0) {
      EXPECT_EQ(std::system(("xmllint --noout " + path.string()).c_str()), 0);
    }
  }
  // Documents are for summarize only.
  EXPECT_EQ(RunRemote({"segment", "--format", "xliff", article}).exit_code, 2);
}

}  // namespace
}  // namespace precis
