// precis-echo (tools/echo), the transport floor of tools/h2load/run.sh
// --floor: it answers Summarize with the request's bytes, or with the bytes
// of its --reply file on every unary method; SIGTERM stops it with exit 0;
// a missing or empty reply file is refused at start-up.
#include <csignal>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "test_process.h"

namespace precis {
namespace {

using ::precis::testing::RawUnaryCall;
using ::precis::testing::TempDir;

// A running precis-echo; its address is empty when it did not start.
class Echo {
 public:
  explicit Echo(std::vector<std::string> args) {
    args.insert(args.begin(), PRECIS_ECHO_BIN);
    args.push_back("--listen");
    args.push_back("127.0.0.1:0");
    ::precis::testing::WriteFile(dir_.path() / "in", "");
    pid_ = ::precis::testing::Spawn(args, dir_.path() / "in", dir_.path() / "out",
                                    dir_.path() / "err");
    bool exited = false;
    const std::optional<std::string> rest = ::precis::testing::WaitForLine(
        pid_, dir_.path() / "out", "precis-echo listening on ", &exited);
    if (exited) pid_ = -1;  // address_ stays empty.
    if (rest.has_value()) address_ = rest->substr(0, rest->find(' '));
  }
  ~Echo() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      ::precis::testing::WaitExit(pid_);
    }
  }
  const std::string& address() const { return address_; }
  int Stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    const int code = ::precis::testing::WaitExit(pid_);
    pid_ = -1;
    return code;
  }

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  std::string address_;
};

TEST(EchoSmokeTest, EchoesTheRequestBytes) {
  Echo echo({});
  ASSERT_FALSE(echo.address().empty());
  auto channel = ::precis::testing::MakeTestChannel(echo.address());
  const std::string request = std::string("\x0a\x05hello", 7) + std::string(3000, 'x');
  std::string response;
  const grpc::Status s = RawUnaryCall(channel, "/precis.v1.SummarizerService/Summarize",
                                      request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(response, request);
  EXPECT_EQ(echo.Stop(), 0);
}

TEST(EchoSmokeTest, AnswersEveryUnaryMethodWithTheReplyFile) {
  TempDir dir;
  const std::string reply = std::string("\x12\x03" "abc", 5) + std::string(5000, 'r');
  ::precis::testing::WriteFile(dir.path() / "reply.bin", reply);
  Echo echo({"--reply", (dir.path() / "reply.bin").string()});
  ASSERT_FALSE(echo.address().empty());
  auto channel = ::precis::testing::MakeTestChannel(echo.address());
  for (const char* method : {"/precis.v1.SummarizerService/Summarize",
                             "/precis.v1.SummarizerService/Segment",
                             "/precis.v1.SummarizerService/GetCapabilities"}) {
    std::string response;
    const grpc::Status s = RawUnaryCall(channel, method, "ignored", &response);
    ASSERT_TRUE(s.ok()) << method << ": " << s.error_message();
    EXPECT_EQ(response, reply) << method;
  }
  EXPECT_EQ(echo.Stop(), 0);
}

TEST(EchoSmokeTest, MissingOrEmptyReplyFileIsRefused) {
  TempDir dir;
  const auto missing = ::precis::testing::RunProcess(
      {PRECIS_ECHO_BIN, "--reply", (dir.path() / "nope.bin").string()});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("nope.bin"), std::string::npos) << missing.err;
  ::precis::testing::WriteFile(dir.path() / "empty.bin", "");
  const auto empty = ::precis::testing::RunProcess(
      {PRECIS_ECHO_BIN, "--reply", (dir.path() / "empty.bin").string()});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("is empty"), std::string::npos) << empty.err;
}

}  // namespace
}  // namespace precis
