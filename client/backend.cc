#include "backend.h"

#include <fstream>
#include <future>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"

#include "google/protobuf/unknown_field_set.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "language_data_loader.h"
#include "proto_convert.h"
#include "status_macros.h"
#include "summarizer_service.h"

namespace precis::cli {
namespace {

void SetDeadline(grpc::ClientContext* context,
                 std::chrono::milliseconds deadline) {
  context->set_deadline(std::chrono::system_clock::now() + deadline);
}

class RemoteBackend final : public Backend {
 public:
  RemoteBackend(std::shared_ptr<grpc::Channel> channel,
                std::chrono::milliseconds deadline)
      : stub_(v1::SummarizerService::NewStub(std::move(channel))),
        deadline_(deadline) {}

  grpc::Status Summarize(const v1::SummarizeRequest& request,
                         v1::SummarizeResponse* response) override {
    grpc::ClientContext context;
    SetDeadline(&context, deadline_);
    return stub_->Summarize(&context, request, response);
  }
  grpc::Status Segment(const v1::SegmentRequest& request,
                       v1::SegmentResponse* response) override {
    grpc::ClientContext context;
    SetDeadline(&context, deadline_);
    return stub_->Segment(&context, request, response);
  }
  grpc::Status GetCapabilities(v1::GetCapabilitiesResponse* response) override {
    grpc::ClientContext context;
    SetDeadline(&context, deadline_);
    return stub_->GetCapabilities(&context, v1::GetCapabilitiesRequest(),
                                  response);
  }

 private:
  std::unique_ptr<v1::SummarizerService::Stub> stub_;
  std::chrono::milliseconds deadline_;
};

class LocalBackend final : public Backend {
 public:
  LocalBackend(std::unique_ptr<Engine> engine, std::chrono::milliseconds deadline)
      : engine_(std::move(engine)), handler_(*engine_), deadline_(deadline) {}

  grpc::Status Summarize(const v1::SummarizeRequest& request,
                         v1::SummarizeResponse* response) override {
    absl::StatusOr<v1::SummarizeResponse> result =
        handler_.Summarize(request, Control());
    if (!result.ok()) return api::ToGrpcStatus(result.status());
    *response = *std::move(result);
    return grpc::Status::OK;
  }
  grpc::Status Segment(const v1::SegmentRequest& request,
                       v1::SegmentResponse* response) override {
    absl::StatusOr<v1::SegmentResponse> result =
        handler_.Segment(request, Control());
    if (!result.ok()) return api::ToGrpcStatus(result.status());
    *response = *std::move(result);
    return grpc::Status::OK;
  }
  grpc::Status GetCapabilities(v1::GetCapabilitiesResponse* response) override {
    *response = handler_.GetCapabilities();
    return grpc::Status::OK;
  }

 private:
  CallControl Control() const {
    return api::MakeCallControl(std::chrono::system_clock::now() + deadline_,
                                nullptr);
  }

  std::unique_ptr<Engine> engine_;
  api::SummarizerHandler handler_;
  std::chrono::milliseconds deadline_;
};

}  // namespace

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& target) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(-1);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(),
                                   args);
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(
    const std::string& target, const TlsOptions& tls) {
  if (!tls.active()) return MakeChannel(target);
  if (tls.cert_file.empty() != tls.key_file.empty()) {
    return absl::InvalidArgumentError("--cert and --key go together");
  }
  auto read = [](const char* flag, const std::string& path,
                 std::string* out) -> absl::Status {
    if (path.empty()) return absl::OkStatus();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return absl::NotFoundError(
          absl::StrCat(flag, ": cannot read '", path, "'"));
    }
    std::ostringstream text;
    text << in.rdbuf();
    *out = text.str();
    return absl::OkStatus();
  };
  grpc::SslCredentialsOptions options;
  RETURN_IF_ERROR(read("--ca", tls.ca_file, &options.pem_root_certs));
  RETURN_IF_ERROR(read("--cert", tls.cert_file, &options.pem_cert_chain));
  RETURN_IF_ERROR(read("--key", tls.key_file, &options.pem_private_key));
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(-1);
  if (!tls.server_name.empty()) {
    args.SetSslTargetNameOverride(tls.server_name);
  }
  return grpc::CreateCustomChannel(target, grpc::SslCredentials(options), args);
}

bool IsOverloaded(const grpc::Status& status) {
  if (status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) return false;
  std::optional<google::rpc::Status> details = api::RpcStatusOf(status);
  if (!details.has_value()) return false;
  for (const google::protobuf::Any& any : details->details()) {
    google::rpc::QuotaFailure quota;
    if (any.UnpackTo(&quota) && quota.violations_size() > 0 &&
        quota.violations(0).subject() == "limits.max_in_flight_calls") {
      return true;
    }
  }
  return false;
}

std::unique_ptr<Backend> MakeRemoteBackend(
    std::shared_ptr<grpc::Channel> channel, std::chrono::milliseconds deadline) {
  return std::make_unique<RemoteBackend>(std::move(channel), deadline);
}

absl::StatusOr<std::unique_ptr<Backend>> MakeLocalBackend(
    const EngineConfig& config, std::chrono::milliseconds deadline) {
  absl::StatusOr<LanguageResources> resources = LoadLanguageResources();
  if (!resources.ok()) return resources.status();
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(config, *std::move(resources));
  if (!engine.ok()) return engine.status();
  return std::unique_ptr<Backend>(
      std::make_unique<LocalBackend>(*std::move(engine), deadline));
}

const char* ServingStatusName(ServingStatus status) {
  switch (status) {
    case ServingStatus::kServing:
      return "SERVING";
    case ServingStatus::kNotServing:
      return "NOT_SERVING";
    case ServingStatus::kServiceUnknown:
      return "SERVICE_UNKNOWN";
    case ServingStatus::kUnknown:
      break;
  }
  return "UNKNOWN";
}

grpc::Status CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                         const std::string& service,
                         std::chrono::milliseconds deadline,
                         ServingStatus* status) {
  // HealthCheckRequest { string service = 1; }
  google::protobuf::UnknownFieldSet request_fields;
  if (!service.empty()) request_fields.AddLengthDelimited(1, service);
  std::string request_bytes;
  request_fields.SerializeToString(&request_bytes);
  grpc::Slice slice(request_bytes);
  grpc::ByteBuffer request(&slice, 1);

  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  SetDeadline(&context, deadline);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, "/grpc.health.v1.Health/Check",
                 grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status s) { done.set_value(std::move(s)); });
  grpc::Status call_status = done.get_future().get();
  if (!call_status.ok()) return call_status;

  // HealthCheckResponse { ServingStatus status = 1; }
  std::vector<grpc::Slice> slices;
  std::string response_bytes;
  if (response.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      response_bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  google::protobuf::UnknownFieldSet fields;
  if (!fields.ParseFromString(response_bytes)) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "malformed health check response");
  }
  *status = ServingStatus::kUnknown;
  for (int i = 0; i < fields.field_count(); ++i) {
    const google::protobuf::UnknownField& f = fields.field(i);
    if (f.number() == 1 && f.type() == google::protobuf::UnknownField::TYPE_VARINT &&
        f.varint() <= 3) {
      *status = static_cast<ServingStatus>(f.varint());
    }
  }
  return grpc::Status::OK;
}

}  // namespace precis::cli
