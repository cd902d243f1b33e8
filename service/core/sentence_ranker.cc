#include "sentence_ranker.h"

#include <algorithm>
#include <cmath>

namespace precis {
namespace {

// Neighbours on each side a sentence is linked to in the centrality graph.
constexpr size_t kCentralityWindow = 200;
// Largest similarity band kept in memory between the two passes (8 MB).
constexpr size_t kCachedSimilarities = size_t{1} << 20;
// Ranks and counts whose libm results SentenceRanker tabulates.
constexpr size_t kTabulatedRanks = 64;
constexpr size_t kTabulatedCounts = 128;

// Rescales `v` over the candidate sentences to [0, 1]; constant -> all 0.5
// so a signal that cannot tell sentences apart does not tilt the sum.
void MinMaxNormalize(const std::vector<size_t>& cand, std::vector<double>* v) {
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i : cand) {
    lo = std::min(lo, (*v)[i]);
    hi = std::max(hi, (*v)[i]);
  }
  for (size_t i : cand) (*v)[i] = hi - lo < 1e-12 ? 0.5 : ((*v)[i] - lo) / (hi - lo);
}

// TF-ISF vector of `terms`. `count` is scratch of vocabulary size, all 0 on
// entry and on return.
SparseVector TfIsfVector(const std::vector<int32_t>& terms, const std::vector<float>& isf,
                         std::vector<int32_t>* count) {
  SparseVector v;
  v.reserve(terms.size());  // One allocation; the vector lives on in RankResult.
  for (int32_t t : terms) {
    if ((*count)[t]++ == 0) v.emplace_back(t, 0.0f);
  }
  // The norm is summed in first-occurrence order, the entries then sorted:
  // the order of a floating-point sum is part of its value.
  double norm = 0;
  for (auto& [t, w] : v) {
    // Sublinear tf (Salton & Buckley 1988): repeats matter, but less. Most
    // terms occur once, where 1 + log(1) is exactly 1 and w is isf itself.
    const int32_t c = (*count)[t];
    w = c == 1 ? isf[t] : (1.0f + std::log(static_cast<float>(c))) * isf[t];
    norm += static_cast<double>(w) * w;
    (*count)[t] = 0;
  }
  // Term ids are distinct: ordering by id alone is the order of the pairs.
  std::sort(v.begin(), v.end(),
            [](const std::pair<int32_t, float>& a, const std::pair<int32_t, float>& b) {
              return a.first < b.first;
            });
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

SentenceRanker::SentenceRanker(const RankerWeights& weights)
    : weights_(weights), position_prior_(kTabulatedRanks), log1p_(kTabulatedCounts) {
  for (size_t a = 0; a < kTabulatedRanks; ++a) {
    position_prior_[a] = 1.0 / std::pow(1.0 + static_cast<double>(a), weights_.position_decay);
  }
  for (size_t k = 0; k < kTabulatedCounts; ++k) log1p_[k] = std::log1p(static_cast<double>(k));
}

RankResult SentenceRanker::Rank(const RankerInput& input) const {
  const size_t n = input.sentences.size();
  RankResult result;
  result.scores.assign(n, 0.0);
  result.vectors.resize(n);
  if (n == 0) return result;

  std::vector<size_t> cand;  // Indices of candidates in document order.
  for (size_t i = 0; i < n; ++i) {
    if (input.sentences[i].candidate) cand.push_back(i);
  }
  if (cand.empty()) return result;

  // Sentence frequency df(t) over all sentences (the headline and
  // boilerplate are part of the document's vocabulary).
  const int32_t vocabulary = input.vocabulary_size;
  std::vector<int32_t> df(vocabulary, 0), scratch(vocabulary, -1);
  for (size_t i = 0; i < n; ++i) {
    for (int32_t t : input.sentences[i].terms) {
      if (scratch[t] != static_cast<int32_t>(i)) {
        scratch[t] = static_cast<int32_t>(i);
        ++df[t];
      }
    }
  }
  // Inverse sentence frequency, smoothed: log((1 + N) / (1 + df)) + 1. It
  // depends on df alone, and a document has few distinct df values: one
  // std::log per value (0 marks "not computed yet"; an isf is >= 1).
  std::vector<float> isf(vocabulary), isf_of_df(n + 1, 0.0f);
  for (int32_t t = 0; t < vocabulary; ++t) {
    float& value = isf_of_df[df[t]];
    if (value == 0.0f) value = static_cast<float>(std::log((1.0 + n) / (1.0 + df[t])) + 1.0);
    isf[t] = value;
  }
  std::fill(scratch.begin(), scratch.end(), 0);
  for (size_t i = 0; i < n; ++i) {
    result.vectors[i] = TfIsfVector(input.sentences[i].terms, isf, &scratch);
  }
  const SparseVector headline = TfIsfVector(input.headline_terms, isf, &scratch);

  const RankerWeights& w = weights_;
  const size_t m = cand.size();
  // Budget adaptation (see RankerWeights::coverage_full): the larger the
  // share of the text the summary takes, the less the lead matters and the
  // more the summary must stand for the whole document.
  const double coverage = std::min(1.0, input.summary_sentences / static_cast<double>(m));
  const double long_summary =
      w.coverage_full > w.coverage_lead
          ? std::clamp((coverage - w.coverage_lead) / (w.coverage_full - w.coverage_lead), 0.0, 1.0)
          : (coverage >= w.coverage_full ? 1.0 : 0.0);
  const double beta = w.centrality_beta * (1.0 - long_summary);
  const double position_weight = w.position * (1.0 - long_summary);
  const double quotation_weight = w.quotation * (1.0 - long_summary);
  const double lambda_before =
      w.centrality_lambda_before +
      (w.centrality_lambda_after - w.centrality_lambda_before) * long_summary;
  std::vector<double> centrality(n, 0.0), salience(n, 0.0), position(n, 0.0), title(n, 0.0),
      facts(n, 0.0), length(n, 0.0);
  DenseVector dense(vocabulary);  // All 0 between uses.

  // PacSum directed centrality (Zheng & Lapata 2019, eq. 6): edges below
  // min + beta * (max - min) of the document's similarities are dropped; a
  // sentence gains from similar sentences after it (it introduces what
  // follows) and, with lambda_before < 0, loses from similar sentences
  // before it (it repeats what was said).
  //
  // The full graph is quadratic in time and memory, so each sentence is
  // linked only to the kCentralityWindow sentences on each side. Articles
  // (almost always < 200 sentences) get the exact PacSum graph; a
  // 20,000-sentence input stays linear instead of needing gigabytes. Up to
  // kCachedSimilarities the band is kept for the second pass; beyond, it is
  // recomputed so memory stays O(n).
  if (w.centrality != 0 && m > 1) {
    const size_t window = kCentralityWindow;
    const size_t band = m <= window ? m * (m - 1) / 2 : m * window;
    const bool cache = band <= kCachedSimilarities;
    std::vector<double> sims;
    if (cache) sims.reserve(band);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t a = 0; a < m; ++a) {
      dense.Set(result.vectors[cand[a]]);
      for (size_t b = a + 1; b < m && b - a <= window; ++b) {
        const double s = dense.Dot(result.vectors[cand[b]]);
        if (cache) sims.push_back(s);
        lo = std::min(lo, s);
        hi = std::max(hi, s);
      }
      dense.Clear(result.vectors[cand[a]]);
    }
    const double threshold = lo + beta * (hi - lo);
    std::vector<double> before(m, 0.0), after(m, 0.0);
    size_t k = 0;
    for (size_t a = 0; a < m; ++a) {
      if (!cache) dense.Set(result.vectors[cand[a]]);
      for (size_t b = a + 1; b < m && b - a <= window; ++b) {
        const double s = cache ? sims[k++] : dense.Dot(result.vectors[cand[b]]);
        const double e = std::max(0.0, s - threshold);
        after[a] += e;   // b follows a
        before[b] += e;  // a precedes b
      }
      if (!cache) dense.Clear(result.vectors[cand[a]]);
    }
    for (size_t a = 0; a < m; ++a) {
      centrality[cand[a]] = lambda_before * before[a] + w.centrality_lambda_after * after[a];
    }
  }

  // Shorter summaries may use longer sentences (see
  // RankerWeights::length_saturation_sentences).
  double saturation = std::max(1.0, w.length_saturation_words);
  if (w.length_saturation_sentences > 0 && input.summary_sentences > 0 &&
      input.summary_sentences < w.length_saturation_sentences) {
    // At most the one-sentence value: a word or character budget below one
    // mean sentence still takes whole sentences.
    saturation *= std::sqrt(w.length_saturation_sentences /
                            std::max(1.0, input.summary_sentences));
  }
  if (!headline.empty()) dense.Set(headline);
  for (size_t a = 0; a < m; ++a) {
    const size_t i = cand[a];
    const RankerSentence& s = input.sentences[i];
    // SumBasic-style salience: mean, over the sentence's content terms, of
    // the number of other sentences that contain the term.
    if (!s.terms.empty()) {
      double sum = 0;
      for (int32_t t : s.terms) sum += df[t] - 1;
      salience[i] = sum / static_cast<double>(s.terms.size());
    }
    // Lead prior over body sentences: a slow power-law decay. (Scaling the
    // rank by the summary length was tried: it lost 0.8 ROUGE on CNN/DM and
    // gained nothing elsewhere.)
    position[i] = a < kTabulatedRanks
                      ? position_prior_[a]
                      : 1.0 / std::pow(1.0 + static_cast<double>(a), w.position_decay);
    title[i] = headline.empty() ? 0.0 : dense.Dot(result.vectors[i]);
    facts[i] = s.fact_count >= 0 && static_cast<size_t>(s.fact_count) < kTabulatedCounts
                   ? log1p_[s.fact_count]
                   : std::log1p(static_cast<double>(s.fact_count));
    // min(words, saturation) is `words` itself when words <= saturation.
    const double words = static_cast<double>(s.word_count);
    length[i] = s.word_count >= 0 && static_cast<size_t>(s.word_count) < kTabulatedCounts &&
                        words <= saturation
                    ? log1p_[s.word_count]
                    : std::log1p(std::min(words, saturation));
  }
  MinMaxNormalize(cand, &centrality);
  MinMaxNormalize(cand, &salience);
  MinMaxNormalize(cand, &title);
  MinMaxNormalize(cand, &facts);
  MinMaxNormalize(cand, &length);
  for (size_t i : cand) {
    result.scores[i] = w.centrality * centrality[i] + w.salience * salience[i] +
                       position_weight * position[i] + w.headline * title[i] + w.facts * facts[i] +
                       w.length * length[i] -
                       (input.sentences[i].opens_with_quote ? quotation_weight : 0.0);
  }
  // Shift so every candidate scores > 0 (0 means "not a candidate").
  double min_score = INFINITY;
  for (size_t i : cand) min_score = std::min(min_score, result.scores[i]);
  for (size_t i : cand) result.scores[i] = result.scores[i] - min_score + 1e-3;
  return result;
}

}  // namespace precis
