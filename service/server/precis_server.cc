#include "precis_server.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdio>
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

}  // namespace

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
    const ServerConfig& config) {
  std::unique_ptr<PrecisServer> s(new PrecisServer(config));
  ASSIGN_OR_RETURN(LanguageResources resources, LoadLanguageResources());
  ASSIGN_OR_RETURN(s->engine_, Engine::Create(config.engine, std::move(resources)));
  s->pool_ = std::make_unique<api::WorkerPool>(
      static_cast<size_t>(config.worker_threads));
  s->logger_ = std::make_unique<api::RequestLogger>(config.log_requests);
  s->service_ = std::make_unique<api::SummarizerService>(
      *s->engine_, s->pool_.get(), s->logger_.get());

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
  const int64_t max_request =
      std::min<int64_t>(INT_MAX, 2 * config.engine.max_text_bytes +
                                     kRequestOverheadBytes);
  builder.SetMaxReceiveMessageSize(static_cast<int>(max_request));
  builder.AddListeningPort(config.listen_address,
                           grpc::InsecureServerCredentials(), &s->port_);
  builder.RegisterService(s->service_.get());
  s->server_ = builder.BuildAndStart();
  if (s->server_ == nullptr || s->port_ == 0) {
    // Nothing was started that needs a shutdown.
    s->server_.reset();
    return absl::UnavailableError(
        absl::StrCat("cannot listen on '", config.listen_address,
                     "' (address in use, invalid or not permitted)"));
  }
  grpc::HealthCheckServiceInterface* health =
      s->server_->GetHealthCheckService();
  if (health != nullptr) {
    health->SetServingStatus(true);
    health->SetServingStatus(kServiceName, true);
  }
  s->address_ = absl::StrCat(HostOf(config.listen_address), ":", s->port_);
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
