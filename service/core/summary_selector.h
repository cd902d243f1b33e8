// SummarySelector: picks summary sentences within a length budget.
//
// Greedy Maximal Marginal Relevance (Carbonell & Goldstein 1998): repeatedly
// take the candidate with the best  lambda * score - (1 - lambda) * max
// similarity to what is already taken, skipping sentences that would break
// the budget, until the budget is spent. A sentence that opens with a
// dependent word ("But", "He") is discounted when its predecessor is not in
// and no longer fits beside it. Weights: RankerWeights::mmr_lambda and
// dependent_discount. The result is in document order. The budget is never
// exceeded and sentences are never cut; when nothing fits, the selection is
// empty and `empty_reason` says why.
//
// Thread-safe: a pure function of its input.
#ifndef PRECIS_SERVICE_CORE_SUMMARY_SELECTOR_H_
#define PRECIS_SERVICE_CORE_SUMMARY_SELECTOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine_config.h"
#include "sentence_ranker.h"

namespace precis {

struct SelectorSentence {
  double score = 0;       // From SentenceRanker; only candidates are taken.
  bool candidate = false;
  bool dependent = false;  // Opens with a dependent word.
  int32_t words = 0;
  int32_t chars = 0;  // Code points of the displayed sentence.
};

struct SelectionBudget {
  enum class Kind { kSentences, kWords, kChars };
  Kind kind = Kind::kSentences;
  int64_t limit = 3;
  // For messages: how the caller phrased it ("max_chars=10").
  std::string description;
};

struct Selection {
  std::vector<int32_t> sentences;  // Indices, document order.
  std::string empty_reason;
};

// How many sentences a summary within `budget` will hold: the limit for a
// sentence budget; for words or characters, the limit over the mean cost of
// a candidate sentence. At most the number of candidates; 0 when there are
// none. For the ranker's RankerInput::summary_sentences.
double ExpectedSummarySentences(const std::vector<SelectorSentence>& sentences,
                                const SelectionBudget& budget);

// `vectors`: one per sentence, as RankResult::vectors (sorted by term id,
// finite non-negative weights).
Selection SelectSummary(const std::vector<SelectorSentence>& sentences,
                        const std::vector<SparseVector>& vectors,
                        const SelectionBudget& budget, const RankerWeights& weights);

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_SUMMARY_SELECTOR_H_
