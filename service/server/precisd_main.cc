// precisd: the Précis gRPC server.
//
//   precisd [--config FILE] [--listen ADDR] [--check-config] [--version]
//
// Exit status: 0 after a clean shutdown (SIGTERM/SIGINT) or a valid
// --check-config; 2 for usage and configuration errors (including TLS files
// that cannot be read); 1 when the server cannot start (e.g. the port is in
// use) or a second signal interrupts the drain.
//
// Signals are not handled in a signal handler: they are blocked in every
// thread and a dedicated thread takes them with sigwait(), then runs the
// ordinary graceful shutdown (see PrecisServer::Shutdown).
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include "CLI/CLI.hpp"
#include "precis_server.h"
#include "server_config.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

void PrintError(const std::string& message) {
  std::cerr << "precisd: error: " << message << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"precisd — the Précis summarization gRPC server"};
  app.set_version_flag("--version", std::string("precisd ") + PRECIS_VERSION);
  std::string config_path;
  std::string listen;
  bool check_config = false;
  app.add_option("--config", config_path,
                 "YAML configuration file (see service/server/precisd.yaml)")
      ->check(CLI::ExistingFile);
  app.add_option("--listen", listen,
                 "Listen address host:port, overrides the config "
                 "(port 0 picks a free port)");
  app.add_flag("--check-config", check_config,
               "Validate the configuration, read the TLS files it names, and "
               "exit (0 valid, 2 invalid)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  precis::ServerConfig config;
  if (!config_path.empty()) {
    absl::StatusOr<precis::ServerConfig> loaded =
        precis::LoadServerConfig(config_path);
    if (!loaded.ok()) {
      PrintError(std::string(loaded.status().message()));
      return kExitUsage;
    }
    config = *std::move(loaded);
  }
  if (!listen.empty()) config.listen_address = listen;
  // The certificate, key and CA files are part of the configuration: one
  // that cannot be read is a configuration error (2), found by
  // --check-config too, not a start-up failure.
  // Read once: the server starts with these very files.
  std::optional<precis::TlsFiles> tls_files;
  if (config.tls.enabled()) {
    absl::StatusOr<precis::TlsFiles> files = precis::LoadTlsFiles(config.tls);
    if (!files.ok()) {
      PrintError(std::string(files.status().message()));
      return kExitUsage;
    }
    tls_files = *std::move(files);
  }
  if (check_config) {
    std::cout << "precisd: configuration OK"
              << (config_path.empty() ? " (defaults)" : " (" + config_path + ")")
              << std::endl;
    return kExitOk;
  }

  precis::InstallProtobufLogFilter();

  // Block the shutdown signals before any thread exists so every thread
  // (gRPC's included) inherits the mask and only sigwait() receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  absl::StatusOr<std::unique_ptr<precis::PrecisServer>> server =
      precis::PrecisServer::Start(config, std::move(tls_files));
  if (!server.ok()) {
    PrintError(std::string(server.status().message()));
    return kExitFailure;
  }
  // stdout: the bound addresses, metrics first, so a supervisor (or a test)
  // that waits for the "listening" line knows both.
  if ((*server)->metrics_port() != 0) {
    std::cout << "precisd metrics on "
              << precis::HostOf(config.metrics_listen) << ":"
              << (*server)->metrics_port() << std::endl;
  }
  std::cout << "precisd listening on " << (*server)->address() << std::endl;
  precis::api::RequestLogger& log = (*server)->logger();
  log.Event("info", std::string("listening on ") + (*server)->address() +
                        ((*server)->metrics_port() != 0
                             ? ", metrics on port " +
                                   std::to_string((*server)->metrics_port())
                             : std::string()));
  log.Event("info", precis::DescribeConfig(config));

  // The first signal starts the graceful shutdown; a second one while it is
  // draining exits at once (the operator insists). sigtimedwait lets the
  // thread notice that the server stopped for another reason.
  std::atomic<bool> stopped{false};
  std::thread signal_thread([&signals, &stopped, &log, s = server->get()] {
    std::thread shutdown;
    const timespec poll = {0, 200'000'000};
    while (!stopped.load()) {
      const int signal_number = sigtimedwait(&signals, nullptr, &poll);
      if (signal_number < 0) continue;  // Timeout or EINTR.
      const char* name = signal_number == SIGTERM ? "SIGTERM" : "SIGINT";
      if (shutdown.joinable()) {
        log.Event("warn", std::string("received ") + name +
                              " again, exiting without draining");
        std::_Exit(kExitFailure);
      }
      log.Event("info", std::string("received ") + name + ", shutting down");
      shutdown = std::thread([s] { s->Shutdown(); });
    }
    if (shutdown.joinable()) shutdown.join();
  });
  (*server)->Wait();
  stopped.store(true);
  signal_thread.join();
  // The logger belongs to the server: say goodbye before it goes.
  log.Event("info", "stopped");
  server->reset();
  return kExitOk;
}
