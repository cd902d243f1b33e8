// Backends the CLI talks to: a remote precisd over gRPC, or the engine run
// in-process (--local) through the same SummarizerHandler and status
// conversion the server uses, so both produce identical responses and
// errors.
//
// Not thread-safe (one CLI invocation, one thread).
#ifndef PRECIS_CLIENT_BACKEND_H_
#define PRECIS_CLIENT_BACKEND_H_

#include <chrono>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "engine.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/status.h"
#include "precis/v1/precis.grpc.pb.h"
#include "summarizer_handler.h"

namespace precis::cli {

class Backend {
 public:
  virtual ~Backend() = default;
  virtual grpc::Status Summarize(const v1::SummarizeRequest& request,
                                 v1::SummarizeResponse* response) = 0;
  virtual grpc::Status Segment(const v1::SegmentRequest& request,
                               v1::SegmentResponse* response) = 0;
  virtual grpc::Status GetCapabilities(v1::GetCapabilitiesResponse* response) = 0;
};

// An insecure channel to `target` ("host:port") without a response size
// limit (a Segment response can exceed gRPC's default 4 MiB).
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& target);

// Transport security for MakeChannel (the CLI's --tls, --ca, --cert, --key,
// --tls-server-name).
struct TlsOptions {
  bool enabled = false;     // TLS; implied by any file below.
  std::string ca_file;      // PEM roots to verify the server; "" = system's.
  std::string cert_file;    // PEM client certificate chain (mutual TLS).
  std::string key_file;     // Its private key; with cert_file.
  std::string server_name;  // Name to verify instead of the target's host.
  // A name to verify only means something over TLS: it implies TLS too, so
  // that it cannot silently go over plaintext.
  bool active() const {
    return enabled || !ca_file.empty() || !cert_file.empty() ||
           !key_file.empty() || !server_name.empty();
  }
};

// As above, over TLS when `tls.active()`. INVALID_ARGUMENT when only one of
// cert_file/key_file is given; NOT_FOUND naming the file when one cannot be
// read.
absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(
    const std::string& target, const TlsOptions& tls);

// True for the RESOURCE_EXHAUSTED of a server at its admission limit
// (google.rpc.QuotaFailure subject "limits.max_in_flight_calls"): worth a
// retry after a backoff, unlike a too-large text.
bool IsOverloaded(const grpc::Status& status);

// Every call gets the deadline now + `deadline`.
std::unique_ptr<Backend> MakeRemoteBackend(
    std::shared_ptr<grpc::Channel> channel, std::chrono::milliseconds deadline);

// Loads the embedded language data and builds an engine with `config`.
absl::StatusOr<std::unique_ptr<Backend>> MakeLocalBackend(
    const EngineConfig& config, std::chrono::milliseconds deadline);

// grpc.health.v1.HealthCheckResponse.ServingStatus.
enum class ServingStatus { kUnknown = 0, kServing = 1, kNotServing = 2,
                           kServiceUnknown = 3 };

const char* ServingStatusName(ServingStatus status);

// grpc.health.v1.Health/Check for `service` ("" = the whole server). Debian
// ships no generated health stubs, and the two messages are one field each,
// so they are encoded by hand and sent through the generic stub.
grpc::Status CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                         const std::string& service,
                         std::chrono::milliseconds deadline,
                         ServingStatus* status);

}  // namespace precis::cli

#endif  // PRECIS_CLIENT_BACKEND_H_
