#include "normalized_text.h"

#include <string>
#include <vector>

#include "field_error.h"
#include "gtest/gtest.h"

namespace precis {
namespace {

std::string Norm(std::string_view in) {
  auto n = NormalizedText::Create(in);
  EXPECT_TRUE(n.ok()) << n.status();
  std::string out;
  n->text().toUTF8String(out);
  return out;
}

TEST(NormalizedTextTest, RejectsInvalidUtf8WithByteOffset) {
  for (std::string bad : {std::string("ab\xC3", 3), std::string("ab\xC0\xAF"),  // truncated, overlong
                          std::string("x\xED\xA0\x80y"),                     // surrogate
                          std::string("\xFF")}) {
    auto n = NormalizedText::Create(bad);
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ErrorField(n.status()), "text");
  }
  auto n = NormalizedText::Create(std::string("abc\xC3", 4));
  EXPECT_NE(std::string(n.status().message()).find("byte 3"), std::string::npos);
}

TEST(NormalizedTextTest, UnifiesLineEndsAndDropsInvisibles) {
  EXPECT_EQ(Norm("a\r\nb\rc"), "a\nb\nc");
  EXPECT_EQ(Norm("\xEF\xBB\xBFstart"), "start");           // BOM
  EXPECT_EQ(Norm("zero\xE2\x80\x8Bwidth"), "zerowidth");    // ZWSP
  EXPECT_EQ(Norm("soft\xC2\xADhyphen"), "softhyphen");      // SHY
  EXPECT_EQ(Norm(std::string("nul\0byte", 8)), "nulbyte");  // NUL
  EXPECT_EQ(Norm("tab\there"), "tab here");
  // ZWJ inside an emoji sequence is kept.
  EXPECT_EQ(Norm("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"),
            "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB");
}

TEST(NormalizedTextTest, ComposesToNfcAndMapsBack) {
  // "Cafe" + combining acute -> "Café"; the é maps to both source characters.
  const std::string src = "Cafe\xCC\x81 ok";
  auto n = NormalizedText::Create(src);
  ASSERT_TRUE(n.ok());
  std::string out;
  n->text().toUTF8String(out);
  EXPECT_EQ(out, "Caf\xC3\xA9 ok");
  EXPECT_EQ(n->SourceSlice({0, 4}), "Cafe\xCC\x81");
  const SourceSpan s = n->ToSourceSpan({5, 7});
  EXPECT_EQ(n->source().substr(s.byte_begin, s.byte_end - s.byte_begin), "ok");
  EXPECT_EQ(s.char_begin, 6);  // C a f e ◌́ space
}

TEST(NormalizedTextTest, RestoresMissingSpaceAfterPunctuation) {
  EXPECT_EQ(Norm("late on Monday,adding that"), "late on Monday, adding that");
  EXPECT_EQ(Norm("the talks.The next"), "the talks. The next");
  // Not in numbers, abbreviations or host names.
  EXPECT_EQ(Norm("1,000 and 3.5"), "1,000 and 3.5");
  EXPECT_EQ(Norm("U.S. and e.g. example.com"), "U.S. and e.g. example.com");
  // The inserted space maps to an empty source range; slices stay exact.
  auto n = NormalizedText::Create("Monday,adding");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->SourceSlice({0, 14}), "Monday,adding");
  EXPECT_EQ(n->SourceSlice({8, 14}), "adding");
}

TEST(NormalizedTextTest, SpansCountBytesCodePointsAndUtf16) {
  // "é" is 2 bytes / 1 code point / 1 unit; "😀" 4 / 1 / 2; "𠀀" (CJK ext B) 4 / 1 / 2.
  std::string src = "\xC3\xA9 \xF0\x9F\x98\x80 \xF0\xA0\x80\x80 end";
  for (int pad = 0; pad < 200; pad += 67) {  // cross checkpoint boundaries
    std::string text = std::string(pad, 'x') + " " + src;
    auto n = NormalizedText::Create(text);
    ASSERT_TRUE(n.ok());
    const int32_t len = n->text().length();
    const SourceSpan s = n->ToSourceSpan({len - 3, len});
    EXPECT_EQ(text.substr(s.byte_begin, s.byte_end - s.byte_begin), "end");
    EXPECT_EQ(s.byte_end, static_cast<int64_t>(text.size()));
    EXPECT_EQ(s.char_end, pad + 1 + 9);
    EXPECT_EQ(s.utf16_end, pad + 1 + 11);
    EXPECT_EQ(n->source_char_count(), pad + 1 + 9);
  }
}

TEST(NormalizedTextTest, SpansCountEveryPrefixExactly) {
  // Every mix of 1- to 4-byte characters around the 8-byte words and
  // 16-byte checkpoints the count works in: at each character of the
  // normalized text, the span's code points and UTF-16 units equal a plain
  // count of the source bytes before it.
  const std::vector<std::string> pieces = {"a", "\xC3\xA9", "\xE2\x82\xAC",
                                           "\xF0\x9F\x98\x80", " ", "Z"};
  std::string text;
  for (int k = 0; k < 300; ++k) text += pieces[(k * 7 + k / 5) % pieces.size()];
  auto n = NormalizedText::Create(text);
  ASSERT_TRUE(n.ok());
  // Code points and UTF-16 units of text[begin, end), added to the totals.
  auto count = [&text](int64_t begin, int64_t end, int64_t* chars, int64_t* units) {
    for (int64_t b = begin; b < end; ++b) {
      const uint8_t v = static_cast<uint8_t>(text[b]);
      if ((v & 0xC0) == 0x80) continue;
      ++*chars;
      *units += v >= 0xF0 ? 2 : 1;
    }
  };
  for (int32_t i = 0; i < n->text().length(); ++i) {
    const SourceSpan s = n->ToSourceSpan({i, i + 1});
    int64_t chars = 0, units = 0;
    count(0, s.byte_begin, &chars, &units);
    ASSERT_EQ(s.char_begin, chars) << i;
    ASSERT_EQ(s.utf16_begin, units) << i;
    count(s.byte_begin, s.byte_end, &chars, &units);
    ASSERT_EQ(s.char_end, chars) << i;
    ASSERT_EQ(s.utf16_end, units) << i;
  }
  EXPECT_EQ(n->source_char_count(), 300);
}

}  // namespace
}  // namespace precis
