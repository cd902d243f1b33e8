#include "fact_text.h"

#include <algorithm>
#include <cstring>

#include "swar.h"
#include "unicode/uchar.h"
#include "unicode/uscript.h"
#include "unicode/utf16.h"
#include "unicode/utf8.h"

namespace precis {

size_t FoldInto(std::string_view utf8, char* out) {
  char* o = out;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    if (i + 8 <= n) {
      // Eight ASCII bytes at once.
      uint64_t w;
      std::memcpy(&w, utf8.data() + i, 8);
      if ((w & swar::kHigh) == 0) {
        w = swar::LowerAscii8(w);
        std::memcpy(o, &w, 8);
        o += 8;
        i += 8;
        continue;
      }
    }
    const unsigned char byte = static_cast<unsigned char>(utf8[i]);
    if (byte < 0x80) {  // ASCII (most words): lowered as copied
      *o++ = static_cast<char>(static_cast<unsigned>(byte - 'A') < 26 ? byte + 32 : byte);
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c < 0) c = 0xFFFD;
    // A folded scalar value is a scalar value: it always encodes.
    int32_t len = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(o), len, u_foldCase(c, U_FOLD_CASE_DEFAULT));
    o += len;
  }
  return static_cast<size_t>(o - out);
}

void AppendFolded(std::string_view utf8, std::string* out) {
  // Short inputs (words) fold on the stack and are appended at once: no
  // per-character growth checks, no zero-filling resize.
  constexpr size_t kShort = 64;
  if (utf8.size() <= kShort) {
    char buf[kFoldFactor * kShort];
    out->append(buf, FoldInto(utf8, buf));
    return;
  }
  const size_t at = out->size();
  out->resize(at + kFoldFactor * utf8.size());
  out->resize(at + FoldInto(utf8, out->data() + at));
}

std::string Folded(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  AppendFolded(utf8, &out);
  return out;
}

bool IsCjk(char32_t c) {
  if (c < 0x1100) return false;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA ||
         script == USCRIPT_KATAKANA || script == USCRIPT_HANGUL;
}

bool IsWordCharSlow(char32_t c) {
  return u_isalnum(static_cast<UChar32>(c)) ||
         (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
}

char32_t CodePointBefore(std::string_view s, size_t pos) {
  if (pos == 0 || pos > s.size()) return 0;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_PREV(s.data(), 0, i, c);
  return c < 0 ? 0 : static_cast<char32_t>(c);
}

char32_t CodePointAt(std::string_view s, size_t pos) {
  if (pos >= s.size()) return 0;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c < 0 ? 0 : static_cast<char32_t>(c);
}

std::string RegexLiteral(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 4);
  for (char c : s) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == ' ') {
      // A space in a phrase matches any run of horizontal space.
      out += "[ \\x{00A0}\\x{202F}]+";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string Alternation(std::vector<std::string> items, bool fold) {
  items.erase(std::remove(items.begin(), items.end(), std::string()), items.end());
  if (items.empty()) return "[^\\x00-\\x{10FFFF}]";
  std::sort(items.begin(), items.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  items.erase(std::unique(items.begin(), items.end()), items.end());
  std::string out = fold ? "(?i:" : "(?:";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back('|');
    out += RegexLiteral(items[i]);
  }
  out.push_back(')');
  return out;
}


size_t SentenceUtf8::ByteAt(int32_t utf16) const {
  // u16_ is non-decreasing; the last entry is the end of the range.
  const int32_t* map = u16_.get();
  return static_cast<size_t>(std::lower_bound(map, map + size_ + 1, utf16) - map);
}

void SentenceUtf8::Assign(const icu::UnicodeString& text, TextRange range) {
  // Sized for the worst case (3 bytes per UTF-16 unit): no per-character
  // growth checks.
  const size_t max_bytes = static_cast<size_t>(std::max(range.length(), 0)) * 3;
  if (!utf8_ || max_bytes > capacity_) {
    utf8_ = std::make_unique_for_overwrite<char[]>(max_bytes);
    u16_ = std::make_unique_for_overwrite<int32_t[]>(max_bytes + 1);
    capacity_ = max_bytes;
  }
  char* out = utf8_.get();
  int32_t* map = u16_.get();
  size_t n = 0;
  const char16_t* buf = text.getBuffer();
  int32_t i = range.begin;
  while (i < range.end) {
    const int32_t start = i;
    if (i + 8 <= range.end) {
      // Eight ASCII units at once.
      if (NarrowAscii8(buf + i, out + n)) {
        for (int32_t k = 0; k < 8; ++k) map[n + k] = i + k;
        n += 8;
        i += 8;
        continue;
      }
    }
    if (i + 4 <= range.end) {
      // Four ASCII units at once (most text): one 64-bit test instead of
      // four compares and branches.
      uint64_t units;
      std::memcpy(&units, buf + i, 8);
      if ((units & 0xFF80FF80FF80FF80ULL) == 0) {
        for (int32_t k = 0; k < 4; ++k) {
          out[n + k] = static_cast<char>(buf[i + k]);
          map[n + k] = i + k;
        }
        n += 4;
        i += 4;
        continue;
      }
    }
    if (buf[i] < 0x80) {  // ASCII fast path
      out[n] = static_cast<char>(buf[i]);
      map[n++] = start;
      ++i;
      continue;
    }
    UChar32 c;
    U16_NEXT(buf, i, range.end, c);
    if (U_IS_SURROGATE(c)) c = 0xFFFD;
    const size_t before = n;
    int32_t len = 0;
    uint8_t bytes[4];
    U8_APPEND_UNSAFE(bytes, len, c);  // c is a valid scalar value here
    for (int32_t k = 0; k < len; ++k) out[n++] = static_cast<char>(bytes[k]);
    for (size_t k = before; k < n; ++k) map[k] = start;
  }
  map[n] = range.end;
  size_ = n;
}

const std::vector<std::string>& RuleList(const FactRulesData& data, const char* key) {
  static const std::vector<std::string> kEmpty;
  auto it = data.lists.find(key);
  return it == data.lists.end() ? kEmpty : it->second;
}

const std::map<std::string, std::string>& RuleMap(const FactRulesData& data, const char* key) {
  static const std::map<std::string, std::string> kEmpty;
  auto it = data.maps.find(key);
  return it == data.maps.end() ? kEmpty : it->second;
}

std::vector<std::string> SplitWords(std::string_view phrase) {
  std::vector<std::string> out;
  size_t a = 0;
  while (a < phrase.size()) {
    size_t b = phrase.find(' ', a);
    if (b == std::string_view::npos) b = phrase.size();
    if (b > a) out.emplace_back(phrase.substr(a, b - a));
    a = b + 1;
  }
  return out;
}

}  // namespace precis
