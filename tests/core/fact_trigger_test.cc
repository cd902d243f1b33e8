// FactTrigger: the positions where fact patterns can start. The extractor
// relies on it finding every non-glued start of every item (a missed start
// loses a fact), so the tests check starts, folding, spaces and the glued
// rule, and that the folding covers what RE2's (?i) matches.
#include "fact_trigger.h"

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "re2/re2.h"
#include "unicode/uchar.h"
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
  const std::string alphabet = "tThiraxyqz17 .-$XA";
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

// A capital first letter is screened by its lower case's triple unless a
// range or a one-letter capitals run gives it a mask of its own.
TEST(FactTriggerTest, CapitalsScreenedLikeLowerCaseUnlessMasked) {
  FactTrigger plain;
  plain.AddItem("third", 1);
  plain.AddAsciiCapitals(3, 2);
  plain.Compile();
  EXPECT_EQ(Hits(plain, "Thq Third thq"), (HitList{{4, 1}}));
  EXPECT_EQ(Hits(plain, "THQ Thq"), (HitList{{0, 2}}));
  FactTrigger single;
  single.AddItem("third", 1);
  single.AddAsciiCapitals(1, 2);
  single.Compile();
  EXPECT_EQ(Hits(single, "Thq thq"), (HitList{{0, 2}}));
  FactTrigger ranged;
  ranged.AddItem("third", 1);
  ranged.AddRange('A', 'Z', 4);
  ranged.Compile();
  EXPECT_EQ(Hits(ranged, "Thq thq Third"), (HitList{{0, 4}, {8, 5}}));
}

// MaskAt() against a plain reading of the contract: the union of the masks
// of the items that match at `pos` (code point by code point, simply case
// folded; a space in an item matches a run of horizontal space, a digit
// any one digit), of the ranges holding the first code point, and of the
// capitals mask where enough ASCII capitals start.
namespace reference {

std::vector<char32_t> CodePoints(std::string_view s) {
  std::vector<char32_t> out;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}
char32_t Fold(char32_t c) {
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}
bool Space(char32_t c) { return c == ' ' || c == 0x00A0 || c == 0x202F; }
bool Digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }

bool ItemAt(const std::vector<char32_t>& item, const std::vector<char32_t>& text, size_t at) {
  size_t t = at;
  for (size_t k = 0; k < item.size(); ++k) {
    const char32_t c = Fold(item[k]);
    if (Space(c)) {
      if (k > 0 && Space(Fold(item[k - 1]))) continue;  // one run
      if (t >= text.size() || !Space(text[t])) return false;
      while (t < text.size() && Space(text[t])) ++t;
    } else if (Digit(c) || c == 0xE000) {
      if (t >= text.size() || !Digit(text[t])) return false;
      ++t;
    } else {
      if (t >= text.size() || Fold(text[t]) != c) return false;
      ++t;
    }
  }
  return true;
}

}  // namespace reference

TEST(FactTriggerTest, MaskAtMatchesAPlainReadingOfItems) {
  const std::vector<std::string> items = {
      "in " + std::string(FactTrigger::kDigit), "in may", "the following day", "three",
      "thirty", "third", "to", "a", "ab1", "x  y", "stra\xC3\x9F" "e", "\xD1\x8F\xD0\xBD\xD0\xB2",
      "\xC3\xA9t\xC3\xA9", "7 \xE5\xB9\xB4", "$", "\xE2\x82\xAC"};
  FactTrigger t;
  for (size_t k = 0; k < items.size(); ++k) t.AddItem(items[k], uint64_t{1} << k);
  t.AddRange('0', '9', uint64_t{1} << 40);
  t.AddRange(0xFF10, 0xFF19, uint64_t{1} << 40);
  t.AddRange(0x00C0, 0x00FF, uint64_t{1} << 42);
  t.AddAsciiCapitals(3, uint64_t{1} << 41);
  t.Compile();
  std::vector<std::vector<char32_t>> item_cps;
  for (const std::string& item : items) item_cps.push_back(reference::CodePoints(item));
  // Random texts over letters of both cases (ASCII, Latin-1, Cyrillic),
  // spaces of three kinds, ASCII and fullwidth digits, CJK and symbols.
  const std::vector<std::string> alphabet = {
      "t", "T", "h", "H", "e", "i", "n", "N", "m", "a", "A", "y", "x", "X", "s", "S", "r",
      "d", "b", "1", "7", " ", "\xC2\xA0", "\xE2\x80\xAF", "\xEF\xBC\x97", "\xC3\xA9",
      "\xC3\x89", "\xC3\x9F", "\xE1\xBA\x9E", "\xD1\x8F", "\xD0\xAF", "\xD0\xBD",
      "\xD0\x9D", "\xD0\xB2", "\xE5\xB9\xB4", "$", "\xE2\x82\xAC", ".", "-"};
  std::mt19937 rng(20261128);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int length = 1 + static_cast<int>(rng() % 10);
    for (int k = 0; k < length; ++k) text += alphabet[rng() % alphabet.size()];
    const std::vector<char32_t> cps = reference::CodePoints(text);
    size_t pos = 0;
    for (size_t c = 0; c < cps.size(); ++c) {
      uint64_t expected = 0;
      for (size_t k = 0; k < items.size(); ++k) {
        if (reference::ItemAt(item_cps[k], cps, c)) expected |= uint64_t{1} << k;
      }
      if (reference::Digit(cps[c])) expected |= uint64_t{1} << 40;
      if (cps[c] >= 0x00C0 && cps[c] <= 0x00FF) expected |= uint64_t{1} << 42;
      if (pos + 3 <= text.size() && text[pos] >= 'A' && text[pos] <= 'Z' &&
          text[pos + 1] >= 'A' && text[pos + 1] <= 'Z' && text[pos + 2] >= 'A' &&
          text[pos + 2] <= 'Z') {
        expected |= uint64_t{1} << 41;
      }
      ASSERT_EQ(t.MaskAt(text, pos), expected) << "'" << text << "' at " << pos;
      int32_t next = static_cast<int32_t>(pos);
      U8_FWD_1(text.data(), next, static_cast<int32_t>(text.size()));
      pos = static_cast<size_t>(next);
    }
  }
}

}  // namespace
}  // namespace precis
