// Checks of SummarizeRequest fields that the core cannot see or does not
// cover because they are artefacts of the wire format (e.g. a NaN `ratio`,
// which compares false against any bound). Everything with a meaning in the
// core (ranges, language tags, zones) is validated by the engine.
//
// Pure functions; thread-safe.
#ifndef PRECIS_SERVICE_API_REQUEST_VALIDATOR_H_
#define PRECIS_SERVICE_API_REQUEST_VALIDATOR_H_

#include "absl/status/status.h"
#include "precis/v1/precis.pb.h"

namespace precis::api {

// At most this many SummarizeRequest.target_locales (the proto says so).
inline constexpr int kMaxTargetLocales = 64;

// OK, or INVALID_ARGUMENT made with FieldError (the proto field name).
absl::Status ValidateSummarizeRequest(const v1::SummarizeRequest& request);

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_REQUEST_VALIDATOR_H_
