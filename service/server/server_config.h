// ServerConfig: precisd's settings, loaded from YAML (see precisd.yaml for
// every key with its default and meaning).
//
//   server:  listen, worker_threads, reflection, log_requests,
//            shutdown_drain_seconds, shutdown_grace_seconds,
//            max_connection_age_seconds, max_connection_age_grace_seconds,
//            keepalive_time_seconds, keepalive_timeout_seconds
//   limits:  max_text_bytes, default_max_sentences, default_max_facts,
//            max_facts                      (-> EngineConfig)
//   engine:  max_key_phrases, ranker: {every RankerWeights field by its
//            name, e.g. centrality, position, mmr_lambda} (-> EngineConfig)
//
// Every key is optional; unknown keys, wrong types and out-of-range values
// are rejected with INVALID_ARGUMENT naming the file, line, column and key.
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
  // Threads running engine calls; 0 = one per CPU.
  int worker_threads = 0;
  // gRPC server reflection (grpcurl, grpcui).
  bool reflection = true;
  // One stderr line per request.
  bool log_requests = true;
  // On SIGTERM/SIGINT: health turns NOT_SERVING, new calls are still accepted
  // for `shutdown_grace_seconds` (so load balancers can react), then
  // in-flight calls get `shutdown_drain_seconds` to finish before they are
  // cancelled.
  double shutdown_drain_seconds = 10;
  double shutdown_grace_seconds = 0;
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
  // Limits and engine settings (the `limits:` and `engine:` sections).
  EngineConfig engine;
};

// Parses YAML text; `source_name` (e.g. the file path) prefixes errors.
absl::StatusOr<ServerConfig> ParseServerConfig(
    std::string_view yaml_text, std::string_view source_name = "<config>");

// One line summarizing the effective settings, for the startup log.
std::string DescribeConfig(const ServerConfig& config);

// Reads and parses a file (NOT_FOUND when it cannot be read).
absl::StatusOr<ServerConfig> LoadServerConfig(const std::string& path);

}  // namespace precis

#endif  // PRECIS_SERVICE_SERVER_SERVER_CONFIG_H_
