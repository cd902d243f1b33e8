// SentenceRanker: unsupervised, language-independent sentence scores for
// extractive summarization of news.
//
// Signals, each rescaled to [0, 1] over the document's candidate sentences
// and combined linearly with the RankerWeights from EngineConfig:
//   - directed, position-aware centrality over TF-ISF cosine similarity
//     (Zheng & Lapata 2019, "Sentence Centrality Revisited", PacSum);
//   - content-word salience: mean document frequency of the sentence's terms
//     (Luhn 1958; SumBasic, Nenkova & Vanderwende 2005);
//   - a lead-position prior (news puts the essentials first);
//   - similarity to the headline (Edmundson 1969, the "title method");
//   - fact/name density;
//   - a length prior (log word count) against fragments;
//   - a penalty for a sentence that opens with a quotation mark (a quote
//     rather than a report).
// The weights adapt to the budget (RankerInput::summary_sentences): a
// summary that takes a large share of the text drops the lead prior and
// uses undirected centrality; a summary of one or two sentences allows
// longer sentences; a summary that takes most of the text drops the
// quotation penalty along with the lead prior.
// Only candidate sentences (article body) are scored; others get 0.
//
// Thread-safe: Rank() is const and allocates only its result and scratch.
#ifndef PRECIS_SERVICE_CORE_SENTENCE_RANKER_H_
#define PRECIS_SERVICE_CORE_SENTENCE_RANKER_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "engine_config.h"

namespace precis {

struct RankerSentence {
  // Term ids of the sentence's content tokens (stopwords removed), repeats kept.
  std::vector<int32_t> terms;
  int32_t word_count = 0;
  // Facts and names mentioned in the sentence.
  int32_t fact_count = 0;
  // Article body sentence (not headline, not boilerplate).
  bool candidate = true;
  // The sentence opens with a quotation mark.
  bool opens_with_quote = false;
};

struct RankerInput {
  std::vector<RankerSentence> sentences;  // Document order.
  std::vector<int32_t> headline_terms;    // Empty when there is no headline.
  int32_t vocabulary_size = 0;            // Term ids are in [0, size).
  // How many sentences the summary will hold (for a word or character
  // budget, an estimate); 0 = unknown. The signals' weights adapt to the
  // share of the text the summary covers (see RankerWeights).
  double summary_sentences = 0;
};

// A sparse, L2-normalized TF-ISF vector: (term id, weight), sorted by id.
using SparseVector = std::vector<std::pair<int32_t, float>>;

struct RankResult {
  std::vector<double> scores;         // Per sentence; > 0 for candidates, 0 otherwise.
  std::vector<SparseVector> vectors;  // Per sentence, for redundancy checks.
};

// Cosine of two L2-normalized sparse vectors.
double Cosine(const SparseVector& a, const SparseVector& b);

// One sparse vector `a` spread over term ids [0, size), so that its dot
// product with another costs one step per entry of the other instead of a
// sorted merge. For vectors with finite, non-negative weights (the TF-ISF
// vectors of RankResult) Dot(b) equals Cosine(a, b) bit for bit: it adds the
// same products in the same (increasing term id) order, plus a product +0
// for each term of b that a lacks, which leaves the non-negative running sum
// unchanged. Set() one vector, Dot() any number, Clear() it before the next.
class DenseVector {
 public:
  explicit DenseVector(int32_t size) : w_(static_cast<size_t>(size), 0.0f) {}
  void Set(const SparseVector& a) {
    for (const auto& [t, w] : a) w_[t] = w;
  }
  void Clear(const SparseVector& a) {
    for (const auto& [t, w] : a) w_[t] = 0.0f;
  }
  double Dot(const SparseVector& b) const {
    double dot = 0;
    for (const auto& [t, w] : b) dot += static_cast<double>(w_[t]) * w;
    return dot;
  }

 private:
  std::vector<float> w_;
};

class SentenceRanker {
 public:
  explicit SentenceRanker(const RankerWeights& weights);

  RankResult Rank(const RankerInput& input) const;

  // The weights in use (the selector reads mmr_lambda and
  // dependent_discount from here).
  const RankerWeights& weights() const { return weights_; }

 private:
  RankerWeights weights_;
  // Per-call libm results computed once, with the very same expressions
  // (hence bit-identical): the lead prior 1 / (1 + rank)^position_decay of
  // the first ranks, and log1p of small counts (facts, words).
  std::vector<double> position_prior_;
  std::vector<double> log1p_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_SENTENCE_RANKER_H_
