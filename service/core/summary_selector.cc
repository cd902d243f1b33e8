#include "summary_selector.h"

#include <algorithm>
#include <limits>

#include "absl/strings/str_cat.h"

namespace precis {
namespace {

int64_t Cost(const SelectorSentence& s, SelectionBudget::Kind kind) {
  switch (kind) {
    case SelectionBudget::Kind::kSentences:
      return 1;
    case SelectionBudget::Kind::kWords:
      return s.words;
    case SelectionBudget::Kind::kChars:
      return s.chars;
  }
  return 1;
}

}  // namespace

double ExpectedSummarySentences(const std::vector<SelectorSentence>& sentences,
                                const SelectionBudget& budget) {
  int64_t candidates = 0, cost = 0;
  for (const SelectorSentence& s : sentences) {
    if (!s.candidate) continue;
    ++candidates;
    cost += Cost(s, budget.kind);
  }
  if (candidates == 0 || budget.limit <= 0) return 0;
  const double mean_cost = static_cast<double>(cost) / static_cast<double>(candidates);
  const double expected = mean_cost > 0 ? static_cast<double>(budget.limit) / mean_cost : 0;
  return std::min(static_cast<double>(candidates), expected);
}

Selection SelectSummary(const std::vector<SelectorSentence>& sentences,
                        const std::vector<SparseVector>& vectors,
                        const SelectionBudget& budget, const RankerWeights& weights) {
  const double mmr_lambda = weights.mmr_lambda;
  Selection out;
  const size_t n = sentences.size();
  double max_score = 0;
  size_t candidates = 0;
  int64_t cheapest = std::numeric_limits<int64_t>::max();
  for (const SelectorSentence& s : sentences) {
    if (!s.candidate) continue;
    ++candidates;
    max_score = std::max(max_score, s.score);
    cheapest = std::min(cheapest, Cost(s, budget.kind));
  }
  if (candidates == 0) {
    out.empty_reason = "the text has no article sentence to summarize";
    return out;
  }
  if (budget.limit <= 0 || cheapest > budget.limit) {
    out.empty_reason = absl::StrCat("no sentence fits ", budget.description,
                                    " (the shortest needs ", cheapest, ")");
    return out;
  }

  // The vectors' term ids lie below `terms`: the selected sentence is spread
  // out once and its cosines to the rest cost one step per entry of theirs.
  int32_t terms = 0;
  for (const SparseVector& v : vectors) {
    for (const auto& [t, w] : v) terms = std::max(terms, t + 1);
  }
  DenseVector selected(mmr_lambda < 1.0 ? terms : 0);
  std::vector<bool> taken(n, false);
  // Max cosine of each sentence to the summary so far, updated incrementally.
  std::vector<double> redundancy(n, 0.0);
  int64_t spent = 0;
  while (true) {
    double best = -std::numeric_limits<double>::infinity();
    size_t best_i = n;
    for (size_t i = 0; i < n; ++i) {
      const SelectorSentence& s = sentences[i];
      if (!s.candidate || taken[i]) continue;
      if (spent + Cost(s, budget.kind) > budget.limit) continue;
      double relevance = s.score / (max_score > 0 ? max_score : 1.0);
      // A dependent sentence without its antecedent reads as a non sequitur;
      // the discount lets it in only when it is clearly better. While the
      // predecessor still fits beside it, a later round may take it, so the
      // sentence is not discounted yet.
      if (s.dependent && !(i > 0 && taken[i - 1])) {
        const bool predecessor_fits =
            i > 0 && sentences[i - 1].candidate &&
            spent + Cost(s, budget.kind) + Cost(sentences[i - 1], budget.kind) <= budget.limit;
        if (!predecessor_fits) relevance *= weights.dependent_discount;
      }
      const double mmr = mmr_lambda * relevance - (1.0 - mmr_lambda) * redundancy[i];
      if (mmr > best) {
        best = mmr;
        best_i = i;
      }
    }
    if (best_i == n) break;
    taken[best_i] = true;
    spent += Cost(sentences[best_i], budget.kind);
    if (mmr_lambda < 1.0) {
      selected.Set(vectors[best_i]);
      for (size_t i = 0; i < n; ++i) {
        if (sentences[i].candidate && !taken[i]) {
          redundancy[i] = std::max(redundancy[i], selected.Dot(vectors[i]));
        }
      }
      selected.Clear(vectors[best_i]);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (taken[i]) out.sentences.push_back(static_cast<int32_t>(i));
  }
  return out;
}

}  // namespace precis
