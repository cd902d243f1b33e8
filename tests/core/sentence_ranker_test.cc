#include "sentence_ranker.h"

#include <cmath>
#include <utility>

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

// Weights with every signal off; tests switch on the one they examine.
RankerWeights Only() {
  RankerWeights w;
  w.centrality = w.salience = w.position = w.headline = w.facts = w.length = w.quotation = 0;
  return w;
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
  RankerWeights w = Only();
  w.centrality = 1;
  RankerInput in;
  in.vocabulary_size = 20;
  in.sentences = {S({9, 10, 11}), S({0, 1, 2}), S({0, 1, 3}), S({1, 2, 4}), S({0, 2, 5})};
  RankResult r = SentenceRanker(w).Rank(in);
  EXPECT_GT(r.scores[1], r.scores[0]);
}

TEST(SentenceRankerTest, HeadlineSimilarityRaisesScore) {
  RankerWeights w = Only();
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
  RankerWeights w = Only();
  w.position = 1;
  RankerInput in;
  in.vocabulary_size = 10;
  in.sentences = {S({1}), S({2}), S({3})};
  RankResult r = SentenceRanker(w).Rank(in);
  EXPECT_GT(r.scores[0], r.scores[1]);
  EXPECT_GT(r.scores[1], r.scores[2]);
}

TEST(SentenceRankerTest, PositionCountsBodySentencesOnly) {
  // A headline or boilerplate line before the lead does not push the lead
  // down: rank is over candidates.
  RankerWeights w = Only();
  w.position = 1;
  RankerInput a, b;
  a.vocabulary_size = b.vocabulary_size = 10;
  a.sentences = {S({1}), S({2}), S({3})};
  b.sentences = {S({9}, false), S({1}), S({2}), S({3})};
  RankResult ra = SentenceRanker(w).Rank(a);
  RankResult rb = SentenceRanker(w).Rank(b);
  for (int i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(ra.scores[i], rb.scores[i + 1]);
}

TEST(SentenceRankerTest, DirectedCentralityPrefersTheSentenceThatIntroduces) {
  // Sentences 0 and 2 share the same terms; with PacSum's negative weight on
  // earlier neighbours, the first mention (0) outranks the repeat (2).
  RankerWeights w = Only();
  w.centrality = 1;
  w.centrality_beta = 0;
  RankerInput in;
  in.vocabulary_size = 20;
  in.sentences = {S({1, 2, 3}), S({7, 8}), S({1, 2, 3}), S({10, 11})};
  RankResult r = SentenceRanker(w).Rank(in);
  EXPECT_GT(r.scores[0], r.scores[2]);
  // Undirected (both lambdas equal), the two score the same.
  w.centrality_lambda_before = w.centrality_lambda_after = 1;
  r = SentenceRanker(w).Rank(in);
  EXPECT_DOUBLE_EQ(r.scores[0], r.scores[2]);
}

TEST(SentenceRankerTest, SalienceFavoursTheDocumentsRecurringTerms) {
  // Term 1 occurs in four sentences; sentence 3 is made of it, sentence 4 of
  // words found nowhere else.
  RankerWeights w = Only();
  w.salience = 1;
  RankerInput in;
  in.vocabulary_size = 20;
  in.sentences = {S({1, 5}), S({1, 6}), S({1, 7}), S({1, 1, 2}), S({8, 9, 10})};
  RankResult r = SentenceRanker(w).Rank(in);
  EXPECT_GT(r.scores[3], r.scores[4]);
  EXPECT_GT(r.scores[3], r.scores[0]);  // 2/3 of its terms recur vs 1/2.
}

TEST(SentenceRankerTest, SalienceIgnoresRepeatsWithinOneSentence) {
  // A term repeated inside one sentence is not "recurring in the document".
  RankerWeights w = Only();
  w.salience = 1;
  RankerInput in;
  in.vocabulary_size = 20;
  in.sentences = {S({1, 1, 1, 1}), S({2, 3}), S({2, 4})};
  RankResult r = SentenceRanker(w).Rank(in);
  EXPECT_GT(r.scores[1], r.scores[0]);
}

TEST(SentenceRankerTest, LengthPriorSaturates) {
  RankerWeights w = Only();
  w.length = 1;
  w.length_saturation_words = 20;
  RankerInput in;
  in.vocabulary_size = 10;
  in.sentences = {S({1}), S({2}), S({3}), S({4})};
  in.sentences[0].word_count = 4;
  in.sentences[1].word_count = 12;
  in.sentences[2].word_count = 20;
  in.sentences[3].word_count = 60;
  RankResult r = SentenceRanker(w).Rank(in);
  EXPECT_LT(r.scores[0], r.scores[1]);
  EXPECT_LT(r.scores[1], r.scores[2]);
  EXPECT_DOUBLE_EQ(r.scores[2], r.scores[3]);
}

TEST(SentenceRankerTest, OneSentenceBudgetAllowsLongerSentences) {
  // Saturation 15 words at 3 summary sentences; for a one-sentence summary
  // it grows by sqrt(3) (to ~26 words), so 24 words beat 16 there only.
  RankerWeights w = Only();
  w.length = 1;
  w.length_saturation_words = 15;
  w.length_saturation_sentences = 3;
  RankerInput in;
  in.vocabulary_size = 10;
  in.sentences = {S({1}), S({2}), S({3})};
  in.sentences[0].word_count = 16;
  in.sentences[1].word_count = 24;
  in.sentences[2].word_count = 5;
  in.summary_sentences = 3;
  RankResult r = SentenceRanker(w).Rank(in);
  EXPECT_DOUBLE_EQ(r.scores[0], r.scores[1]);
  in.summary_sentences = 1;
  r = SentenceRanker(w).Rank(in);
  EXPECT_GT(r.scores[1], r.scores[0]);
  EXPECT_GT(r.scores[0], r.scores[2]);
  // Unknown budget: the base saturation.
  in.summary_sentences = 0;
  r = SentenceRanker(w).Rank(in);
  EXPECT_DOUBLE_EQ(r.scores[0], r.scores[1]);
}

TEST(SentenceRankerTest, FactsCountRaisesScore) {
  RankerWeights w = Only();
  w.facts = 1;
  RankerInput in;
  in.vocabulary_size = 10;
  in.sentences = {S({1}), S({2}), S({3})};
  in.sentences[1].fact_count = 3;
  in.sentences[2].fact_count = 1;
  RankResult r = SentenceRanker(w).Rank(in);
  EXPECT_GT(r.scores[1], r.scores[2]);
  EXPECT_GT(r.scores[2], r.scores[0]);
}

TEST(SentenceRankerTest, DefaultsPreferTheLeadOfAPlainStory) {
  // A lead that names the topic, elaborated by later sentences, beats a
  // late aside of equal length under the default weights.
  RankerInput in;
  in.vocabulary_size = 30;
  in.sentences = {S({1, 2, 3, 4}), S({1, 5, 6}), S({2, 7, 8}), S({3, 4, 9}),
                  S({20, 21, 22, 23})};
  RankResult r = SentenceRanker(RankerWeights{}).Rank(in);
  for (int i = 1; i < 5; ++i) EXPECT_GT(r.scores[0], r.scores[i]) << i;
}

// A story whose lead is short and off the main topic, which the later
// sentences share: the lead prior puts it first for a short summary, the
// whole-document view does not for a long one.
RankerInput LeadVersusTopic() {
  RankerInput in;
  in.vocabulary_size = 30;
  in.sentences = {S({20, 21}), S({1, 2, 3}), S({1, 2, 4}), S({2, 3, 5}), S({1, 3, 6}),
                  S({1, 2, 7}), S({22, 23}), S({2, 3, 8}), S({24, 25}), S({1, 4, 9})};
  return in;
}

TEST(SentenceRankerTest, UnknownOrShortBudgetKeepsTheShortSummaryRegime) {
  // summary_sentences = 0 (unknown) and a budget below coverage_lead give
  // the same scores.
  RankerInput in = LeadVersusTopic();
  const RankResult unknown = SentenceRanker(RankerWeights{}).Rank(in);
  in.summary_sentences = 1;  // 10% of the text.
  const RankResult short_budget = SentenceRanker(RankerWeights{}).Rank(in);
  EXPECT_EQ(unknown.scores, short_budget.scores);
}

TEST(SentenceRankerTest, LongBudgetDropsTheLeadPriorAndDirectedness) {
  RankerWeights w = Only();
  w.position = 1;
  RankerInput in = LeadVersusTopic();
  in.summary_sentences = 1;
  RankResult r = SentenceRanker(w).Rank(in);
  EXPECT_GT(r.scores[0], r.scores[1]);  // Short: the lead prior decides.
  in.summary_sentences = 5;             // Half the text: above coverage_full.
  r = SentenceRanker(w).Rank(in);
  EXPECT_DOUBLE_EQ(r.scores[0], r.scores[1]);  // Long: position is off.

  // Directed centrality: sentence 5 repeats terms of 1 and 2; PacSum's
  // negative lambda_before marks it down for a short summary only. In the
  // long regime, centrality is undirected: the two exact repeats (1 and 5
  // share {1, 2}) weigh alike whatever their order.
  w = Only();
  w.centrality = 1;
  in.summary_sentences = 1;
  r = SentenceRanker(w).Rank(in);
  EXPECT_GT(r.scores[1], r.scores[5]);
  in.summary_sentences = 5;
  r = SentenceRanker(w).Rank(in);
  EXPECT_GT(r.scores[1], r.scores[0]);
  EXPECT_GT(r.scores[4], r.scores[6]);
  // Undirected centrality is the sum of all similarities, so it equals
  // the ranking by a symmetric measure: swapping the document's order of two
  // sentences does not change their scores.
  RankerInput swapped = in;
  std::swap(swapped.sentences[1], swapped.sentences[5]);
  const RankResult rs = SentenceRanker(w).Rank(swapped);
  EXPECT_NEAR(r.scores[1], rs.scores[5], 1e-9);
  EXPECT_NEAR(r.scores[5], rs.scores[1], 1e-9);
}

TEST(SentenceRankerTest, QuotationPenaltyForShortSummariesOnly) {
  // Two sentences alike in every signal; the one that opens with a quote
  // ranks lower in a short summary, by exactly the quotation weight. A
  // summary that takes half the text (above coverage_full) keeps quotes.
  RankerWeights w = Only();
  w.quotation = 0.35;
  RankerInput in = LeadVersusTopic();
  in.sentences[2].opens_with_quote = true;
  in.summary_sentences = 1;
  RankResult r = SentenceRanker(w).Rank(in);
  EXPECT_NEAR(r.scores[1] - r.scores[2], 0.35, 1e-9);
  in.summary_sentences = 5;
  r = SentenceRanker(w).Rank(in);
  EXPECT_DOUBLE_EQ(r.scores[1], r.scores[2]);
  // The default weights penalise it too.
  in.summary_sentences = 1;
  in.sentences[1].opens_with_quote = false;
  RankerInput plain = in;
  plain.sentences[2].opens_with_quote = false;
  const RankResult quoted = SentenceRanker(RankerWeights{}).Rank(in);
  const RankResult unquoted = SentenceRanker(RankerWeights{}).Rank(plain);
  EXPECT_LT(quoted.scores[2] - quoted.scores[3], unquoted.scores[2] - unquoted.scores[3]);
}

TEST(SentenceRankerTest, CoverageRampIsMonotoneInTheLeadPrior) {
  // Between coverage_lead and coverage_full the lead prior fades: the gap
  // between the first and the second sentence shrinks as the budget grows.
  RankerWeights w = Only();
  w.position = 1;
  w.coverage_lead = 0.2;
  w.coverage_full = 0.6;
  RankerInput in = LeadVersusTopic();
  double previous = INFINITY;
  for (double k : {1.0, 2.0, 3.0, 4.0, 5.0, 6.0}) {
    in.summary_sentences = k;
    const RankResult r = SentenceRanker(w).Rank(in);
    const double gap = r.scores[0] - r.scores[1];
    EXPECT_LE(gap, previous) << k;
    EXPECT_GE(gap, 0.0) << k;
    previous = gap;
  }
  EXPECT_DOUBLE_EQ(previous, 0.0);
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
