// NameFinder on its own, with small hand-made word lists: the tokenizer's
// edge cases (words longer than eight bytes, at the end of the sentence,
// non-ASCII capitals, claimed ranges) and the words read around a run of
// capitals (particles and connectors inside it, a title or a place
// preposition before it).
#include "name_finder.h"

#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace precis {
namespace {

FactRulesData EnglishRules() {
  FactRulesData data;
  data.lists["person_titles"] = {"President", "Deputy", "Foreign", "Minister", "Mr"};
  data.lists["organization_words"] = {"Organisation", "Bank"};
  data.lists["organization_connectors"] = {"for", "and", "in", "of"};
  data.lists["name_particles"] = {"von", "der"};
  data.lists["function_words"] = {"The", "In", "She", "They"};
  data.lists["first_names"] = {"Ursula", "Sergei", "Joe"};
  data.lists["place_prepositions"] = {"in", "to", "from"};
  data.lists["possessive_suffixes"] = {"'s", "’s"};
  data.lists["places"] = {"Geneva", "Brussels", "Europe", "Johannesburg", "Copenhagen"};
  data.maps["place_aliases"] = {{"U.S.", "United States"}};
  return data;
}

struct Found {
  FactType type;
  std::string text;   // as written in the sentence
  std::string value;
};

std::vector<Found> FindNames(const NameFinder& finder, const std::string& sentence,
                             const std::vector<std::pair<size_t, size_t>>& claimed = {}) {
  std::vector<FoundName> names;
  finder.Find(sentence, claimed, &names);
  std::vector<Found> out;
  for (const FoundName& n : names) {
    out.push_back({n.type, sentence.substr(n.begin, n.end - n.begin), n.value});
  }
  return out;
}

const Found* Get(const std::vector<Found>& found, FactType type, const std::string& value) {
  for (const Found& f : found) {
    if (f.type == type && f.value == value) return &f;
  }
  return nullptr;
}

std::string Dump(const std::vector<Found>& found) {
  std::string out;
  for (const Found& f : found) {
    out += "type " + std::to_string(static_cast<int>(f.type)) + " [" + f.text + "] = " +
           f.value + "\n";
  }
  return out;
}

class NameFinderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    finder_ = NameFinder::Build("en", EnglishRules(), {"monday", "january"});
    ASSERT_NE(finder_, nullptr);
  }
  std::unique_ptr<NameFinder> finder_;
};

TEST_F(NameFinderTest, ParticlesAndConnectorsJoinARun) {
  const auto found = FindNames(
      *finder_, "She met Ursula von der Leyen and the Organisation for Security and "
                "Cooperation in Europe on Monday.");
  EXPECT_NE(Get(found, FactType::kPerson, "Ursula von der Leyen"), nullptr) << Dump(found);
  const Found* org = Get(found, FactType::kOrganization,
                         "Organisation for Security and Cooperation in Europe");
  ASSERT_NE(org, nullptr) << Dump(found);
  EXPECT_EQ(Get(found, FactType::kPlace, "Europe"), nullptr) << Dump(found);
  // A calendar word starts no name.
  for (const Found& f : found) EXPECT_EQ(f.text.find("Monday"), std::string::npos) << Dump(found);
}

TEST_F(NameFinderTest, TitlesBeforeAName) {
  const auto found =
      FindNames(*finder_, "Russia's Deputy Foreign Minister Sergei Ryabkov met the president Joe "
                          "Smith and Mr. Jones.");
  EXPECT_NE(Get(found, FactType::kPlace, "Russia"), nullptr) << Dump(found);
  const Found* ryabkov = Get(found, FactType::kPerson, "Sergei Ryabkov");
  ASSERT_NE(ryabkov, nullptr) << Dump(found);
  EXPECT_EQ(ryabkov->text, "Sergei Ryabkov");
  // A lower-case title before the run.
  EXPECT_NE(Get(found, FactType::kPerson, "Joe Smith"), nullptr) << Dump(found);
  // "Mr. " joins its name; the title is not part of it.
  EXPECT_NE(Get(found, FactType::kPerson, "Jones"), nullptr) << Dump(found);
}

TEST_F(NameFinderTest, PlacesByNameAliasAndPreposition) {
  const auto found = FindNames(
      *finder_, "Officials from the U.S. flew from Johannesburg via Cupertino to Copenhagen");
  EXPECT_NE(Get(found, FactType::kPlace, "United States"), nullptr) << Dump(found);
  // Longer than eight bytes, inside the sentence and at its very end.
  EXPECT_NE(Get(found, FactType::kPlace, "Johannesburg"), nullptr) << Dump(found);
  EXPECT_NE(Get(found, FactType::kPlace, "Copenhagen"), nullptr) << Dump(found);
  // "via" is no place preposition: an unknown single name stays a NAME.
  EXPECT_NE(Get(found, FactType::kName, "Cupertino"), nullptr) << Dump(found);
  const auto in = FindNames(*finder_, "The company is based in Cupertino, analysts said.");
  EXPECT_NE(Get(in, FactType::kPlace, "Cupertino"), nullptr) << Dump(in);
}

TEST_F(NameFinderTest, CaseIsFoldedForLookups) {
  const auto found = FindNames(*finder_, "Crowds gathered in JOHANNESBURG and in geneva.");
  EXPECT_NE(Get(found, FactType::kPlace, "Johannesburg"), nullptr) << Dump(found);
  // Only capitals start a name.
  EXPECT_EQ(Get(found, FactType::kPlace, "Geneva"), nullptr) << Dump(found);
}

TEST_F(NameFinderTest, NonAsciiCapitals) {
  // ICU's English display names of countries; "Åland Islands" starts with
  // a non-ASCII capital.
  const auto found = FindNames(*finder_, "Ferries sail to the Åland Islands and to Curaçao.");
  EXPECT_NE(Get(found, FactType::kPlace, "Åland Islands"), nullptr) << Dump(found);
  EXPECT_NE(Get(found, FactType::kPlace, "Curaçao"), nullptr) << Dump(found);
}

TEST_F(NameFinderTest, ClaimedRangesAreSkipped) {
  const std::string sentence = "Talks in Geneva and Brussels resume.";
  const size_t geneva = sentence.find("Geneva");
  const auto found = FindNames(*finder_, sentence, {{geneva, geneva + 6}});
  EXPECT_EQ(Get(found, FactType::kPlace, "Geneva"), nullptr) << Dump(found);
  EXPECT_NE(Get(found, FactType::kPlace, "Brussels"), nullptr) << Dump(found);
  // A range that only touches the word's first byte claims it too.
  const auto partly = FindNames(*finder_, sentence, {{geneva, geneva + 1}});
  EXPECT_EQ(Get(partly, FactType::kPlace, "Geneva"), nullptr) << Dump(partly);
}

}  // namespace
}  // namespace precis

namespace precis {
namespace {

TEST_F(NameFinderTest, PossessiveSuffixesInAnyCaseAreTrimmed) {
  // "'s" in upper case and "’s" (four bytes, ending like a plural "s"):
  // the place is the word without its suffix. "Brussels" ends with "s"
  // but with no suffix: kept whole.
  const auto found = FindNames(
      *finder_, "Crowds in JOHANNESBURG'S centre heard Geneva’s mayor and officials in Brussels.");
  const Found* jhb = Get(found, FactType::kPlace, "Johannesburg");
  ASSERT_NE(jhb, nullptr) << Dump(found);
  EXPECT_EQ(jhb->text, "JOHANNESBURG");
  const Found* geneva = Get(found, FactType::kPlace, "Geneva");
  ASSERT_NE(geneva, nullptr) << Dump(found);
  EXPECT_EQ(geneva->text, "Geneva");
  const Found* brussels = Get(found, FactType::kPlace, "Brussels");
  ASSERT_NE(brussels, nullptr) << Dump(found);
  EXPECT_EQ(brussels->text, "Brussels");
}

TEST(NameFinderSuffixTest, OneByteSuffixAdmitsAnyByteBeforeIt) {
  // A one-byte suffix ("s", as in German "Genfs") is compared whatever
  // byte precedes it.
  FactRulesData data = EnglishRules();
  data.lists["possessive_suffixes"] = {"s"};
  const auto finder = NameFinder::Build("en", data, {});
  ASSERT_NE(finder, nullptr);
  const auto found = FindNames(*finder, "Officials heard that Genevas mayor resigned.");
  const Found* geneva = Get(found, FactType::kPlace, "Geneva");
  ASSERT_NE(geneva, nullptr) << Dump(found);
  EXPECT_EQ(geneva->text, "Geneva");
}

TEST_F(NameFinderTest, AllCapitalsMakeAnAcronym) {
  // A lone acronym is an organization; the same word in title case is not.
  const auto found = FindNames(*finder_, "Officials met NATO envoys and Nato critics and ÅSA staff.");
  EXPECT_NE(Get(found, FactType::kOrganization, "NATO"), nullptr) << Dump(found);
  EXPECT_EQ(Get(found, FactType::kOrganization, "Nato"), nullptr) << Dump(found);
  EXPECT_NE(Get(found, FactType::kName, "Nato"), nullptr) << Dump(found);
  // A non-ASCII first capital: decided letter by letter.
  EXPECT_NE(Get(found, FactType::kOrganization, "ÅSA"), nullptr) << Dump(found);
}

TEST_F(NameFinderTest, OnlySpacesJoinWords) {
  // A one-byte gap joins only if it is a space.
  const auto comma = FindNames(*finder_, "Talks moved to Geneva,Brussels and back.");
  EXPECT_NE(Get(comma, FactType::kPlace, "Geneva"), nullptr) << Dump(comma);
  EXPECT_NE(Get(comma, FactType::kPlace, "Brussels"), nullptr) << Dump(comma);
  // Two spaces join like one.
  const auto two = FindNames(*finder_, "They met Ursula  von der Leyen.");
  EXPECT_NE(Get(two, FactType::kPerson, "Ursula  von der Leyen"), nullptr) << Dump(two);
}

}  // namespace
}  // namespace precis
