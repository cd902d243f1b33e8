#include "language_data_loader.h"

#include "gtest/gtest.h"
#include "tokenizer.h"
#include "unicode/unistr.h"

namespace precis {
namespace {

TEST(LanguageDataLoaderTest, EmbeddedDataLoadsAndCoversCoreLanguages) {
  auto r = LoadLanguageResources();
  ASSERT_TRUE(r.ok()) << r.status();
  for (const char* code : {"en", "de", "fr", "es", "ru"}) {
    ASSERT_TRUE(r->languages.contains(code)) << code;
    const LanguageData& d = r->languages.at(code);
    EXPECT_FALSE(d.name.empty()) << code;
    EXPECT_FALSE(d.lexicon.stopwords.empty()) << code;
    EXPECT_FALSE(d.lexicon.stemmer.empty()) << code;
  }
  EXPECT_FALSE(r->boilerplate_patterns.empty());
  EXPECT_FALSE(r->boilerplate_line_start_patterns.empty());
}

// The shipped French lexicon: an opener the engine discounts when its
// predecessor is left out. Word break keeps the elided "C'est" (either
// apostrophe) as one token, so "ce" alone would not catch it.
TEST(LanguageDataLoaderTest, FrenchElidedDemonstrativesAreDependentOpeners) {
  auto r = LoadLanguageResources();
  ASSERT_TRUE(r.ok()) << r.status();
  std::map<std::string, LexiconData> lexicons;
  for (const auto& [code, data] : r->languages) lexicons[code] = data.lexicon;
  auto tokenizer = Tokenizer::Create(lexicons);
  ASSERT_TRUE(tokenizer.ok()) << tokenizer.status();
  for (const char* text : {"C'est l'accusation.", "C\u2019est l'accusation.",
                           "C'était hier."}) {
    const icu::UnicodeString s = icu::UnicodeString::fromUTF8(text).unescape();
    std::vector<Token> tokens;
    (*tokenizer)->Tokenize(s, {0, s.length()}, "fr", &tokens);
    ASSERT_FALSE(tokens.empty()) << text;
    EXPECT_TRUE((*tokenizer)->IsDependentOpener("fr", tokens[0].term))
        << text << " -> " << tokens[0].term;
  }
  EXPECT_FALSE((*tokenizer)->IsDependentOpener("fr", "l'assaut"));
}

TEST(LanguageDataLoaderTest, ParsesEachFileKind) {
  std::vector<EmbeddedFile> files = {
      {"languages.yaml", "languages:\n  - {code: xx, name: Test}\nboilerplate_patterns: ['^ad$']\n"
                         "boilerplate_line_start_patterns: ['.{0,9}promo$']\n"},
      {"segmentation/xx.yaml", "cldr_suppressions: true\nabbreviations: [Dr, U.S]\n"},
      {"lexicon/xx.yaml", "stemmer: english\nstopwords: [the, a]\ndependent_openers: [but]\n"},
      {"facts/xx.yaml", "months: [jan, feb]\nscales:\n  million: '1000000'\n"},
  };
  auto r = LoadLanguageResources(files);
  ASSERT_TRUE(r.ok()) << r.status();
  const LanguageData& d = r->languages.at("xx");
  EXPECT_EQ(d.name, "Test");
  EXPECT_TRUE(d.segmentation.cldr_suppressions);
  EXPECT_EQ(d.segmentation.abbreviations, (std::vector<std::string>{"Dr", "U.S"}));
  EXPECT_EQ(d.lexicon.stemmer, "english");
  EXPECT_EQ(d.lexicon.stopwords.size(), 2u);
  EXPECT_EQ(d.lexicon.dependent_openers, (std::vector<std::string>{"but"}));
  EXPECT_EQ(d.facts.lists.at("months").size(), 2u);
  EXPECT_EQ(d.facts.maps.at("scales").at("million"), "1000000");
  EXPECT_EQ(r->boilerplate_patterns, (std::vector<std::string>{"^ad$"}));
  EXPECT_EQ(r->boilerplate_line_start_patterns, (std::vector<std::string>{".{0,9}promo$"}));
}

TEST(LanguageDataLoaderTest, RejectsUnknownKeysAndBadYaml) {
  auto unknown = LoadLanguageResources({{"lexicon/xx.yaml", "stopwords: [a]\nstopword: [b]\n"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(std::string(unknown.status().message()).find("unknown key 'stopword'"),
            std::string::npos);
  EXPECT_NE(std::string(unknown.status().message()).find("lexicon/xx.yaml"), std::string::npos);

  auto bad = LoadLanguageResources({{"segmentation/xx.yaml", "abbreviations: [unclosed\n"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.status().message()).find("invalid YAML"), std::string::npos);

  auto type = LoadLanguageResources({{"lexicon/xx.yaml", "stopwords: {a: b}\n"}});
  ASSERT_FALSE(type.ok());
  auto boolean = LoadLanguageResources({{"segmentation/xx.yaml", "cldr_suppressions: maybe\n"}});
  ASSERT_FALSE(boolean.ok());
  auto stray = LoadLanguageResources({{"other/xx.yaml", "a: b\n"}});
  ASSERT_FALSE(stray.ok());
}

}  // namespace
}  // namespace precis
