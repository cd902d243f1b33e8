#include "key_phrase_extractor.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

// The engine passes its own term ids (any non-negative values, equal for
// equal terms); they must rank exactly as the ids interned here.
TEST(KeyPhraseExtractorTest, CallerTermIdsRankAsInternedTerms) {
  std::map<std::string, LexiconData> lex;
  lex["en"].stemmer = "english";
  lex["en"].stopwords = {"the", "of", "on", "in", "a", "and", "will", "was", "is", "for", "were"};
  auto tokenizer = Tokenizer::Create(lex).value();
  std::string utf8 = "Security talks on Ukraine. ";
  // Many sentences: a phrase seen more than 64 times, ids past the token count.
  for (int i = 0; i < 70; ++i) {
    utf8 += "Security talks in Geneva were held. ";
    if (i % 3 == 0) utf8 += "Troops near Ukraine and gas prices worried Europe. ";
  }
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  std::vector<Token> tokens;
  std::vector<size_t> starts;
  int32_t b = 0;
  for (int32_t i = 0; i < text.length(); ++i) {
    if (text[i] == '.') {
      starts.push_back(tokens.size());
      tokenizer->Tokenize(text, {b, i + 1}, "en", &tokens);
      b = i + 2;
    }
  }
  starts.push_back(tokens.size());
  // Sparse ids, first seen first, like the engine's (stopwords -1).
  std::map<std::string, int32_t> ids;
  std::vector<int32_t> term_ids;
  for (const Token& t : tokens) {
    if (t.stopword || t.kind == TokenKind::kNumber) {
      term_ids.push_back(-1);
      continue;
    }
    auto [it, inserted] = ids.try_emplace(t.term, static_cast<int32_t>(1000 + 37 * ids.size()));
    term_ids.push_back(it->second);
  }
  const size_t n = starts.size() - 1;
  std::vector<PhraseSentence> own(n), given(n);
  for (size_t i = 0; i < n; ++i) {
    own[i].begin = given[i].begin = tokens.data() + starts[i];
    own[i].end = given[i].end = tokens.data() + starts[i + 1];
    own[i].headline = given[i].headline = i == 0;
    own[i].body = given[i].body = i != 0;
    given[i].term_ids = term_ids.data() + starts[i];
  }
  const auto a = ExtractKeyPhrases(text, own, 4);
  const auto c = ExtractKeyPhrases(text, given, 4);
  ASSERT_EQ(a.size(), c.size());
  ASSERT_GE(a.size(), 2u);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].first.begin, c[i].first.begin);
    EXPECT_EQ(a[i].first.end, c[i].first.end);
    EXPECT_EQ(a[i].count, c[i].count);
    EXPECT_DOUBLE_EQ(a[i].score, c[i].score);
  }
  // The phrase seen 71 times is among them, with its count.
  bool talks = false;
  for (const KeyPhrase& p : a) {
    std::string s;
    text.tempSubStringBetween(p.first.begin, p.first.end).toUTF8String(s);
    if (s != "Security talks") continue;
    talks = true;
    EXPECT_EQ(p.count, 71);
  }
  EXPECT_TRUE(talks);
  EXPECT_DOUBLE_EQ(a[0].score, 1.0);
}

}  // namespace
}  // namespace precis
