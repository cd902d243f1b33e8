// SentenceRanker::Rank against the implementation it replaced (sorted-merge
// cosines, a std::log per term and per vocabulary entry, libm per sentence),
// copied verbatim below: scores and vectors must be bit-identical on random
// documents, since ranking ties and the bench dump depend on exact values.
// SelectSummary (dense redundancy cosines) likewise against its previous
// version. Covers the fast paths: isf per distinct df, tf weight of single
// occurrences, dense dot products in both centrality passes (cached band
// and, for a long input, recomputed), the headline similarity, and the
// tabulated lead prior and log1p of fact and word counts.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "sentence_ranker.h"
#include "summary_selector.h"

namespace precis {
namespace {

// ---- Reference: service/core/sentence_ranker.cc at commit bbaec1c. ----
// Neighbours on each side a sentence is linked to in the centrality graph.
constexpr size_t kCentralityWindow = 200;
// Largest similarity band kept in memory between the two passes (8 MB).
constexpr size_t kCachedSimilarities = size_t{1} << 20;

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
  for (int32_t t : terms) {
    if ((*count)[t]++ == 0) v.emplace_back(t, 0.0f);
  }
  double norm = 0;
  for (auto& [t, w] : v) {
    // Sublinear tf (Salton & Buckley 1988): repeats matter, but less.
    w = (1.0f + std::log(static_cast<float>((*count)[t]))) * isf[t];
    norm += static_cast<double>(w) * w;
    (*count)[t] = 0;
  }
  std::sort(v.begin(), v.end());
  if (norm > 0) {
    const float inv = static_cast<float>(1.0 / std::sqrt(norm));
    for (auto& [t, w] : v) w *= inv;
  }
  return v;
}

double MergeCosine(const SparseVector& a, const SparseVector& b) {
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

RankResult ReferenceRank(const RankerWeights& weights_, const RankerInput& input) {
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
  // Inverse sentence frequency, smoothed: log((1 + N) / (1 + df)) + 1.
  std::vector<float> isf(vocabulary);
  for (int32_t t = 0; t < vocabulary; ++t) {
    isf[t] = static_cast<float>(std::log((1.0 + n) / (1.0 + df[t])) + 1.0);
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
      for (size_t b = a + 1; b < m && b - a <= window; ++b) {
        const double s = MergeCosine(result.vectors[cand[a]], result.vectors[cand[b]]);
        if (cache) sims.push_back(s);
        lo = std::min(lo, s);
        hi = std::max(hi, s);
      }
    }
    const double threshold = lo + beta * (hi - lo);
    std::vector<double> before(m, 0.0), after(m, 0.0);
    size_t k = 0;
    for (size_t a = 0; a < m; ++a) {
      for (size_t b = a + 1; b < m && b - a <= window; ++b) {
        const double s =
            cache ? sims[k++] : MergeCosine(result.vectors[cand[a]], result.vectors[cand[b]]);
        const double e = std::max(0.0, s - threshold);
        after[a] += e;   // b follows a
        before[b] += e;  // a precedes b
      }
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
    position[i] = 1.0 / std::pow(1.0 + static_cast<double>(a), w.position_decay);
    title[i] = headline.empty() ? 0.0 : MergeCosine(result.vectors[i], headline);
    facts[i] = std::log1p(static_cast<double>(s.fact_count));
    length[i] = std::log1p(std::min(static_cast<double>(s.word_count), saturation));
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

// ---- service/core/summary_selector.cc at commit bbaec1c. ----
int64_t ReferenceCost(const SelectorSentence& s, SelectionBudget::Kind kind) {
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

Selection ReferenceSelectSummary(const std::vector<SelectorSentence>& sentences,
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
    cheapest = std::min(cheapest, ReferenceCost(s, budget.kind));
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
      if (spent + ReferenceCost(s, budget.kind) > budget.limit) continue;
      double relevance = s.score / (max_score > 0 ? max_score : 1.0);
      // A dependent sentence without its antecedent reads as a non sequitur;
      // the discount lets it in only when it is clearly better. While the
      // predecessor still fits beside it, a later round may take it, so the
      // sentence is not discounted yet.
      if (s.dependent && !(i > 0 && taken[i - 1])) {
        const bool predecessor_fits =
            i > 0 && sentences[i - 1].candidate &&
            spent + ReferenceCost(s, budget.kind) + ReferenceCost(sentences[i - 1], budget.kind) <= budget.limit;
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
    spent += ReferenceCost(sentences[best_i], budget.kind);
    if (mmr_lambda < 1.0) {
      for (size_t i = 0; i < n; ++i) {
        if (sentences[i].candidate && !taken[i]) {
          redundancy[i] = std::max(redundancy[i], Cosine(vectors[i], vectors[best_i]));
        }
      }
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (taken[i]) out.sentences.push_back(static_cast<int32_t>(i));
  }
  return out;
}

// ---- End of reference. ----

RankerInput RandomInput(std::mt19937& rng, int max_sentences, int max_vocabulary) {
  RankerInput in;
  const int n = std::uniform_int_distribution<int>(0, max_sentences)(rng);
  in.vocabulary_size = std::uniform_int_distribution<int>(1, max_vocabulary)(rng);
  // Skewed term draws so that terms repeat within and across sentences.
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto term = [&] {
    const double u = unit(rng);
    return std::min(in.vocabulary_size - 1, static_cast<int32_t>(u * u * in.vocabulary_size));
  };
  for (int i = 0; i < n; ++i) {
    RankerSentence s;
    const int length = std::uniform_int_distribution<int>(0, 25)(rng);
    for (int k = 0; k < length; ++k) s.terms.push_back(term());
    s.word_count = length + std::uniform_int_distribution<int>(0, 30)(rng);
    s.fact_count = std::uniform_int_distribution<int>(0, 4)(rng);
    // Past the tabulated counts now and then.
    if (unit(rng) < 0.1) s.word_count += 150;
    if (unit(rng) < 0.1) s.fact_count += std::uniform_int_distribution<int>(0, 300)(rng);
    s.candidate = unit(rng) < 0.85;
    s.opens_with_quote = unit(rng) < 0.15;
    in.sentences.push_back(std::move(s));
  }
  if (unit(rng) < 0.7) {
    const int length = std::uniform_int_distribution<int>(1, 12)(rng);
    for (int k = 0; k < length; ++k) in.headline_terms.push_back(term());
  }
  in.summary_sentences = unit(rng) < 0.2 ? 0.0 : unit(rng) * 12;
  return in;
}

void ExpectSame(const RankerWeights& weights, const RankerInput& in) {
  const RankResult expected = ReferenceRank(weights, in);
  const RankResult actual = SentenceRanker(weights).Rank(in);
  ASSERT_EQ(actual.scores.size(), expected.scores.size());
  for (size_t i = 0; i < expected.scores.size(); ++i) {
    // Bit-identical, not merely close.
    EXPECT_EQ(actual.scores[i], expected.scores[i]) << "sentence " << i;
  }
  EXPECT_EQ(actual.vectors, expected.vectors);
}

TEST(SentenceRankerReferenceTest, RandomDocumentsGiveIdenticalScoresAndVectors) {
  std::mt19937 rng(20261128);
  for (int round = 0; round < 3000; ++round) {
    RankerWeights weights;
    if (round % 5 == 1) weights.centrality = 0;
    if (round % 7 == 2) weights.centrality_beta = 0;
    // Tabulated in the constructor: the lead prior and log1p of counts.
    if (round % 3 == 0) weights.position_decay = 0.1 * (round % 11);
    if (round % 4 == 1) weights.length_saturation_words = 3 + round % 60;
    ExpectSame(weights, RandomInput(rng, 60, round % 2 == 0 ? 40 : 400));
    if (HasFailure()) return;
  }
}

// Beyond kCachedSimilarities the band is recomputed in the second pass.
TEST(SentenceRankerReferenceTest, LongInputRecomputesTheBandIdentically) {
  std::mt19937 rng(7);
  RankerInput in;
  in.vocabulary_size = 300;
  std::uniform_int_distribution<int32_t> term(0, 299), length(1, 8);
  for (int i = 0; i < 6000; ++i) {
    RankerSentence s;
    for (int k = length(rng); k > 0; --k) s.terms.push_back(term(rng));
    s.word_count = 12;
    in.sentences.push_back(std::move(s));
  }
  in.headline_terms = {1, 2, 3, 3};
  in.summary_sentences = 3;
  ExpectSame(RankerWeights{}, in);
}


// SelectSummary's redundancy cosines against the merge they replaced, on the
// ranker's vectors of random documents and every budget kind.
TEST(SentenceRankerReferenceTest, SelectorPicksTheSameSentences) {
  std::mt19937 rng(99);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int compared = 0;
  for (int round = 0; round < 3000; ++round) {
    const RankerInput in = RandomInput(rng, 40, round % 2 == 0 ? 30 : 300);
    RankerWeights weights;
    weights.mmr_lambda = round % 4 == 0 ? 1.0 : 0.3 + 0.6 * unit(rng);
    const RankResult ranked = SentenceRanker(weights).Rank(in);
    std::vector<SelectorSentence> sentences(in.sentences.size());
    for (size_t i = 0; i < sentences.size(); ++i) {
      sentences[i].score = ranked.scores[i];
      sentences[i].words = in.sentences[i].word_count;
      sentences[i].chars = in.sentences[i].word_count * 6;
      sentences[i].candidate = in.sentences[i].candidate;
      sentences[i].dependent = unit(rng) < 0.2;
    }
    const SelectionBudget::Kind kinds[] = {SelectionBudget::Kind::kSentences,
                                           SelectionBudget::Kind::kWords,
                                           SelectionBudget::Kind::kChars};
    const SelectionBudget::Kind kind = kinds[round % 3];
    const int64_t scale = kind == SelectionBudget::Kind::kSentences ? 1
                          : kind == SelectionBudget::Kind::kWords   ? 20
                                                                    : 120;
    const SelectionBudget budget{kind, std::uniform_int_distribution<int64_t>(0, 6)(rng) * scale,
                                 "budget"};
    const Selection expected = ReferenceSelectSummary(sentences, ranked.vectors, budget, weights);
    const Selection actual = SelectSummary(sentences, ranked.vectors, budget, weights);
    EXPECT_EQ(actual.sentences, expected.sentences);
    EXPECT_EQ(actual.empty_reason, expected.empty_reason);
    compared += expected.sentences.size() > 1;
    if (HasFailure()) return;
  }
  EXPECT_GT(compared, 1000);
}

}  // namespace
}  // namespace precis
