// Single-word companies from context cues (organization_cues_* in
// service/data/facts/<lang>.yaml, see service/core/name_finder.h).
#include <string>

#include "fact_test_util.h"
#include "gtest/gtest.h"

namespace precis {
namespace {

using ::precis::testing::Extract;
using ::precis::testing::Extracted;

void ExpectOrganization(const std::string& text, const std::string& lang,
                        const std::string& value, size_t mentions = 1) {
  const Extracted x = Extract(text, lang);
  const Fact* f = x.Find(FactType::kOrganization, value);
  ASSERT_NE(f, nullptr) << lang << ": " << text << "\n" << x.Dump();
  EXPECT_EQ(f->mentions.size(), mentions) << x.Dump();
  EXPECT_EQ(x.Find(FactType::kName, value), nullptr) << x.Dump();
}

TEST(FactOrganizationTest, EnglishCues) {
  ExpectOrganization("Prices rose at the beef bowl chain Yoshinoya last week.", "en", "Yoshinoya");
  ExpectOrganization("Analysts said shares of Toyota rose 3%.", "en", "Toyota");
  ExpectOrganization("Analysts met Toyota's chief executive on Monday.", "en", "Toyota");
  ExpectOrganization("Google said in a statement that it would appeal.", "en", "Google");
  ExpectOrganization("Nvidia reported revenue of $22 billion.", "en", "Nvidia");
  ExpectOrganization("Earlier, Yoshinoya, the beef bowl chain, opened 10 stores.", "en",
                     "Yoshinoya");
}

TEST(FactOrganizationTest, OneCueTypesEveryMention) {
  // The sentence-initial and the bare mention follow the cued one.
  ExpectOrganization(
      "Yoshinoya raised prices. The chain Yoshinoya blamed rice costs. Demand at Yoshinoya "
      "stayed strong.",
      "en", "Yoshinoya", 3);
}

TEST(FactOrganizationTest, SurnamesStayPeople) {
  const Extracted x =
      Extract("John Smith met the board. Smith said in a statement he was glad.", "en");
  const Fact* person = x.Find(FactType::kPerson, "John Smith");
  ASSERT_NE(person, nullptr) << x.Dump();
  EXPECT_EQ(person->mentions.size(), 2u) << x.Dump();
  EXPECT_EQ(x.Count(FactType::kOrganization), 0) << x.Dump();
}

TEST(FactOrganizationTest, NoCueNoOrganization) {
  // Single capitalized words without a cue stay names; places stay places;
  // a person's possessive with a non-company noun is no cue.
  const Extracted x = Extract(
      "Analysts met Marston on Monday. The company moved to Paris. Marston's dog barked.", "en");
  EXPECT_EQ(x.Count(FactType::kOrganization), 0) << x.Dump();
  EXPECT_NE(x.Find(FactType::kPlace, "Paris"), nullptr) << x.Dump();
}

TEST(FactOrganizationTest, OtherLanguages) {
  ExpectOrganization("Der Autobauer Volkswagen meldete einen Gewinn. Volkswagen will sparen.",
                     "de", "Volkswagen", 2);
  ExpectOrganization("Der Chipkonzern Infineon wächst.", "de", "Infineon");
  ExpectOrganization("Le constructeur automobile Renault a annoncé un plan.", "fr", "Renault");
  ExpectOrganization("La empresa estadounidense Google abrió una oficina.", "es", "Google");
  ExpectOrganization("Het concern Philips schrapt banen.", "nl", "Philips");
  ExpectOrganization("Chipmachinemaker ASML groeit.", "nl", "ASML");
  ExpectOrganization("Компания «Самолет» объявила о росте выручки.", "ru", "Самолет");
}

}  // namespace
}  // namespace precis
