// BoilerplateDetector: tells article body from the headline and from
// scraped boilerplate (reading-time lines, bylines, share prompts,
// newsletter and comment-policy text).
//
// Rules, in order:
//   1. The first sentence is the headline when it has no terminal
//      punctuation, at most 25 words, and text follows it.
//   2. A sentence matching a boilerplate pattern (RE2, case-insensitive,
//      from service/data/languages.yaml; see BoilerplateMatcher) is
//      boilerplate.
//   3. A sentence without terminal punctuation of at most 8 words is not
//      body text (labels, captions, sub-headings, "·2-min read").
//   4. Trailing paragraphs holding a pattern match are boilerplate whole:
//      comment policies and footers run over several sentences.
//
// Thread-safe: Classify() is const.
#ifndef PRECIS_SERVICE_CORE_BOILERPLATE_DETECTOR_H_
#define PRECIS_SERVICE_CORE_BOILERPLATE_DETECTOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sentence_segmenter.h"
#include "summary.h"
#include "unicode/unistr.h"

namespace precis {

class BoilerplateDetector {
 public:
  // `patterns` match anywhere in a sentence or line, `line_start_patterns`
  // only from its first character (see BoilerplateMatcher). INVALID_ARGUMENT
  // naming the pattern when one does not compile.
  static absl::StatusOr<std::unique_ptr<BoilerplateDetector>> Create(
      const std::vector<std::string>& patterns,
      const std::vector<std::string>& line_start_patterns = {});
  ~BoilerplateDetector();

  // One kind per sentence of `segmentation`; `word_counts` has one entry
  // per sentence.
  std::vector<SentenceKind> Classify(const icu::UnicodeString& text,
                                     const Segmentation& segmentation,
                                     const std::vector<int32_t>& word_counts) const;

  // True when the range ends with sentence-final punctuation (ignoring
  // closing quotes and brackets).
  static bool EndsWithTerminal(const icu::UnicodeString& text, TextRange range);

 private:
  struct Impl;
  explicit BoilerplateDetector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_BOILERPLATE_DETECTOR_H_
