// libFuzzer target: NormalizedText::Create on arbitrary bytes.
//
// Checks: Create fails exactly on ill-formed UTF-8 (against an independent
// validator) with INVALID_ARGUMENT; on success every normalized unit, the
// whole text and a few input-chosen ranges map back to spans inside the
// source, on character boundaries, with bytes, code points and UTF-16 units
// agreeing; the source code point count is right.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "normalized_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace precis;  // NOLINT: a fuzz entry point, outside any namespace.
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<NormalizedText> text = NormalizedText::Create(source);
  if (!text.ok()) {
    FUZZ_CHECK(text.status().code() == absl::StatusCode::kInvalidArgument);
    FUZZ_CHECK(!fuzz::IsValidUtf8(source));
    FUZZ_CHECK(!text.status().message().empty());
    return 0;
  }
  FUZZ_CHECK(fuzz::IsValidUtf8(source));
  FUZZ_CHECK(text->source().size() == size);
  const fuzz::OffsetTable table(source);
  FUZZ_CHECK(text->source_char_count() == table.cp[size]);

  const int32_t n = text->text().length();
  fuzz::CheckRange(*text, table, TextRange{0, n});
  int64_t last_begin = 0;
  for (int32_t i = 0; i < n; ++i) {
    const TextRange unit{i, i + 1};
    fuzz::CheckRange(*text, table, unit);
    // The source map runs forward.
    const int64_t begin = text->ToSourceSpan(unit).byte_begin;
    FUZZ_CHECK(begin >= last_begin);
    last_begin = begin;
  }
  // Ranges chosen by the input's first bytes, and their UTF-8 form.
  for (size_t k = 0; k + 1 < size && k < 8; k += 2) {
    if (n == 0) break;
    int32_t a = data[k] % (n + 1), b = data[k + 1] % (n + 1);
    if (a > b) std::swap(a, b);
    fuzz::CheckRange(*text, table, TextRange{a, b});
    (void)text->Utf8(TextRange{a, b});
  }
  const std::string utf8 = text->Utf8(TextRange{0, n});
  FUZZ_CHECK(fuzz::IsValidUtf8(utf8));
  return 0;
}
