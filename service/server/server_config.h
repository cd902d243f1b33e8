// ServerConfig: precisd's settings, loaded from YAML (see precisd.yaml for
// every key with its default and meaning).
//
//   server:  listen, worker_threads, reflection, log_requests, log_format,
//            shutdown_drain_seconds, shutdown_grace_seconds,
//            max_connection_age_seconds, max_connection_age_grace_seconds,
//            keepalive_time_seconds, keepalive_timeout_seconds
//   limits:  max_in_flight_calls, max_call_seconds, stream_window,
//            max_text_bytes, default_max_sentences, default_max_facts,
//            max_facts                      (the last four -> EngineConfig)
//   engine:  max_key_phrases, ranker: {every RankerWeights field by its
//            name, e.g. centrality, position, mmr_lambda} (-> EngineConfig)
//   metrics: listen
//   tls:     cert_file, key_file, client_ca_file, require_client_cert
//
// Every key is optional; unknown keys, wrong types and out-of-range values
// are rejected with INVALID_ARGUMENT naming the file, line, column and key;
// so are inconsistent TLS settings (a key without a certificate, a client CA
// without TLS, require_client_cert without a client CA). Files are not read
// here (see LoadTlsFiles).
// yaml-cpp exceptions never leave this module. Pure functions; thread-safe.
#ifndef PRECIS_SERVICE_SERVER_SERVER_CONFIG_H_
#define PRECIS_SERVICE_SERVER_SERVER_CONFIG_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine_config.h"

namespace precis {

struct ServerConfig {
  // host:port; port 0 picks a free port (printed on startup).
  std::string listen_address = "0.0.0.0:50051";
  // Threads running engine calls; 0 = two per CPU (see precis_server.cc).
  int worker_threads = 0;
  // gRPC server reflection (grpcurl, grpcui).
  bool reflection = true;
  // One stderr line per request.
  bool log_requests = true;
  // server.log_format: "text" (key=value) or "json" (one object per line,
  // for log shippers); applies to every precisd log line.
  bool log_json = false;
  // On SIGTERM/SIGINT: health turns NOT_SERVING, new calls are still accepted
  // for `shutdown_grace_seconds` (so load balancers can react), then
  // in-flight calls get `shutdown_drain_seconds` to finish before they are
  // cancelled.
  double shutdown_drain_seconds = 10;
  // Default 1 s: with 0, gRPC's shutdown cancels calls that have arrived
  // but not yet reached a handler (grpc/grpc#41785); one second of grace let
  // every call sent before SIGTERM finish in tools/soak/run.sh (5 of 5 runs,
  // against 4 of 7 runs losing 1-2 calls with 0).
  double shutdown_grace_seconds = 1;
  // Connections older than this get a GOAWAY (gRPC adds +/-10% jitter) and
  // clients reconnect, re-resolving DNS: behind a Kubernetes headless
  // Service this spreads load onto replicas added since. 0 = no limit.
  // In-flight calls on an aged connection get
  // `max_connection_age_grace_seconds` before it is closed.
  double max_connection_age_seconds = 0;
  double max_connection_age_grace_seconds = 30;
  // The server pings a connection idle for `keepalive_time_seconds` and
  // closes it when no ack arrives within `keepalive_timeout_seconds`, so
  // half-open connections (vanished peers, NAT timeouts) are noticed.
  // Defaults are gRPC's.
  double keepalive_time_seconds = 7200;
  double keepalive_timeout_seconds = 20;
  // Admission control: engine calls (unary calls and stream items) queued
  // or running at once; more are refused with RESOURCE_EXHAUSTED.
  // 0 = 128 per worker thread.
  int64_t max_in_flight_calls = 0;
  // Per-call work bound in seconds from arrival, applied as a deadline even
  // when the client sets none (the earlier one wins). 0 = none.
  double max_call_seconds = 10;
  // SummarizeStream items read ahead per stream; 0 = twice worker_threads.
  int stream_window = 0;
  // Prometheus /metrics (and /healthz) on this host:port; "" = off.
  std::string metrics_listen;
  struct Tls {
    // PEM certificate chain and private key; both set = TLS on.
    std::string cert_file;
    std::string key_file;
    // PEM CA bundle for client certificates: when set, clients are asked
    // for a certificate and one that is presented must chain to it.
    std::string client_ca_file;
    // Mutual TLS: refuse clients without a valid certificate.
    bool require_client_cert = false;
    bool enabled() const { return !cert_file.empty(); }
  };
  Tls tls;
  // Limits and engine settings (the `limits:` and `engine:` sections).
  EngineConfig engine;
};

// The PEM contents of the TLS files.
struct TlsFiles {
  std::string cert_chain;
  std::string private_key;
  std::string client_ca;  // Empty without client_ca_file.
};

// Reads the configured files (NOT_FOUND naming the key and path when one
// cannot be read, INVALID_ARGUMENT when one holds no PEM block). Only call
// when tls.enabled().
absl::StatusOr<TlsFiles> LoadTlsFiles(const ServerConfig::Tls& tls);

// Parses YAML text; `source_name` (e.g. the file path) prefixes errors.
absl::StatusOr<ServerConfig> ParseServerConfig(
    std::string_view yaml_text, std::string_view source_name = "<config>");

// One line summarizing the effective settings, for the startup log.
std::string DescribeConfig(const ServerConfig& config);

// Reads and parses a file (NOT_FOUND when it cannot be read).
absl::StatusOr<ServerConfig> LoadServerConfig(const std::string& path);

}  // namespace precis

#endif  // PRECIS_SERVICE_SERVER_SERVER_CONFIG_H_
