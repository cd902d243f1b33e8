#include "utf8_validation.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "field_error.h"
#include "unicode/utf8.h"

namespace precis::api {

std::optional<size_t> FindInvalidUtf8(std::string_view text) {
  // ICU's U8_NEXT implements the RFC 3629 / Unicode "best practice" decoder
  // and yields a negative code point for any ill-formed sequence. It indexes
  // with int32_t, so walk the text in windows that stay well below 2^31
  // (gRPC messages are far smaller anyway; this keeps the function total).
  constexpr size_t kWindow = size_t{1} << 30;
  size_t base = 0;
  while (base < text.size()) {
    const size_t window_len = std::min(kWindow, text.size() - base);
    // Extend the window so a sequence starting before its end is complete.
    const size_t len = std::min(window_len + 4, text.size() - base);
    const uint8_t* s = reinterpret_cast<const uint8_t*>(text.data() + base);
    const int32_t length = static_cast<int32_t>(len);
    int32_t i = 0;
    while (static_cast<size_t>(i) < window_len) {
      // Fast path for ASCII, by far the most common case.
      if (s[i] < 0x80) {
        ++i;
        continue;
      }
      const int32_t start = i;
      UChar32 c;
      U8_NEXT(s, i, length, c);
      if (c < 0) return base + static_cast<size_t>(start);
    }
    base += static_cast<size_t>(i);
  }
  return std::nullopt;
}

absl::Status ValidateUtf8Field(std::string_view field, std::string_view text) {
  if (std::optional<size_t> bad = FindInvalidUtf8(text); bad.has_value()) {
    return FieldError(field, absl::StrCat("invalid UTF-8 at byte ", *bad));
  }
  return absl::OkStatus();
}

}  // namespace precis::api
