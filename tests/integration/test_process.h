// Test helpers (header-only, shared by tests/integration and tests/cli):
// running the precis CLI as a subprocess, starting precisd on a free
// loopback port, and raw gRPC calls that bypass the generated stubs.
#ifndef PRECIS_TESTS_INTEGRATION_TEST_PROCESS_H_
#define PRECIS_TESTS_INTEGRATION_TEST_PROCESS_H_

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/byte_buffer.h"

namespace precis::testing {

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFile(const std::filesystem::path& path,
                      const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "precis-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Forks and execs argv[0] with stdin/stdout/stderr redirected to files.
inline pid_t Spawn(const std::vector<std::string>& argv,
                   const std::filesystem::path& in,
                   const std::filesystem::path& out,
                   const std::filesystem::path& err) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int fd_in = open(in.c_str(), O_RDONLY);
    const int fd_out = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int fd_err = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd_in, 0);
    dup2(fd_out, 1);
    dup2(fd_err, 2);
    // The test process may have signals blocked; the child starts clean.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

// Exit code, or 128 + signal number when killed by a signal.
inline int WaitExit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a program to completion with `input` on stdin.
inline ProcessResult RunProcess(const std::vector<std::string>& argv,
                                const std::string& input = "") {
  TempDir dir;
  WriteFile(dir.path() / "in", input);
  const pid_t pid =
      Spawn(argv, dir.path() / "in", dir.path() / "out", dir.path() / "err");
  ProcessResult result;
  result.exit_code = WaitExit(pid);
  result.out = ReadFile(dir.path() / "out");
  result.err = ReadFile(dir.path() / "err");
  return result;
}

// Waits (at most 60 s) until process `pid` has written a whole line holding
// `marker` to the file `out`; returns the rest of that line after the
// marker, or nullopt when the process exited first (then reaped, and
// *exited set) or the time ran out.
inline std::optional<std::string> WaitForLine(pid_t pid, const std::filesystem::path& out,
                                              const std::string& marker, bool* exited) {
  *exited = false;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < give_up) {
    const std::string text = ReadFile(out);
    const size_t at = text.find(marker);
    const size_t eol = at == std::string::npos ? at : text.find('\n', at);
    if (eol != std::string::npos) {
      return text.substr(at + marker.size(), eol - at - marker.size());
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      *exited = true;
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

// A precisd subprocess on 127.0.0.1 with a free port, configured by a YAML
// text (written to a temp file).
class PrecisdProcess {
 public:
  // nullptr when the server did not print its address within 60 s (the
  // reason is in `error`).
  static std::unique_ptr<PrecisdProcess> Start(const std::string& config_yaml,
                                               std::string* error) {
    auto p = std::unique_ptr<PrecisdProcess>(new PrecisdProcess());
    WriteFile(p->dir_.path() / "precisd.yaml", config_yaml);
    WriteFile(p->dir_.path() / "in", "");
    p->pid_ = Spawn({PRECISD_BIN, "--config",
                     (p->dir_.path() / "precisd.yaml").string(), "--listen",
                     "127.0.0.1:0"},
                    p->dir_.path() / "in", p->dir_.path() / "out",
                    p->dir_.path() / "err");
    bool exited = false;
    const std::optional<std::string> port =
        WaitForLine(p->pid_, p->dir_.path() / "out", "precisd listening on 127.0.0.1:", &exited);
    if (port.has_value()) {
      p->port_ = std::atoi(port->c_str());
      return p;
    }
    if (exited) {
      p->pid_ = -1;
      *error = "precisd exited early: " + p->Stderr();
      return nullptr;
    }
    *error = "precisd did not start: " + p->Stderr();
    return nullptr;
  }

  ~PrecisdProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      WaitExit(pid_);
    }
  }

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  pid_t pid() const { return pid_; }
  std::string Stderr() const { return ReadFile(dir_.path() / "err"); }
  std::string Stdout() const { return ReadFile(dir_.path() / "out"); }
  // The metrics port printed on stdout ("precisd metrics on HOST:PORT"),
  // 0 when metrics are off.
  int MetricsPort() const {
    const std::string out = Stdout();
    const std::string marker = "precisd metrics on ";
    const size_t at = out.find(marker);
    if (at == std::string::npos) return 0;
    const size_t colon = out.find(':', at + marker.size());
    return colon == std::string::npos ? 0 : std::atoi(out.c_str() + colon + 1);
  }
  // The directory holding the config (and room for test files).
  const std::filesystem::path& dir() const { return dir_.path(); }

  void Signal(int sig) const { kill(pid_, sig); }
  // Waits for the exit and returns its code (see WaitExit).
  int Wait() {
    const int code = WaitExit(pid_);
    pid_ = -1;
    return code;
  }

 private:
  PrecisdProcess() = default;
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

inline std::shared_ptr<grpc::Channel> MakeTestChannel(const std::string& target) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(-1);
  args.SetMaxSendMessageSize(-1);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(),
                                   args);
}

inline std::string Flatten(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string flat;
  if (buffer.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      flat.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  return flat;
}

// A unary call with hand-made request bytes (e.g. invalid UTF-8, which the
// generated stubs refuse to serialize).
inline grpc::Status RawUnaryCall(const std::shared_ptr<grpc::Channel>& channel,
                                 const std::string& method,
                                 const std::string& request_bytes,
                                 std::string* response_bytes,
                                 std::chrono::milliseconds deadline =
                                     std::chrono::seconds(30)) {
  grpc::Slice slice(request_bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + deadline);
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status s) { done.set_value(std::move(s)); });
  grpc::Status status = done.get_future().get();
  if (status.ok() && response_bytes != nullptr) *response_bytes = Flatten(response);
  return status;
}

struct HttpResult {
  int status = 0;  // 0: no response
  std::string headers;
  std::string body;
};

// One HTTP/1.1 request to 127.0.0.1:`port` (the response is read until the
// server closes the connection).
inline HttpResult HttpRequest(int port, const std::string& raw_request) {
  HttpResult result;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return result;
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return result;
  }
  size_t sent = 0;
  while (sent < raw_request.size()) {
    const ssize_t n = send(fd, raw_request.data() + sent,
                           raw_request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string response;
  char buf[4096];
  for (;;) {
    const ssize_t n = recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;
    response.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  const size_t end = response.find("\r\n\r\n");
  if (response.rfind("HTTP/1.1 ", 0) != 0 || end == std::string::npos) {
    return result;
  }
  result.status = std::atoi(response.c_str() + 9);
  result.headers = response.substr(0, end);
  result.body = response.substr(end + 4);
  return result;
}

inline HttpResult HttpGet(int port, const std::string& path) {
  return HttpRequest(port, "GET " + path +
                               " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "Accept: text/plain\r\n\r\n");
}

inline std::string ArticlePath() {
  return std::string(PRECIS_TESTDATA_DIR) +
         "/articles/us-russia-ukraine-talks.txt";
}

inline std::string Article() { return ReadFile(ArticlePath()); }

}  // namespace precis::testing

#endif  // PRECIS_TESTS_INTEGRATION_TEST_PROCESS_H_
