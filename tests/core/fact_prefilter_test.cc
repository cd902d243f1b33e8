// The fact extractor's prefilters (RE2::Set entries stricter than the
// patterns they guard, ordinal word keys) must never hide a fact: these
// cases sit on the edges of each shortcut.
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "fact_test_util.h"
#include "gtest/gtest.h"
#include "language_data_loader.h"
#include "ordinal_finder.h"

namespace precis::testing {
namespace {

TEST(FactPrefilterTest, CurrencyWordsAfterNumbersAreFound) {
  // The money prefilter lists currency words; the pattern itself reads any
  // word and trims it ("dollars in", "euros.").
  const Extracted x = Extract(
      "The charity raised 120 dollars in cash. The bank lent 5 million euros. "
      "Exports reached 300 US dollars per tonne. Rents fell 10 January 2014.",
      "en");
  SCOPED_TRACE(x.Dump());
  const Fact* dollars = x.Find(FactType::kMoney, "120");
  ASSERT_NE(dollars, nullptr);
  EXPECT_EQ(dollars->unit, "USD");
  EXPECT_EQ(x.MentionText(*dollars), "120 dollars");
  const Fact* euros = x.Find(FactType::kMoney, "5000000");
  ASSERT_NE(euros, nullptr);
  EXPECT_EQ(euros->unit, "EUR");
  const Fact* us = x.Find(FactType::kMoney, "300");
  ASSERT_NE(us, nullptr);
  EXPECT_EQ(us->unit, "USD");
  EXPECT_EQ(x.Count(FactType::kMoney), 3);  // "10 January" is no money
}

TEST(FactPrefilterTest, KeywordsNeedABoundaryOnlyWhereBoundedDoes) {
  // A weekday glued to a letter is no date; after punctuation it is.
  const Extracted glued = Extract("The XMonday brand was launched.", "en");
  EXPECT_EQ(glued.Count(FactType::kDate), 0) << glued.Dump();
  const Extracted bracketed = Extract("The talks (Monday) went well.", "en");
  EXPECT_NE(bracketed.Find(FactType::kDate, "2021-12-27"), nullptr) << bracketed.Dump();
  // CJK needs no boundary: "昨日" right after Latin letters is yesterday.
  const Extracted ja = Extract("NHK昨日発表した。", "ja");
  EXPECT_NE(ja.Find(FactType::kDate, "2021-12-27"), nullptr) << ja.Dump();
}

TEST(FactPrefilterTest, OrdinalWordsAreFoundInEveryCase) {
  // Ordinal words are screened by their first two folded letters before
  // any lookup: upper case, hyphenated and two-word forms must pass.
  const Extracted en = Extract(
      "SECOND-LARGEST banks merged. It is the world's third-largest economy. "
      "Profits rose for a fifth consecutive quarter.",
      "en");
  SCOPED_TRACE(en.Dump());
  EXPECT_NE(en.Find(FactType::kOrdinal, "3"), nullptr);
  EXPECT_NE(en.Find(FactType::kOrdinal, "5"), nullptr);
  const Extracted ru = Extract("Это двадцать первый квартал подряд.", "ru");
  EXPECT_NE(ru.Find(FactType::kOrdinal, "21"), nullptr) << ru.Dump();
}

// Patterns run only where the trigger (fact_trigger.h) reports a start:
// each item family the extractor adds (a preposition + space + month or
// digit, a spelled number + unit, next/last + weekday, a range opener +
// digit, ISO codes, symbols, time prefixes) and runs of space inside them.
TEST(FactPrefilterTest, TriggerItemsCoverEveryPatternStart) {
  const std::vector<std::tuple<std::string, std::string, FactType, std::string, std::string>>
      cases = {
          {"Talks were held in  May 2014 and again in 2016.", "en", FactType::kDate, "2014-05",
           "May 2014"},
          {"Talks were held in  May 2014 and again in 2016.", "en", FactType::kDate, "2016",
           "2016"},
          {"The deal closed Jan. 2020, weeks after Dec 2019.", "en", FactType::kDate, "2020-01",
           "Jan. 2020"},
          {"The deal closed Jan. 2020, weeks after Dec 2019.", "en", FactType::kDate, "2019-12",
           "Dec 2019"},
          {"It will take maybe an hour.", "en", FactType::kDuration, "PT1H", "an hour"},
          {"Within two weeks the plan was done.", "en", FactType::kDate, "2022-01-11",
           "Within two weeks"},
          {"In 3 days it failed.", "en", FactType::kDate, "2021-12-31", "In 3 days"},
          {"Prices rose between 2014 and 2016.", "en", FactType::kDate, "2014/2016",
           "between 2014 and 2016"},
          {"The fair runs from 10 to 12 May.", "en", FactType::kDate, "2022-05-10/2022-05-12",
           "from 10 to 12 May"},
          {"They meet next  Monday, not last Friday.", "en", FactType::kDate, "2022-01-03",
           "next  Monday"},
          {"They meet next  Monday, not last Friday.", "en", FactType::kDate, "2021-12-24",
           "last Friday"},
          {"He paid USD 5 million and EUR5 and $7.", "en", FactType::kMoney, "5000000",
           "USD 5 million"},
          {"He paid USD 5 million and EUR5 and $7.", "en", FactType::kMoney, "5", "EUR5"},
          {"He paid USD 5 million and EUR5 and $7.", "en", FactType::kMoney, "7", "$7"},
          {"上午9点开会，下午3点结束。", "zh", FactType::kTime, "15:00", "下午3点"},
          {"Il est arrivé le 10 janvier 2022 à 21h30.", "fr", FactType::kTime, "21:30", "21h30"},
      };
  for (const auto& [text, lang, type, value, mention] : cases) {
    const Extracted x = Extract(text, lang);
    const Fact* f = x.Find(type, value);
    ASSERT_NE(f, nullptr) << text << "\n" << x.Dump();
    EXPECT_EQ(x.MentionText(*f), mention) << text << "\n" << x.Dump();
  }
}

// The extractor calls OrdinalFinder::Find() only in sentences with a
// token its screen accepts.
TEST(FactPrefilterTest, OrdinalScreen) {
  auto resources = LoadLanguageResources();
  ASSERT_TRUE(resources.ok()) << resources.status();
  auto finder = [&](const std::string& lang) {
    return OrdinalFinder::Build(lang, resources->languages.at(lang).facts, {});
  };
  const auto en = finder("en");
  ASSERT_TRUE(en->Screenable());
  const std::vector<std::string> words = en->LeadingWords();
  for (const char* w : {"first", "second", "third", "twenty-first"}) {
    EXPECT_NE(std::find(words.begin(), words.end(), w), words.end()) << w;
  }
  EXPECT_TRUE(en->DigitsMayStart("the 3rd", 4));
  EXPECT_TRUE(en->DigitsMayStart("10th-largest", 0));
  EXPECT_FALSE(en->DigitsMayStart("in 2014, 3.5 or 7", 3));
  EXPECT_FALSE(en->DigitsMayStart("in 2014, 3.5 or 7", 9));
  EXPECT_FALSE(en->DigitsMayStart("in 2014, 3.5 or 7", 16));
  EXPECT_FALSE(en->DigitsMayStart("x", 0));
  const auto de = finder("de");
  EXPECT_TRUE(de->DigitsMayStart("im 3. Quartal", 3));
  const auto ru = finder("ru");
  EXPECT_TRUE(ru->DigitsMayStart("3-й квартал", 0));
  const std::vector<std::string> ru_words = ru->LeadingWords();
  EXPECT_NE(std::find(ru_words.begin(), ru_words.end(), "двадцать"), ru_words.end());
  // Scripts without spaces are not screened.
  EXPECT_FALSE(finder("zh")->Screenable());
  // End to end: every kind of ordinal token still becomes a fact.
  const Extracted x = Extract("It finished 3rd, then second-best in the 10th-largest race.", "en");
  EXPECT_NE(x.Find(FactType::kOrdinal, "3"), nullptr) << x.Dump();
  EXPECT_NE(x.Find(FactType::kOrdinal, "2"), nullptr) << x.Dump();
  EXPECT_NE(x.Find(FactType::kOrdinal, "10"), nullptr) << x.Dump();
  const Extracted de_x = Extract("Im 3. Quartal stieg der Umsatz.", "de");
  EXPECT_NE(de_x.Find(FactType::kOrdinal, "3"), nullptr) << de_x.Dump();
  const Extracted ru_x = Extract("Это 3-й квартал подряд.", "ru");
  EXPECT_NE(ru_x.Find(FactType::kOrdinal, "3"), nullptr) << ru_x.Dump();
}

}  // namespace
}  // namespace precis::testing
