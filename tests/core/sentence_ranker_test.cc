#include "sentence_ranker.h"

#include "gtest/gtest.h"
#include "summary_selector.h"

namespace precis {
namespace {

RankerSentence S(std::vector<int32_t> terms, bool candidate = true) {
  RankerSentence s;
  s.word_count = static_cast<int32_t>(terms.size()) * 2 + 6;
  s.terms = std::move(terms);
  s.candidate = candidate;
  return s;
}

TEST(SentenceRankerTest, NonCandidatesScoreZeroCandidatesPositive) {
  RankerInput in;
  in.vocabulary_size = 10;
  in.sentences = {S({0, 1}, false), S({1, 2, 3}), S({2, 3, 4}), S({5, 6})};
  RankResult r = SentenceRanker(RankerWeights{}).Rank(in);
  ASSERT_EQ(r.scores.size(), 4u);
  EXPECT_EQ(r.scores[0], 0.0);
  for (int i = 1; i < 4; ++i) EXPECT_GT(r.scores[i], 0.0);
}

TEST(SentenceRankerTest, CentralSentenceBeatsOffTopicOneAtEqualPosition) {
  // With position switched off, the sentence sharing terms with the rest of
  // the document outranks an unrelated one.
  RankerWeights w;
  w.position = 0;
  w.headline = 0;
  w.facts = 0;
  w.length = 0;
  RankerInput in;
  in.vocabulary_size = 20;
  in.sentences = {S({9, 10, 11}), S({0, 1, 2}), S({0, 1, 3}), S({1, 2, 4}), S({0, 2, 5})};
  RankResult r = SentenceRanker(w).Rank(in);
  EXPECT_GT(r.scores[1], r.scores[0]);
}

TEST(SentenceRankerTest, HeadlineSimilarityRaisesScore) {
  RankerWeights w;
  w.position = 0;
  w.centrality = 0;
  w.facts = 0;
  w.length = 0;
  w.headline = 1;
  RankerInput in;
  in.vocabulary_size = 20;
  in.headline_terms = {7, 8};
  in.sentences = {S({1, 2, 3}), S({7, 8, 9}), S({4, 5, 6})};
  RankResult r = SentenceRanker(w).Rank(in);
  EXPECT_GT(r.scores[1], r.scores[0]);
  EXPECT_GT(r.scores[1], r.scores[2]);
}

TEST(SentenceRankerTest, PositionPriorFavoursTheLead) {
  RankerWeights w;
  w.centrality = 0;
  w.headline = 0;
  w.facts = 0;
  w.length = 0;
  RankerInput in;
  in.vocabulary_size = 10;
  in.sentences = {S({1}), S({2}), S({3})};
  RankResult r = SentenceRanker(w).Rank(in);
  EXPECT_GT(r.scores[0], r.scores[1]);
  EXPECT_GT(r.scores[1], r.scores[2]);
}

TEST(SentenceRankerTest, VectorsAreUnitLength) {
  RankerInput in;
  in.vocabulary_size = 10;
  in.sentences = {S({1, 1, 2}), S({2, 3})};
  RankResult r = SentenceRanker(RankerWeights{}).Rank(in);
  EXPECT_NEAR(Cosine(r.vectors[0], r.vectors[0]), 1.0, 1e-5);
  EXPECT_NEAR(Cosine(r.vectors[1], r.vectors[1]), 1.0, 1e-5);
  EXPECT_GT(Cosine(r.vectors[0], r.vectors[1]), 0.0);
  EXPECT_LT(Cosine(r.vectors[0], r.vectors[1]), 1.0);
}

TEST(SentenceRankerTest, EmptyAndAllBoilerplate) {
  RankerInput in;
  EXPECT_TRUE(SentenceRanker(RankerWeights{}).Rank(in).scores.empty());
  in.vocabulary_size = 3;
  in.sentences = {S({0}, false), S({1}, false)};
  RankResult r = SentenceRanker(RankerWeights{}).Rank(in);
  EXPECT_EQ(r.scores, (std::vector<double>{0.0, 0.0}));
}

}  // namespace
}  // namespace precis
