#include "normalized_text.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <memory>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "field_error.h"
#include "swar.h"
#include "unicode/normalizer2.h"
#include "unicode/uchar.h"
#include "unicode/ucnv.h"
#include "unicode/utf16.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

// Source offsets are found from the checkpoint before them by a scan of at
// most this many bytes (ToSourceSpan runs for every sentence, fact mention
// and phrase in a result).
constexpr int64_t kCheckpointBytes = 16;

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

// C1 controls are not text: in scraped news they are nearly always bytes
// 0x80..0x9F of a Windows-1252 page decoded as Latin-1 (a curly quote
// U+201C read as U+0093, an apostrophe as U+0092, a dash as U+0096). The
// same repair is ftfy's fix_c1_controls (R. Speer, ftfy, 2012-); here the
// Windows-1252 mapping comes from ICU's converter. NEL (U+0085) stays a
// line end, as Unicode defines it; bytes that Windows-1252 leaves undefined
// (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay dropped. Built once, read-only after.
struct C1Repair {
  UChar to[32] = {};  // for U+0080 + k: the repaired character, or 0
  C1Repair() {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* cp1252 = ucnv_open("windows-1252", &status);
    if (U_FAILURE(status)) return;  // no repair: C1 controls stay dropped
    for (int k = 0; k < 32; ++k) {
      if (k == 0x05) continue;  // NEL
      const char byte = static_cast<char>(0x80 + k);
      UChar out[2];
      status = U_ZERO_ERROR;
      ucnv_reset(cp1252);
      const int32_t n = ucnv_toUChars(cp1252, out, 2, &byte, 1, &status);
      if (U_SUCCESS(status) && n == 1 && out[0] >= 0xA0 && out[0] != 0xFFFD) to[k] = out[0];
    }
    ucnv_close(cp1252);
  }
};

// The Windows-1252 character for C1 control `c`, or `c` itself.
UChar32 RepairC1(UChar32 c) {
  static const C1Repair repair;
  const UChar to = repair.to[c - 0x80];
  return to != 0 ? to : c;
}

bool IsLatinLower(UChar c) { return c >= 'a' && c <= 'z'; }
bool IsLatinUpper(UChar c) { return c >= 'A' && c <= 'Z'; }

// Builder for the normalized text and its source map: three parallel
// arrays, written through raw pointers into storage sized up front and
// never zero-filled (a vector's fill costs as much as pass 1 itself).
// (UnicodeString::append per character costs ~10x more; three
// vector::push_back calls per unit cost ~3x more.) The finished map moves
// into the NormalizedText without a copy.
class Builder {
 public:
  explicit Builder(size_t capacity) { Grow(capacity + 1); }
  void Append(UChar32 c, int32_t begin, int32_t end) {
    if (c <= 0xFFFF) {
      Push(static_cast<UChar>(c), begin, end);
    } else {
      Push(U16_LEAD(c), begin, end);
      Push(U16_TRAIL(c), begin, end);
    }
  }
  void Push(UChar u, int32_t begin, int32_t end) {
    if (n_ == capacity_) [[unlikely]] Grow(2 * capacity_ + 16);
    text_[n_] = u;
    src_begin_[n_] = begin;
    src_end_[n_] = end;
    ++n_;
  }
  // Extends the last unit's source range to `end`.
  void ExtendLast(int32_t end) { src_end_[n_ - 1] = end; }
  // Room for `count` more units without a capacity check.
  void Reserve(size_t count) {
    if (n_ + count > capacity_) Grow(std::max(2 * capacity_, n_ + count) + 16);
  }
  // Pushes bytes [from, to) of `bytes`, printable ASCII, each its own unit
  // (after Reserve(to - from)). No exit inside the loop, so the compiler
  // vectorizes it.
  void PushAscii(const uint8_t* __restrict bytes, int32_t from, int32_t to) {
    UChar* __restrict t = text_.get() + n_;
    int32_t* __restrict b = src_begin_.get() + n_;
    int32_t* __restrict e = src_end_.get() + n_;
    const int32_t count = to - from;
    for (int32_t k = 0; k < count; ++k) {
      t[k] = bytes[from + k];
      b[k] = from + k;
      e[k] = from + k + 1;
    }
    n_ += static_cast<size_t>(count);
  }
  // Inserts a space after each unit in `after` (ascending), mapped to an
  // empty source range at that unit's end. In place, from the back: only
  // the units after the first insertion move, and nothing is copied twice.
  void InsertSpaces(const std::vector<int32_t>& after) {
    const size_t k = after.size();
    Reserve(k);
    size_t tail = n_;  // units [after[j] + 1, tail) move right by j + 1
    for (size_t j = k; j-- > 0;) {
      const size_t from = static_cast<size_t>(after[j]) + 1;
      const size_t count = tail - from;
      std::memmove(text_.get() + from + j + 1, text_.get() + from, count * sizeof(UChar));
      std::memmove(src_begin_.get() + from + j + 1, src_begin_.get() + from,
                   count * sizeof(int32_t));
      std::memmove(src_end_.get() + from + j + 1, src_end_.get() + from, count * sizeof(int32_t));
      const int32_t at = src_end_[from - 1];
      text_[from + j] = ' ';
      src_begin_[from + j] = at;
      src_end_[from + j] = at;
      tail = from;
    }
    n_ += k;
  }
  int32_t length() const { return static_cast<int32_t>(n_); }
  const UChar* text() const { return text_.get(); }
  int32_t begin(int32_t i) const { return src_begin_[i]; }
  int32_t end(int32_t i) const { return src_end_[i]; }
  // Moves the map out, ended by the source length (for ranges that end at
  // the text's end). The builder is spent.
  void TakeMap(int32_t source_length, std::unique_ptr<int32_t[]>* begins,
               std::unique_ptr<int32_t[]>* ends) {
    if (n_ == capacity_) Grow(capacity_ + 1);
    src_begin_[n_] = source_length;
    src_end_[n_] = source_length;
    *begins = std::move(src_begin_);
    *ends = std::move(src_end_);
  }

 private:
  void Grow(size_t capacity) {
    auto grow = [&](auto& array) {
      using T = std::remove_reference_t<decltype(array[0])>;
      std::unique_ptr<T[]> bigger(new T[capacity]);
      if (n_ > 0) std::memcpy(bigger.get(), array.get(), n_ * sizeof(T));
      array = std::move(bigger);
    };
    grow(text_);
    grow(src_begin_);
    grow(src_end_);
    capacity_ = capacity;
  }
  std::unique_ptr<UChar[]> text_;
  std::unique_ptr<int32_t[]> src_begin_;
  std::unique_ptr<int32_t[]> src_end_;
  size_t n_ = 0;
  size_t capacity_ = 0;
};

// The marks after which pass 3 may insert a space (all below 64).
constexpr uint64_t kSpaceMarks =
    (uint64_t{1} << ',') | (uint64_t{1} << ';') | (uint64_t{1} << '.') |
    (uint64_t{1} << '!') | (uint64_t{1} << '?');

// UCHAR_CASED of a UTF-16 unit; for ASCII that is exactly the Latin letters
// (pass 3 asks for the neighbours of most commas).
bool IsCased(UChar c) {
  if (c < 0x80) return IsLatinLower(c | 0x20);
  return u_hasBinaryProperty(c, UCHAR_CASED);
}

// Whether normalized unit i (of n) gets a space inserted after it (pass 3).
bool NeedsSpaceAfter(const UChar* t, int32_t i, int32_t n) {
  if (i == 0 || i + 1 >= n) return false;
  const UChar c = t[i];
  if (c == ',' || c == ';') return IsCased(t[i + 1]) && IsCased(t[i - 1]);
  return (c == '.' || c == '!' || c == '?') && i >= 2 && i + 2 < n &&
         IsLatinUpper(t[i + 1]) && IsLatinLower(t[i - 1]) && IsLatinLower(t[i - 2]) &&
         IsLatinLower(t[i + 2]);
}

// Sixteen bytes as a GCC/Clang vector: a comparison is one or two SSE2
// instructions for all of them.
typedef uint8_t Bytes16 __attribute__((vector_size(16)));

// Whether bytes[0, 16) are all printable ASCII (0x20-0x7E).
bool AllPrintable16(const uint8_t* bytes) {
  Bytes16 v;
  std::memcpy(&v, bytes, 16);
  const Bytes16 low = Bytes16{} + 0x20;
  const Bytes16 high = Bytes16{} + 0x7E;
  const auto other = (v < low) | (v > high);
  uint64_t halves[2];
  std::memcpy(halves, &other, 16);
  return (halves[0] | halves[1]) == 0;
}

// The end of the printable-ASCII (0x20-0x7E) run in bytes[from, length).
// Sixteen bytes at a time, then eight: the additions work on the bytes
// with bit 7 cleared, so no carry crosses a byte, and bit 7 of each sum
// answers one comparison.
int32_t PrintableRunEnd(const uint8_t* bytes, int32_t from, int32_t length) {
  int32_t i = from;
  while (i + 16 <= length && AllPrintable16(bytes + i)) i += 16;
  for (; i + 8 <= length; i += 8) {
    uint64_t w;
    std::memcpy(&w, bytes + i, 8);
    const uint64_t printable = swar::RangeBits(w & ~swar::kHigh, 0x20, 0x7E) & ~w;
    if (printable != swar::kHigh) {
      const uint64_t other = ~printable & swar::kHigh;
      return i + std::countr_zero(other) / 8;
    }
  }
  while (i < length && bytes[i] >= 0x20 && bytes[i] < 0x7F) ++i;
  return i;
}

// Writes to `out` where pass 3's marks are in bytes[from, to), all
// printable ASCII, as indices of the normalized text (byte + shift);
// returns the new end of `out`. Words are sieved for bytes in 0x21-0x3F
// (punctuation and digits), which are then looked at one by one. A mark
// followed in the run by anything but a letter is left out: both rules
// want a letter after it (the unit after the run's last byte is not known
// here).
int32_t* FindMarks(const uint8_t* bytes, int32_t from, int32_t to, int32_t shift, int32_t* out) {
  auto note = [&](int32_t at) {
    if (((kSpaceMarks >> bytes[at]) & 1) == 0) return;
    const uint8_t next = at + 1 < to ? bytes[at + 1] : 'A';
    *out = at + shift;
    out += static_cast<uint8_t>((next | 0x20) - 'a') < 26;
  };
  int32_t i = from;
  for (; i + 8 <= to; i += 8) {
    uint64_t w;
    std::memcpy(&w, bytes + i, 8);
    uint64_t punctuation = swar::RangeBits(w, 0x21, 0x3F);
    for (; punctuation != 0; punctuation &= punctuation - 1) {
      note(i + std::countr_zero(punctuation) / 8);
    }
  }
  for (; i < to; ++i) {
    if (bytes[i] < 64) note(i);
  }
  return out;
}

}  // namespace

absl::StatusOr<NormalizedText> NormalizedText::Create(std::string_view utf8) {
  static_assert(std::endian::native == std::endian::little,
                "the eight-byte scans take a word's first byte as its lowest");
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
  // UTF-16 conversion are taken on the way: one for each multiple of
  // kCheckpointBytes up to the length.
  int32_t cps = 0, u16 = 0;
  const size_t checkpoints = utf8.size() / kCheckpointBytes + 1;
  out.cp_checkpoint_.resize(checkpoints);
  out.u16_checkpoint_.resize(checkpoints);
  int32_t* cp_checkpoint = out.cp_checkpoint_.data();
  int32_t* u16_checkpoint = out.u16_checkpoint_.data();
  size_t k = 0;  // the next checkpoint, at byte k * kCheckpointBytes
  int32_t next_checkpoint = 0;
  int32_t cr_end = -1;  // The byte after the last CR read.
  // The first unit that NFC might change: below U+0300 every code point is
  // NFC_QC=Yes with combining class 0 with a boundary before it
  // (NormalizedTextTest checks this against ICU), and so is a character
  // ICU calls inert (which has boundaries on both sides), so text of such
  // characters only is NFC as it stands. English news has a few dashes,
  // bullets and quotes above U+0300: up to kInertChecks characters are
  // asked about (a virtual call each); after that the quick check takes
  // over, which is cheaper per character for text in other scripts.
  constexpr int kInertChecks = 32;
  int inert_checks = 0;
  const icu::Normalizer2* nfc = nullptr;
  int32_t first_nfc_candidate = -1;
  // Where pass 3's marks are that it may act on (all printable ASCII, so
  // all found in the runs below; see FindMarks), as units of the text of
  // pass 1: at most one per byte.
  std::unique_ptr<int32_t[]> marks(new int32_t[utf8.size() + 1]);
  int32_t* marks_end = marks.get();
  for (int32_t i = 0; i < length;) {
    // A checkpoint counts everything before byte k*kCheckpointBytes; it may
    // fall inside a character, which SourceIndex handles by skipping
    // continuation bytes: such a character counts as before it.
    while (next_checkpoint <= i) {
      cp_checkpoint[k] = cps;
      u16_checkpoint[k] = u16;
      ++k;
      next_checkpoint += kCheckpointBytes;
    }
    // A run of printable ASCII: one unit per byte, no decoding, no checks.
    if (bytes[i] >= 0x20 && bytes[i] < 0x7F) {
      const int32_t run_start = i;
      i = PrintableRunEnd(bytes, run_start, length);
      marks_end = FindMarks(bytes, run_start, i, b.length() - run_start, marks_end);
      b.Reserve(i - run_start);
      b.PushAscii(bytes, run_start, i);
      // Checkpoints inside the run (the loop's head takes one at its end).
      for (; next_checkpoint < i; next_checkpoint += kCheckpointBytes, ++k) {
        cp_checkpoint[k] = cps + (next_checkpoint - run_start);
        u16_checkpoint[k] = u16 + (next_checkpoint - run_start);
      }
      cps += i - run_start;
      u16 += i - run_start;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      return FieldError("text", absl::StrCat("invalid UTF-8 at byte ", start));
    }
    ++cps;
    u16 += U16_LENGTH(c);
    if (c >= 0x80 && c <= 0x9F) c = RepairC1(c);
    if (IsDropped(c)) continue;
    if (c == '\r') {
      // CR LF -> one LF covering both bytes; a lone CR -> LF. The LF is
      // merged when it is read (below), after the checkpoint before it.
      b.Append('\n', start, i);
      cr_end = i;
      continue;
    }
    if (c == '\n' && start == cr_end) {
      b.ExtendLast(i);
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
    if (c >= 0x300 && first_nfc_candidate < 0) {
      UErrorCode status = U_ZERO_ERROR;
      if (nfc == nullptr) nfc = icu::Normalizer2::getNFCInstance(status);
      if (U_FAILURE(status)) return absl::InternalError("ICU NFC data unavailable");
      if (++inert_checks > kInertChecks || !nfc->isInert(c)) first_nfc_candidate = b.length();
    }
    b.Append(c, start, i);
  }
  while (next_checkpoint <= length) {
    cp_checkpoint[k] = cps;
    u16_checkpoint[k] = u16;
    ++k;
    next_checkpoint += kCheckpointBytes;
  }

  // Pass 2: NFC. Most text already is; otherwise normalize only the
  // segments between normalization boundaries that need it, mapping each
  // output unit to its whole segment in the source. The quick check starts
  // at the first unit it could stop at (or the boundary before it): the
  // units before are NFC and end at a boundary.
  bool normalized = false;
  if (first_nfc_candidate >= 0) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString t(false, b.text(), b.length());
    int32_t from = first_nfc_candidate;
    while (from > 0 && !nfc->hasBoundaryBefore(t.char32At(from))) from = t.moveIndex32(from, -1);
    const icu::UnicodeString rest(false, b.text() + from, b.length() - from);
    const int32_t ok_prefix = from + nfc->spanQuickCheckYes(rest, status);
    if (U_SUCCESS(status) && ok_prefix < b.length()) {
      normalized = true;
      Builder n(b.length());
      int32_t pos = ok_prefix;
      // Back up to a boundary so the segment is normalized as a whole.
      while (pos > 0 && !nfc->hasBoundaryBefore(t.char32At(pos))) pos = t.moveIndex32(pos, -1);
      for (int32_t i = 0; i < pos; ++i) n.Push(t.charAt(i), b.begin(i), b.end(i));
      while (pos < t.length()) {
        int32_t end = t.moveIndex32(pos, 1);
        while (end < t.length() && !nfc->hasBoundaryBefore(t.char32At(end))) {
          end = t.moveIndex32(end, 1);
        }
        icu::UnicodeString seg(t, pos, end - pos);
        icu::UnicodeString norm;
        nfc->normalize(seg, norm, status);
        if (U_FAILURE(status)) return absl::InternalError("NFC normalization failed");
        const int32_t sb = b.begin(pos);
        const int32_t se = b.end(end - 1);
        if (norm == seg) {
          for (int32_t i = pos; i < end; ++i) n.Push(t.charAt(i), b.begin(i), b.end(i));
        } else {
          for (int32_t i = 0; i < norm.length(); ++i) n.Push(norm.charAt(i), sb, se);
        }
        pos = end;
      }
      b = std::move(n);
    }
  }

  // Pass 3: restore a missing space after punctuation between words, a
  // common scraping artefact ("Monday,adding", "talks.The"). Only between
  // letters (never in "1,000", "3.5", "e.g." or URLs with lower-case hosts):
  //   letter [,;] letter          -> insert a space
  //   lower{2} [.!?] Upper lower  -> insert a space
  // Pass 1 noted where the marks are; if NFC changed the text, they are
  // looked for again.
  const UChar* t = b.text();
  const int32_t n = b.length();
  std::vector<int32_t> inserts;
  if (normalized) {
    for (int32_t i = 1; i + 1 < n; ++i) {
      const UChar c = t[i];
      // One test for the five marks: a bit of a 64-bit mask.
      if (c < 64 && ((kSpaceMarks >> c) & 1) && NeedsSpaceAfter(t, i, n)) inserts.push_back(i);
    }
  } else {
    for (const int32_t* m = marks.get(); m < marks_end; ++m) {
      if (NeedsSpaceAfter(t, *m, n)) inserts.push_back(*m);
    }
  }
  if (!inserts.empty()) b.InsertSpaces(inserts);
  out.text_.setTo(b.text(), b.length());
  b.TakeMap(length, &out.src_begin_, &out.src_end_);
  return out;
}

namespace {

// SourceIndex counted from checkpoint k = byte / kCheckpointBytes. Kept out
// of line so that SourceIndex's common case inlines.
[[gnu::noinline]] void ScanSourceIndex(std::string_view source,
                                       const std::vector<int32_t>& cp_checkpoint,
                                       const std::vector<int32_t>& u16_checkpoint, size_t k,
                                       int64_t byte, int64_t* chars, int64_t* utf16) {
  static_assert(std::endian::native == std::endian::little,
                "the word-at-a-time count below takes a word's first byte as its lowest");
  int64_t c = cp_checkpoint[k];
  int64_t u = u16_checkpoint[k];
  const auto* p = reinterpret_cast<const uint8_t*>(source.data());
  const int64_t size = static_cast<int64_t>(source.size());
  // Checkpoint k counts the characters that start before byte
  // k*kCheckpointBytes; each lead byte after it starts one more, and a
  // four-byte lead (11110xxx) adds a second UTF-16 unit. ToSourceSpan runs
  // for every sentence, fact mention and placeholder, so the up to 15 bytes
  // are counted eight at a time: continuation bytes (10xxxxxx) have bit 7
  // set and bit 6 clear, four-byte leads bits 7 to 4 set; shifting the word
  // left by one moves each byte's bit 6 to its own bit 7.
  int64_t i = static_cast<int64_t>(k) * kCheckpointBytes;
  while (i < byte && i + 8 <= size) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    const int64_t n = std::min<int64_t>(8, byte - i);
    const uint64_t high = n == 8 ? swar::kHigh : swar::kHigh & ((uint64_t{1} << (8 * n)) - 1);
    const uint64_t continuation = w & ~(w << 1) & high;
    const uint64_t four = w & (w << 1) & (w << 2) & (w << 3) & high;
    const int64_t starts = n - swar::CountHighBits(continuation);
    c += starts;
    u += starts + swar::CountHighBits(four);
    i += n;
  }
  for (; i < byte; ++i) {  // the source's last bytes
    const uint8_t v = p[i];
    if ((v & 0xC0) == 0x80) continue;  // continuation byte
    ++c;
    u += (v >= 0xF0) ? 2 : 1;
  }
  *chars = c;
  *utf16 = u;
}

}  // namespace

void NormalizedText::SourceIndex(int64_t byte, int64_t* chars, int64_t* utf16) const {
  const size_t k = static_cast<size_t>(byte) / kCheckpointBytes;
  // A block of kCheckpointBytes in which as many characters and UTF-16
  // units start as it has bytes has neither continuation bytes nor
  // four-byte leads: each byte before `byte` in it is one more of both.
  // Most blocks of most texts are such; this test is small enough to be
  // inlined into ToSourceSpan, the scan is not.
  if (k + 1 < cp_checkpoint_.size()) {
    const int32_t c = cp_checkpoint_[k];
    const int32_t u = u16_checkpoint_[k];
    if (cp_checkpoint_[k + 1] - c == kCheckpointBytes &&
        u16_checkpoint_[k + 1] - u == kCheckpointBytes) {
      const int64_t in_block = static_cast<int64_t>(static_cast<size_t>(byte) % kCheckpointBytes);
      *chars = c + in_block;
      *utf16 = u + in_block;
      return;
    }
  }
  ScanSourceIndex(source_, cp_checkpoint_, u16_checkpoint_, k, byte, chars, utf16);
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
