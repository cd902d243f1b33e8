// A half-open range in the caller's original UTF-8 text, in the three units
// clients index strings with: UTF-8 bytes, code points and UTF-16 units.
#ifndef PRECIS_SERVICE_CORE_SOURCE_SPAN_H_
#define PRECIS_SERVICE_CORE_SOURCE_SPAN_H_

#include <cstdint>

namespace precis {

struct SourceSpan {
  int64_t byte_begin = 0;
  int64_t byte_end = 0;
  int64_t char_begin = 0;
  int64_t char_end = 0;
  int64_t utf16_begin = 0;
  int64_t utf16_end = 0;
  friend bool operator==(const SourceSpan&, const SourceSpan&) = default;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_SOURCE_SPAN_H_
