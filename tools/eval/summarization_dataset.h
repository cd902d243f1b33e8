// Reads the summarization sets of ../shared/data/summarization (JSONL, one
// article per line: {"id", "lang", "text", "summary", ["references"], ...};
// a summary or reference is a list of sentences or one string).
#ifndef PRECIS_TOOLS_EVAL_SUMMARIZATION_DATASET_H_
#define PRECIS_TOOLS_EVAL_SUMMARIZATION_DATASET_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace precis::eval {

struct Reference {
  // The reference's sentences; when `unsplit`, one string the caller must
  // split with the same sentence splitter as the systems.
  std::vector<std::string> sentences;
  bool unsplit = false;
};

struct Article {
  std::string id;
  std::string language;
  std::string text;
  std::string title;  // The row's "title", or empty.
  // "references" when present, else the one "summary".
  std::vector<Reference> references;
};

// All rows of a JSONL file (at most `max_articles` when > 0). Errors name
// the file and line of a malformed row.
absl::StatusOr<std::vector<Article>> ReadSummarizationJsonl(
    const std::string& path, int max_articles = 0);

}  // namespace precis::eval

#endif  // PRECIS_TOOLS_EVAL_SUMMARIZATION_DATASET_H_
