// Results of the engine, in source coordinates (see SourceSpan).
#ifndef PRECIS_SERVICE_CORE_SUMMARY_H_
#define PRECIS_SERVICE_CORE_SUMMARY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fact.h"
#include "source_span.h"

namespace precis {

enum class SentenceKind { kBody = 1, kHeadline = 2, kBoilerplate = 3 };

// A value in a sentence template (see SentenceResult::message_template): a
// fact mention, or a number that is not one.
struct PlaceholderResult {
  int32_t index = 0;  // {index} in the template.
  std::string text;   // Exact source slice.
  SourceSpan span;
  FactType type = FactType::kUnspecified;
  // Index into SummaryResult::facts; -1 when the fact is not in that list
  // (or the placeholder is a bare number).
  int32_t fact_index = -1;
  std::string value;  // As FactResult::value ("" for a bare number).
  std::string unit;
  Grain grain = Grain::kUnspecified;
  // True for names with usual translations (places, organizations); false
  // for what must be kept or re-rendered (numbers, dates, money, people).
  bool translate = false;
  std::map<std::string, std::string> display;  // locale -> rendering
};

struct SentenceResult {
  int32_t id = 0;
  std::string text;             // Exact source slice.
  std::string normalized_text;  // Cleaned for display.
  double score = 0;
  int32_t rank = 0;  // 1-based; 0 when not ranked.
  int32_t paragraph = 0;
  SourceSpan span;
  SentenceKind kind = SentenceKind::kBody;
  // normalized_text in ICU MessageFormat syntax with every fact, number and
  // name replaced by {0}, {1}, ... (summary sentences only).
  std::string message_template;
  std::vector<PlaceholderResult> placeholders;
};

struct FactResult {
  FactType type = FactType::kUnspecified;
  std::string text;  // First mention, exact source slice.
  std::string value;
  std::string unit;
  int32_t sentence_id = 0;
  SourceSpan span;
  double confidence = 0;
  Grain grain = Grain::kUnspecified;
  std::vector<SourceSpan> mentions;
  std::string modifier;
  std::map<std::string, std::string> display;  // locale -> rendering
};

struct KeyPhraseResult {
  std::string text;
  double score = 0;
  SourceSpan span;
  int32_t count = 0;
};

struct DocumentStats {
  int32_t sentence_count = 0;
  int64_t char_count = 0;
  int32_t paragraph_count = 0;
  int32_t word_count = 0;
};

struct SummaryResult {
  std::string language;
  double language_confidence = 0;
  std::string title;
  std::optional<SourceSpan> title_span;
  std::vector<SentenceResult> summary;  // Document order.
  std::vector<FactResult> facts;        // Most important first.
  std::vector<KeyPhraseResult> key_phrases;
  DocumentStats stats;
  std::string empty_reason;
};

struct ParagraphResult {
  int32_t id = 0;
  SourceSpan span;
  int32_t sentence_begin = 0;
  int32_t sentence_end = 0;
};

struct SegmentResult {
  std::string language;
  double language_confidence = 0;
  std::vector<SentenceResult> sentences;
  std::vector<ParagraphResult> paragraphs;
};

struct LanguageCapability {
  std::string code;
  std::string name;
  bool detection = false;
  bool sentence_abbreviations = false;
  bool stemming = false;
  bool stopwords = false;
  std::vector<FactType> fact_types;
};

struct Capabilities {
  std::vector<LanguageCapability> languages;
  int64_t max_text_bytes = 0;
  int32_t default_max_sentences = 0;
  int32_t default_max_facts = 0;
  int32_t max_facts = 0;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_SUMMARY_H_
