// RougeScorer: ROUGE-1, ROUGE-2, ROUGE-L and summary-level ROUGE-Lsum
// (Lin 2004) with the semantics of Google's rouge_score package, which
// reproduces the original ROUGE-1.5.5 Perl script (`-n 2 -m`, sentence units).
//
// Tokenizers:
//   kAscii  rouge_score's English tokenizer: lowercase, every character other
//           than [a-z0-9] is a separator; with stemming, tokens longer than 3
//           characters go through the Porter stemmer. Non-ASCII text vanishes,
//           so it is only meaningful for English (and comparable to papers).
//   kIcu    ICU word-break tokens (dictionary-based for Chinese, Japanese,
//           Thai...), lowercased for the language; punctuation and spaces are
//           dropped; with stemming, the language's Snowball stemmer (when one
//           exists) on tokens longer than 3 code points.
//
// Inputs are UTF-8. A text's sentences are its '\n'-separated lines (used by
// ROUGE-Lsum only; empty lines are ignored), or an explicit sentence list.
//
// Thread-compatible: const methods share an ICU BreakIterator and a Snowball
// stemmer, so use one RougeScorer per thread.
#ifndef PRECIS_TOOLS_EVAL_ROUGE_SCORER_H_
#define PRECIS_TOOLS_EVAL_ROUGE_SCORER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace precis::eval {

// Precision, recall and F1 (harmonic mean), each in [0, 1].
struct RougeScore {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

struct RougeScores {
  RougeScore rouge1;
  RougeScore rouge2;
  RougeScore rouge_l;     // Sentence-level LCS over the whole token stream.
  RougeScore rouge_lsum;  // Summary-level union LCS over sentences.
};

enum class RougeTokenizer { kAscii, kIcu };

// How several references combine into one score.
//   kBestF1  per metric, the reference with the highest F1 (rouge_score's
//            score_multi).
//   kPooled  hits and counts summed over references before dividing
//            (ROUGE-1.5.5's default "-f A" model average).
enum class MultiReferenceMode { kBestF1, kPooled };

struct RougeOptions {
  RougeTokenizer tokenizer = RougeTokenizer::kAscii;
  bool stem = false;
  // BCP-47 language: the ICU tokenizer's locale and the Snowball stemmer
  // of kIcu. kAscii always stems with Porter.
  std::string language = "en";
  MultiReferenceMode multi_reference = MultiReferenceMode::kBestF1;
};

// Raw match counts of one metric, before dividing.
struct RougeCounts {
  int64_t hits = 0;
  int64_t reference_total = 0;
  int64_t candidate_total = 0;
  RougeScore ToScore() const;
};

// P/R/F of n-gram overlap between two token-id sequences (clipped counts).
RougeCounts NGramOverlap(std::span<const int32_t> reference,
                         std::span<const int32_t> candidate, int n);

// Length of the longest common subsequence of two token-id sequences.
int32_t LcsLength(std::span<const int32_t> a, std::span<const int32_t> b);

class RougeScorer {
 public:
  // Fails when ICU cannot build a word BreakIterator for `language` or the
  // Porter stemmer is unavailable.
  static absl::StatusOr<std::unique_ptr<RougeScorer>> Create(
      const RougeOptions& options);
  ~RougeScorer();

  // Texts whose lines are sentences.
  RougeScores Score(std::string_view reference,
                    std::string_view candidate) const;
  // Explicit sentence lists.
  RougeScores ScoreSentences(const std::vector<std::string>& reference,
                             const std::vector<std::string>& candidate) const;
  // Several references (each a sentence list); see MultiReferenceMode. An
  // empty reference list scores 0.
  RougeScores ScoreMulti(
      const std::vector<std::vector<std::string>>& references,
      const std::vector<std::string>& candidate) const;

  // The tokens ROUGE compares (lowercased, stemmed when enabled).
  std::vector<std::string> Tokenize(std::string_view text) const;

  // "ascii+porter", "icu(ru)+snowball:russian", "icu(ja)" ... for reports.
  std::string Describe() const;
  const RougeOptions& options() const;

 private:
  struct Impl;
  explicit RougeScorer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis::eval

#endif  // PRECIS_TOOLS_EVAL_ROUGE_SCORER_H_
