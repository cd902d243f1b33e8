#include "tokenizer.h"

#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace precis {
namespace {

std::unique_ptr<Tokenizer> Make() {
  std::map<std::string, LexiconData> lex;
  lex["en"].stemmer = "english";
  lex["en"].stopwords = {"the", "of", "and", "a", "to"};
  lex["en"].dependent_openers = {"but", "he", "however"};
  lex["de"].stemmer = "german";
  auto t = Tokenizer::Create(lex);
  EXPECT_TRUE(t.ok()) << t.status();
  return std::move(t).value();
}

std::vector<Token> Tokens(const Tokenizer& t, const char* text, const char* lang) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(text);
  std::vector<Token> out;
  t.Tokenize(s, {0, s.length()}, lang, &out);
  return out;
}

TEST(TokenizerTest, FoldsStemsAndMarksStopwords) {
  auto t = Make();
  auto tokens = Tokens(*t, "The Talks of NATO, and 3.5 running!", "en");
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens[0].term, "the");
  EXPECT_TRUE(tokens[0].stopword);
  EXPECT_TRUE(tokens[0].capitalized);
  EXPECT_EQ(tokens[1].term, "talk");
  EXPECT_FALSE(tokens[1].stopword);
  EXPECT_EQ(tokens[3].term, "nato");
  EXPECT_EQ(tokens[5].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[5].term, "3.5");
  EXPECT_EQ(tokens[6].term, "run");
  EXPECT_FALSE(tokens[6].capitalized);
}

TEST(TokenizerTest, FullCaseFoldingForGerman) {
  auto t = Make();
  auto a = Tokens(*t, "STRASSE", "de");
  auto b = Tokens(*t, "Straße", "de");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].term, b[0].term);
}

TEST(TokenizerTest, SegmentsChineseJapaneseThaiWithoutSpaces) {
  auto t = Make();
  auto zh = Tokens(*t, "政府周一宣布谈判将恢复", "zh");
  EXPECT_GE(zh.size(), 4u);
  EXPECT_EQ(zh[0].kind, TokenKind::kIdeographic);
  auto ja = Tokens(*t, "政府は交渉が再開されると発表した", "ja");
  EXPECT_GE(ja.size(), 5u);
  auto th = Tokens(*t, "รัฐบาลประกาศว่าการเจรจาจะเริ่มขึ้นอีกครั้ง", "th");
  EXPECT_GE(th.size(), 4u);
  // Ranges tile words only: no token covers the whole text.
  for (const Token& tok : th) EXPECT_LT(tok.range.length(), 20);
}

TEST(TokenizerTest, RangesPointIntoTheText) {
  auto t = Make();
  icu::UnicodeString s = icu::UnicodeString::fromUTF8("xx Hello world yy");
  std::vector<Token> out;
  t->Tokenize(s, {3, 14}, "en", &out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].range, (TextRange{3, 8}));
  EXPECT_EQ(out[1].range, (TextRange{9, 14}));
}

TEST(TokenizerTest, DependentOpenersAndCapabilities) {
  auto t = Make();
  EXPECT_TRUE(t->IsDependentOpener("en", "but"));
  EXPECT_FALSE(t->IsDependentOpener("en", "russia"));
  // Asked about a token's term, which is stemmed ("however" -> "howev").
  auto tokens = Tokens(*t, "However, talks resumed.", "en");
  ASSERT_FALSE(tokens.empty());
  EXPECT_NE(tokens[0].term, "however");
  EXPECT_TRUE(t->IsDependentOpener("en", tokens[0].term));
  EXPECT_TRUE(t->HasStemmer("en"));
  EXPECT_TRUE(t->HasStopwords("en"));
  EXPECT_FALSE(t->HasStopwords("de"));
  EXPECT_FALSE(t->HasStemmer("xx"));
}

TEST(TokenizerTest, RejectsUnknownStemmer) {
  std::map<std::string, LexiconData> lex;
  lex["xx"].stemmer = "klingon";
  auto t = Tokenizer::Create(lex);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(std::string(t.status().message()).find("klingon"), std::string::npos);
}

TEST(TokenizerTest, ThreadsGetTheSameTokens) {
  auto t = Make();
  const auto expected = Tokens(*t, "Running talks of the Organisation continue", "en");
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < 200; ++k) {
        auto got = Tokens(*t, "Running talks of the Organisation continue", "en");
        bool same = got.size() == expected.size();
        for (size_t j = 0; same && j < got.size(); ++j) same = got[j].term == expected[j].term;
        ok[i] += same;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int v : ok) EXPECT_EQ(v, 200);
}

}  // namespace
}  // namespace precis

namespace precis {
namespace {

TEST(TokenizerTest, SplitsFrenchElisionAndFoldsTurkishI) {
  std::map<std::string, LexiconData> lex;
  lex["fr"].stemmer = "french";
  lex["fr"].stopwords = {"l", "qu", "il"};
  lex["tr"].stemmer = "";
  auto t = Tokenizer::Create(lex).value();
  icu::UnicodeString fr = icu::UnicodeString::fromUTF8("l'homme qu’il aujourd'hui");
  std::vector<Token> out;
  t->Tokenize(fr, {0, fr.length()}, "fr", &out);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0].term, "l");
  EXPECT_TRUE(out[0].stopword);
  EXPECT_EQ(out[1].range, (TextRange{2, 7}));
  EXPECT_FALSE(out[1].stopword);
  EXPECT_EQ(out[2].term, "qu");
  EXPECT_EQ(out[3].term, "il");
  EXPECT_EQ(out[4].range, (TextRange{14, 25})) << "aujourd'hui: the prefix is too long to split";

  icu::UnicodeString tr = icu::UnicodeString::fromUTF8("İstanbul");
  out.clear();
  t->Tokenize(tr, {0, tr.length()}, "tr", &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].term, "istanbul");
}

}  // namespace
}  // namespace precis
