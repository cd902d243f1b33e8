// PrecisServer: builds the engine and runs precisd's gRPC server —
// precis.v1.SummarizerService, grpc.health.v1.Health and (when configured)
// server reflection — on the configured address, in plaintext or TLS
// (mutual TLS with a client CA), plus, when `metrics.listen` is set, an HTTP
// endpoint with Prometheus `/metrics` and `/healthz` (200 while serving, 503
// once shutdown has begun).
//
// Request size: gRPC admits requests up to 2 * max_text_bytes + 64 KiB, so
// a text moderately above the limit reaches the service and gets
// RESOURCE_EXHAUSTED with a BadRequest naming "text"; anything larger is
// refused by gRPC's transport, also with RESOURCE_EXHAUSTED.
//
// Shutdown: health turns NOT_SERVING, new calls are accepted for the grace
// period, then gRPC stops accepting calls and in-flight ones get the drain
// period before they are cancelled (the engine polls for cancellation).
//
// Thread-safe: Shutdown may be called from any thread (once or more), Wait
// from another.
#ifndef PRECIS_SERVICE_SERVER_PRECIS_SERVER_H_
#define PRECIS_SERVICE_SERVER_PRECIS_SERVER_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "engine.h"
#include "grpcpp/server.h"
#include "metrics_http_server.h"
#include "request_logger.h"
#include "server_config.h"
#include "summarizer_service.h"
#include "worker_pool.h"

namespace precis {

class PrecisServer {
 public:
  // The fully-qualified service name, as listed by reflection and accepted
  // by health checks.
  static constexpr char kServiceName[] = "precis.v1.SummarizerService";

  // Loads the language data (and the TLS files, unless given already read
  // from config.tls), creates the engine and starts listening. UNAVAILABLE
  // when an address cannot be bound; the TLS file errors of LoadTlsFiles.
  static absl::StatusOr<std::unique_ptr<PrecisServer>> Start(
      const ServerConfig& config, std::optional<TlsFiles> tls_files = std::nullopt);

  ~PrecisServer();  // Shuts down (if not yet) and waits.

  // The port actually bound (useful with port 0).
  int port() const { return port_; }
  // The configured host with the bound port, e.g. "127.0.0.1:40123".
  const std::string& address() const { return address_; }
  const ServerConfig& config() const { return config_; }
  // The metrics port actually bound; 0 when metrics are off.
  int metrics_port() const {
    return metrics_http_ != nullptr ? metrics_http_->port() : 0;
  }
  // The logger (request lines and server events, in the configured format).
  api::RequestLogger& logger() { return *logger_; }
  // Everything /metrics serves: the service's metrics, then process and
  // build information.
  std::string RenderMetrics() const;

  // Graceful shutdown as described above; later calls return at once.
  void Shutdown();
  // Blocks until the server has shut down.
  void Wait();

 private:
  explicit PrecisServer(ServerConfig config);

  ServerConfig config_;
  // Destroyed bottom-up: the server (no more handler calls), then the pool
  // (joins its threads), then what its tasks used.
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<api::RequestLogger> logger_;
  std::unique_ptr<api::SummarizerService> service_;
  std::unique_ptr<api::WorkerPool> pool_;
  std::unique_ptr<grpc::Server> server_;
  // Stopped first (it reads the service and the pool).
  std::unique_ptr<MetricsHttpServer> metrics_http_;
  std::atomic<bool> serving_{false};
  int port_ = 0;
  std::string address_;
  std::once_flag shutdown_once_;
};

// Routes protobuf's log messages to stderr as "precisd: protobuf ...", one
// line each, dropping the parser's "contains invalid UTF-8" errors: the
// service answers those itself (INVALID_ARGUMENT with the byte offset) and
// logs the request. Process-wide; call once from main.
void InstallProtobufLogFilter();

// "host:port" -> "host" (brackets of IPv6 literals kept); the input when it
// has no port.
std::string HostOf(const std::string& address);

}  // namespace precis

#endif  // PRECIS_SERVICE_SERVER_PRECIS_SERVER_H_
