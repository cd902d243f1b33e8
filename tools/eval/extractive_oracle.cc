#include "extractive_oracle.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"

namespace precis::eval {

std::vector<int> GreedyOracle(const RougeScorer& scorer,
                              const std::vector<std::string>& sentences,
                              const std::vector<std::string>& reference,
                              int max_sentences) {
  // Tokenize once into ids; the search only compares id sequences.
  absl::flat_hash_map<std::string, int32_t> vocabulary;
  auto ids = [&](const std::string& text, std::vector<int32_t>& out) {
    for (std::string& t : scorer.Tokenize(text)) {
      out.push_back(vocabulary
                        .try_emplace(std::move(t),
                                     static_cast<int32_t>(vocabulary.size()))
                        .first->second);
    }
  };
  std::vector<int32_t> ref;
  for (const std::string& s : reference) ids(s, ref);
  std::vector<std::vector<int32_t>> sents(sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) ids(sentences[i], sents[i]);

  std::vector<int> chosen;
  std::vector<char> used(sentences.size(), 0);
  double best = 0;
  std::vector<int32_t> candidate;
  while (static_cast<int>(chosen.size()) < max_sentences) {
    int best_index = -1;
    for (size_t i = 0; i < sents.size(); ++i) {
      if (used[i] || sents[i].empty()) continue;
      // The selection in document order, as it would be output.
      std::vector<int> order = chosen;
      order.insert(std::upper_bound(order.begin(), order.end(),
                                    static_cast<int>(i)),
                   static_cast<int>(i));
      candidate.clear();
      for (int j : order) {
        candidate.insert(candidate.end(), sents[j].begin(), sents[j].end());
      }
      const double gain = NGramOverlap(ref, candidate, 1).ToScore().f1 +
                          NGramOverlap(ref, candidate, 2).ToScore().f1;
      if (gain > best) {
        best = gain;
        best_index = static_cast<int>(i);
      }
    }
    if (best_index < 0) break;
    used[best_index] = 1;
    chosen.insert(std::upper_bound(chosen.begin(), chosen.end(), best_index),
                  best_index);
  }
  return chosen;
}

}  // namespace precis::eval
