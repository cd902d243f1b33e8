// Field-level errors: an INVALID_ARGUMENT (or other) absl::Status that names
// the request field at fault, so the gRPC layer can attach a
// google.rpc.BadRequest field violation without parsing messages.
#ifndef PRECIS_SERVICE_CORE_FIELD_ERROR_H_
#define PRECIS_SERVICE_CORE_FIELD_ERROR_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace precis {

// Payload key under which the field path is stored.
inline constexpr std::string_view kFieldPayloadKey = "precis.dev/field";

// INVALID_ARGUMENT "<field>: <description>" with the field as payload.
absl::Status FieldError(std::string_view field, std::string_view description);

// The same with another code (e.g. RESOURCE_EXHAUSTED for a too-large text).
absl::Status FieldError(absl::StatusCode code, std::string_view field,
                        std::string_view description);

// The field named by a status made with FieldError, if any.
std::optional<std::string> ErrorField(const absl::Status& status);

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_FIELD_ERROR_H_
