// Edge cases of the fact extractor's fast paths, pinned so that a shortcut
// that changed a result would fail: starts screened out before any pattern
// runs ("000" of "2,000", "14" of "3.14", "35" of "F-35"), patterns whose
// one group is the whole match ("yesterday", "the following day", "last
// year"), the duration pattern's single RE2 call, and the ordinal
// finder's word-at-once tokenizer and ASCII prefix keys. Hits at the text's
// start and end, multi-byte neighbours and overlapping candidates included.
#include <string>

#include "fact_extractor.h"
#include "fact_test_util.h"
#include "gtest/gtest.h"

namespace precis {
namespace {

using ::precis::testing::Expect;
using ::precis::testing::Extract;
using ::precis::testing::Extracted;

TEST(FactFastPathTest, GroupedAndDecimalNumbersAreWhole) {
  const Extracted x = Extract(
      "Some 2,000 troops and 1.5 million people moved; 10,500,000 dollars were spent "
      "and turnout was 45.5%.",
      "en");
  const Fact* troops = Expect(x, FactType::kQuantity, "2000");
  if (troops) {
    EXPECT_EQ(troops->unit, "troops");
    EXPECT_EQ(x.MentionText(*troops), "2,000 troops");
  }
  const Fact* people = Expect(x, FactType::kQuantity, "1500000");
  if (people) {
    EXPECT_EQ(people->unit, "people");
  }
  const Fact* money = Expect(x, FactType::kMoney, "10500000");
  if (money) {
    EXPECT_EQ(money->unit, "USD");
  }
  const Fact* percent = Expect(x, FactType::kPercent, "45.5");
  if (percent) {
    EXPECT_EQ(x.MentionText(*percent), "45.5%");
  }
  // No fact starts inside a number.
  for (const char* part : {"0", "000", "5", "500", "500000"}) {
    for (const Fact& f : x.facts) EXPECT_NE(f.value, part) << x.Dump();
  }
}

TEST(FactFastPathTest, NumbersAtTheTextEdges) {
  // A decimal mark at the very start has no digit before it: ".5%" is 5%.
  const Extracted start = Extract(".5% of voters stayed home.", "en");
  Expect(start, FactType::kPercent, "5");
  // A grouped number ending the text, and a decimal one.
  const Extracted end = Extract("Turnout reached 45.5%", "en");
  const Fact* percent = Expect(end, FactType::kPercent, "45.5");
  if (percent) {
    EXPECT_EQ(end.MentionText(*percent), "45.5%");
  }
  EXPECT_EQ(end.Find(FactType::kPercent, "5"), nullptr) << end.Dump();
  const Extracted last = Extract("The crowd was estimated at 2,000", "en");
  for (const Fact& f : last.facts) EXPECT_NE(f.value, "0") << last.Dump();
}

TEST(FactFastPathTest, HyphenBeforeDigits) {
  // A letter before the hyphen (Latin or Cyrillic, multi-byte) names a
  // model; a digit before it makes a range.
  const Extracted en = Extract(
      "The F-35 jets, 40 Su-27 jets and COVID-19 patients were counted from 10-12 January.",
      "en");
  EXPECT_EQ(en.Find(FactType::kQuantity, "35"), nullptr) << en.Dump();
  EXPECT_EQ(en.Find(FactType::kQuantity, "27"), nullptr) << en.Dump();
  EXPECT_EQ(en.Find(FactType::kQuantity, "19"), nullptr) << en.Dump();
  const Fact* range = Expect(en, FactType::kDate, "2022-01-10/2022-01-12");
  if (range) {
    EXPECT_EQ(en.MentionText(*range), "10-12 January");
  }
  const Extracted ru = Extract("В небе были замечены Ил-76 и 12 самолётов.", "ru");
  EXPECT_EQ(ru.Find(FactType::kQuantity, "76"), nullptr) << ru.Dump();
  const Fact* planes = Expect(ru, FactType::kQuantity, "12");
  if (planes) {
    EXPECT_EQ(planes->unit, "самолётов");
  }
}

TEST(FactFastPathTest, GroupingMarksOfOtherLanguages) {
  const Extracted de = Extract("Rund 1.000 Soldaten kamen, die Preise stiegen um 2,5 Prozent.", "de");
  const Fact* soldiers = Expect(de, FactType::kQuantity, "1000");
  if (soldiers) {
    EXPECT_EQ(soldiers->unit, "Soldaten");
  }
  Expect(de, FactType::kPercent, "2.5");
  EXPECT_EQ(de.Find(FactType::kPercent, "5"), nullptr) << de.Dump();
}

TEST(FactFastPathTest, WholeMatchGroups) {
  const Extracted x = Extract(
      "Talks began on 10 January. The delegates met again the following day, and "
      "yesterday they said the deal of last year stands.",
      "en");
  const Fact* next = Expect(x, FactType::kDate, "2022-01-11");
  if (next) {
    EXPECT_EQ(x.MentionText(*next), "the following day");
  }
  const Fact* yesterday = Expect(x, FactType::kDate, "2021-12-27");
  if (yesterday) {
    EXPECT_EQ(x.MentionText(*yesterday), "yesterday");
  }
  const Fact* last_year = Expect(x, FactType::kDate, "2020");
  if (last_year) {
    EXPECT_EQ(x.MentionText(*last_year), "last year");
  }
}

TEST(FactFastPathTest, Durations) {
  const Extracted x = Extract(
      "The siege lasted two months. Talks resume in 3 weeks, after 48 hours of calm that "
      "ended three years ago.",
      "en");
  const Fact* months = Expect(x, FactType::kDuration, "P2M");
  if (months) {
    EXPECT_EQ(x.MentionText(*months), "two months");
  }
  const Fact* hours = Expect(x, FactType::kDuration, "PT48H");
  if (hours) {
    EXPECT_EQ(x.MentionText(*hours), "48 hours");
  }
  // Offsets from the reference day (2021-12-28) are dates.
  Expect(x, FactType::kDate, "2022-01-18");
  Expect(x, FactType::kDate, "2018");
}

TEST(FactFastPathTest, OrdinalTokens) {
  const Extracted x = Extract(
      "It is the world's 10th-largest economy and the second-largest exporter. "
      "Profits fell for a third consecutive quarter at the U.S.-based firm, its "
      "SECOND-quarter loss.",
      "en");
  const Fact* tenth = Expect(x, FactType::kOrdinal, "10");
  if (tenth) {
    EXPECT_EQ(tenth->unit, "largest economy");
    EXPECT_EQ(x.MentionText(*tenth), "10th");
  }
  const Fact* second = Expect(x, FactType::kOrdinal, "2");
  if (second) {
    EXPECT_EQ(second->unit, "largest exporter");
  }
  const Fact* third = Expect(x, FactType::kOrdinal, "3");
  if (third) {
    EXPECT_EQ(third->unit, "quarter");
    EXPECT_EQ(third->modifier, "consecutive");
  }
}

}  // namespace
}  // namespace precis
