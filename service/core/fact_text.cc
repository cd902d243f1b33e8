#include "fact_text.h"

#include <algorithm>

#include "unicode/uchar.h"
#include "unicode/uscript.h"
#include "unicode/utf16.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

void AppendUtf8(UChar32 c, std::string* out) {
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, c, error);
  if (error) return;
  out->append(buf, n);
}

}  // namespace

void AppendFolded(std::string_view utf8, std::string* out) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    // A run of ASCII is copied at once and lowered in place (most words).
    int32_t j = i;
    while (j < n && static_cast<unsigned char>(utf8[j]) < 0x80) ++j;
    if (j > i) {
      const size_t at = out->size();
      out->append(utf8.data() + i, static_cast<size_t>(j - i));
      for (char* p = out->data() + at; p < out->data() + out->size(); ++p) {
        if (*p >= 'A' && *p <= 'Z') *p = static_cast<char>(*p + 32);
      }
      i = j;
      if (i >= n) break;
    }
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c < 0) c = 0xFFFD;
    AppendUtf8(u_foldCase(c, U_FOLD_CASE_DEFAULT), out);
  }
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
