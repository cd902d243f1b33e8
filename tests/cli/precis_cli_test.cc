// The precis CLI as a subprocess against a real precisd: exit codes, text
// and JSON output, and --local producing exactly the server's response.
#include <signal.h>

#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "precis/v1/precis.pb.h"
#include "../integration/test_process.h"

namespace precis {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::PrecisdProcess;
using testing::ProcessResult;

// Nothing listens here (port 1 is privileged and unused in test sandboxes).
constexpr char kDeadServer[] = "127.0.0.1:1";

class PrecisCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    server_ = PrecisdProcess::Start("server:\n  log_requests: false\n", &error)
                  .release();
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

  static ProcessResult Run(std::vector<std::string> args,
                           const std::string& input = "") {
    args.insert(args.begin(), PRECIS_BIN);
    return testing::RunProcess(args, input);
  }
  static ProcessResult RunRemote(std::vector<std::string> args,
                                 const std::string& input = "") {
    args.push_back("--server");
    args.push_back(server_->address());
    return Run(std::move(args), input);
  }

  static PrecisdProcess* server_;
};

PrecisdProcess* PrecisCliTest::server_ = nullptr;

void ExpectOneErrorLine(const ProcessResult& r) {
  EXPECT_THAT(r.err, StartsWith("precis: error: "));
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
}

template <typename T>
T ParseJson(const std::string& json) {
  T message;
  auto status = google::protobuf::util::JsonStringToMessage(json, &message);
  EXPECT_TRUE(status.ok()) << status.message() << "\n" << json;
  return message;
}

TEST_F(PrecisCliTest, SummarizeJsonIsTheProto3Mapping) {
  ProcessResult r =
      RunRemote({"summarize", "--format", "json", testing::ArticlePath()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"normalizedText\""));  // lowerCamelCase.
  const auto response = ParseJson<v1::SummarizeResponse>(r.out);
  const std::string text = testing::Article();
  ASSERT_GT(response.summary_size(), 0);
  for (const v1::Sentence& s : response.summary()) {
    EXPECT_EQ(text.substr(s.span().byte_begin(),
                          s.span().byte_end() - s.span().byte_begin()),
              s.text());
  }
}

TEST_F(PrecisCliTest, SummarizeTextListsSentencesAndFacts) {
  ProcessResult json =
      RunRemote({"summarize", "--format", "json", testing::ArticlePath()});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto response = ParseJson<v1::SummarizeResponse>(json.out);

  ProcessResult r = RunRemote({"summarize", testing::ArticlePath()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  if (!response.title().empty()) {
    EXPECT_THAT(r.out, HasSubstr("Title: " + response.title() + "\n"));
  }
  EXPECT_THAT(r.out, HasSubstr("Language: " + response.language()));
  for (int i = 0; i < response.summary_size(); ++i) {
    EXPECT_THAT(r.out, HasSubstr(std::to_string(i + 1) + ". " +
                                 response.summary(i).normalized_text() + "\n"));
  }
  if (response.facts_size() > 0) {
    EXPECT_THAT(r.out, HasSubstr("\nKey facts:\n"));
    for (const v1::KeyFact& f : response.facts()) {
      EXPECT_THAT(r.out, HasSubstr(v1::FactType_Name(f.type()) + ": \"" +
                                   f.text() + "\""));
    }
  }
}

TEST_F(PrecisCliTest, LocalOutputEqualsRemoteOutput) {
  for (const std::vector<std::string>& flags :
       std::vector<std::vector<std::string>>{{},
                                             {"--ratio", "0.5"},
                                             {"--words", "60", "--max-facts", "4"},
                                             {"--reference-time",
                                              "2022-01-04T09:00:00Z"}}) {
    std::vector<std::string> args = {"summarize", "--format", "json",
                                     testing::ArticlePath()};
    args.insert(args.end(), flags.begin(), flags.end());
    ProcessResult remote = RunRemote(args);
    args.push_back("--local");
    ProcessResult local = Run(args);
    ASSERT_EQ(remote.exit_code, 0) << remote.err;
    ASSERT_EQ(local.exit_code, 0) << local.err;
    auto a = ParseJson<v1::SummarizeResponse>(remote.out);
    auto b = ParseJson<v1::SummarizeResponse>(local.out);
    a.mutable_stats()->clear_processing_us();
    b.mutable_stats()->clear_processing_us();
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(a, b))
        << "flags: " << ::testing::PrintToString(flags);
  }
  // Errors are identical too.
  ProcessResult remote = RunRemote({"summarize", "--sentences", "0"}, "Text.");
  ProcessResult local = Run({"summarize", "--local", "--sentences", "0"}, "Text.");
  EXPECT_EQ(remote.exit_code, 3);
  EXPECT_EQ(local.exit_code, 3);
  EXPECT_EQ(remote.err, local.err);
}

TEST_F(PrecisCliTest, ReferenceTimeResolvesYearlessDates) {
  ProcessResult r = RunRemote({"summarize", "--format", "json",
                               "--reference-time", "2022-01-04T09:00:00Z",
                               "--time-zone", "Europe/London",
                               testing::ArticlePath()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto response = ParseJson<v1::SummarizeResponse>(r.out);
  int dates = 0;
  for (const v1::KeyFact& f : response.facts()) {
    if (f.type() != v1::DATE) continue;
    // Only dates written without a year take it from the reference time
    // ("in 2014" is a year of its own).
    if (f.text().find(f.value().substr(0, 4)) != std::string::npos) continue;
    ++dates;
    EXPECT_THAT(f.value(), StartsWith("202")) << f.text();
    EXPECT_THAT(f.value(), ::testing::Not(StartsWith("2026"))) << f.text();
  }
  EXPECT_GT(dates, 0);
}

TEST_F(PrecisCliTest, ReadsStdinByDefault) {
  ProcessResult from_stdin =
      RunRemote({"summarize", "--format", "json"}, testing::Article());
  ProcessResult dash =
      RunRemote({"summarize", "--format", "json", "-"}, testing::Article());
  ASSERT_EQ(from_stdin.exit_code, 0) << from_stdin.err;
  ASSERT_EQ(dash.exit_code, 0) << dash.err;
  auto a = ParseJson<v1::SummarizeResponse>(from_stdin.out);
  auto b = ParseJson<v1::SummarizeResponse>(dash.out);
  a.mutable_stats()->clear_processing_us();
  b.mutable_stats()->clear_processing_us();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(a, b));
}

TEST_F(PrecisCliTest, SegmentTextAndJson) {
  ProcessResult json = RunRemote({"segment", "--format", "json", testing::ArticlePath()});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto response = ParseJson<v1::SegmentResponse>(json.out);
  ASSERT_GT(response.sentences_size(), 3);
  ProcessResult text = RunRemote({"segment", testing::ArticlePath()});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const v1::Sentence& s : response.sentences()) {
    EXPECT_THAT(text.out, HasSubstr(std::to_string(s.id()) + ". " +
                                    s.normalized_text() + "\n"));
  }
}

TEST_F(PrecisCliTest, CapabilitiesAndHealth) {
  ProcessResult caps = RunRemote({"capabilities", "--format", "json"});
  ASSERT_EQ(caps.exit_code, 0) << caps.err;
  const auto response = ParseJson<v1::GetCapabilitiesResponse>(caps.out);
  EXPECT_EQ(response.version(), PRECIS_VERSION);
  EXPECT_GT(response.languages_size(), 0);
  ProcessResult text = RunRemote({"capabilities"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, HasSubstr("Version: " + response.version()));

  ProcessResult health = RunRemote({"health"});
  EXPECT_EQ(health.exit_code, 0) << health.err;
  EXPECT_EQ(health.out, "SERVING\n");
  ProcessResult service =
      RunRemote({"health", "--service", "precis.v1.SummarizerService"});
  EXPECT_EQ(service.exit_code, 0) << service.err;
}

TEST_F(PrecisCliTest, UsageErrorsExitTwo) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {},
           {"summarize", "--no-such-flag"},
           {"summarize", "--sentences", "2", "--ratio", "0.5"},
           {"summarize", "--format", "xml"},
           {"summarize", "--deadline", "-1"},
           {"summarize", "--deadline", "1e10"},
           {"summarize", PRECIS_TESTDATA_DIR},
           {"summarize", "/nonexistent/article.txt"},
           {"summarize", "--reference-time", "yesterday"},
           {"frobnicate"}}) {
    ProcessResult r = Run(args, "Some text.");
    EXPECT_EQ(r.exit_code, 2) << ::testing::PrintToString(args) << r.err;
    ExpectOneErrorLine(r);
  }
}

TEST_F(PrecisCliTest, HelpAndVersionExitZero) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--help"},
                                             {"summarize", "--help"},
                                             {"segment", "--help"},
                                             {"health", "--help"},
                                             {"capabilities", "--help"}}) {
    ProcessResult r = Run(args);
    EXPECT_EQ(r.exit_code, 0) << ::testing::PrintToString(args);
    EXPECT_THAT(r.out, HasSubstr("Usage"));
  }
  ProcessResult summarize_help = Run({"summarize", "--help"});
  EXPECT_THAT(summarize_help.out, HasSubstr("--sentences"));
  EXPECT_THAT(summarize_help.out, HasSubstr("--reference-time"));
  ProcessResult version = Run({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_THAT(version.out, HasSubstr(PRECIS_VERSION));
}

TEST_F(PrecisCliTest, InvalidInputExitsThree) {
  ProcessResult empty = RunRemote({"summarize"}, "");
  EXPECT_EQ(empty.exit_code, 3);
  ExpectOneErrorLine(empty);
  EXPECT_THAT(empty.err, HasSubstr("INVALID_ARGUMENT: text"));

  ProcessResult range = RunRemote({"summarize", "--sentences", "0"}, "Text.");
  EXPECT_EQ(range.exit_code, 3);
  EXPECT_THAT(range.err, HasSubstr("max_sentences"));

  ProcessResult lang = RunRemote({"segment", "--lang", "??"}, "Text.");
  EXPECT_EQ(lang.exit_code, 3);
  EXPECT_THAT(lang.err, HasSubstr("language"));

  // Invalid UTF-8 is caught before sending: exit 3 even with no server.
  ProcessResult utf8 =
      Run({"summarize", "--server", kDeadServer}, "Good text. Bad \xF5 byte.");
  EXPECT_EQ(utf8.exit_code, 3);
  ExpectOneErrorLine(utf8);
  EXPECT_THAT(utf8.err, HasSubstr("invalid UTF-8 at byte 15"));
}

TEST_F(PrecisCliTest, TooLargeTextExitsThree) {
  // Above the server's default 1 MiB limit.
  ProcessResult r = RunRemote({"segment"}, std::string((1 << 20) + 10, 'a'));
  EXPECT_EQ(r.exit_code, 3);
  ExpectOneErrorLine(r);
  EXPECT_THAT(r.err, HasSubstr("RESOURCE_EXHAUSTED"));
}

TEST_F(PrecisCliTest, UnreachableServerExitsFour) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"summarize"},
                                             {"segment"},
                                             {"capabilities"},
                                             {"health"}}) {
    std::vector<std::string> full = args;
    full.push_back("--server");
    full.push_back(kDeadServer);
    ProcessResult r = Run(full, "Some text.");
    EXPECT_EQ(r.exit_code, 4) << ::testing::PrintToString(args) << r.err;
    ExpectOneErrorLine(r);
    EXPECT_THAT(r.err, HasSubstr("UNAVAILABLE"));
  }
  // batch reports the call's error in the same form: "CODE: message".
  testing::TempDir dir;
  testing::WriteFile(dir.path() / "one.txt", "Some text. And more.");
  ProcessResult batch = Run({"batch", dir.path().string(), "--server", kDeadServer});
  EXPECT_EQ(batch.exit_code, 4) << batch.err;
  EXPECT_THAT(batch.err, HasSubstr("precis: error: UNAVAILABLE: "));
}

// --tls-server-name implies TLS: against this plaintext server the handshake
// fails, instead of the call quietly going over plaintext.
TEST_F(PrecisCliTest, TlsServerNameImpliesTls) {
  ProcessResult r = RunRemote({"--tls-server-name", "localhost", "capabilities"});
  EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
  ExpectOneErrorLine(r);
  ProcessResult plain = RunRemote({"capabilities"});
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
}

}  // namespace
}  // namespace precis
