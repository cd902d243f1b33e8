#include "key_phrase_extractor.h"

#include <string>

#include "gtest/gtest.h"

namespace precis {
namespace {

TEST(KeyPhraseExtractorTest, RecurringMultiwordPhrasesRankFirst) {
  std::map<std::string, LexiconData> lex;
  lex["en"].stemmer = "english";
  lex["en"].stopwords = {"the", "of", "on", "in", "a", "and", "will", "was", "is", "for", "over", "were", "be", "said"};
  auto tokenizer = Tokenizer::Create(lex).value();
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      "Security talks on Ukraine. The security talks will be held in Geneva. "
      "A spokesman said the security talks were planned. The weather was fine.");
  std::vector<Token> tokens;
  std::vector<std::pair<int32_t, int32_t>> bounds = {{0, 26}, {27, 70}, {71, 122}, {123, 144}};
  std::vector<size_t> starts;
  for (auto [b, e] : bounds) {
    starts.push_back(tokens.size());
    tokenizer->Tokenize(text, {b, e}, "en", &tokens);
  }
  starts.push_back(tokens.size());
  std::vector<PhraseSentence> sentences(4);
  for (size_t i = 0; i < 4; ++i) {
    sentences[i].begin = tokens.data() + starts[i];
    sentences[i].end = tokens.data() + starts[i + 1];
    sentences[i].headline = i == 0;
    sentences[i].body = i != 0;
  }
  auto phrases = ExtractKeyPhrases(text, sentences, 5);
  ASSERT_FALSE(phrases.empty());
  std::string first;
  text.tempSubStringBetween(phrases[0].first.begin, phrases[0].first.end).toUTF8String(first);
  EXPECT_EQ(first, "Security talks");
  EXPECT_EQ(phrases[0].count, 3);
  EXPECT_DOUBLE_EQ(phrases[0].score, 1.0);
  for (size_t i = 1; i < phrases.size(); ++i) {
    EXPECT_LE(phrases[i].score, phrases[i - 1].score);
    EXPECT_GT(phrases[i].score, 0.0);
    std::string p;
    text.tempSubStringBetween(phrases[i].first.begin, phrases[i].first.end).toUTF8String(p);
    EXPECT_NE(p, "talks") << "contained in a better phrase";
    EXPECT_NE(p, "weather") << "single word seen once";
  }
}

}  // namespace
}  // namespace precis
