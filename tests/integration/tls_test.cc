// precisd over TLS and mutual TLS, with certificates made at test time by
// the openssl CLI (a test CA, a server certificate for localhost and
// 127.0.0.1, a client certificate, and a second CA with its own client
// certificate): TLS calls work, plaintext clients and clients that do not
// trust the CA fail, and under mutual TLS a client without a certificate or
// with one from another CA is refused. The precis CLI's --ca/--cert/--key
// are checked against the same server.
#include <signal.h>

#include <filesystem>

#include "backend.h"
#include "gmock/gmock.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "precis/v1/precis.grpc.pb.h"
#include "test_process.h"

namespace precis {
namespace {

using ::testing::HasSubstr;
using testing::PrecisdProcess;
using testing::ReadFile;
using testing::RunProcess;

// Makes every certificate in `dir`; "" on success, else openssl's output.
std::string MakeCertificates(const std::filesystem::path& dir) {
  const std::string script = R"SH(set -e
cd ")SH" + dir.string() + R"SH("
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
ca() {  # name
  key "$1.key"
  openssl req -x509 -new -key "$1.key" -out "$1.pem" -days 2 -subj "/CN=Precis test $1" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
}
leaf() {  # name ca extensions
  key "$1.key"
  openssl req -new -key "$1.key" -out "$1.csr" -subj "/CN=$1"
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -set_serial "0x$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" \
    -days 2 -out "$1.pem" -extfile "$1.ext" 2>/dev/null
}
ca ca
ca other_ca
leaf server ca "subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth
basicConstraints=CA:FALSE"
leaf client ca "extendedKeyUsage=clientAuth
basicConstraints=CA:FALSE"
leaf stranger other_ca "extendedKeyUsage=clientAuth
basicConstraints=CA:FALSE"
)SH";
  const testing::ProcessResult r = RunProcess({"/bin/sh", "-c", script});
  return r.exit_code == 0 ? "" : r.out + r.err;
}

bool HaveOpenssl() {
  return RunProcess({"/bin/sh", "-c", "command -v openssl"}).exit_code == 0;
}

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!HaveOpenssl()) return;
    certs_ = new testing::TempDir();
    const std::string error = MakeCertificates(certs_->path());
    ASSERT_EQ(error, "") << error;
  }
  static void TearDownTestSuite() {
    delete certs_;
    certs_ = nullptr;
  }
  void SetUp() override {
    if (certs_ == nullptr) GTEST_SKIP() << "openssl CLI not installed";
  }

  static std::string Path(const std::string& name) {
    return (certs_->path() / name).string();
  }

  static std::string TlsConfig(bool mutual, bool optional_client_cert = false) {
    std::string yaml = "server:\n  worker_threads: 1\ntls:\n  cert_file: \"" +
                       Path("server.pem") + "\"\n  key_file: \"" +
                       Path("server.key") + "\"\n";
    if (mutual || optional_client_cert) {
      yaml += "  client_ca_file: \"" + Path("ca.pem") + "\"\n";
    }
    if (mutual) yaml += "  require_client_cert: true\n";
    return yaml;
  }

  static std::unique_ptr<PrecisdProcess> Start(const std::string& config) {
    std::string error;
    std::unique_ptr<PrecisdProcess> server = PrecisdProcess::Start(config, &error);
    EXPECT_NE(server, nullptr) << error;
    return server;
  }

  // A channel trusting `ca` ("" = the system's roots), presenting `client`
  // ("" = no certificate).
  static std::shared_ptr<grpc::Channel> Channel(const PrecisdProcess& server,
                                                const std::string& ca,
                                                const std::string& client) {
    grpc::SslCredentialsOptions options;
    if (!ca.empty()) options.pem_root_certs = ReadFile(Path(ca + ".pem"));
    if (!client.empty()) {
      options.pem_cert_chain = ReadFile(Path(client + ".pem"));
      options.pem_private_key = ReadFile(Path(client + ".key"));
    }
    return grpc::CreateChannel(server.address(), grpc::SslCredentials(options));
  }

  // A Summarize of the sample article.
  static grpc::Status Call(const std::shared_ptr<grpc::Channel>& channel) {
    auto stub = v1::SummarizerService::NewStub(channel);
    v1::SummarizeRequest request;
    request.set_text(testing::Article());
    v1::SummarizeResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    grpc::Status status = stub->Summarize(&context, request, &response);
    if (status.ok() && response.summary_size() == 0) {
      return grpc::Status(grpc::StatusCode::INTERNAL, "empty summary");
    }
    return status;
  }

  static testing::TempDir* certs_;
};

testing::TempDir* TlsTest::certs_ = nullptr;

TEST_F(TlsTest, TlsCallsWorkAndPlaintextOrUntrustingClientsFail) {
  auto server = Start(TlsConfig(false));
  ASSERT_NE(server, nullptr);
  EXPECT_THAT(server->Stderr(), HasSubstr("tls=on"));
  const grpc::Status ok = Call(Channel(*server, "ca", ""));
  EXPECT_TRUE(ok.ok()) << ok.error_message();
  // Without client_ca_file a client certificate is simply not asked for.
  EXPECT_TRUE(Call(Channel(*server, "ca", "client")).ok());

  const grpc::Status plaintext = Call(testing::MakeTestChannel(server->address()));
  EXPECT_EQ(plaintext.error_code(), grpc::StatusCode::UNAVAILABLE)
      << plaintext.error_message();
  // The test CA is not in the system's roots, nor is the other CA ours.
  EXPECT_EQ(Call(Channel(*server, "", "")).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Call(Channel(*server, "other_ca", "")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(), 0);
}

TEST_F(TlsTest, MutualTlsRefusesClientsWithoutAValidCertificate) {
  auto server = Start(TlsConfig(true));
  ASSERT_NE(server, nullptr);
  EXPECT_THAT(server->Stderr(), HasSubstr("tls=mutual"));
  const grpc::Status ok = Call(Channel(*server, "ca", "client"));
  EXPECT_TRUE(ok.ok()) << ok.error_message();

  const grpc::Status no_cert = Call(Channel(*server, "ca", ""));
  EXPECT_EQ(no_cert.error_code(), grpc::StatusCode::UNAVAILABLE) << no_cert.error_message();
  const grpc::Status stranger = Call(Channel(*server, "ca", "stranger"));
  EXPECT_EQ(stranger.error_code(), grpc::StatusCode::UNAVAILABLE)
      << stranger.error_message();
  EXPECT_EQ(Call(testing::MakeTestChannel(server->address())).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  // The server is unharmed by the refused handshakes.
  EXPECT_TRUE(Call(Channel(*server, "ca", "client")).ok());
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(), 0);
}

TEST_F(TlsTest, OptionalClientCertificatesAreVerifiedWhenPresented) {
  auto server = Start(TlsConfig(false, /*optional_client_cert=*/true));
  ASSERT_NE(server, nullptr);
  EXPECT_TRUE(Call(Channel(*server, "ca", "")).ok());
  EXPECT_TRUE(Call(Channel(*server, "ca", "client")).ok());
  EXPECT_EQ(Call(Channel(*server, "ca", "stranger")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(), 0);
}

TEST_F(TlsTest, CliTalksMutualTls) {
  auto server = Start(TlsConfig(true));
  ASSERT_NE(server, nullptr);
  const std::vector<std::string> base = {PRECIS_BIN, "--server", server->address(),
                                         "--deadline", "20"};
  auto run = [&base](std::vector<std::string> extra) {
    std::vector<std::string> argv = base;
    argv.insert(argv.end(), extra.begin(), extra.end());
    return RunProcess(argv);
  };
  testing::ProcessResult r = run({"--ca", Path("ca.pem"), "--cert", Path("client.pem"),
                                  "--key", Path("client.key"), "health"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "SERVING\n");
  r = run({"summarize", "--ca", Path("ca.pem"), "--cert", Path("client.pem"),
           "--key", Path("client.key"), testing::ArticlePath()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Language: en"));
  // Refused without a client certificate: "server unavailable".
  r = run({"--ca", Path("ca.pem"), "capabilities"});
  EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("precis: error: UNAVAILABLE"));
  // Usage errors.
  r = run({"--ca", Path("ca.pem"), "--cert", Path("client.pem"), "health"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--cert and --key go together"));
  r = run({"--local", "--tls", "capabilities"});
  EXPECT_EQ(r.exit_code, 2);
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(), 0);
}

TEST_F(TlsTest, UnreadableOrInvalidFilesFailStartWithTheKeyNamed) {
  std::string error;
  auto missing = PrecisdProcess::Start(
      "tls:\n  cert_file: /nonexistent/server.pem\n  key_file: \"" +
          Path("server.key") + "\"\n",
      &error);
  EXPECT_EQ(missing, nullptr);
  EXPECT_THAT(error, HasSubstr("tls.cert_file: cannot read '/nonexistent/server.pem'"));
  // A key that does not match the certificate.
  auto mismatched = PrecisdProcess::Start(
      "tls:\n  cert_file: \"" + Path("server.pem") + "\"\n  key_file: \"" +
          Path("client.key") + "\"\n",
      &error);
  EXPECT_EQ(mismatched, nullptr) << "started with a mismatched key";
}

}  // namespace
}  // namespace precis
