#include "summary_selector.h"

#include <algorithm>

#include "gtest/gtest.h"

namespace precis {
namespace {

SelectorSentence S(double score, int words, int chars, bool candidate = true) {
  SelectorSentence s;
  s.score = score;
  s.words = words;
  s.chars = chars;
  s.candidate = candidate;
  return s;
}

RankerWeights Mmr(double lambda, double dependent_discount = 0.75) {
  RankerWeights w;
  w.mmr_lambda = lambda;
  w.dependent_discount = dependent_discount;
  return w;
}

std::vector<SparseVector> Orthogonal(size_t n) {
  std::vector<SparseVector> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = {{static_cast<int32_t>(i), 1.0f}};
  return v;
}

TEST(SummarySelectorTest, TopSentencesInDocumentOrder) {
  std::vector<SelectorSentence> s = {S(0.2, 10, 50), S(0.9, 10, 50), S(0.5, 10, 50),
                                     S(0.8, 10, 50)};
  Selection sel = SelectSummary(s, Orthogonal(4), {SelectionBudget::Kind::kSentences, 2, ""}, Mmr(1.0));
  EXPECT_EQ(sel.sentences, (std::vector<int32_t>{1, 3}));
  EXPECT_TRUE(sel.empty_reason.empty());
}

TEST(SummarySelectorTest, NeverTakesNonCandidates) {
  std::vector<SelectorSentence> s = {S(5.0, 10, 50, false), S(0.1, 10, 50)};
  Selection sel = SelectSummary(s, Orthogonal(2), {SelectionBudget::Kind::kSentences, 3, ""}, Mmr(1.0));
  EXPECT_EQ(sel.sentences, (std::vector<int32_t>{1}));
}

TEST(SummarySelectorTest, WordAndCharBudgetsAreNeverExceeded) {
  std::vector<SelectorSentence> s = {S(0.9, 30, 150), S(0.8, 12, 60), S(0.7, 8, 40),
                                     S(0.6, 5, 25)};
  for (int limit = 1; limit <= 60; ++limit) {
    Selection sel =
        SelectSummary(s, Orthogonal(4), {SelectionBudget::Kind::kWords, limit, "max_words"}, Mmr(0.8));
    int total = 0;
    for (int i : sel.sentences) total += s[i].words;
    EXPECT_LE(total, limit);
    if (limit >= 5) {
      EXPECT_FALSE(sel.sentences.empty()) << limit;
    }
  }
  Selection sel =
      SelectSummary(s, Orthogonal(4), {SelectionBudget::Kind::kChars, 70, "max_chars=70"}, Mmr(1.0));
  // The best sentence (150 chars) does not fit; the best that fits is taken.
  EXPECT_EQ(sel.sentences.front(), 1);
}

TEST(SummarySelectorTest, EmptyWithReasonWhenNothingFits) {
  std::vector<SelectorSentence> s = {S(0.9, 30, 150), S(0.8, 12, 60)};
  Selection sel =
      SelectSummary(s, Orthogonal(2), {SelectionBudget::Kind::kChars, 10, "max_chars=10"}, Mmr(1.0));
  EXPECT_TRUE(sel.sentences.empty());
  EXPECT_NE(sel.empty_reason.find("max_chars=10"), std::string::npos);
  EXPECT_NE(sel.empty_reason.find("60"), std::string::npos);
}

TEST(SummarySelectorTest, MmrSkipsNearDuplicates) {
  std::vector<SelectorSentence> s = {S(0.9, 10, 50), S(0.89, 10, 50), S(0.5, 10, 50)};
  std::vector<SparseVector> v = {{{1, 1.0f}}, {{1, 1.0f}}, {{2, 1.0f}}};
  Selection sel = SelectSummary(s, v, {SelectionBudget::Kind::kSentences, 2, ""}, Mmr(0.6));
  EXPECT_EQ(sel.sentences, (std::vector<int32_t>{0, 2}));
}

TEST(SummarySelectorTest, DependentOpenerDiscountedWithoutPredecessor) {
  std::vector<SelectorSentence> s = {S(0.1, 10, 50), S(0.5, 10, 50), S(0.45, 10, 50)};
  s[1].dependent = true;  // "But ..." with its predecessor (0) out
  Selection sel = SelectSummary(s, Orthogonal(3), {SelectionBudget::Kind::kSentences, 1, ""}, Mmr(1.0));
  EXPECT_EQ(sel.sentences, (std::vector<int32_t>{2}));
}

TEST(SummarySelectorTest, DependentOpenerTakenWithItsPredecessor) {
  // With its predecessor in the summary, the "But ..." sentence is not
  // discounted and beats a slightly weaker independent one.
  std::vector<SelectorSentence> s = {S(0.9, 10, 50), S(0.5, 10, 50), S(0.45, 10, 50)};
  s[1].dependent = true;
  Selection sel = SelectSummary(s, Orthogonal(3), {SelectionBudget::Kind::kSentences, 2, ""},
                                Mmr(1.0));
  EXPECT_EQ(sel.sentences, (std::vector<int32_t>{0, 1}));
}

TEST(SummarySelectorTest, DependentOpenerNotDiscountedWhileItsPredecessorFits) {
  // Budget 2: the "But ..." sentence (1) leaves room for its predecessor, so
  // it competes at full score and goes first; a discount in every round
  // would have taken 2 and 3 instead.
  std::vector<SelectorSentence> s = {S(0.1, 10, 50), S(0.5, 10, 50), S(0.45, 10, 50),
                                     S(0.44, 10, 50)};
  s[1].dependent = true;
  Selection sel = SelectSummary(s, Orthogonal(4), {SelectionBudget::Kind::kSentences, 2, ""},
                                Mmr(1.0));
  EXPECT_EQ(sel.sentences, (std::vector<int32_t>{1, 2}));
  // A word budget with no room for a 20-word predecessor beside it: the
  // sentence is discounted.
  s[0].words = 20;
  sel = SelectSummary(s, Orthogonal(4), {SelectionBudget::Kind::kWords, 25, "max_words=25"},
                      Mmr(1.0));
  EXPECT_EQ(sel.sentences, (std::vector<int32_t>{2, 3}));
  // A predecessor that is not a candidate (headline, boilerplate) can never
  // join: discounted whatever the room.
  s[0].candidate = false;
  sel = SelectSummary(s, Orthogonal(4), {SelectionBudget::Kind::kSentences, 2, ""}, Mmr(1.0));
  EXPECT_EQ(sel.sentences, (std::vector<int32_t>{2, 3}));
}

TEST(SummarySelectorTest, SentenceBudgetIsExact) {
  std::vector<SelectorSentence> s;
  for (int i = 0; i < 10; ++i) s.push_back(S(1.0 - 0.05 * i, 10, 50));
  for (int k = 1; k <= 12; ++k) {
    Selection sel = SelectSummary(s, Orthogonal(10), {SelectionBudget::Kind::kSentences, k, ""},
                                  Mmr(0.9));
    EXPECT_EQ(static_cast<int>(sel.sentences.size()), std::min(k, 10)) << k;
    EXPECT_TRUE(std::is_sorted(sel.sentences.begin(), sel.sentences.end()));
  }
}

TEST(SummarySelectorTest, CharBudgetFillsWithSmallerSentences) {
  // After the best sentence, the budget left is filled by the best that
  // still fits, never exceeding it.
  std::vector<SelectorSentence> s = {S(0.9, 10, 60), S(0.8, 10, 50), S(0.7, 5, 30),
                                     S(0.1, 2, 10)};
  Selection sel =
      SelectSummary(s, Orthogonal(4), {SelectionBudget::Kind::kChars, 100, "max_chars=100"},
                    Mmr(1.0));
  EXPECT_EQ(sel.sentences, (std::vector<int32_t>{0, 2, 3}));
}

TEST(SummarySelectorTest, ZeroBudgetAndNoCandidatesGiveReasons) {
  std::vector<SelectorSentence> s = {S(0.9, 10, 50)};
  Selection sel = SelectSummary(s, Orthogonal(1), {SelectionBudget::Kind::kWords, 0, "max_words=0"},
                                Mmr(0.9));
  EXPECT_TRUE(sel.sentences.empty());
  EXPECT_FALSE(sel.empty_reason.empty());
  std::vector<SelectorSentence> none = {S(0.9, 10, 50, false)};
  sel = SelectSummary(none, Orthogonal(1), {SelectionBudget::Kind::kSentences, 3, ""}, Mmr(0.9));
  EXPECT_TRUE(sel.sentences.empty());
  EXPECT_FALSE(sel.empty_reason.empty());
}

TEST(SummarySelectorTest, ExpectedSummarySentencesFollowsTheBudget) {
  // Candidates of 10, 20 and 30 words (100, 200, 300 chars); a non-candidate
  // does not count toward the mean.
  std::vector<SelectorSentence> s = {S(0.1, 10, 100), S(0.2, 20, 200), S(0.3, 30, 300),
                                     S(0.0, 1000, 9000, false)};
  EXPECT_DOUBLE_EQ(ExpectedSummarySentences(s, {SelectionBudget::Kind::kSentences, 2, ""}), 2.0);
  // Never more than the candidates.
  EXPECT_DOUBLE_EQ(ExpectedSummarySentences(s, {SelectionBudget::Kind::kSentences, 9, ""}), 3.0);
  // 40 words at 20 words per sentence; 100 chars at 200 per sentence.
  EXPECT_DOUBLE_EQ(ExpectedSummarySentences(s, {SelectionBudget::Kind::kWords, 40, ""}), 2.0);
  EXPECT_DOUBLE_EQ(ExpectedSummarySentences(s, {SelectionBudget::Kind::kChars, 100, ""}), 0.5);
  EXPECT_DOUBLE_EQ(ExpectedSummarySentences(s, {SelectionBudget::Kind::kWords, 0, ""}), 0.0);
  std::vector<SelectorSentence> none = {S(0.0, 10, 100, false)};
  EXPECT_DOUBLE_EQ(ExpectedSummarySentences(none, {SelectionBudget::Kind::kSentences, 3, ""}),
                   0.0);
}

}  // namespace
}  // namespace precis
