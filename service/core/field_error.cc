#include "field_error.h"

#include "absl/strings/cord.h"

namespace precis {

absl::Status FieldError(std::string_view field, std::string_view description) {
  return FieldError(absl::StatusCode::kInvalidArgument, field, description);
}

absl::Status FieldError(absl::StatusCode code, std::string_view field,
                        std::string_view description) {
  std::string message(field);
  message.append(": ").append(description);
  absl::Status status(code, message);
  status.SetPayload(absl::string_view(kFieldPayloadKey.data(), kFieldPayloadKey.size()),
                    absl::Cord(std::string(field)));
  return status;
}

std::optional<std::string> ErrorField(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(
      absl::string_view(kFieldPayloadKey.data(), kFieldPayloadKey.size()));
  if (!payload.has_value()) return std::nullopt;
  return std::string(*payload);
}

}  // namespace precis
