// Evaluator: scores Précis against Lead-k, OTS and a greedy extractive
// oracle on one summarization JSONL file (see summarization_dataset.h).
//
// Every system extracts whole sentences of the engine's own segmentation
// (Engine::Segment), so differences come from selection, not splitting.
// Scores are ROUGE F1 x 100 (R1, R2, summary-level RLsum, stemmed by
// default), averaged over articles; the comparisons Précis - Lead and
// Précis - OTS are paired bootstraps over articles.
//
// Thread-compatible: EvaluateFile runs sequentially on the calling thread.
#ifndef PRECIS_TOOLS_EVAL_EVALUATOR_H_
#define PRECIS_TOOLS_EVAL_EVALUATOR_H_

#include <array>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine.h"
#include "paired_bootstrap.h"

namespace precis::eval {

// How many sentences every system may extract for an article.
struct SentenceBudget {
  enum class Kind { kFixed, kReference };
  Kind kind = Kind::kFixed;
  int sentences = 3;  // kFixed.
  std::string Describe() const;
};

// The budget conventional for a data set, chosen by file name:
// en_cnndm_* 3 (Lead-3 of See et al. 2017); en_bbc_news_summary the
// reference's sentence count (its references are extracts); zh_clts 2 (its
// references average 2.1 sentences); one-sentence references (xsum, xlsum,
// orangesum, and mlsum, whose references here are 14-28 words) 1; else 3.
SentenceBudget DefaultBudgetFor(std::string_view file_name);

enum class TokenizerChoice { kAuto, kAscii, kIcu };

// Which articles of a file are scored: all, or the even / odd positions
// (0-based) of the file. Tuning on one half and checking on the other keeps
// a weight change from being mistaken for progress when it only fits
// the articles it was tuned on.
enum class ArticleSplit { kAll, kEven, kOdd };

struct EvalOptions {
  int max_articles = 0;  // 0 = all; applied before `split`.
  ArticleSplit split = ArticleSplit::kAll;
  bool ots = true;
  bool oracle = false;
  bool stem = true;
  // kAuto: rouge_score's ASCII tokenizer for Latin-script languages
  // (comparable with published numbers), ICU words for other scripts.
  TokenizerChoice tokenizer = TokenizerChoice::kAuto;
  std::optional<SentenceBudget> budget;  // Unset = DefaultBudgetFor(file).
  // Lead-k and OTS choose among BODY sentences (not the engine's headline
  // or boilerplate lines); false = among all sentences.
  bool body_only = true;
  // Give every system the row's "title" as the text's first line (the
  // engine then reads it as the headline; Lead and OTS skip it as a
  // non-body line). Off by default: the published baselines had no title.
  bool with_title = false;
  BootstrapOptions bootstrap;
  // When set, one JSON object per article is written here (for error
  // analysis): the sentence ids each system took and, per candidate
  // sentence, its word count, its ROUGE F1 alone against the reference and
  // its OTS grade. Not owned.
  std::ostream* dump = nullptr;
};

enum Metric { kR1 = 0, kR2 = 1, kRL = 2 };

struct SystemResult {
  std::string name;
  bool available = true;
  std::string note;  // Why unavailable, or errors.
  std::array<std::vector<double>, 3> f1;  // Per article, x100, by Metric.
  double words = 0;    // Sum over articles of summary tokens.
  double seconds = 0;  // Time spent producing summaries.
  int failures = 0;    // Articles the system could not summarize (scored 0).

  double Mean(Metric m) const;
  double MeanWords() const;
  double ArticlesPerSecond() const;
};

struct FileReport {
  std::string file;  // Base name.
  int articles = 0;
  std::string languages;  // Distinct row languages, comma-separated.
  std::string tokenizer;  // RougeScorer::Describe() of the first language.
  std::string budget;
  std::string split;  // "", "even half" or "odd half".
  double mean_reference_sentences = 0;
  std::vector<SystemResult> systems;  // Précis, Lead, OTS, [Oracle].
  std::array<PairedComparison, 3> precis_vs_lead;
  // Set when OTS graded every article (every row's language has an OTS
  // dictionary).
  std::optional<std::array<PairedComparison, 3>> precis_vs_ots;
};

class Evaluator {
 public:
  Evaluator(const Engine& engine, EvalOptions options);
  absl::StatusOr<FileReport> EvaluateFile(const std::string& path) const;

 private:
  const Engine& engine_;
  EvalOptions options_;
};

// Human-readable block for one file.
std::string FormatFileReport(const FileReport& report);
// One Markdown table over all files.
std::string FormatSummaryTable(const std::vector<FileReport>& reports);

}  // namespace precis::eval

#endif  // PRECIS_TOOLS_EVAL_EVALUATOR_H_
