// OtsRanker: sentence grades of the Open Text Summarizer (libots, Rotem
// 2003), the classic open-source extractive baseline, over sentences that
// were split elsewhere (so every system in an evaluation uses the same
// sentence boundaries).
//
// Not thread-safe (libots keeps no global state, but one call builds and
// frees one article; run calls sequentially or one ranker per thread).
#ifndef PRECIS_TOOLS_EVAL_OTS_RANKER_H_
#define PRECIS_TOOLS_EVAL_OTS_RANKER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace precis::eval {

struct OtsInputSentence {
  std::string_view text;
  int paragraph = 0;  // Sentences starting a new paragraph get OTS's bonus.
};

// OTS's grade of each sentence (higher = more important). NOT_FOUND when OTS
// has no dictionary for `language` (e.g. ar, ja, zh); UNIMPLEMENTED when the
// tool was built without libots-1.
absl::StatusOr<std::vector<double>> OtsSentenceScores(
    const std::vector<OtsInputSentence>& sentences, std::string_view language);

// Indices of the k highest scores (ties: earlier first), in document order.
std::vector<int> TopKInDocumentOrder(const std::vector<double>& scores, int k);

}  // namespace precis::eval

#endif  // PRECIS_TOOLS_EVAL_OTS_RANKER_H_
