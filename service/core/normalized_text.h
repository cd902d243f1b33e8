// NormalizedText: a caller's UTF-8 text validated and normalized for
// analysis, with a map from every normalized UTF-16 unit back to the original
// bytes, so results can point into the text exactly as the caller sent it.
//
// Normalization: C1 controls that Windows-1252 defines are read as its
// characters (U+0093 -> U+201C: mis-decoded smart quotes, apostrophes and
// dashes of scraped pages); BOM, NUL, other C0/C1 controls, zero-width
// spaces, soft hyphens and bidi controls are dropped (ZWJ/ZWNJ are kept:
// they are part of emoji and Persian words); CR LF, CR, U+2028, U+0085
// become "\n", U+2029 "\n\n";
// tabs and other spacing controls become " "; the result is NFC; a missing
// space after "," ";" or a sentence end between words ("Monday,adding",
// "end.The") is restored.
//
// Immutable after Create (move-only); safe to share across threads. Holds a
// view of the source: the caller's text must outlive it.
#ifndef PRECIS_SERVICE_CORE_NORMALIZED_TEXT_H_
#define PRECIS_SERVICE_CORE_NORMALIZED_TEXT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "source_span.h"
#include "text_range.h"
#include "unicode/unistr.h"

namespace precis {

class NormalizedText {
 public:
  // Fails with INVALID_ARGUMENT (field "text") on invalid UTF-8, naming the
  // byte offset of the first bad sequence.
  static absl::StatusOr<NormalizedText> Create(std::string_view utf8);

  // The normalized text (UTF-16).
  const icu::UnicodeString& text() const { return text_; }
  // The caller's original text.
  std::string_view source() const { return source_; }

  // Where the normalized range [r.begin, r.end) came from in the source. An
  // inserted character maps to an empty source range at its position.
  SourceSpan ToSourceSpan(TextRange r) const;
  // The original bytes behind a normalized range.
  std::string_view SourceSlice(TextRange r) const;
  // The normalized range as UTF-8.
  std::string Utf8(TextRange r) const;

  // Code points in the source.
  int64_t source_char_count() const;

 private:
  NormalizedText() = default;
  // Code point and UTF-16 offsets of source byte `byte` (a character start).
  void SourceIndex(int64_t byte, int64_t* chars, int64_t* utf16) const;

  std::string_view source_;
  icu::UnicodeString text_;
  // For normalized unit i: the source bytes [src_begin_[i], src_end_[i]);
  // one more entry (the source length) ends the arrays. Arrays, not
  // vectors: they are moved in from the builder, never zero-filled.
  std::unique_ptr<int32_t[]> src_begin_;
  std::unique_ptr<int32_t[]> src_end_;
  // Code points / UTF-16 units before source byte k * kCheckpointBytes.
  // (int32: texts are below 1 GiB, see Create).
  std::vector<int32_t> cp_checkpoint_;
  std::vector<int32_t> u16_checkpoint_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_NORMALIZED_TEXT_H_
