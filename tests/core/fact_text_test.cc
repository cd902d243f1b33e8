// Text helpers of the fact extractor: case folding, word characters, the
// UTF-8 view of a sentence, and the word-set hash. Each fast path is checked
// against a plain per-character reference.
#include "fact_text.h"

#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "name_finder.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"
#include "unicode/utf16.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

// Simple case folding one code point at a time; invalid bytes -> U+FFFD.
std::string ReferenceFold(std::string_view s) {
  std::string out;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) c = 0xFFFD;
    c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buf), len, c);
    out.append(buf, len);
  }
  return out;
}

std::string FoldedWithFoldInto(std::string_view s) {
  std::string buf(kFoldFactor * s.size(), '\0');
  buf.resize(FoldInto(s, buf.data()));
  return buf;
}

TEST(FactTextTest, FoldingMatchesPerCodePointFolding) {
  std::vector<std::string> inputs = {
      "",
      "A",
      "Hello World",
      "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG 0123456789",
      "@AZ[`az{ \x7F",  // the bytes around both letter ranges
      "Straße ÄÖÜ İstanbul ΣΊΣΥΦΟΣ Москва Ⱥ \xE2\x84\xAA",  // Kelvin sign
      "abc\xFFxyz\xC3",  // invalid bytes
      "Deputy Foreign Minister Sergei Ryabkov",
  };
  // Capitals and a non-ASCII letter at every offset of an 8-byte block.
  for (size_t k = 0; k < 20; ++k) {
    inputs.push_back(std::string(k, 'a') + "Z" + std::string(20 - k, 'Q'));
    inputs.push_back(std::string(k, 'M') + "É" + std::string(9, 'x'));
    inputs.push_back(std::string(k, 'x') + "\x80" + std::string(9, 'Y'));
  }
  inputs.push_back(std::string(200, 'K') + "Ä");  // longer than the stack path
  for (const std::string& in : inputs) {
    const std::string expected = ReferenceFold(in);
    EXPECT_EQ(FoldedWithFoldInto(in), expected) << in;
    EXPECT_EQ(Folded(in), expected) << in;
    std::string appended = "prefix:";
    AppendFolded(in, &appended);
    EXPECT_EQ(appended, "prefix:" + expected) << in;
  }
}

TEST(FactTextTest, AsciiAlnumRunStopsAtTheFirstOtherByte) {
  for (int byte = 0; byte < 256; ++byte) {
    const bool alnum = (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
                       (byte >= 'A' && byte <= 'Z');
    EXPECT_EQ(IsAsciiAlnum(static_cast<unsigned char>(byte)), alnum) << byte;
    if (byte < 0x80) {
      EXPECT_EQ(IsWordChar(static_cast<char32_t>(byte)), alnum) << byte;
    }
    for (size_t at = 0; at < 19; ++at) {
      std::string s = "Word09wordZz" + std::string(10, 'q');
      s[at] = static_cast<char>(byte);
      for (size_t start = 0; start <= at; ++start) {
        size_t expected = start;
        while (expected < s.size() && IsAsciiAlnum(static_cast<unsigned char>(s[expected]))) {
          ++expected;
        }
        EXPECT_EQ(AsciiAlnumRun(s, start), expected) << byte << " at " << at;
      }
    }
  }
  EXPECT_EQ(AsciiAlnumRun("", 0), 0u);
  EXPECT_EQ(AsciiAlnumRun("abc", 3), 3u);
}

TEST(FactTextTest, SentenceUtf8MapsEveryByteToItsUtf16Offset) {
  // ASCII runs of every length (past the eight- and four-unit paths)
  // between non-ASCII characters, among them ones whose low byte is ASCII
  // (U+0100, U+0141) or just past it (U+0080), a surrogate pair and a lone
  // surrogate (written as U+FFFD).
  icu::UnicodeString text;
  const UChar32 breaks[] = {0x00E9, 0x1F600, 0x0100, 0x0080, 0x0141, 0x007F};
  for (int run = 0; run < 24; ++run) {
    for (int k = 0; k < run; ++k) text.append(static_cast<UChar>('a' + k));
    text.append(breaks[run % 6]);
  }
  text.append(static_cast<UChar>(0xD800));
  text.append(icu::UnicodeString("tail text"));
  for (int32_t begin : {0, 1, 2, 3, 5, 17, 100}) {
    for (int32_t cut : {0, 1, 5, 11}) {
      const TextRange range{begin, text.length() - cut};
      SentenceUtf8 utf8;
      utf8.Assign(text, range);
      std::string expected;
      std::vector<int32_t> offsets;
      for (int32_t i = begin; i < range.end;) {
        const int32_t start = i;
        UChar32 c;
        U16_NEXT(text.getBuffer(), i, range.end, c);
        if (U_IS_SURROGATE(c)) c = 0xFFFD;
        char buf[4];
        int32_t len = 0;
        U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buf), len, c);
        expected.append(buf, len);
        offsets.insert(offsets.end(), len, start);
      }
      ASSERT_EQ(utf8.utf8(), expected);
      for (size_t b = 0; b < expected.size(); ++b) EXPECT_EQ(utf8.Utf16(b), offsets[b]) << b;
      EXPECT_EQ(utf8.Utf16(expected.size()), range.end);
    }
  }
}

TEST(FactTextTest, WordSetsFindKeysOfEveryLength) {
  NameFinder::WordSet set;
  std::vector<std::string> keys;
  for (size_t len = 0; len <= 24; ++len) {
    for (char c : {'a', 'b', 'Z'}) {
      std::string key;
      for (size_t k = 0; k < len; ++k) key.push_back(static_cast<char>(c + k % 3));
      keys.push_back(key);
      set.insert(key);
    }
  }
  for (const std::string& key : keys) {
    EXPECT_TRUE(set.contains(std::string_view(key))) << key;
    EXPECT_EQ(NameFinder::ViewHash()(key), NameFinder::ViewHash()(std::string(key)));
    if (!key.empty()) {
      std::string other = key;
      other[other.size() / 2] = '#';
      EXPECT_FALSE(set.contains(other)) << other;
    }
  }
}

}  // namespace
}  // namespace precis
