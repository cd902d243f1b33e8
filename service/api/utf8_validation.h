// UTF-8 validation shared by the service (raw request bytes) and the CLI
// (checks its input before sending), so both report the same byte offset the
// engine reports ("invalid UTF-8 at byte N").
//
// Pure functions; thread-safe.
#ifndef PRECIS_SERVICE_API_UTF8_VALIDATION_H_
#define PRECIS_SERVICE_API_UTF8_VALIDATION_H_

#include <cstddef>
#include <optional>
#include <string_view>

#include "absl/status/status.h"

namespace precis::api {

// Byte offset of the first ill-formed UTF-8 sequence (RFC 3629: no
// overlongs, no surrogates, nothing above U+10FFFF), or nullopt when `text`
// is well-formed.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

// OK, or INVALID_ARGUMENT naming `field` ("text: invalid UTF-8 at byte N").
absl::Status ValidateUtf8Field(std::string_view field, std::string_view text);

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_UTF8_VALIDATION_H_
