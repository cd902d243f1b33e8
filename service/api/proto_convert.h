// proto_convert: the ONE place that converts between the precis.v1 protobuf
// messages and the core's plain C++ types, and between absl::Status and
// grpc::Status (with google.rpc.Status details). The server and the CLI's
// --local mode both go through these functions, so their output is identical.
//
// Pure functions; thread-safe.
#ifndef PRECIS_SERVICE_API_PROTO_CONVERT_H_
#define PRECIS_SERVICE_API_PROTO_CONVERT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"
#include "precis/v1/precis.pb.h"
#include "summarize_options.h"
#include "summary.h"

namespace precis::api {

// Value of GetCapabilitiesResponse.offset_units.
inline constexpr std::string_view kOffsetUnits =
    "utf8_bytes, code_points, utf16_units";

// Request -> core options. Fails with INVALID_ARGUMENT (FieldError, field
// named as in the proto) for a reference_time outside the Timestamp range.
// Range checks of the budget, language and zone are the engine's.
absl::StatusOr<SummarizeOptions> ToSummarizeOptions(
    const v1::SummarizeRequest& request);

v1::Span ToProto(const SourceSpan& span);
void ToProto(const SentenceResult& sentence, v1::Sentence* out);
void ToProto(const FactResult& fact, v1::KeyFact* out);

// Core results -> responses. `processing_us` and `request_id` are the
// transport's (the core neither times nor names calls).
v1::SummarizeResponse ToSummarizeResponse(const SummaryResult& result,
                                          std::string_view request_id,
                                          int64_t processing_us);
v1::SegmentResponse ToSegmentResponse(const SegmentResult& result);
v1::GetCapabilitiesResponse ToCapabilitiesResponse(
    const Capabilities& capabilities, std::string_view version);

// absl::Status -> grpc::Status with the same code and message. When the
// status names a field (precis::ErrorField), the binary details carry a
// google.rpc.Status with a google.rpc.BadRequest field violation
// (INVALID_ARGUMENT) or a google.rpc.QuotaFailure plus a BadRequest
// (RESOURCE_EXHAUSTED), which gRPC sends in `grpc-status-details-bin`.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The inverse of the code mapping (numbers are equal in both enums).
absl::StatusCode ToAbslCode(grpc::StatusCode code);

// The google.rpc.Status in a grpc::Status's binary details, if any.
std::optional<google::rpc::Status> RpcStatusOf(const grpc::Status& status);

// The first google.rpc.BadRequest detail of a grpc::Status, if any.
std::optional<google::rpc::BadRequest> BadRequestOf(const grpc::Status& status);

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_PROTO_CONVERT_H_
