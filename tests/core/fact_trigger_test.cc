// FactTrigger: the positions where fact patterns can start. The extractor
// relies on it finding every non-glued start of every item (a missed start
// loses a fact), so the tests check starts, folding, spaces and the glued
// rule, and that the folding covers what RE2's (?i) matches.
#include "fact_trigger.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "re2/re2.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

std::vector<std::pair<size_t, uint64_t>> Hits(const FactTrigger& t, std::string_view s) {
  std::vector<FactTrigger::Hit> hits;
  t.Scan(s, &hits);
  std::vector<std::pair<size_t, uint64_t>> out;
  for (const auto& h : hits) out.emplace_back(h.pos, h.mask);
  return out;
}

using HitList = std::vector<std::pair<size_t, uint64_t>>;

TEST(FactTriggerTest, FindsItemsCaseInsensitivelyAtWordStarts) {
  FactTrigger t;
  t.AddItem("January", 1);
  t.AddItem("in", 2);
  t.Compile();
  EXPECT_EQ(Hits(t, "In JANUARY, in january"),
            (HitList{{0, 2}, {3, 1}, {12, 2}, {15, 1}}));
  // Inside words ("Xjanuary", "tin") nothing starts.
  EXPECT_TRUE(Hits(t, "Xjanuary tin").empty());
  // A prefix of the text is enough: the pattern decides where it ends.
  EXPECT_EQ(Hits(t, "inside"), (HitList{{0, 2}}));
  EXPECT_TRUE(Hits(t, "Jan").empty());
}

TEST(FactTriggerTest, UnionOfItemsSharingAStart) {
  FactTrigger t;
  t.AddItem("next", 1);
  t.AddItem("next week", 2);
  t.AddItem("n", 4);
  t.Compile();
  EXPECT_EQ(Hits(t, "next week"), (HitList{{0, 7}}));
  EXPECT_EQ(Hits(t, "next month"), (HitList{{0, 5}}));
  EXPECT_EQ(t.MaskAt("nope", 0), 4u);
}

TEST(FactTriggerTest, SpaceInAnItemMatchesAnyRunOfHorizontalSpace) {
  FactTrigger t;
  t.AddItem("end of", 1);
  t.Compile();
  EXPECT_EQ(t.MaskAt("end of", 0), 1u);
  EXPECT_EQ(t.MaskAt("end   of", 0), 1u);
  EXPECT_EQ(t.MaskAt("end\xC2\xA0of", 0), 1u);      // NBSP
  EXPECT_EQ(t.MaskAt("end\xE2\x80\xAF of", 0), 1u);  // U+202F + space
  EXPECT_EQ(t.MaskAt("endof", 0), 0u);
  EXPECT_EQ(t.MaskAt("end-of", 0), 0u);
}

TEST(FactTriggerTest, RangesAndGluedDigits) {
  FactTrigger t;
  t.AddRange('0', '9', 8);
  t.AddRange(0xFF10, 0xFF19, 8);  // fullwidth digits
  t.AddItem("$", 16);
  t.Compile();
  // "2014": one start, not "014"; "F35" is glued; "$5" starts at "$" and
  // at "5" (a symbol is no word character).
  EXPECT_EQ(Hits(t, "2014 F35 $5"), (HitList{{0, 8}, {9, 16}, {10, 8}}));
  // Fullwidth "１２" (3 bytes each): one start.
  EXPECT_EQ(Hits(t, "\xEF\xBC\x91\xEF\xBC\x92"), (HitList{{0, 8}}));
  // After a non-ASCII letter a digit is glued too ("é5").
  EXPECT_TRUE(Hits(t, "\xC3\xA9" "5").empty());
}

TEST(FactTriggerTest, DigitInAnItemMatchesAnyDigit) {
  FactTrigger t;
  t.AddItem(std::string("in ") + FactTrigger::kDigit, 1);
  t.AddItem("in may", 2);
  t.Compile();
  EXPECT_EQ(t.MaskAt("in 2014", 0), 1u);
  EXPECT_EQ(t.MaskAt("in \xEF\xBC\x92", 0), 1u);  // fullwidth 2
  EXPECT_EQ(t.MaskAt("In  May", 0), 2u);
  // "in" alone, or followed by anything else, starts nothing.
  EXPECT_EQ(t.MaskAt("in the", 0), 0u);
  EXPECT_EQ(t.MaskAt("in", 0), 0u);
  EXPECT_EQ(t.MaskAt("in2014", 0), 0u);
  EXPECT_EQ(Hits(t, "born in 1990 in May"), (HitList{{5, 1}, {13, 2}}));
}

TEST(FactTriggerTest, AsciiCapitalsRun) {
  FactTrigger t;
  t.AddAsciiCapitals(3, 1);
  t.Compile();
  EXPECT_EQ(Hits(t, "USD 5 and EUR5, Us US"), (HitList{{0, 1}, {10, 1}}));
  EXPECT_EQ(t.MaskAt("GBP", 0), 1u);
  EXPECT_EQ(t.MaskAt("GB", 0), 0u);
}

TEST(FactTriggerTest, CjkCharactersNeverGlue) {
  FactTrigger t;
  t.AddItem("\xE5\x8E\xBB\xE5\xB9\xB4", 1);  // 去年
  t.AddRange('0', '9', 2);
  t.Compile();
  // "他去年3月": 去年 after 他, and 3 after 年.
  EXPECT_EQ(Hits(t, "\xE4\xBB\x96\xE5\x8E\xBB\xE5\xB9\xB4" "3\xE6\x9C\x88"),
            (HitList{{3, 1}, {9, 2}}));
}

TEST(FactTriggerTest, NonAsciiFolding) {
  FactTrigger t;
  t.AddItem("\xD0\xAF\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8C", 1);  // Январь
  t.AddItem("stra\xC3\x9F" "e", 2);                                 // straße
  t.Compile();
  EXPECT_EQ(t.MaskAt("\xD0\xAF\xD0\x9D\xD0\x92\xD0\x90\xD0\xA0\xD0\xAC", 0), 1u);  // ЯНВАРЬ
  EXPECT_EQ(t.MaskAt("STRA\xE1\xBA\x9E" "E", 0), 2u);  // STRAẞE
  EXPECT_EQ(t.MaskAt("STRASSE", 0), 0u);               // no full folding
}

// Whatever RE2's (?i) matches for an item character, the trigger matches
// too (it may match more, never less): checked over the BMP for letters
// whose case orbits are irregular (K and the Kelvin sign, s and long s,
// sigma's three forms, dotted and dotless i).
TEST(FactTriggerTest, FoldingCoversRe2CaseInsensitiveMatching) {
  const std::vector<std::string> letters = {
      "a", "k", "s", "i", "z", "\xC3\xA9", "\xC3\x9F", "\xCF\x83", "\xCF\x82",
      "\xD1\x8F", "\xC4\xB1", "\xC5\x9F", "\xC7\x85"};
  for (const std::string& letter : letters) {
    FactTrigger t;
    t.AddItem(letter, 1);
    t.Compile();
    const RE2 re("(?i:" + letter + ")");
    ASSERT_TRUE(re.ok());
    for (UChar32 c = 1; c < 0x10000; ++c) {
      if (U_IS_SURROGATE(c)) continue;
      char buf[4];
      int32_t n = 0;
      U8_APPEND_UNSAFE(buf, n, c);
      const std::string_view text(buf, static_cast<size_t>(n));
      if (RE2::FullMatch(re2::StringPiece(text.data(), text.size()), re)) {
        EXPECT_EQ(t.MaskAt(text, 0), 1u) << "item " << letter << " U+" << std::hex << c;
      }
    }
  }
}

// Scan() skips positions by their first two or three bytes without walking
// the items (the pair and triple screens); it must report exactly the
// non-glued positions where MaskAt() finds something.
TEST(FactTriggerTest, ScanScreensNeverDropAStart) {
  FactTrigger t;
  const std::vector<std::string> items = {
      "in " + std::string(FactTrigger::kDigit), "in may", "the following day", "three",
      "thirty", "third", "two weeks", "to", "a", "ab1", "x y", "q 7", "since",
      std::string("z") + FactTrigger::kDigit + "z", "$"};
  for (size_t k = 0; k < items.size(); ++k) t.AddItem(items[k], uint64_t{1} << k);
  t.AddRange('0', '9', uint64_t{1} << 40);
  t.AddAsciiCapitals(3, uint64_t{1} << 41);
  t.Compile();
  // Every string of up to four characters over an alphabet that reaches
  // each screen's cases, between a space and a tail.
  const std::string alphabet = "tThiraxyqz17 .-$";
  std::vector<std::string> texts = {""};
  for (int len = 0; len < 4; ++len) {
    std::vector<std::string> longer;
    for (const std::string& s : texts) {
      if (static_cast<int>(s.size()) != len) continue;
      for (char c : alphabet) longer.push_back(s + c);
    }
    texts.insert(texts.end(), longer.begin(), longer.end());
  }
  for (const std::string& core : texts) {
    for (const std::string& text : {core, " " + core + " ay", core + "d 9"}) {
      HitList expected;
      for (size_t pos = 0; pos < text.size(); ++pos) {
        const auto is_word = [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        };
        if (pos > 0 && is_word(text[pos]) && is_word(text[pos - 1])) continue;  // glued
        if (const uint64_t mask = t.MaskAt(text, pos); mask != 0) expected.emplace_back(pos, mask);
      }
      EXPECT_EQ(Hits(t, text), expected) << "'" << text << "'";
    }
  }
}

}  // namespace
}  // namespace precis
