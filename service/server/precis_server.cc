#include "precis_server.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/stubs/logging.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/impl/server_builder_option.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "language_data_loader.h"
#include "status_macros.h"

namespace precis {
namespace {

// Turns server reflection on or off for one builder. Linking
// grpc++_reflection registers its plugin process-wide at static
// initialization, so every builder starts with it; this option removes it
// when `reflection: false` and adds it if it is missing.
class ReflectionOption final : public grpc::ServerBuilderOption {
 public:
  explicit ReflectionOption(bool enabled) : enabled_(enabled) {}
  void UpdateArguments(grpc::ChannelArguments* /*args*/) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>*
                         plugins) override {
    grpc::reflection::ProtoServerReflectionPlugin probe;
    const std::string name = probe.name();
    std::erase_if(*plugins, [&name](const auto& p) { return p->name() == name; });
    if (enabled_) {
      plugins->push_back(
          std::make_unique<grpc::reflection::ProtoServerReflectionPlugin>());
    }
  }

 private:
  const bool enabled_;
};

constexpr int64_t kRequestOverheadBytes = 64 << 10;

// server.worker_threads: 0 runs two engine threads per CPU. Measured on 2
// CPUs with h2load (2 connections x 32 streams, the sample article): one
// per CPU served 6,100-7,100 calls/s, two per CPU 8,400-8,900 (three runs
// each, alternated), and precis-loadgen at 64 in flight 5,400-5,500 vs
// 7,300-7,400; at 16 in flight both gave 4,200-4,900. With only one engine
// thread per CPU, gRPC's I/O threads preempt it for every request and
// response (2.0 voluntary switches per call on the I/O threads, 1.4
// preemptions of the engine threads); with two, each wake-up finds several
// responses ready and writes them together (0.8 and 0.4 per call), halving
// the kernel time per call in the server and in the client. Three or four
// per CPU gained nothing more. The memory a call can hold grows with the
// threads, which is why the Kubernetes config sets them explicitly.
constexpr size_t kAutoWorkerThreadsPerCpu = 2;

// Seconds -> gRPC's int milliseconds (the config bounds keep it in range).
int Milliseconds(double seconds) {
  return static_cast<int>(
      std::min<double>(INT_MAX, std::llround(seconds * 1000)));
}

void FilterProtobufLog(google::protobuf::LogLevel level, const char* filename,
                       int line, const std::string& message) {
  if (message.find("contains invalid UTF-8 data") != std::string::npos) return;
  static const char* const kLevels[] = {"INFO", "WARNING", "ERROR", "FATAL"};
  const int index = std::clamp(static_cast<int>(level), 0, 3);
  std::string text = absl::StrCat("precisd: protobuf ", kLevels[index], " ",
                                  filename, ":", line, ": ", message);
  std::replace(text.begin(), text.end(), '\n', ' ');
  text.push_back('\n');
  std::fwrite(text.data(), 1, text.size(), stderr);
}

// Process metrics in the names Prometheus client libraries use, read from
// /proc on scrape (Linux).
void AppendProcessMetrics(std::string* out) {
  const long page = sysconf(_SC_PAGESIZE);
  const long ticks = sysconf(_SC_CLK_TCK);
  std::ifstream statm("/proc/self/statm");
  long long size_pages = 0, resident_pages = 0;
  if (statm >> size_pages >> resident_pages) {
    absl::StrAppend(out,
                    "# HELP process_resident_memory_bytes Resident memory size "
                    "in bytes.\n# TYPE process_resident_memory_bytes gauge\n"
                    "process_resident_memory_bytes ",
                    resident_pages * page,
                    "\n# HELP process_virtual_memory_bytes Virtual memory size "
                    "in bytes.\n# TYPE process_virtual_memory_bytes gauge\n"
                    "process_virtual_memory_bytes ",
                    size_pages * page, "\n");
  }
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) == 0) {
    const double cpu =
        usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
        (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    absl::StrAppend(out,
                    "# HELP process_cpu_seconds_total Total user and system CPU "
                    "time spent in seconds.\n# TYPE process_cpu_seconds_total "
                    "counter\nprocess_cpu_seconds_total ",
                    cpu, "\n");
  }
  // Field 22 of /proc/self/stat is the start time in clock ticks since boot.
  std::ifstream stat_file("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(stat_file)),
                   std::istreambuf_iterator<char>());
  std::ifstream boot_file("/proc/stat");
  std::string line;
  long long boot_time = 0;
  while (std::getline(boot_file, line)) {
    if (line.rfind("btime ", 0) == 0) boot_time = std::atoll(line.c_str() + 6);
  }
  const size_t paren = stat.rfind(')');
  if (paren != std::string::npos && boot_time > 0 && ticks > 0) {
    // Fields after the command name start at field 3.
    std::istringstream fields(stat.substr(paren + 2));
    std::string field;
    for (int i = 3; i <= 22 && (fields >> field); ++i) {
      if (i == 22) {
        absl::StrAppend(out,
                        "# HELP process_start_time_seconds Start time of the "
                        "process since unix epoch in seconds.\n# TYPE "
                        "process_start_time_seconds gauge\n"
                        "process_start_time_seconds ",
                        boot_time + std::atoll(field.c_str()) / ticks, "\n");
      }
    }
  }
  int fds = 0;
  if (DIR* dir = opendir("/proc/self/fd")) {
    while (dirent* e = readdir(dir)) fds += e->d_name[0] != '.';
    closedir(dir);
    absl::StrAppend(out,
                    "# HELP process_open_fds Number of open file descriptors."
                    "\n# TYPE process_open_fds gauge\nprocess_open_fds ",
                    fds - 1, "\n");  // Minus the directory's own descriptor.
  }
}

std::shared_ptr<grpc::ServerCredentials> MakeCredentials(
    const ServerConfig::Tls& tls, const TlsFiles& files) {
  grpc::SslServerCredentialsOptions options(
      !tls.client_ca_file.empty()
          ? (tls.require_client_cert
                 ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                 : GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY)
          : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  options.pem_root_certs = files.client_ca;
  options.pem_key_cert_pairs.push_back({files.private_key, files.cert_chain});
  return grpc::SslServerCredentials(options);
}

}  // namespace

std::string PrecisServer::RenderMetrics() const {
  std::string out = service_->metrics().Render();
  absl::StrAppend(
      &out,
      "# HELP precis_queued_calls Admitted calls waiting for a worker thread.\n"
      "# TYPE precis_queued_calls gauge\nprecis_queued_calls ",
      pool_->queued(),
      "\n# HELP precis_worker_threads Threads running engine calls.\n"
      "# TYPE precis_worker_threads gauge\nprecis_worker_threads ",
      pool_->size(),
      "\n# HELP precis_serving 1 while serving, 0 once shutdown has begun.\n"
      "# TYPE precis_serving gauge\nprecis_serving ",
      serving_.load() ? 1 : 0,
      "\n# HELP precis_build_info Build information.\n"
      "# TYPE precis_build_info gauge\nprecis_build_info{version=\"",
      PRECIS_VERSION, "\"} 1\n");
  AppendProcessMetrics(&out);
  return out;
}

void InstallProtobufLogFilter() {
  google::protobuf::SetLogHandler(&FilterProtobufLog);
}

std::string HostOf(const std::string& address) {
  const size_t colon = address.rfind(':');
  const size_t bracket = address.rfind(']');
  if (colon == std::string::npos ||
      (bracket != std::string::npos && bracket > colon)) {
    return address;
  }
  return address.substr(0, colon);
}

PrecisServer::PrecisServer(ServerConfig config) : config_(std::move(config)) {}

absl::StatusOr<std::unique_ptr<PrecisServer>> PrecisServer::Start(
    const ServerConfig& config, std::optional<TlsFiles> tls_files) {
  std::unique_ptr<PrecisServer> s(new PrecisServer(config));
  std::shared_ptr<grpc::ServerCredentials> credentials =
      grpc::InsecureServerCredentials();
  if (config.tls.enabled()) {
    if (!tls_files.has_value()) {
      ASSIGN_OR_RETURN(tls_files, LoadTlsFiles(config.tls));
    }
    credentials = MakeCredentials(config.tls, *tls_files);
  }
  ASSIGN_OR_RETURN(LanguageResources resources, LoadLanguageResources());
  ASSIGN_OR_RETURN(s->engine_, Engine::Create(config.engine, std::move(resources)));
  api::ServiceOptions options;
  options.stream_window = config.stream_window;
  options.max_call_seconds = config.max_call_seconds;
  {
    // The pool's queue never needs more than the admission cap (every
    // queued task holds a slot); it is the backstop if that ever changes.
    const size_t threads =
        config.worker_threads > 0
            ? static_cast<size_t>(config.worker_threads)
            : kAutoWorkerThreadsPerCpu *
                  std::max(1u, std::thread::hardware_concurrency());
    options.max_in_flight_calls =
        config.max_in_flight_calls > 0
            ? config.max_in_flight_calls
            : api::ServiceOptions::kInFlightPerThread *
                  static_cast<int64_t>(threads);
    s->pool_ = std::make_unique<api::WorkerPool>(
        threads, static_cast<size_t>(options.max_in_flight_calls));
  }
  s->logger_ = std::make_unique<api::RequestLogger>(
      config.log_requests,
      config.log_json ? api::LogFormat::kJson : api::LogFormat::kText);
  s->service_ = std::make_unique<api::SummarizerService>(
      *s->engine_, s->pool_.get(), s->logger_.get(), options);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  builder.SetOption(std::make_unique<ReflectionOption>(config.reflection));
  // gRPC sets SO_REUSEPORT by default, which would let a second precisd
  // silently share the port; a busy port must be an error.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // A long-lived HTTP/2 connection pins a client to one replica; ageing it
  // out makes clients re-resolve and spread over replicas added since (the
  // GOAWAY is graceful: calls in flight finish within the age grace).
  if (config.max_connection_age_seconds > 0) {
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS,
                               Milliseconds(config.max_connection_age_seconds));
    builder.AddChannelArgument(
        GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
        Milliseconds(config.max_connection_age_grace_seconds));
  }
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS,
                             Milliseconds(config.keepalive_time_seconds));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS,
                             Milliseconds(config.keepalive_timeout_seconds));
  // gRPC's server defaults ping only connections with calls in flight, and
  // stop after two pings without data: an idle connection whose peer
  // vanished (node loss, NAT timeout) would never be found. Ping idle
  // connections too, for as long as they live.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  const int64_t max_request =
      std::min<int64_t>(INT_MAX, 2 * config.engine.max_text_bytes +
                                     kRequestOverheadBytes);
  builder.SetMaxReceiveMessageSize(static_cast<int>(max_request));
  builder.AddListeningPort(config.listen_address, credentials, &s->port_);
  builder.RegisterService(s->service_.get());
  s->server_ = builder.BuildAndStart();
  if (s->server_ == nullptr || s->port_ == 0) {
    // Nothing was started that needs a shutdown.
    s->server_.reset();
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on '", config.listen_address,
        "' (address in use, invalid or not permitted",
        config.tls.enabled()
            ? "; or tls.cert_file and tls.key_file do not form a valid pair)"
            : ")"));
  }
  grpc::HealthCheckServiceInterface* health =
      s->server_->GetHealthCheckService();
  if (health != nullptr) {
    health->SetServingStatus(true);
    health->SetServingStatus(kServiceName, true);
  }
  s->address_ = absl::StrCat(HostOf(config.listen_address), ":", s->port_);
  s->serving_.store(true);
  if (!config.metrics_listen.empty()) {
    PrecisServer* self = s.get();
    absl::StatusOr<std::unique_ptr<MetricsHttpServer>> http =
        MetricsHttpServer::Start(
            config.metrics_listen, [self](std::string_view path) {
              HttpResponse r;
              if (path == "/metrics") {
                r.content_type = "text/plain; version=0.0.4; charset=utf-8";
                r.body = self->RenderMetrics();
              } else if (path == "/healthz" || path == "/readyz") {
                const bool serving = self->serving_.load();
                r.status = serving ? 200 : 503;
                r.body = serving ? "ok\n" : "shutting down\n";
              } else if (path == "/") {
                r.body = "precisd: see /metrics and /healthz\n";
              } else {
                r.status = 404;
                r.body = "not found\n";
              }
              return r;
            });
    if (!http.ok()) {
      s->server_->Shutdown(std::chrono::system_clock::now());
      s->server_->Wait();
      s->server_.reset();
      return http.status();
    }
    s->metrics_http_ = *std::move(http);
  }
  return s;
}

PrecisServer::~PrecisServer() {
  if (server_ != nullptr) {
    Shutdown();
    server_->Wait();
  }
  // The pool drains (every reactor has finished by now), then the service,
  // logger and engine go.
}

void PrecisServer::Shutdown() {
  if (server_ == nullptr) return;
  std::call_once(shutdown_once_, [this] {
    serving_.store(false);
    if (grpc::HealthCheckServiceInterface* health =
            server_->GetHealthCheckService()) {
      health->SetServingStatus(false);
    }
    if (config_.shutdown_grace_seconds > 0) {
      std::this_thread::sleep_for(
          std::chrono::duration<double>(config_.shutdown_grace_seconds));
    }
    const auto deadline =
        std::chrono::system_clock::now() +
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::duration<double>(config_.shutdown_drain_seconds));
    server_->Shutdown(deadline);
  });
}

void PrecisServer::Wait() {
  if (server_ != nullptr) server_->Wait();
}

}  // namespace precis
