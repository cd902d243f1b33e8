// OrdinalFinder::Find() folds and looks up only tokens its word screen
// (MaybeWord: lead byte, length, and a key of the first three folded code
// points) lets through. The screen must pass every token Find() could read
// as an ordinal word: each word of every language, as written in lower,
// title and upper case, as the first of a two-word ordinal and before a
// hyphen ("second-largest"); and it should stop common words.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "language_data_loader.h"
#include "ordinal_finder.h"
#include "unicode/locid.h"
#include "unicode/unistr.h"

namespace precis {

class OrdinalFinderTestPeer {
 public:
  static bool MaybeWord(const OrdinalFinder& f, std::string_view raw) { return f.MaybeWord(raw); }
  // Every folded word a token can be read as: whole words and the first
  // words of two-word ordinals.
  static std::vector<std::string> Words(const OrdinalFinder& f) {
    std::vector<std::string> out;
    for (const auto& [word, number] : f.words_) {
      if (word.find(' ') == std::string::npos) out.push_back(word);
    }
    for (const auto& first : f.two_word_firsts_) out.push_back(first);
    return out;
  }
};

namespace {

std::string Cased(const std::string& word, const char* language, bool title) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  if (title) {
    u = u.tempSubString(0, 1).toUpper(icu::Locale(language)) + u.tempSubString(1);
  } else {
    u.toUpper(icu::Locale(language));
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

TEST(OrdinalFinderScreenTest, EveryWordPassesInEveryCaseAndBeforeAHyphen) {
  auto resources = LoadLanguageResources();
  ASSERT_TRUE(resources.ok()) << resources.status();
  int checked = 0;
  for (const auto& [language, data] : resources->languages) {
    const auto finder = OrdinalFinder::Build(language, data.facts, {});
    if (!finder->Screenable()) continue;
    for (const std::string& word : OrdinalFinderTestPeer::Words(*finder)) {
      for (const std::string& raw :
           {word, Cased(word, language.c_str(), true), Cased(word, language.c_str(), false)}) {
        // Only spellings that fold back to the word are read as it.
        icu::UnicodeString folded = icu::UnicodeString::fromUTF8(raw);
        folded.foldCase();
        std::string back;
        folded.toUTF8String(back);
        if (back != word) continue;
        EXPECT_TRUE(OrdinalFinderTestPeer::MaybeWord(*finder, raw)) << language << " " << raw;
        EXPECT_TRUE(OrdinalFinderTestPeer::MaybeWord(*finder, raw + "-largest"))
            << language << " " << raw;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 1000);
}

TEST(OrdinalFinderScreenTest, CommonWordsAreStopped) {
  auto resources = LoadLanguageResources();
  ASSERT_TRUE(resources.ok()) << resources.status();
  const auto en = OrdinalFinder::Build("en", resources->languages.at("en").facts, {});
  // "the" and "The" start like "third" and "thirteenth" for two letters.
  for (const char* word : {"the", "The", "THE", "that", "fish"}) {
    EXPECT_FALSE(OrdinalFinderTestPeer::MaybeWord(*en, word)) << word;
  }
  for (const char* word : {"third", "Third", "first", "second-largest", "sixth"}) {
    EXPECT_TRUE(OrdinalFinderTestPeer::MaybeWord(*en, word)) << word;
  }
}

}  // namespace
}  // namespace precis
