// FactExtractor: times, durations, offsets from dates ("two weeks later"),
// relative periods ("last year") and date ranges, in several languages.
#include <string>

#include "fact_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace precis {
namespace {

using ::precis::testing::Expect;
using ::precis::testing::Extract;
using ::precis::testing::Extracted;

TEST(FactTemporalTest, EnglishTimes) {
  const Extracted x = Extract(
      "The meeting starts at 9 a.m. and ends at 21:30. A second session opens at 9:30 pm. "
      "Polls close at 12 am.",
      "en");
  const Fact* nine = Expect(x, FactType::kTime, "09:00");
  if (nine) {
    EXPECT_EQ(nine->grain, Grain::kHour);
    EXPECT_EQ(x.MentionText(*nine), "9 a.m.");
  }
  const Fact* late = Expect(x, FactType::kTime, "21:30");
  if (late) {
    EXPECT_EQ(late->grain, Grain::kMinute);
    EXPECT_EQ(late->mentions.size(), 2u);  // "21:30" and "9:30 pm"
  }
  Expect(x, FactType::kTime, "00:00");
}

TEST(FactTemporalTest, TimesInOtherLanguages) {
  Expect(Extract("Die Sitzung beginnt um 9 Uhr.", "de"), FactType::kTime, "09:00");
  Expect(Extract("La réunion commence à 21h30.", "fr"), FactType::kTime, "21:30");
  Expect(Extract("Встреча начнется в 9:00.", "ru"), FactType::kTime, "09:00");
  Expect(Extract("会议下午3点开始。", "zh"), FactType::kTime, "15:00");
  Expect(Extract("会議は午後3時に始まる。", "ja"), FactType::kTime, "15:00");
}

TEST(FactTemporalTest, NotTimes) {
  const Extracted x = Extract("The score was 2:1 and the ratio 25:75 at 30 pm.", "en");
  EXPECT_EQ(x.Count(FactType::kTime), 0) << x.Dump();
}

TEST(FactTemporalTest, Durations) {
  const Extracted x = Extract(
      "Troops have massed over the past two months. He served 10 years in prison. The "
      "strike lasted three weeks and the talks 4 hours.",
      "en");
  const Fact* months = Expect(x, FactType::kDuration, "P2M");
  if (months) {
    EXPECT_EQ(x.MentionText(*months), "two months");
  }
  Expect(x, FactType::kDuration, "P10Y");
  Expect(x, FactType::kDuration, "P3W");
  Expect(x, FactType::kDuration, "PT4H");
  EXPECT_EQ(x.Count(FactType::kQuantity), 0) << x.Dump();  // not "10 years" as a count
  Expect(Extract("Die Truppen sind seit zwei Monaten dort.", "de"), FactType::kDuration, "P2M");
  Expect(Extract("Войска находятся там уже два месяца.", "ru"), FactType::kDuration, "P2M");
  Expect(Extract("3時間の会議が開かれた。", "ja"), FactType::kDuration, "PT3H");
}

TEST(FactTemporalTest, YearsAreNotDurations) {
  const Extracted zh = Extract("2014年，克里米亚被吞并。", "zh");
  Expect(zh, FactType::kDate, "2014");
  EXPECT_EQ(zh.Count(FactType::kDuration), 0) << zh.Dump();
  const Extracted ru = Extract("Решение принято 10 января 2022 года.", "ru");
  EXPECT_EQ(ru.Count(FactType::kDuration), 0) << ru.Dump();
}

TEST(FactTemporalTest, OffsetsFromTheLastDate) {
  const Extracted x = Extract(
      "The ceasefire began on 4 March 2027. Two weeks later, talks resumed. Three days "
      "earlier, shelling had stopped. A month later the border reopened.",
      "en");
  Expect(x, FactType::kDate, "2027-03-04");
  const Fact* later = Expect(x, FactType::kDate, "2027-03-18");
  if (later) {
    EXPECT_EQ(later->modifier, "relative");
  }
  Expect(x, FactType::kDate, "2027-03-15");  // three days before 18 March
  Expect(x, FactType::kDate, "2027-04-15");  // a month after 15 March
}

TEST(FactTemporalTest, OffsetsKeepTheAnchorsPrecision) {
  const Extracted x = Extract(
      "The plant opened in 1990. Two years later it doubled output. In March 2005 it was "
      "sold; six months later it closed. The next day nothing happened.",
      "en");
  const Fact* y1992 = Expect(x, FactType::kDate, "1992");
  if (y1992) {
    EXPECT_EQ(y1992->grain, Grain::kYear);
  }
  Expect(x, FactType::kDate, "2005-09");
  // "The next day" after a month names no day.
  for (const Fact& f : x.facts) {
    EXPECT_FALSE(f.grain == Grain::kDay && f.modifier == "relative") << x.Dump();
  }
  Expect(Extract("1990年工厂开业，两年后产量翻番。", "zh"), FactType::kDate, "1992");
}

TEST(FactTemporalTest, OffsetsFromTheReferenceDay) {
  // Reference: Tuesday 28 December 2021.
  const Extracted x = Extract(
      "Three years ago, the plan failed. Two weeks ago prices fell. The vote is in two "
      "weeks. Three months ago the law passed.",
      "en");
  Expect(x, FactType::kDate, "2018");
  Expect(x, FactType::kDate, "2021-12-14");
  Expect(x, FactType::kDate, "2022-01-11");
  Expect(x, FactType::kDate, "2021-09");
  Expect(Extract("Vor drei Jahren scheiterte der Plan.", "de"), FactType::kDate, "2018");
  Expect(Extract("Il y a trois ans, le plan a échoué.", "fr"), FactType::kDate, "2018");
  Expect(Extract("Hace tres años el plan fracasó.", "es"), FactType::kDate, "2018");
  Expect(Extract("Через две недели пройдут переговоры.", "ru"), FactType::kDate, "2022-01-11");
  Expect(Extract("三年前计划失败了。", "zh"), FactType::kDate, "2018");
}

TEST(FactTemporalTest, RelativePeriods) {
  const Extracted x = Extract(
      "Prices rose last year. Talks continue next month. The vote is this week.", "en");
  const Fact* year = Expect(x, FactType::kDate, "2020");
  if (year) {
    EXPECT_EQ(year->grain, Grain::kYear);
    EXPECT_EQ(year->modifier, "relative");
  }
  Expect(x, FactType::kDate, "2022-01");
  const Fact* week = Expect(x, FactType::kDate, "2021-W52");
  if (week) {
    EXPECT_EQ(week->grain, Grain::kWeek);
  }
  Expect(Extract("Im vergangenen Jahr stiegen die Preise.", "de"), FactType::kDate, "2020");
  Expect(Extract("В прошлом году цены выросли.", "ru"), FactType::kDate, "2020");
  Expect(Extract("去年物价上涨。", "zh"), FactType::kDate, "2020");
  Expect(Extract("L'anno scorso i prezzi sono aumentati.", "it"), FactType::kDate, "2020");
}

TEST(FactTemporalTest, Ranges) {
  const Extracted x = Extract(
      "Funding runs between March 2027 and the end of 2029. The war lasted from 2014 to "
      "2016. Talks were held 10-12 January. The season runs 2020-2022.",
      "en");
  const Fact* span = Expect(x, FactType::kDate, "2027-03/2029-12");
  if (span) {
    EXPECT_EQ(x.MentionText(*span), "between March 2027 and the end of 2029");
    EXPECT_EQ(span->grain, Grain::kMonth);
  }
  Expect(x, FactType::kDate, "2014/2016");
  Expect(x, FactType::kDate, "2022-01-10/2022-01-12");
  Expect(x, FactType::kDate, "2020/2022");
  // The bounds are not reported again on their own.
  EXPECT_EQ(x.Find(FactType::kDate, "2027-03"), nullptr) << x.Dump();
  Expect(Extract("Der Vertrag gilt von 2014 bis 2016.", "de"), FactType::kDate, "2014/2016");
  Expect(Extract("Du 10 au 12 janvier, les discussions auront lieu.", "fr"), FactType::kDate,
         "2022-01-10/2022-01-12");
  Expect(Extract("2020年至2022年经济增长。", "zh"), FactType::kDate, "2020/2022");
}

}  // namespace
}  // namespace precis
