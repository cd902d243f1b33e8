// ServerConfig YAML loading: defaults, every section, and rejections.
#include "server_config.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_process.h"

namespace precis {
namespace {

using ::testing::HasSubstr;

TEST(ServerConfigTest, EmptyTextGivesDefaults) {
  absl::StatusOr<ServerConfig> c = ParseServerConfig("");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->listen_address, "0.0.0.0:50051");
  EXPECT_EQ(c->worker_threads, 0);
  EXPECT_TRUE(c->reflection);
  EXPECT_EQ(c->shutdown_drain_seconds, 10);
  EXPECT_EQ(c->max_connection_age_seconds, 0);
  EXPECT_EQ(c->max_connection_age_grace_seconds, 30);
  EXPECT_EQ(c->keepalive_time_seconds, 7200);
  EXPECT_EQ(c->keepalive_timeout_seconds, 20);
  EXPECT_EQ(c->engine.max_text_bytes, 1 << 20);
  EXPECT_EQ(c->engine.default_max_sentences, 3);
  EXPECT_EQ(c->engine.default_max_facts, 12);
}

TEST(ServerConfigTest, ReadsEverySection) {
  absl::StatusOr<ServerConfig> c = ParseServerConfig(R"(
server:
  listen: "127.0.0.1:7000"
  worker_threads: 3
  reflection: false
  log_requests: false
  shutdown_drain_seconds: 2.5
  shutdown_grace_seconds: 1
  max_connection_age_seconds: 300
  max_connection_age_grace_seconds: 12.5
  keepalive_time_seconds: 60
  keepalive_timeout_seconds: 5
limits:
  max_text_bytes: 2048
  default_max_sentences: 5
  default_max_facts: 4
  max_facts: 20
engine:
  max_key_phrases: 6
  ranker:
    centrality: 2
    position: 0.5
    headline: 0.25
    facts: 0.1
    length: 0
    mmr_lambda: 0.6
    centrality_beta: 0.4
    centrality_lambda_before: -0.5
    centrality_lambda_after: 0.9
    salience: 0.7
    position_decay: 1.5
    dependent_discount: 0.6
)");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->listen_address, "127.0.0.1:7000");
  EXPECT_EQ(c->worker_threads, 3);
  EXPECT_FALSE(c->reflection);
  EXPECT_FALSE(c->log_requests);
  EXPECT_EQ(c->shutdown_drain_seconds, 2.5);
  EXPECT_EQ(c->shutdown_grace_seconds, 1);
  EXPECT_EQ(c->max_connection_age_seconds, 300);
  EXPECT_EQ(c->max_connection_age_grace_seconds, 12.5);
  EXPECT_EQ(c->keepalive_time_seconds, 60);
  EXPECT_EQ(c->keepalive_timeout_seconds, 5);
  EXPECT_EQ(c->engine.max_text_bytes, 2048);
  EXPECT_EQ(c->engine.default_max_sentences, 5);
  EXPECT_EQ(c->engine.default_max_facts, 4);
  EXPECT_EQ(c->engine.max_facts_limit, 20);
  EXPECT_EQ(c->engine.max_key_phrases, 6);
  EXPECT_EQ(c->engine.ranker.centrality, 2);
  EXPECT_EQ(c->engine.ranker.position, 0.5);
  EXPECT_EQ(c->engine.ranker.headline, 0.25);
  EXPECT_EQ(c->engine.ranker.facts, 0.1);
  EXPECT_EQ(c->engine.ranker.length, 0);
  EXPECT_EQ(c->engine.ranker.mmr_lambda, 0.6);
  EXPECT_EQ(c->engine.ranker.centrality_beta, 0.4);
  EXPECT_EQ(c->engine.ranker.centrality_lambda_before, -0.5);
  EXPECT_EQ(c->engine.ranker.centrality_lambda_after, 0.9);
  EXPECT_EQ(c->engine.ranker.salience, 0.7);
  EXPECT_EQ(c->engine.ranker.position_decay, 1.5);
  EXPECT_EQ(c->engine.ranker.dependent_discount, 0.6);
}

TEST(ServerConfigTest, UnsetRankerWeightsKeepTheirDefaults) {
  absl::StatusOr<ServerConfig> c =
      ParseServerConfig("engine:\n  ranker:\n    position: 2\n");
  ASSERT_TRUE(c.ok()) << c.status();
  const RankerWeights defaults;
  EXPECT_EQ(c->engine.ranker.position, 2);
  EXPECT_EQ(c->engine.ranker.centrality, defaults.centrality);
  EXPECT_EQ(c->engine.ranker.mmr_lambda, defaults.mmr_lambda);
  EXPECT_EQ(c->engine.ranker.dependent_discount, defaults.dependent_discount);
}

TEST(ServerConfigTest, UnknownKeyNamesKeyFileAndLine) {
  absl::StatusOr<ServerConfig> c =
      ParseServerConfig("server:\n  listen: x:1\n  worker_thread: 2\n", "a.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("a.yaml:3:"));
  EXPECT_THAT(std::string(c.status().message()),
              HasSubstr("unknown key 'worker_thread'"));
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("'server'"));

  EXPECT_THAT(std::string(ParseServerConfig("engin: {}\n").status().message()),
              HasSubstr("unknown key 'engin'"));
  EXPECT_THAT(std::string(ParseServerConfig("engine:\n  ranker:\n    speed: 1\n")
                              .status()
                              .message()),
              HasSubstr("unknown key 'speed' in section 'engine.ranker'"));
}

TEST(ServerConfigTest, RejectsWrongTypesAndRanges) {
  EXPECT_THAT(std::string(ParseServerConfig("limits:\n  max_text_bytes: lots\n")
                              .status()
                              .message()),
              HasSubstr("'max_text_bytes' must be an integer"));
  EXPECT_THAT(std::string(ParseServerConfig("limits:\n  max_text_bytes: 0\n")
                              .status()
                              .message()),
              HasSubstr("must be in [1,"));
  EXPECT_FALSE(ParseServerConfig("server:\n  reflection: maybe\n").ok());
  EXPECT_FALSE(ParseServerConfig("engine:\n  ranker:\n    mmr_lambda: 2\n").ok());
  EXPECT_FALSE(
      ParseServerConfig("engine:\n  ranker:\n    centrality_beta: -1\n").ok());
  EXPECT_FALSE(ParseServerConfig("engine:\n  ranker: 3\n").ok());
  EXPECT_FALSE(ParseServerConfig("engine:\n  ranker:\n    position: .nan\n").ok());
  EXPECT_FALSE(
      ParseServerConfig("limits:\n  default_max_facts: 30\n  max_facts: 20\n").ok());
  EXPECT_FALSE(ParseServerConfig("server: [1, 2]\n").ok());
  EXPECT_FALSE(ParseServerConfig("- just\n- a list\n").ok());
}

TEST(ServerConfigTest, RejectsOutOfRangeConnectionTimings) {
  EXPECT_THAT(
      std::string(ParseServerConfig("server:\n  max_connection_age_seconds: -1\n")
                      .status()
                      .message()),
      HasSubstr("'max_connection_age_seconds' must be in [0,"));
  // Beyond INT_MAX milliseconds (about 24.8 days) gRPC's int arguments
  // would be clamped: 2,500,000 s is refused, 2,000,000 s is fine.
  EXPECT_FALSE(
      ParseServerConfig("server:\n  max_connection_age_seconds: 1e10\n").ok());
  EXPECT_FALSE(
      ParseServerConfig("server:\n  max_connection_age_seconds: 2500000\n").ok());
  EXPECT_TRUE(
      ParseServerConfig("server:\n  keepalive_time_seconds: 2000000\n").ok());
  EXPECT_FALSE(ParseServerConfig(
                   "server:\n  max_connection_age_grace_seconds: -0.5\n")
                   .ok());
  EXPECT_THAT(
      std::string(ParseServerConfig("server:\n  keepalive_time_seconds: 0\n")
                      .status()
                      .message()),
      HasSubstr("'keepalive_time_seconds' must be in [1,"));
  EXPECT_FALSE(
      ParseServerConfig("server:\n  keepalive_timeout_seconds: soon\n").ok());
  EXPECT_THAT(std::string(ParseServerConfig("server:\n  max_connection_age: 5\n")
                              .status()
                              .message()),
              HasSubstr("unknown key 'max_connection_age'"));
}

TEST(ServerConfigTest, DescribeConfigNamesConnectionTimings) {
  ServerConfig c;
  EXPECT_THAT(DescribeConfig(c), HasSubstr("max_connection_age_seconds=unlimited"));
  c.max_connection_age_seconds = 300;
  c.keepalive_time_seconds = 60;
  EXPECT_THAT(DescribeConfig(c), HasSubstr("max_connection_age_seconds=300"));
  EXPECT_THAT(DescribeConfig(c), HasSubstr("keepalive_time_seconds=60"));
}

TEST(ServerConfigTest, SyntaxErrorIsAStatusNotAnException) {
  absl::StatusOr<ServerConfig> c = ParseServerConfig("server: {listen: [\n", "b.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("b.yaml:"));
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("invalid YAML"));
}

TEST(ServerConfigTest, MissingFileIsNotFound) {
  EXPECT_EQ(LoadServerConfig("/nonexistent/precisd.yaml").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(ServerConfigTest, ProductionDefaults) {
  const ServerConfig c;
  EXPECT_EQ(c.max_in_flight_calls, 0);  // auto: 128 per worker thread
  EXPECT_EQ(c.max_call_seconds, 10);
  EXPECT_EQ(c.stream_window, 0);
  EXPECT_FALSE(c.log_json);
  EXPECT_EQ(c.metrics_listen, "");
  EXPECT_FALSE(c.tls.enabled());
  EXPECT_FALSE(c.tls.require_client_cert);
}

TEST(ServerConfigTest, ReadsLimitsMetricsLoggingAndTls) {
  absl::StatusOr<ServerConfig> c = ParseServerConfig(R"(
server:
  log_format: json
limits:
  max_in_flight_calls: 100
  max_call_seconds: 2.5
  stream_window: 8
metrics:
  listen: "0.0.0.0:9090"
tls:
  cert_file: /etc/tls/tls.crt
  key_file: /etc/tls/tls.key
  client_ca_file: /etc/tls/ca.crt
  require_client_cert: true
)");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->log_json);
  EXPECT_EQ(c->max_in_flight_calls, 100);
  EXPECT_EQ(c->max_call_seconds, 2.5);
  EXPECT_EQ(c->stream_window, 8);
  EXPECT_EQ(c->metrics_listen, "0.0.0.0:9090");
  EXPECT_TRUE(c->tls.enabled());
  EXPECT_EQ(c->tls.cert_file, "/etc/tls/tls.crt");
  EXPECT_EQ(c->tls.key_file, "/etc/tls/tls.key");
  EXPECT_EQ(c->tls.client_ca_file, "/etc/tls/ca.crt");
  EXPECT_TRUE(c->tls.require_client_cert);
  EXPECT_THAT(DescribeConfig(*c), HasSubstr("tls=mutual"));
  EXPECT_THAT(DescribeConfig(*c), HasSubstr("max_in_flight_calls=100"));
  EXPECT_THAT(DescribeConfig(*c), HasSubstr("metrics=0.0.0.0:9090"));
  // Empty strings are the documented "off".
  c = ParseServerConfig("metrics:\n  listen: \"\"\ntls:\n  cert_file: \"\"\n");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->metrics_listen, "");
  EXPECT_FALSE(c->tls.enabled());
}

TEST(ServerConfigTest, RejectsBadLimitsMetricsLoggingAndTls) {
  auto error = [](const std::string& yaml) {
    absl::StatusOr<ServerConfig> c = ParseServerConfig(yaml);
    return c.ok() ? std::string("accepted") : std::string(c.status().message());
  };
  EXPECT_THAT(error("server:\n  log_format: xml\n"),
              HasSubstr("'log_format' must be text or json"));
  EXPECT_THAT(error("limits:\n  max_in_flight_calls: -1\n"),
              HasSubstr("'max_in_flight_calls' must be in [0,"));
  EXPECT_THAT(error("limits:\n  max_in_flight_calls: 1.5\n"),
              HasSubstr("'max_in_flight_calls' must be an integer"));
  EXPECT_THAT(error("limits:\n  max_call_seconds: -0.1\n"),
              HasSubstr("'max_call_seconds' must be in [0, 3600]"));
  EXPECT_THAT(error("limits:\n  max_call_seconds: .inf\n"),
              HasSubstr("'max_call_seconds' must be finite"));
  EXPECT_THAT(error("limits:\n  stream_window: 100000\n"),
              HasSubstr("'stream_window' must be in [0, 4096]"));
  EXPECT_THAT(error("metrics:\n  listen: 9090\n"), HasSubstr("host:port"));
  EXPECT_THAT(error("metrics:\n  port: 9090\n"),
              HasSubstr("unknown key 'port' in section 'metrics'"));
  EXPECT_THAT(error("tls:\n  cert: a.pem\n"),
              HasSubstr("unknown key 'cert' in section 'tls'"));
  EXPECT_THAT(error("tls:\n  cert_file: a.pem\n"),
              HasSubstr("'cert_file' and 'key_file' must be set together"));
  EXPECT_THAT(error("tls:\n  key_file: a.key\n"),
              HasSubstr("'cert_file' and 'key_file' must be set together"));
  EXPECT_THAT(error("tls:\n  client_ca_file: ca.pem\n"),
              HasSubstr("'client_ca_file' needs 'cert_file' and 'key_file'"));
  EXPECT_THAT(error("tls:\n  cert_file: a\n  key_file: b\n  require_client_cert: true\n"),
              HasSubstr("'require_client_cert' needs 'client_ca_file'"));
  EXPECT_THAT(error("tls:\n  require_client_cert: yes please\n"),
              HasSubstr("'require_client_cert' must be true or false"));
}

TEST(ServerConfigTest, LoadTlsFilesNamesTheKeyAndPath) {
  testing::TempDir dir;
  testing::WriteFile(dir.path() / "cert.pem",
                     "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n");
  testing::WriteFile(dir.path() / "empty.pem", "not pem\n");
  ServerConfig::Tls tls;
  tls.cert_file = (dir.path() / "cert.pem").string();
  tls.key_file = (dir.path() / "missing.key").string();
  absl::StatusOr<TlsFiles> files = LoadTlsFiles(tls);
  EXPECT_EQ(files.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(files.status().message()), HasSubstr("tls.key_file"));
  EXPECT_THAT(std::string(files.status().message()), HasSubstr("missing.key"));
  tls.key_file = (dir.path() / "empty.pem").string();
  files = LoadTlsFiles(tls);
  EXPECT_EQ(files.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(files.status().message()), HasSubstr("no PEM data"));
  tls.key_file = tls.cert_file;
  files = LoadTlsFiles(tls);
  ASSERT_TRUE(files.ok()) << files.status();
  EXPECT_EQ(files->client_ca, "");
  EXPECT_THAT(files->cert_chain, HasSubstr("BEGIN CERTIFICATE"));
}

TEST(ServerConfigTest, SampleConfigMatchesDefaults) {
  // service/server/precisd.yaml documents the defaults: it must load and
  // equal an empty configuration.
  absl::StatusOr<ServerConfig> sample = LoadServerConfig(
      std::string(PRECIS_TESTDATA_DIR) + "/../../service/server/precisd.yaml");
  ASSERT_TRUE(sample.ok()) << sample.status();
  const ServerConfig defaults;
  EXPECT_EQ(sample->listen_address, defaults.listen_address);
  EXPECT_EQ(sample->worker_threads, defaults.worker_threads);
  EXPECT_EQ(sample->reflection, defaults.reflection);
  EXPECT_EQ(sample->shutdown_drain_seconds, defaults.shutdown_drain_seconds);
  EXPECT_EQ(sample->shutdown_grace_seconds, defaults.shutdown_grace_seconds);
  EXPECT_EQ(sample->max_connection_age_seconds,
            defaults.max_connection_age_seconds);
  EXPECT_EQ(sample->max_connection_age_grace_seconds,
            defaults.max_connection_age_grace_seconds);
  EXPECT_EQ(sample->keepalive_time_seconds, defaults.keepalive_time_seconds);
  EXPECT_EQ(sample->keepalive_timeout_seconds,
            defaults.keepalive_timeout_seconds);
  EXPECT_EQ(sample->log_requests, defaults.log_requests);
  EXPECT_EQ(sample->log_json, defaults.log_json);
  EXPECT_EQ(sample->max_in_flight_calls, defaults.max_in_flight_calls);
  EXPECT_EQ(sample->max_call_seconds, defaults.max_call_seconds);
  EXPECT_EQ(sample->stream_window, defaults.stream_window);
  EXPECT_EQ(sample->metrics_listen, defaults.metrics_listen);
  EXPECT_EQ(sample->tls.cert_file, defaults.tls.cert_file);
  EXPECT_EQ(sample->tls.key_file, defaults.tls.key_file);
  EXPECT_EQ(sample->tls.client_ca_file, defaults.tls.client_ca_file);
  EXPECT_EQ(sample->tls.require_client_cert, defaults.tls.require_client_cert);
  EXPECT_EQ(sample->engine.max_text_bytes, defaults.engine.max_text_bytes);
  EXPECT_EQ(sample->engine.default_max_sentences,
            defaults.engine.default_max_sentences);
  EXPECT_EQ(sample->engine.default_max_facts, defaults.engine.default_max_facts);
  EXPECT_EQ(sample->engine.max_facts_limit, defaults.engine.max_facts_limit);
  EXPECT_EQ(sample->engine.max_key_phrases, defaults.engine.max_key_phrases);
  EXPECT_EQ(sample->engine.ranker.centrality, defaults.engine.ranker.centrality);
  EXPECT_EQ(sample->engine.ranker.position, defaults.engine.ranker.position);
  EXPECT_EQ(sample->engine.ranker.headline, defaults.engine.ranker.headline);
  EXPECT_EQ(sample->engine.ranker.facts, defaults.engine.ranker.facts);
  EXPECT_EQ(sample->engine.ranker.length, defaults.engine.ranker.length);
  EXPECT_EQ(sample->engine.ranker.mmr_lambda, defaults.engine.ranker.mmr_lambda);
}

TEST(PrecisdCheckConfigTest, ExitCodes) {
  testing::TempDir dir;
  testing::WriteFile(dir.path() / "good.yaml", "limits:\n  max_text_bytes: 5000\n");
  testing::WriteFile(dir.path() / "bad.yaml", "server:\n  lisen: x\n");
  testing::ProcessResult good = testing::RunProcess(
      {PRECISD_BIN, "--config", (dir.path() / "good.yaml").string(),
       "--check-config"});
  EXPECT_EQ(good.exit_code, 0) << good.err;
  testing::ProcessResult bad = testing::RunProcess(
      {PRECISD_BIN, "--config", (dir.path() / "bad.yaml").string(),
       "--check-config"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("unknown key 'lisen'"));
  EXPECT_THAT(bad.err, HasSubstr("bad.yaml:2:"));
  // TLS files are read by --check-config: a missing one is a configuration
  // error, both there and at start-up.
  testing::WriteFile(dir.path() / "tls.yaml",
                     "tls:\n  cert_file: " + (dir.path() / "missing.crt").string() +
                         "\n  key_file: " + (dir.path() / "missing.key").string() + "\n");
  for (bool check : {true, false}) {
    std::vector<std::string> args = {PRECISD_BIN, "--config", (dir.path() / "tls.yaml").string(),
                                     "--listen", "127.0.0.1:0"};
    if (check) args.push_back("--check-config");
    testing::ProcessResult tls = testing::RunProcess(args);
    EXPECT_EQ(tls.exit_code, 2) << check << " " << tls.err;
    EXPECT_THAT(tls.err, HasSubstr("tls.cert_file")) << check;
  }
  testing::ProcessResult usage = testing::RunProcess({PRECISD_BIN, "--bogus"});
  EXPECT_EQ(usage.exit_code, 2);
  testing::ProcessResult version = testing::RunProcess({PRECISD_BIN, "--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_THAT(version.out, HasSubstr(PRECIS_VERSION));
}

}  // namespace
}  // namespace precis
