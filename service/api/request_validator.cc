#include "request_validator.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "export_writer.h"
#include "fact_renderer.h"
#include "field_error.h"

namespace precis::api {

absl::Status ValidateSummarizeRequest(const v1::SummarizeRequest& request) {
  // NaN passes both `ratio <= 0` and `ratio > 1` unnoticed, and infinities
  // are not fractions; reject them here, where the double comes off the wire.
  if (request.length_case() == v1::SummarizeRequest::kRatio &&
      !std::isfinite(request.ratio())) {
    return FieldError("ratio", "must be a finite number in (0, 1]");
  }
  // Each locale adds a rendering per fact and, with XLIFF, a document: the
  // list is bounded and without repeats, so a small request cannot ask for
  // unbounded work.
  if (request.target_locales_size() > kMaxTargetLocales) {
    return FieldError(absl::StrCat("target_locales[", kMaxTargetLocales, "]"),
                      absl::StrCat("at most ", kMaxTargetLocales, " target locales"));
  }
  for (int i = 0; i < request.target_locales_size(); ++i) {
    for (int j = 0; j < i; ++j) {
      if (request.target_locales(j) == request.target_locales(i)) {
        return FieldError(absl::StrCat("target_locales[", i, "]"),
                          absl::StrCat("repeats target_locales[", j, "]"));
      }
    }
  }
  // Before any work (the engine checks again, for its direct callers; the
  // result is cached per tag).
  for (int i = 0; i < request.target_locales_size(); ++i) {
    absl::Status locale = FactRenderer::Shared().ValidateLocale(
        request.target_locales(i), absl::StrCat("target_locales[", i, "]"));
    if (!locale.ok()) return locale;
  }
  return ValidateExportFormats(request);
}

}  // namespace precis::api
