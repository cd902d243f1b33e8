#include "normalized_text.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "field_error.h"
#include "unicode/normalizer2.h"
#include "unicode/uchar.h"
#include "unicode/utf16.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

constexpr int64_t kCheckpointBytes = 64;

// Characters dropped from the analysis text: they are invisible and only get
// in the way of segmentation and matching. ZWJ (U+200D) and ZWNJ (U+200C)
// are kept because they change how emoji and Persian/Indic words render.
bool IsDropped(UChar32 c) {
  if (c < 0x20) return c != '\n' && c != '\t' && c != '\r' && c != 0x0B && c != 0x0C;
  if (c >= 0x7F && c <= 0x9F) return c != 0x85;  // DEL and C1 controls (NEL kept).
  switch (c) {
    case 0x00AD:  // soft hyphen
    case 0x200B:  // zero width space
    case 0x200E:  // LRM
    case 0x200F:  // RLM
    case 0x2060:  // word joiner
    case 0xFEFF:  // BOM / ZWNBSP
      return true;
    default:
      break;
  }
  if (c >= 0x202A && c <= 0x202E) return true;  // bidi embeddings/overrides
  if (c >= 0x2066 && c <= 0x2069) return true;  // bidi isolates
  if (c == 0x061C) return true;                 // Arabic letter mark
  return false;
}

bool IsLatinLower(UChar c) { return c >= 'a' && c <= 'z'; }
bool IsLatinUpper(UChar c) { return c >= 'A' && c <= 'Z'; }

// Builder for the normalized text and its source map. Appends to a plain
// UTF-16 vector: UnicodeString::append per character costs ~10x more.
class Builder {
 public:
  explicit Builder(size_t reserve) {
    text_.reserve(reserve + 1);
    src_begin_.reserve(reserve + 1);
    src_end_.reserve(reserve + 1);
  }
  void Append(UChar32 c, int32_t begin, int32_t end) {
    if (c <= 0xFFFF) {
      Push(static_cast<UChar>(c), begin, end);
    } else {
      Push(U16_LEAD(c), begin, end);
      Push(U16_TRAIL(c), begin, end);
    }
  }
  void Push(UChar u, int32_t begin, int32_t end) {
    text_.push_back(u);
    src_begin_.push_back(begin);
    src_end_.push_back(end);
  }
  int32_t length() const { return static_cast<int32_t>(text_.size()); }
  std::vector<UChar> text_;
  std::vector<int32_t> src_begin_;
  std::vector<int32_t> src_end_;
};

}  // namespace

absl::StatusOr<NormalizedText> NormalizedText::Create(std::string_view utf8) {
  const int32_t length = static_cast<int32_t>(utf8.size());
  if (utf8.size() > static_cast<size_t>(INT32_MAX / 2)) {
    return FieldError(absl::StatusCode::kResourceExhausted, "text", "text too large");
  }
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());

  NormalizedText out;
  out.source_ = utf8;
  Builder b(utf8.size());
  // Pass 1: validate, drop invisible characters, unify line ends, and record
  // where each UTF-16 unit came from. Checkpoints for byte -> code point /
  // UTF-16 conversion are taken on the way.
  int64_t cps = 0, u16 = 0;
  out.cp_checkpoint_.reserve(utf8.size() / kCheckpointBytes + 2);
  out.u16_checkpoint_.reserve(utf8.size() / kCheckpointBytes + 2);
  int32_t next_checkpoint = 0;
  for (int32_t i = 0; i < length;) {
    // A checkpoint counts everything before byte k*kCheckpointBytes; it may
    // fall inside a character, which SourceIndex handles by skipping
    // continuation bytes.
    while (next_checkpoint <= i) {
      // Characters starting before next_checkpoint: all chars before i, which
      // is a char start >= next_checkpoint, minus nothing (checkpoints are
      // only advanced to positions <= i, and the char at a position inside a
      // previous char was counted already).
      out.cp_checkpoint_.push_back(cps);
      out.u16_checkpoint_.push_back(u16);
      next_checkpoint += kCheckpointBytes;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      return FieldError("text", absl::StrCat("invalid UTF-8 at byte ", start));
    }
    ++cps;
    u16 += U16_LENGTH(c);
    if (IsDropped(c)) continue;
    if (c == '\r') {
      // CR LF -> one LF covering both bytes; a lone CR -> LF.
      if (i < length && bytes[i] == '\n') {
        ++i;
        ++cps;
        ++u16;
      }
      b.Append('\n', start, i);
      continue;
    }
    if (c == 0x2028 || c == 0x85) {
      b.Append('\n', start, i);
      continue;
    }
    if (c == 0x2029) {  // paragraph separator -> blank line
      b.Append('\n', start, i);
      b.Append('\n', i, i);
      continue;
    }
    if (c == '\t' || c == 0x0B || c == 0x0C) c = ' ';
    b.Append(c, start, i);
  }
  while (next_checkpoint <= length) {
    out.cp_checkpoint_.push_back(cps);
    out.u16_checkpoint_.push_back(u16);
    next_checkpoint += kCheckpointBytes;
  }
  b.src_begin_.push_back(length);
  b.src_end_.push_back(length);

  // Pass 2: NFC. Most text already is; otherwise normalize only the
  // segments between normalization boundaries that need it, mapping each
  // output unit to its whole segment in the source.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return absl::InternalError("ICU NFC data unavailable");
  const icu::UnicodeString first_pass(false, b.text_.data(), b.length());
  int32_t ok_prefix = nfc->spanQuickCheckYes(first_pass, status);
  if (U_SUCCESS(status) && ok_prefix < b.length()) {
    Builder n(b.text_.size());
    const icu::UnicodeString& t = first_pass;
    int32_t pos = ok_prefix;
    // Back up to a boundary so the segment is normalized as a whole.
    while (pos > 0 && !nfc->hasBoundaryBefore(t.char32At(pos))) pos = t.moveIndex32(pos, -1);
    for (int32_t i = 0; i < pos; ++i) n.Push(t.charAt(i), b.src_begin_[i], b.src_end_[i]);
    while (pos < t.length()) {
      int32_t end = t.moveIndex32(pos, 1);
      while (end < t.length() && !nfc->hasBoundaryBefore(t.char32At(end))) {
        end = t.moveIndex32(end, 1);
      }
      icu::UnicodeString seg(t, pos, end - pos);
      icu::UnicodeString norm;
      nfc->normalize(seg, norm, status);
      if (U_FAILURE(status)) return absl::InternalError("NFC normalization failed");
      const int32_t sb = b.src_begin_[pos];
      const int32_t se = b.src_end_[end - 1];
      if (norm == seg) {
        for (int32_t i = pos; i < end; ++i) n.Push(t.charAt(i), b.src_begin_[i], b.src_end_[i]);
      } else {
        for (int32_t i = 0; i < norm.length(); ++i) n.Push(norm.charAt(i), sb, se);
      }
      pos = end;
    }
    n.src_begin_.push_back(length);
    n.src_end_.push_back(length);
    b = std::move(n);
  }

  // Pass 3: restore a missing space after punctuation between words, a
  // common scraping artefact ("Monday,adding", "talks.The"). Only between
  // letters (never in "1,000", "3.5", "e.g." or URLs with lower-case hosts):
  //   letter [,;] letter          -> insert a space
  //   lower{2} [.!?] Upper lower  -> insert a space
  const std::vector<UChar>& t = b.text_;
  Builder r(t.size() + 16);
  const int32_t n = b.length();
  for (int32_t i = 0; i < n; ++i) {
    const UChar c = t[i];
    r.Push(c, b.src_begin_[i], b.src_end_[i]);
    if (i == 0 || i + 1 >= n) continue;
    bool insert = false;
    if ((c == ',' || c == ';') && u_hasBinaryProperty(t[i - 1], UCHAR_CASED) &&
        u_hasBinaryProperty(t[i + 1], UCHAR_CASED)) {
      insert = true;
    } else if ((c == '.' || c == '!' || c == '?') && i >= 2 && i + 2 < n &&
               IsLatinLower(t[i - 1]) && IsLatinLower(t[i - 2]) && IsLatinUpper(t[i + 1]) &&
               IsLatinLower(t[i + 2])) {
      insert = true;
    }
    if (insert) {
      const int32_t at = b.src_end_[i];
      r.Push(' ', at, at);
    }
  }
  r.src_begin_.push_back(length);
  r.src_end_.push_back(length);

  out.text_.setTo(r.text_.data(), r.length());
  out.src_begin_ = std::move(r.src_begin_);
  out.src_end_ = std::move(r.src_end_);
  return out;
}

void NormalizedText::SourceIndex(int64_t byte, int64_t* chars, int64_t* utf16) const {
  const size_t k = static_cast<size_t>(byte / kCheckpointBytes);
  int64_t c = cp_checkpoint_[k];
  int64_t u = u16_checkpoint_[k];
  const auto* p = reinterpret_cast<const uint8_t*>(source_.data());
  // Checkpoint k counts the characters that start before byte
  // k*kCheckpointBytes; each lead byte after it starts one more.
  for (int64_t i = k * kCheckpointBytes; i < byte; ++i) {
    const uint8_t v = p[i];
    if ((v & 0xC0) == 0x80) continue;  // continuation byte
    ++c;
    u += (v >= 0xF0) ? 2 : 1;
  }
  *chars = c;
  *utf16 = u;
}

SourceSpan NormalizedText::ToSourceSpan(TextRange r) const {
  SourceSpan s;
  const int32_t n = text_.length();
  const int32_t begin = std::clamp(r.begin, 0, n);
  const int32_t end = std::clamp(r.end, begin, n);
  s.byte_begin = src_begin_[begin];
  s.byte_end = end > begin ? std::max<int64_t>(src_end_[end - 1], s.byte_begin) : s.byte_begin;
  SourceIndex(s.byte_begin, &s.char_begin, &s.utf16_begin);
  SourceIndex(s.byte_end, &s.char_end, &s.utf16_end);
  return s;
}

std::string_view NormalizedText::SourceSlice(TextRange r) const {
  const SourceSpan s = ToSourceSpan(r);
  return source_.substr(s.byte_begin, s.byte_end - s.byte_begin);
}

std::string NormalizedText::Utf8(TextRange r) const {
  std::string out;
  const int32_t begin = std::clamp(r.begin, 0, text_.length());
  const int32_t end = std::clamp(r.end, begin, text_.length());
  text_.tempSubStringBetween(begin, end).toUTF8String(out);
  return out;
}

int64_t NormalizedText::source_char_count() const {
  int64_t chars, utf16;
  SourceIndex(static_cast<int64_t>(source_.size()), &chars, &utf16);
  return chars;
}

}  // namespace precis
