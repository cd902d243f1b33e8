#include "request_validator.h"

#include <cmath>

#include "field_error.h"

namespace precis::api {

absl::Status ValidateSummarizeRequest(const v1::SummarizeRequest& request) {
  // NaN passes both `ratio <= 0` and `ratio > 1` unnoticed, and infinities
  // are not fractions; reject them here, where the double comes off the wire.
  if (request.length_case() == v1::SummarizeRequest::kRatio &&
      !std::isfinite(request.ratio())) {
    return FieldError("ratio", "must be a finite number in (0, 1]");
  }
  return absl::OkStatus();
}

}  // namespace precis::api
