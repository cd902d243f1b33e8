// ORDINAL facts (service/core/ordinal_finder.h): ranks, streaks, counted
// nouns and bare ranks in ten languages, and the ordinals that must not
// become facts.
#include <string>

#include "fact_test_util.h"
#include "gtest/gtest.h"

namespace precis {
namespace {

using ::precis::testing::Extract;
using ::precis::testing::Extracted;

struct Expected {
  std::string value;
  std::string unit;
  std::string text;      // the mention (the ordinal only)
  std::string modifier;  // "consecutive" or empty
};

// The ORDINAL facts of `x`, in order, as (value, unit, text, modifier).
std::vector<Expected> Ordinals(const Extracted& x) {
  std::vector<Expected> out;
  for (const Fact& f : x.facts) {
    if (f.type == FactType::kOrdinal) {
      out.push_back({f.value, f.unit, x.MentionText(f), f.modifier});
    }
  }
  return out;
}

void ExpectOrdinals(const std::string& text, const std::string& lang,
                    const std::vector<Expected>& want) {
  const Extracted x = Extract(text, lang);
  const std::vector<Expected> got = Ordinals(x);
  ASSERT_EQ(got.size(), want.size()) << lang << ": " << text << "\n" << x.Dump();
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].value, want[i].value) << text << "\n" << x.Dump();
    EXPECT_EQ(got[i].unit, want[i].unit) << text << "\n" << x.Dump();
    EXPECT_EQ(got[i].text, want[i].text) << text << "\n" << x.Dump();
    EXPECT_EQ(got[i].modifier, want[i].modifier) << text << "\n" << x.Dump();
  }
}

TEST(FactOrdinalTest, EnglishRanksStreaksAndCountedNouns) {
  ExpectOrdinals("JPMorgan is the 3rd largest bank in the world.", "en",
                 {{"3", "largest bank", "3rd", ""}});
  ExpectOrdinals("China is the world's second-largest economy.", "en",
                 {{"2", "largest economy", "second", ""}});
  ExpectOrdinals("It is the fifth most valuable company.", "en",
                 {{"5", "most valuable company", "fifth", ""}});
  ExpectOrdinals("The bank reported its 10th consecutive quarter of growth.", "en",
                 {{"10", "quarter", "10th", "consecutive"}});
  ExpectOrdinals("Prices rose for the third month in a row.", "en",
                 {{"3", "month", "third", "consecutive"}});
  ExpectOrdinals("The museum celebrates its 75th anniversary.", "en",
                 {{"75", "anniversary", "75th", ""}});
  ExpectOrdinals("Profit fell in the third quarter.", "en", {{"3", "quarter", "third", ""}});
  ExpectOrdinals("Third-quarter profit rose.", "en", {{"3", "quarter", "Third", ""}});
  ExpectOrdinals("She won a third term in office.", "en", {{"3", "term", "third", ""}});
  // Digits with an ordinal suffix rank whatever they precede.
  ExpectOrdinals("It was the 2nd attempt this year.", "en", {{"2", "attempt", "2nd", ""}});
}

TEST(FactOrdinalTest, EnglishBareRanks) {
  ExpectOrdinals("Kenya's runner finished first.", "en", {{"1", "", "first", ""}});
  ExpectOrdinals("The team came in third, behind Spain.", "en", {{"3", "", "third", ""}});
}

TEST(FactOrdinalTest, OneFactPerValueUnitAndModifier) {
  const Extracted x = Extract(
      "Sales fell in the third quarter. Third-quarter costs rose. It was the third quarter in "
      "a row of losses.",
      "en");
  const std::vector<Expected> got = Ordinals(x);
  ASSERT_EQ(got.size(), 2u) << x.Dump();
  EXPECT_EQ(got[0].modifier, "");
  EXPECT_EQ(got[1].modifier, "consecutive");
  const Fact* plain = nullptr;
  for (const Fact& f : x.facts) {
    if (f.type == FactType::kOrdinal && f.modifier.empty()) plain = &f;
  }
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->mentions.size(), 2u);
}

TEST(FactOrdinalTest, EnglishNegatives) {
  // "the second" in discourse, "First," as an adverb, a capitalized
  // ordinal inside a name, centuries, dates, phone and page numbers,
  // years inside names.
  const Extracted x = Extract(
      "First, the minister spoke. The second phase starts soon. It was the second time he "
      "lost. A second rocket lifted off. The second of them left. The Second World War ended "
      "in 1945. The 21st century began. Talks start on the 3rd of March. They end on March 4th. "
      "Call 555-123-4567 or see page 3. Windows 2000 machines crashed. Every second counts. "
      "He returned on the 5th.",
      "en");
  EXPECT_EQ(x.Count(FactType::kOrdinal), 0) << x.Dump();
  EXPECT_NE(x.Find(FactType::kDate, "2022-03-03"), nullptr) << x.Dump();
  EXPECT_NE(x.Find(FactType::kDate, "2022-03-04"), nullptr) << x.Dump();
}

TEST(FactOrdinalTest, German) {
  ExpectOrdinals("Die Bank meldete für das dritte Quartal in Folge einen Verlust.", "de",
                 {{"3", "Quartal", "dritte", "consecutive"}});
  ExpectOrdinals("Im 3. Quartal stieg der Umsatz.", "de", {{"3", "Quartal", "3.", ""}});
  ExpectOrdinals("Sie wurde Dritte.", "de", {{"3", "", "Dritte", ""}});
  // Dates, "das zweite Mal", a dotted number before any other noun.
  const Extracted x = Extract(
      "Am 3. Oktober wird gefeiert. Das zweite Mal war schwer. Er las 3. Kapitel und den "
      "zweiten Bericht.",
      "de");
  EXPECT_EQ(x.Count(FactType::kOrdinal), 0) << x.Dump();
}

TEST(FactOrdinalTest, French) {
  ExpectOrdinals("Il entame son 5e mandat.", "fr", {{"5", "mandat", "5e", ""}});
  ExpectOrdinals("C'est la deuxième plus grande économie du monde.", "fr",
                 {{"2", "plus grande économie", "deuxième", ""}});
  ExpectOrdinals("Le PIB a reculé pour le troisième trimestre consécutif.", "fr",
                 {{"3", "trimestre", "troisième", "consecutive"}});
  const Extracted x = Extract("C'est la première fois. Le deuxième volet arrive.", "fr");
  EXPECT_EQ(x.Count(FactType::kOrdinal), 0) << x.Dump();
}

TEST(FactOrdinalTest, SpanishItalianPortugueseDutch) {
  ExpectOrdinals("España es la cuarta mayor economía de la eurozona.", "es",
                 {{"4", "mayor economía", "cuarta", ""}});
  ExpectOrdinals("Es el tercer trimestre consecutivo de caída.", "es",
                 {{"3", "trimestre", "tercer", "consecutive"}});
  ExpectOrdinals("È il terzo trimestre consecutivo di crescita.", "it",
                 {{"3", "trimestre", "terzo", "consecutive"}});
  ExpectOrdinals("É o sexto corte consecutivo desde agosto.", "pt",
                 {{"6", "corte", "sexto", "consecutive"}});
  ExpectOrdinals("Nederland is de vijfde grootste economie.", "nl",
                 {{"5", "grootste economie", "vijfde", ""}});
  // Portuguese weekdays and titles are written with ordinals.
  const Extracted pt =
      Extract("O primeiro-ministro falou na segunda-feira. Foi a primeira vez.", "pt");
  EXPECT_EQ(pt.Count(FactType::kOrdinal), 0) << pt.Dump();
  const Extracted es = Extract("Fue la primera vez que ocurrió.", "es");
  EXPECT_EQ(es.Count(FactType::kOrdinal), 0) << es.Dump();
}

TEST(FactOrdinalTest, Russian) {
  ExpectOrdinals("Экономика растет третий квартал подряд.", "ru",
                 {{"3", "квартал", "третий", "consecutive"}});
  ExpectOrdinals("Он занял второе место.", "ru", {{"2", "место", "второе", ""}});
  ExpectOrdinals("Выручка выросла в 3-м квартале.", "ru", {{"3", "квартале", "3-м", ""}});
  const Extracted x = Extract("Это было во второй раз.", "ru");
  EXPECT_EQ(x.Count(FactType::kOrdinal), 0) << x.Dump();
}

TEST(FactOrdinalTest, ChineseAndJapanese) {
  ExpectOrdinals("中国是世界第二大经济体。", "zh", {{"2", "大经济体", "第二", ""}});
  ExpectOrdinals("第三季度GDP增长4.9%。", "zh", {{"3", "季度", "第三", ""}});
  ExpectOrdinals("经济连续第三个季度增长。", "zh", {{"3", "季度", "第三", "consecutive"}});
  ExpectOrdinals("トヨタは第3四半期に増益となった。", "ja", {{"3", "四半期", "第3", ""}});
  const Extracted x = Extract("这是第一次。", "zh");
  EXPECT_EQ(x.Count(FactType::kOrdinal), 0) << x.Dump();
}

TEST(FactOrdinalTest, UnknownLanguageHasNoOrdinals) {
  const Extracted x = Extract("The 3rd largest bank.", "xx");
  EXPECT_EQ(x.Count(FactType::kOrdinal), 0) << x.Dump();
}

}  // namespace
}  // namespace precis
