// The fact extractor's prefilters (RE2::Set entries stricter than the
// patterns they guard, ordinal word keys) must never hide a fact: these
// cases sit on the edges of each shortcut.
#include <string>

#include "fact_test_util.h"
#include "gtest/gtest.h"

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

}  // namespace
}  // namespace precis::testing
