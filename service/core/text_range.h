// A half-open range of UTF-16 code units in a NormalizedText's text().
#ifndef PRECIS_SERVICE_CORE_TEXT_RANGE_H_
#define PRECIS_SERVICE_CORE_TEXT_RANGE_H_

#include <cstdint>

namespace precis {

struct TextRange {
  int32_t begin = 0;
  int32_t end = 0;

  int32_t length() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Contains(const TextRange& other) const {
    return begin <= other.begin && other.end <= end;
  }
  friend bool operator==(const TextRange&, const TextRange&) = default;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_TEXT_RANGE_H_
