// Small text helpers shared by the fact extractor's parts: simple case
// folding into a caller's buffer (the same folding RE2's (?i) uses, so keys
// built at Create() match what a pattern matched), character classes, and a
// UTF-8 view of one sentence with a byte -> UTF-16 offset map (RE2 works on
// UTF-8, facts report UTF-16 ranges).
//
// All functions are pure and thread-safe.
#ifndef PRECIS_SERVICE_CORE_FACT_TEXT_H_
#define PRECIS_SERVICE_CORE_FACT_TEXT_H_

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "language_resources.h"
#include "swar.h"
#include "text_range.h"
#include "unicode/unistr.h"

namespace precis {

// Appends the simple case folding of `utf8` to `out` (no allocation beyond
// `out` growing). Invalid bytes are copied as U+FFFD.
void AppendFolded(std::string_view utf8, std::string* out);
// The folding AppendFolded() appends, written to `out`, which must hold
// kFoldFactor * utf8.size() bytes (an invalid byte becomes the three of
// U+FFFD); returns the bytes written.
inline constexpr size_t kFoldFactor = 3;
size_t FoldInto(std::string_view utf8, char* out);
std::string Folded(std::string_view utf8);

// When the eight UTF-16 units at `units` are all ASCII, writes their eight
// bytes to out[0, 8) and returns true; otherwise writes nothing. One 64-bit
// test for the eight, and their low bytes packed into one store (units are
// read little-endian). SentenceUtf8's and the boilerplate detector's ASCII
// fast path.
inline bool NarrowAscii8(const char16_t* units, char* out) {
  static_assert(std::endian::native == std::endian::little, "reads little-endian units");
  uint64_t a, b;
  std::memcpy(&a, units, 8);
  std::memcpy(&b, units + 4, 8);
  if (((a | b) & 0xFF80FF80FF80FF80ULL) != 0) return false;
  const auto pack = [](uint64_t w) {  // 4 units -> their 4 bytes, in order
    w = (w | (w >> 8)) & 0x0000FFFF0000FFFFULL;
    return (w | (w >> 16)) & 0xFFFFFFFFULL;
  };
  const uint64_t bytes = pack(a) | (pack(b) << 32);
  std::memcpy(out, &bytes, 8);
  return true;
}

// Han, Hiragana, Katakana or Hangul: scripts written without spaces, where
// a pattern needs no word boundary.
bool IsCjk(char32_t c);
// Whether a byte is an ASCII letter or digit: one table load instead of
// three range tests in the per-byte loops of the fact finders.
inline constexpr std::array<bool, 256> kAsciiAlnum = [] {
  std::array<bool, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = table[c + 32] = true;
  return table;
}();
inline bool IsAsciiAlnum(unsigned char byte) { return kAsciiAlnum[byte]; }

// The end of the run of ASCII letters and digits that starts at byte `i`
// of `s` (`i` itself when s[i] is none). Words are read eight bytes at a
// time: the per-byte loops over every word of a sentence were the largest
// cost of the fact finders' tokenizers.
inline size_t AsciiAlnumRun(std::string_view s, size_t i) {
  static_assert(std::endian::native == std::endian::little,
                "the first byte that ends the run is found with countr_zero");
  while (i + 8 <= s.size()) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    // A byte >= 0x80 is neither (tested with its top bit cleared, then
    // masked out).
    const uint64_t other = (~swar::AsciiAlnumBits(x & ~swar::kHigh) | x) & swar::kHigh;
    if (other != 0) return i + static_cast<size_t>(std::countr_zero(other)) / 8;
    i += 8;
  }
  while (i < s.size() && kAsciiAlnum[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

// A letter, mark or digit (anything that continues a word).
bool IsWordCharSlow(char32_t c);
inline bool IsWordChar(char32_t c) {
  if (c < 0x80) return kAsciiAlnum[c];
  return IsWordCharSlow(c);
}

// The code point before / at byte offset `pos` of `s` (0 at the edges).
char32_t CodePointBefore(std::string_view s, size_t pos);
char32_t CodePointAt(std::string_view s, size_t pos);

// A list / map of service/data/facts/<lang>.yaml (empty when absent).
const std::vector<std::string>& RuleList(const FactRulesData& data, const char* key);
const std::map<std::string, std::string>& RuleMap(const FactRulesData& data, const char* key);
// The case-folded items as a set (std::unordered_set<std::string> or a
// set with heterogeneous lookup).
template <typename Set>
Set FoldedSet(const std::vector<std::string>& items) {
  Set out;
  for (const std::string& s : items) out.insert(Folded(s));
  return out;
}
// A phrase's space-separated words ("in a row" -> in, a, row).
std::vector<std::string> SplitWords(std::string_view phrase);

// Escapes `s` for use as an RE2 literal.
std::string RegexLiteral(std::string_view s);
// "(?:a|b|c)" over `items` sorted longest first (RE2 alternation is
// leftmost-first, so the longer spelling must be tried first); "(?!)"-like
// never-matching "[^\x00-\x{10FFFF}]" when empty. `fold` wraps in (?i:...).
std::string Alternation(std::vector<std::string> items, bool fold);

// A text (or one sentence) in UTF-8 with offsets back into the UTF-16 text.
class SentenceUtf8 {
 public:
  // Re-fills the buffers for text[range) (buffers are reused across calls).
  void Assign(const icu::UnicodeString& text, TextRange range);

  std::string_view utf8() const { return std::string_view(utf8_.get(), size_); }
  // UTF-16 offset (in the whole text) of byte `byte` of utf8().
  int32_t Utf16(size_t byte) const { return u16_[byte]; }
  TextRange Range(size_t begin, size_t end) const {
    return TextRange{u16_[begin], u16_[end]};
  }
  // The first byte whose UTF-16 offset is >= `utf16` (a range's start or
  // end maps to the byte range covering it).
  size_t ByteAt(int32_t utf16) const;

 private:
  // Sized for the worst case (3 bytes per UTF-16 unit) and left
  // uninitialized: zero-filling a std::string and std::vector of that size
  // cost as much as the conversion itself.
  std::unique_ptr<char[]> utf8_;
  std::unique_ptr<int32_t[]> u16_;  // size_ + 1 entries used
  size_t size_ = 0;
  size_t capacity_ = 0;  // bytes; u16_ has capacity_ + 1
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_FACT_TEXT_H_
