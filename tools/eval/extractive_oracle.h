// Greedy extractive oracle: an upper-bound-like reference point for
// extractive systems (Nallapati et al. 2017, SummaRuNNer; the
// "greedy_selection" of Liu & Lapata 2019, PreSumm). Repeatedly adds the
// article sentence that most increases ROUGE-1 F1 + ROUGE-2 F1 of the
// selection against the reference, until `max_sentences` or no gain.
// Thread-compatible (as the RougeScorer it uses).
#ifndef PRECIS_TOOLS_EVAL_EXTRACTIVE_ORACLE_H_
#define PRECIS_TOOLS_EVAL_EXTRACTIVE_ORACLE_H_

#include <string>
#include <vector>

#include "rouge_scorer.h"

namespace precis::eval {

// Indices into `sentences`, in document order.
std::vector<int> GreedyOracle(const RougeScorer& scorer,
                              const std::vector<std::string>& sentences,
                              const std::vector<std::string>& reference,
                              int max_sentences);

}  // namespace precis::eval

#endif  // PRECIS_TOOLS_EVAL_EXTRACTIVE_ORACLE_H_
