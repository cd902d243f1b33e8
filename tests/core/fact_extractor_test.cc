// FactExtractor on whole texts: the sample article, every fact type in
// en/de/fr/es/ru/zh/ja, negative cases, mentions, context handling.
#include "fact_extractor.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <chrono>
#include <ctime>
#include <thread>

#include "fact_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace precis {
namespace {

using ::precis::testing::Expect;
using ::precis::testing::Extract;
using ::precis::testing::Extracted;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(FactExtractorTest, SampleArticle) {
  const std::string text =
      ReadFile(std::string(PRECIS_TESTDATA_DIR) + "/articles/us-russia-ukraine-talks.txt");
  ASSERT_FALSE(text.empty());
  const Extracted x = Extract(text, "en");

  const Fact* jan10 = Expect(x, FactType::kDate, "2022-01-10");
  const Fact* jan12 = Expect(x, FactType::kDate, "2022-01-12");
  const Fact* jan13 = Expect(x, FactType::kDate, "2022-01-13");
  const Fact* y2014 = Expect(x, FactType::kDate, "2014");
  const Fact* early_jan = Expect(x, FactType::kDate, "2022-01");
  if (jan10 && jan12 && jan13 && y2014 && early_jan) {
    EXPECT_EQ(jan10->grain, Grain::kDay);
    EXPECT_EQ(x.MentionText(*jan10), "10th of January");
    EXPECT_LT(jan10->confidence, 0.9);  // the year was inferred
    EXPECT_EQ(jan12->mentions.size(), 2u);
    // "the following day" and "the next day", both after a 12 January.
    ASSERT_EQ(jan13->mentions.size(), 2u);
    EXPECT_EQ(x.MentionText(*jan13, 0), "the following day");
    EXPECT_EQ(x.MentionText(*jan13, 1), "the next day");
    EXPECT_EQ(jan13->modifier, "relative");
    EXPECT_EQ(y2014->grain, Grain::kYear);
    EXPECT_EQ(early_jan->grain, Grain::kMonth);
    EXPECT_EQ(early_jan->modifier, "early");
  }
  // "late on Monday" / "On Monday": the Monday before Tuesday 28 December.
  const Fact* monday = Expect(x, FactType::kDate, "2021-12-27");
  if (monday) {
    EXPECT_EQ(monday->mentions.size(), 2u);
  }
  Expect(x, FactType::kDate, "2021-12-28");  // "on Tuesday"

  const Fact* money = Expect(x, FactType::kMoney, "300000000");
  if (money) {
    EXPECT_EQ(money->unit, "USD");
    EXPECT_LT(money->confidence, 0.9);  // a bare "$"
    EXPECT_EQ(x.MentionText(*money), "$300 million");
  }
  const Fact* biden = Expect(x, FactType::kPerson, "Joe Biden");
  if (biden) {
    // "the Biden administration" comes first and is merged in.
    ASSERT_EQ(biden->mentions.size(), 2u);
    EXPECT_EQ(x.MentionText(*biden, 0), "Biden");
    EXPECT_EQ(x.MentionText(*biden, 1), "Joe Biden");
  }
  Expect(x, FactType::kPerson, "Sergei Ryabkov");
  for (const char* place : {"Ukraine", "Geneva", "Brussels", "Moscow", "United States"}) {
    Expect(x, FactType::kPlace, place);
  }
  Expect(x, FactType::kOrganization, "NATO");
  Expect(x, FactType::kOrganization,
         "Organisation for Security and Cooperation in Europe");
  const Fact* troops = Expect(x, FactType::kQuantity, "10000");
  if (troops) {
    EXPECT_EQ(troops->unit, "troops");
    EXPECT_EQ(troops->modifier, "approx");
  }
  // No titles in names, no demonyms, no phantom numbers.
  EXPECT_EQ(x.Find(FactType::kPerson, "President Joe Biden"), nullptr);
  EXPECT_EQ(x.Find(FactType::kName, "Russian"), nullptr);
  EXPECT_EQ(x.Find(FactType::kName, "European"), nullptr);
  EXPECT_EQ(x.Count(FactType::kNumber), 0);
  // Boilerplate is not skipped by the extractor itself, but it has no facts.
  for (const Fact& f : x.facts) {
    for (size_t i = 1; i < f.mentions.size(); ++i) {
      EXPECT_LT(f.mentions[i - 1].range.begin, f.mentions[i].range.begin);
    }
  }
}

TEST(FactExtractorTest, FactsAreInOrderOfFirstMentionWithValidRanges) {
  const Extracted x = Extract(
      "Germany pledged €2.3bn on 4 March 2022. Germany later added €1bn. "
      "France said inflation hit 4.5%.",
      "en");
  ASSERT_GE(x.facts.size(), 5u);
  for (size_t i = 1; i < x.facts.size(); ++i) {
    EXPECT_LE(x.facts[i - 1].mentions.front().range.begin,
              x.facts[i].mentions.front().range.begin);
  }
  const Fact* germany = Expect(x, FactType::kPlace, "Germany");
  if (germany) {
    ASSERT_EQ(germany->mentions.size(), 2u);
    EXPECT_EQ(germany->mentions[0].sentence, 0);
    EXPECT_EQ(germany->mentions[1].sentence, 1);
    EXPECT_EQ(x.MentionText(*germany, 1), "Germany");
  }
  const Fact* money = Expect(x, FactType::kMoney, "2300000000");
  if (money) {
    EXPECT_EQ(money->unit, "EUR");
    EXPECT_GE(money->confidence, 0.9);
  }
  Expect(x, FactType::kMoney, "1000000000");
  Expect(x, FactType::kPercent, "4.5");
  Expect(x, FactType::kDate, "2022-03-04");
}

TEST(FactExtractorTest, EnglishDates) {
  const Extracted x = Extract(
      "The deal was signed on January 10, 2022. A report dated 25/12/2021 followed. "
      "Prices rose in early 2014. The vote is next Tuesday. Officials met yesterday. "
      "Talks are planned for mid-March. The company was founded in 1998. "
      "The summit opened on 2022-06-30.",
      "en");
  Expect(x, FactType::kDate, "2022-01-10");
  Expect(x, FactType::kDate, "2021-12-25");  // unambiguous: 25 > 12
  const Fact* y2014 = Expect(x, FactType::kDate, "2014");
  if (y2014) {
    EXPECT_EQ(y2014->modifier, "early");
  }
  Expect(x, FactType::kDate, "2022-01-04");  // next Tuesday after Tue 28 Dec
  Expect(x, FactType::kDate, "2021-12-27");  // yesterday
  const Fact* march = Expect(x, FactType::kDate, "2022-03");
  if (march) {
    EXPECT_EQ(march->modifier, "mid");
    EXPECT_EQ(march->grain, Grain::kMonth);
  }
  Expect(x, FactType::kDate, "1998");
  Expect(x, FactType::kDate, "2022-06-30");
}

TEST(FactExtractorTest, YearInferenceChoosesNearestOccurrence) {
  // Read on 28 December 2021: "10 January" is next month, "3 December" is
  // this month, "15 July" (5.5 months back) is last summer.
  const Extracted x = Extract(
      "Talks resume on 10 January. Talks began on 3 December. A first round was on 15 July.",
      "en");
  Expect(x, FactType::kDate, "2022-01-10");
  Expect(x, FactType::kDate, "2021-12-03");
  const Fact* july = Expect(x, FactType::kDate, "2021-07-15");
  if (july) {
    EXPECT_NEAR(july->confidence, 0.7, 1e-9);
  }
}

TEST(FactExtractorTest, AnchoredDatesFollowTheLastDate) {
  const Extracted x = Extract(
      "The ceasefire began on 4 March 2027. Fighting resumed the next day. "
      "On 20 May 2027 talks opened and the day before, troops withdrew.",
      "en");
  Expect(x, FactType::kDate, "2027-03-04");
  Expect(x, FactType::kDate, "2027-03-05");
  Expect(x, FactType::kDate, "2027-05-20");
  Expect(x, FactType::kDate, "2027-05-19");
}

TEST(FactExtractorTest, RelativeDaysUseTheTimeZone) {
  // 2021-12-28T02:00Z is still Monday 27 December in New York.
  const int64_t ms = 1640656800000;
  const Extracted utc = Extract("The minister resigned today.", "en", ms, "UTC");
  const Extracted ny = Extract("The minister resigned today.", "en", ms, "America/New_York");
  Expect(utc, FactType::kDate, "2021-12-28");
  Expect(ny, FactType::kDate, "2021-12-27");
}

TEST(FactExtractorTest, NoReferenceTimeMeansNoGuessedDates) {
  const Extracted x = Extract(
      "Talks resume on 10 January. They met on Monday. The treaty dates from 12 May 1998.",
      "en", /*reference_ms=*/0);
  EXPECT_EQ(x.Find(FactType::kDate, "2022-01-10"), nullptr);
  for (const Fact& f : x.facts) EXPECT_NE(f.modifier, "relative") << f.value;
  Expect(x, FactType::kDate, "1998-05-12");
}

TEST(FactExtractorTest, EnglishMoneyPercentQuantity) {
  const Extracted x = Extract(
      "The firm raised US$5 million, C$10m and €2.3bn, plus £5 in fees and 120 dollars "
      "in cash. Unemployment fell 45 per cent while inflation rose 4.5 percent. "
      "China launched 14 weather satellites and 3 rockets. Hundreds of protesters "
      "gathered. The fund holds $1,250.50 and 7,500 tonnes of grain.",
      "en");
  const Fact* usd5 = Expect(x, FactType::kMoney, "5000000");
  if (usd5) {
    EXPECT_EQ(usd5->unit, "USD");
    EXPECT_GE(usd5->confidence, 0.9);  // "US$" is explicit
  }
  const Fact* cad = Expect(x, FactType::kMoney, "10000000");
  if (cad) {
    EXPECT_EQ(cad->unit, "CAD");
  }
  const Fact* gbp = Expect(x, FactType::kMoney, "5");
  if (gbp) {
    EXPECT_EQ(gbp->unit, "GBP");
  }
  const Fact* dollars = Expect(x, FactType::kMoney, "120");
  if (dollars) {
    EXPECT_EQ(dollars->unit, "USD");
  }
  Expect(x, FactType::kMoney, "1250.5");
  Expect(x, FactType::kPercent, "45");
  Expect(x, FactType::kPercent, "4.5");
  const Fact* sats = Expect(x, FactType::kQuantity, "14");
  if (sats) {
    EXPECT_EQ(sats->unit, "weather satellites");
  }
  const Fact* rockets = Expect(x, FactType::kQuantity, "3");
  if (rockets) {
    EXPECT_EQ(rockets->unit, "rockets");
  }
  const Fact* protesters = Expect(x, FactType::kQuantity, "100");
  if (protesters) {
    EXPECT_EQ(protesters->unit, "protesters");
    EXPECT_EQ(protesters->modifier, "approx");
  }
  const Fact* grain = Expect(x, FactType::kQuantity, "7500");
  if (grain) {
    EXPECT_EQ(grain->unit, "tonnes");
  }
}

TEST(FactExtractorTest, EnglishNegativeCases) {
  const Extracted x = Extract(
      "Call +1 212 555 0100 or 555-123-4567 for details. The second round of talks is "
      "planned. Euro 2020 was postponed. See p. 55 for the table and page 12 for more.\n"
      "1. Introduction\n2. Methods\n"
      "A report dated 10/01/2022 was published. Windows 2000 crashed twice.",
      "en");
  for (const Fact& f : x.facts) {
    EXPECT_NE(f.type, FactType::kNumber) << x.Dump();
    EXPECT_NE(f.type, FactType::kOrdinal) << x.Dump();
    EXPECT_NE(f.type, FactType::kQuantity) << x.Dump();
    EXPECT_NE(f.type, FactType::kDate) << x.Dump();  // 10/01/2022 is ambiguous
    EXPECT_NE(f.type, FactType::kMoney) << x.Dump();
  }
  EXPECT_EQ(x.Find(FactType::kName, "Introduction"), nullptr) << x.Dump();
}

TEST(FactExtractorTest, ModelNumbersAreNoCounts) {
  const Extracted x = Extract(
      "The air force ordered F-35 jets and two Boeing 737 aircraft. COVID-19 cases fell. "
      "Many Windows 11 machines crashed. In March 300 people protested.",
      "en");
  EXPECT_EQ(x.Find(FactType::kQuantity, "35"), nullptr) << x.Dump();
  EXPECT_EQ(x.Find(FactType::kQuantity, "737"), nullptr) << x.Dump();
  EXPECT_EQ(x.Find(FactType::kQuantity, "19"), nullptr) << x.Dump();
  EXPECT_EQ(x.Find(FactType::kQuantity, "11"), nullptr) << x.Dump();
  const Fact* people = Expect(x, FactType::kQuantity, "300");
  if (people) {
    EXPECT_EQ(people->unit, "people");
  }
}

TEST(FactExtractorTest, DecimalsAreNotSplit) {
  const Extracted x = Extract("He scored 3.14 points while rivals had 2,5 points.", "en");
  const Fact* pts = Expect(x, FactType::kQuantity, "3.14");
  if (pts) {
    EXPECT_EQ(pts->unit, "points");
  }
  EXPECT_EQ(x.Find(FactType::kQuantity, "14"), nullptr) << x.Dump();
  Expect(x, FactType::kQuantity, "2.5");
}

TEST(FactExtractorTest, EnglishNames) {
  const Extracted x = Extract(
      "U.S. President Joe Biden met Deputy Foreign Minister Sergei Ryabkov in Geneva. "
      "Former prime minister Theresa May visited the Bank of England. "
      "Microsoft Corp said on Friday that it would hire. Ryabkov said talks were useful. "
      "The United Nations and the OSCE issued a statement.",
      "en");
  Expect(x, FactType::kPlace, "United States");
  Expect(x, FactType::kPerson, "Joe Biden");
  const Fact* ryabkov = Expect(x, FactType::kPerson, "Sergei Ryabkov");
  if (ryabkov) {
    EXPECT_EQ(ryabkov->mentions.size(), 2u);
  }
  Expect(x, FactType::kPerson, "Theresa May");
  Expect(x, FactType::kOrganization, "Bank of England");
  Expect(x, FactType::kOrganization, "Microsoft Corp");
  Expect(x, FactType::kOrganization, "OSCE");
  Expect(x, FactType::kPlace, "Geneva");
  EXPECT_EQ(x.Find(FactType::kPerson, "Deputy Foreign Minister Sergei Ryabkov"), nullptr);
  EXPECT_EQ(x.Find(FactType::kName, "Ryabkov"), nullptr);
}

TEST(FactExtractorTest, German) {
  const Extracted x = Extract(
      "Die Bundesregierung will 450 Millionen Euro für die Ukraine bereitstellen. Das "
      "teilte Bundeskanzler Olaf Scholz am Montag in Berlin mit. Die Inflation stieg auf "
      "4,5 Prozent. Am 10. Januar 2022 treffen sich Vertreter Russlands und der Nato in "
      "Genf, am Folgetag in Brüssel. Zehntausende Soldaten stehen an der Grenze. Die "
      "Deutsche Bank meldete einen Gewinn von 2,3 Mrd. Euro. Anfang März kommt der "
      "Minister nach Wien. Die Zahl stieg auf 1.500 Menschen.",
      "de");
  const Fact* eur = Expect(x, FactType::kMoney, "450000000");
  if (eur) {
    EXPECT_EQ(eur->unit, "EUR");
  }
  Expect(x, FactType::kMoney, "2300000000");
  Expect(x, FactType::kPercent, "4.5");
  Expect(x, FactType::kDate, "2022-01-10");
  Expect(x, FactType::kDate, "2022-01-11");  // am Folgetag
  Expect(x, FactType::kDate, "2021-12-27");  // am Montag
  const Fact* march = Expect(x, FactType::kDate, "2022-03");
  if (march) {
    EXPECT_EQ(march->modifier, "early");
  }
  Expect(x, FactType::kPerson, "Olaf Scholz");
  Expect(x, FactType::kPlace, "Russland");  // from "Russlands"
  Expect(x, FactType::kPlace, "Genf");
  Expect(x, FactType::kPlace, "Wien");
  Expect(x, FactType::kOrganization, "Deutsche Bank");
  Expect(x, FactType::kOrganization, "Nato");
  const Fact* soldiers = Expect(x, FactType::kQuantity, "10000");
  if (soldiers) {
    EXPECT_EQ(soldiers->unit, "Soldaten");
  }
  const Fact* people = Expect(x, FactType::kQuantity, "1500");
  if (people) {
    EXPECT_EQ(people->unit, "Menschen");
  }
  // Capitalized common nouns are not names.
  EXPECT_EQ(x.Count(FactType::kName), 0) << x.Dump();
}

TEST(FactExtractorTest, French) {
  const Extracted x = Extract(
      "Le gouvernement a débloqué 2,3 milliards d'euros. Le président Emmanuel Macron a "
      "annoncé lundi la mesure à Paris. Le chômage a reculé à 7,4 % en 2021. Les "
      "discussions auront lieu le 10 janvier 2022 à Genève, puis le lendemain à Bruxelles "
      "avec l'Organisation pour la sécurité et la coopération en Europe. Des dizaines de "
      "milliers de soldats sont massés près de l'Ukraine. Début janvier, l'OTAN se réunira. "
      "Le 1er février, 14 300 personnes ont manifesté.",
      "fr");
  Expect(x, FactType::kMoney, "2300000000");
  Expect(x, FactType::kPercent, "7.4");
  Expect(x, FactType::kDate, "2021");
  Expect(x, FactType::kDate, "2022-01-10");
  Expect(x, FactType::kDate, "2022-01-11");  // le lendemain
  Expect(x, FactType::kDate, "2022-02-01");  // 1er février
  const Fact* jan = Expect(x, FactType::kDate, "2022-01");
  if (jan) {
    EXPECT_EQ(jan->modifier, "early");
  }
  Expect(x, FactType::kPerson, "Emmanuel Macron");
  Expect(x, FactType::kPlace, "Genève");
  Expect(x, FactType::kPlace, "Ukraine");
  Expect(x, FactType::kOrganization,
         "Organisation pour la sécurité et la coopération en Europe");
  Expect(x, FactType::kOrganization, "OTAN");
  const Fact* soldiers = Expect(x, FactType::kQuantity, "10000");
  if (soldiers) {
    EXPECT_EQ(soldiers->unit, "soldats");
  }
  const Fact* people = Expect(x, FactType::kQuantity, "14300");
  if (people) {
    EXPECT_EQ(people->unit, "personnes");
  }
}

TEST(FactExtractorTest, Spanish) {
  const Extracted x = Extract(
      "El presidente Pedro Sánchez lo anunció el lunes en Madrid. El Gobierno aprobó 300 "
      "millones de euros el 10 de enero de 2022. El paro bajó al 12,5 por ciento. Al "
      "día siguiente, la OTAN se reunió en Bruselas. Decenas de miles de soldados rusos "
      "están en la frontera con Ucrania. A principios de enero, EE.UU. y Rusia negociarán "
      "en Ginebra.",
      "es");
  Expect(x, FactType::kMoney, "300000000");
  Expect(x, FactType::kDate, "2022-01-10");
  Expect(x, FactType::kDate, "2022-01-11");
  Expect(x, FactType::kPercent, "12.5");
  Expect(x, FactType::kPerson, "Pedro Sánchez");
  Expect(x, FactType::kPlace, "Estados Unidos");
  Expect(x, FactType::kPlace, "Ucrania");
  Expect(x, FactType::kOrganization, "OTAN");
  const Fact* jan = Expect(x, FactType::kDate, "2022-01");
  if (jan) {
    EXPECT_EQ(jan->modifier, "early");
  }
  Expect(x, FactType::kQuantity, "10000");
  EXPECT_EQ(x.Find(FactType::kName, "Gobierno"), nullptr) << x.Dump();
}

TEST(FactExtractorTest, Russian) {
  const Extracted x = Extract(
      "Россия выделит 3,5 млрд рублей на проект. Об этом заявил замминистра иностранных "
      "дел России Сергей Рябков в понедельник в Москве. Переговоры пройдут 10 января 2022 "
      "года в Женеве, а на следующий день в Брюсселе. Инфляция составила 8,4%. Десятки "
      "тысяч военных находятся у границ Украины. В 2014 году Россия присоединила Крым. В "
      "начале января НАТО и ОБСЕ проведут встречи.",
      "ru");
  const Fact* rub = Expect(x, FactType::kMoney, "3500000000");
  if (rub) {
    EXPECT_EQ(rub->unit, "RUB");
  }
  Expect(x, FactType::kPerson, "Сергей Рябков");
  Expect(x, FactType::kDate, "2021-12-27");
  Expect(x, FactType::kDate, "2022-01-10");
  Expect(x, FactType::kDate, "2022-01-11");
  Expect(x, FactType::kDate, "2014");
  const Fact* jan = Expect(x, FactType::kDate, "2022-01");
  if (jan) {
    EXPECT_EQ(jan->modifier, "early");
  }
  Expect(x, FactType::kPercent, "8.4");
  Expect(x, FactType::kQuantity, "10000");
  Expect(x, FactType::kPlace, "Москва");  // from "в Москве"
  Expect(x, FactType::kPlace, "Украина");  // from "Украины"
  Expect(x, FactType::kOrganization, "НАТО");
  Expect(x, FactType::kOrganization, "ОБСЕ");
}

TEST(FactExtractorTest, Chinese) {
  const Extracted x = Extract(
      "中国政府宣布投资50亿元。2022年1月10日，美国和俄罗斯在日内瓦举行会谈，次日北约在布鲁塞尔"
      "开会。通胀率为4.5%。数万名士兵集结在乌克兰边境。周一，外交部发言人表示。",
      "zh");
  const Fact* cny = Expect(x, FactType::kMoney, "5000000000");
  if (cny) {
    EXPECT_EQ(cny->unit, "CNY");
  }
  Expect(x, FactType::kDate, "2022-01-10");
  Expect(x, FactType::kDate, "2022-01-11");  // 次日
  Expect(x, FactType::kDate, "2021-12-27");  // 周一
  Expect(x, FactType::kPercent, "4.5");
  Expect(x, FactType::kPlace, "美国");
  Expect(x, FactType::kPlace, "日内瓦");
  Expect(x, FactType::kOrganization, "北约");
}

TEST(FactExtractorTest, CjkCounts) {
  const Extracted zh = Extract("数万名士兵集结在边境。代表团共有120人。", "zh");
  const Fact* soldiers = Expect(zh, FactType::kQuantity, "10000");
  if (soldiers) {
    EXPECT_EQ(soldiers->unit, "士兵");
    EXPECT_EQ(soldiers->modifier, "approx");
  }
  const Fact* people = Expect(zh, FactType::kQuantity, "120");
  if (people) {
    EXPECT_EQ(people->unit, "人");
  }
  // Days and months are no counts.
  const Extracted ja = Extract("トヨタ自動車は13日、5月に1兆5000億円を投じると発表した。", "ja",
                               1686819600000 /* 2023-06-15 */);
  EXPECT_EQ(ja.Count(FactType::kQuantity), 0) << ja.Dump();
  Expect(ja, FactType::kDate, "2023-06-13");
  Expect(ja, FactType::kDate, "2023-05");
  Expect(ja, FactType::kMoney, "1500000000000");
}

TEST(FactExtractorTest, Japanese) {
  const Extracted x = Extract(
      "政府は120億円を投じると発表した。2022年1月10日、米国とロシアはジュネーブで協議し、翌日、"
      "北大西洋条約機構はブリュッセルで会合を開く。物価上昇率は2.5%だった。月曜日に外務省が発表した。"
      "2014年に併合された。",
      "ja");
  const Fact* jpy = Expect(x, FactType::kMoney, "12000000000");
  if (jpy) {
    EXPECT_EQ(jpy->unit, "JPY");
  }
  Expect(x, FactType::kDate, "2022-01-10");
  Expect(x, FactType::kDate, "2022-01-11");  // 翌日
  Expect(x, FactType::kDate, "2021-12-27");  // 月曜日
  Expect(x, FactType::kDate, "2014");
  Expect(x, FactType::kPercent, "2.5");
  Expect(x, FactType::kPlace, "ロシア");
  Expect(x, FactType::kOrganization, "北大西洋条約機構");
}

TEST(FactExtractorTest, UnknownLanguageKeepsLanguageFreeRules) {
  const Extracted x = Extract("Hiyo US$5 na 4,5% 2022-06-30.", "sw");
  Expect(x, FactType::kMoney, "5");
  Expect(x, FactType::kPercent, "4.5");
  Expect(x, FactType::kDate, "2022-06-30");
}

TEST(FactExtractorTest, SkippedSentencesAreIgnored) {
  const std::string text = "Inflation hit 4.5%. Subscribe for $5 a month.";
  auto normalized = NormalizedText::Create(text);
  ASSERT_TRUE(normalized.ok());
  const auto sentences = testing::Sentences(normalized->text(), "en");
  ASSERT_EQ(sentences.size(), 2u);
  FactContext context;
  context.language = "en";
  context.reference_time_ms = testing::kReferenceMs;
  const auto facts = testing::SharedExtractor().Extract(normalized->text(), sentences,
                                                        {false, true}, context);
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].type, FactType::kPercent);
  EXPECT_EQ(facts[0].mentions[0].sentence, 0);
}

TEST(FactExtractorTest, ConcurrentCallsAgree) {
  const std::string text =
      ReadFile(std::string(PRECIS_TESTDATA_DIR) + "/articles/us-russia-ukraine-talks.txt");
  const Extracted expected = Extract(text, "en");
  std::vector<std::thread> threads;
  std::vector<int> same(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        const Extracted x = Extract(text, "en");
        same[t] += x.Dump() == expected.Dump();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(same[t], 20);
}

// Random mixtures of digits, symbols and words in several scripts: no
// crash, and every mention lies inside its sentence with a non-empty value.
TEST(FactExtractorTest, RandomInputIsHandled) {
  static const char* kPieces[] = {
      "1", "12", "2022", "3,5", "4.5", "10 000", "%", "$", "€", "US$", " ", " ", ". ",
      "\n", "-", "/", ":", "January", "janvier", "января", "1月", "日", "億円", "million",
      "млрд", "Mr", "President", "Joe", "NATO", "the following day", "ago", "later",
      "between", "and", "年", "h", "a.m.", "\u00A0", "\u202F", "Ünïcödé", "(", ")", "'s"};
  uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
  };
  for (const char* lang : {"en", "de", "fr", "ru", "zh", "ja", "xx"}) {
    for (int round = 0; round < 40; ++round) {
      std::string text;
      const int pieces = 5 + next() % 60;
      for (int i = 0; i < pieces; ++i) text += kPieces[next() % std::size(kPieces)];
      const Extracted x = Extract(text, lang);
      const auto sentences = testing::Sentences(x.text, lang);
      for (const Fact& f : x.facts) {
        EXPECT_FALSE(f.value.empty()) << text;
        ASSERT_FALSE(f.mentions.empty()) << text;
        for (const FactMention& m : f.mentions) {
          ASSERT_GE(m.sentence, 0) << text;
          ASSERT_LT(static_cast<size_t>(m.sentence), sentences.size()) << text;
          EXPECT_TRUE(sentences[m.sentence].Contains(m.range)) << text << " / " << f.value;
          EXPECT_FALSE(m.range.empty()) << text << " / " << f.value;
        }
      }
    }
  }
}

// Development probe: FACT_PROBE_LANG=xx FACT_PROBE_TEXT=... prints the facts.
TEST(FactExtractorProbe, Probe) {
  const char* text = std::getenv("FACT_PROBE_TEXT");
  const char* lang = std::getenv("FACT_PROBE_LANG");
  if (text == nullptr || lang == nullptr) GTEST_SKIP() << "set FACT_PROBE_TEXT/LANG";
  std::cerr << Extract(text, lang).Dump();
}

// Development timing (no assertion): FACT_PROBE_BENCH=1 prints µs/article.
TEST(FactExtractorProbe, Timing) {
  if (std::getenv("FACT_PROBE_BENCH") == nullptr) GTEST_SKIP() << "set FACT_PROBE_BENCH";
  const std::string text =
      ReadFile(std::string(PRECIS_TESTDATA_DIR) + "/articles/us-russia-ukraine-talks.txt");
  auto normalized = NormalizedText::Create(text);
  ASSERT_TRUE(normalized.ok());
  const auto sentences = testing::Sentences(normalized->text(), "en");
  FactContext context;
  context.language = "en";
  context.reference_time_ms = testing::kReferenceMs;
  testing::SharedExtractor();  // built outside the timed loop
  const std::clock_t cpu_start = std::clock();
  const auto start = std::chrono::steady_clock::now();
  const int kRuns = std::atoi(std::getenv("FACT_PROBE_BENCH"));
  size_t n = 0;
  for (int i = 0; i < kRuns; ++i) {
    n += testing::SharedExtractor().Extract(normalized->text(), sentences, {}, context).size();
  }
  const double us = std::chrono::duration<double, std::micro>(
                        std::chrono::steady_clock::now() - start).count() / kRuns;
  const double cpu_us = 1e6 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC / kRuns;
  std::cerr << "facts per call " << n / kRuns << ", " << us << " us wall, " << cpu_us
            << " us CPU per article ("
            << text.size() << " bytes)\n";
  const auto t0 = std::chrono::steady_clock::now();
  auto resources = LoadLanguageResources();
  std::map<std::string, FactRulesData> facts;
  for (const auto& [code, data] : resources->languages) facts[code] = data.facts;
  auto created = FactExtractor::Create(facts);
  std::cerr << "Create() for " << facts.size() << " languages: "
            << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count()
            << " ms\n";
}

}  // namespace
}  // namespace precis
