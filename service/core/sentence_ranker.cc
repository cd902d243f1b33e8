#include "sentence_ranker.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace precis {
namespace {

// Rescales `v` over the candidate sentences to [0, 1]; constant -> all 0.5
// so a signal that cannot tell sentences apart does not tilt the sum.
void MinMaxNormalize(const std::vector<bool>& candidate, std::vector<double>* v) {
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < v->size(); ++i) {
    if (!candidate[i]) continue;
    lo = std::min(lo, (*v)[i]);
    hi = std::max(hi, (*v)[i]);
  }
  for (size_t i = 0; i < v->size(); ++i) {
    if (!candidate[i]) {
      (*v)[i] = 0;
    } else if (hi - lo < 1e-12) {
      (*v)[i] = 0.5;
    } else {
      (*v)[i] = ((*v)[i] - lo) / (hi - lo);
    }
  }
}

SparseVector TfIsfVector(const std::vector<int32_t>& terms, const std::vector<float>& isf) {
  std::unordered_map<int32_t, float> tf;
  for (int32_t t : terms) tf[t] += 1.0f;
  SparseVector v;
  v.reserve(tf.size());
  double norm = 0;
  for (const auto& [t, f] : tf) {
    // Sublinear tf (Salton & Buckley 1988): repeats matter, but less.
    const float w = (1.0f + std::log(f)) * isf[t];
    v.emplace_back(t, w);
    norm += static_cast<double>(w) * w;
  }
  std::sort(v.begin(), v.end());
  if (norm > 0) {
    const float inv = static_cast<float>(1.0 / std::sqrt(norm));
    for (auto& [t, w] : v) w *= inv;
  }
  return v;
}

}  // namespace

double Cosine(const SparseVector& a, const SparseVector& b) {
  double dot = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (a[i].first > b[j].first) {
      ++j;
    } else {
      dot += static_cast<double>(a[i].second) * b[j].second;
      ++i;
      ++j;
    }
  }
  return dot;
}

RankResult SentenceRanker::Rank(const RankerInput& input) const {
  const size_t n = input.sentences.size();
  RankResult result;
  result.scores.assign(n, 0.0);
  result.vectors.resize(n);
  if (n == 0) return result;

  std::vector<bool> candidate(n);
  std::vector<size_t> cand;  // Indices of candidates in document order.
  for (size_t i = 0; i < n; ++i) {
    candidate[i] = input.sentences[i].candidate;
    if (candidate[i]) cand.push_back(i);
  }
  if (cand.empty()) return result;

  // Inverse sentence frequency over the document's sentences, smoothed:
  // isf(t) = log((1 + N) / (1 + df(t))) + 1.
  std::vector<int32_t> df(input.vocabulary_size, 0);
  std::vector<int32_t> seen(input.vocabulary_size, -1);
  for (size_t i = 0; i < n; ++i) {
    for (int32_t t : input.sentences[i].terms) {
      if (seen[t] != static_cast<int32_t>(i)) {
        seen[t] = static_cast<int32_t>(i);
        ++df[t];
      }
    }
  }
  std::vector<float> isf(input.vocabulary_size);
  for (int32_t t = 0; t < input.vocabulary_size; ++t) {
    isf[t] = static_cast<float>(std::log((1.0 + n) / (1.0 + df[t])) + 1.0);
  }
  for (size_t i = 0; i < n; ++i) result.vectors[i] = TfIsfVector(input.sentences[i].terms, isf);
  const SparseVector headline = TfIsfVector(input.headline_terms, isf);

  // PacSum directed centrality. Edges below min + beta * (max - min) of the
  // document's similarities are dropped; a sentence gains from similar
  // sentences after it (it introduces what follows) and, with lambda_1 < 0,
  // loses from similar sentences before it (it repeats what was said).
  const size_t m = cand.size();
  std::vector<double> sim(m * m, 0.0);
  double lo = INFINITY, hi = -INFINITY;
  for (size_t a = 0; a < m; ++a) {
    for (size_t b = a + 1; b < m; ++b) {
      const double s = Cosine(result.vectors[cand[a]], result.vectors[cand[b]]);
      sim[a * m + b] = sim[b * m + a] = s;
      lo = std::min(lo, s);
      hi = std::max(hi, s);
    }
  }
  constexpr double kBeta = 0.3;
  constexpr double kLambdaBefore = -0.3;  // weight of edges to earlier sentences
  constexpr double kLambdaAfter = 1.0;    // weight of edges to later sentences
  const double threshold = m > 1 ? lo + kBeta * (hi - lo) : 0.0;
  std::vector<double> centrality(n, 0.0), position(n, 0.0), title(n, 0.0), facts(n, 0.0),
      length(n, 0.0);
  for (size_t a = 0; a < m; ++a) {
    double before = 0, after = 0;
    for (size_t b = 0; b < m; ++b) {
      if (a == b) continue;
      const double e = std::max(0.0, sim[a * m + b] - threshold);
      (b < a ? before : after) += e;
    }
    const size_t i = cand[a];
    centrality[i] = kLambdaBefore * before + kLambdaAfter * after;
    // Lead prior: 1 / (1 + rank among candidates)^0.5, a slow decay so that
    // strong later sentences can still win.
    position[i] = 1.0 / std::sqrt(1.0 + static_cast<double>(a));
    title[i] = headline.empty() ? 0.0 : Cosine(result.vectors[i], headline);
    const RankerSentence& s = input.sentences[i];
    facts[i] = s.word_count > 0 ? std::min(1.0, 4.0 * s.fact_count / s.word_count) : 0.0;
    // Length prior: fragments (< 8 words) and run-ons (> 55 words) are
    // rarely good summary sentences on their own.
    const double w = s.word_count;
    length[i] = w < 8 ? w / 8.0 : (w > 55 ? std::max(0.0, 1.0 - (w - 55) / 55.0) : 1.0);
  }
  MinMaxNormalize(candidate, &centrality);
  MinMaxNormalize(candidate, &title);
  for (size_t i : cand) {
    result.scores[i] = weights_.centrality * centrality[i] + weights_.position * position[i] +
                       weights_.headline * title[i] + weights_.facts * facts[i] -
                       weights_.length * (1.0 - length[i]);
  }
  // Shift so every candidate scores > 0 (0 means "not a candidate").
  double min_score = INFINITY;
  for (size_t i : cand) min_score = std::min(min_score, result.scores[i]);
  for (size_t i : cand) result.scores[i] = result.scores[i] - min_score + 1e-3;
  return result;
}

}  // namespace precis
