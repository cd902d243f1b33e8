// Per-language data the engine needs, as plain structs. The core never reads
// files: service/config loads the YAML under service/data/ into these.
#ifndef PRECIS_SERVICE_CORE_LANGUAGE_RESOURCES_H_
#define PRECIS_SERVICE_CORE_LANGUAGE_RESOURCES_H_

#include <map>
#include <string>
#include <vector>

namespace precis {

// Sentence segmentation data for one language (service/data/segmentation).
struct SegmentationData {
  // Use ICU's CLDR abbreviation suppressions ("@ss=standard"); decided per
  // language by measurement (it hurts German news, helps English).
  bool cldr_suppressions = false;
  // Extra abbreviations without the final period ("Dr", "U.S", "z.B"): a
  // break after "<abbr>." is removed. Matched case-sensitively.
  std::vector<std::string> abbreviations;
  // Abbreviations that never end a sentence even before a capital
  // (titles such as "Mr", "Dr", "Prof").
  std::vector<std::string> title_abbreviations;
};

// Lexical data for one language (service/data/lexicon).
struct LexiconData {
  // Case-folded stopwords.
  std::vector<std::string> stopwords;
  // Snowball algorithm name for sb_stemmer_new ("english"), empty for none.
  std::string stemmer;
  // Sentence-initial words that make a sentence depend on the one before
  // ("But", "He", "This"), case-folded.
  std::vector<std::string> dependent_openers;
};

// Fact rules for one language (service/data/facts); owned by FactExtractor.
struct FactRulesData {
  // Free-form rule tables keyed by name; FactExtractor documents the keys.
  std::map<std::string, std::vector<std::string>> lists;
  std::map<std::string, std::map<std::string, std::string>> maps;
};

struct LanguageData {
  std::string code;  // BCP-47 primary subtag, e.g. "en".
  std::string name;  // English name, e.g. "English".
  SegmentationData segmentation;
  LexiconData lexicon;
  FactRulesData facts;
};

struct LanguageResources {
  // Keyed by code.
  std::map<std::string, LanguageData> languages;
  // Language-independent boilerplate patterns (RE2 syntax, matched against a
  // whole line, case-insensitive), e.g. read-time and comment-policy lines.
  std::vector<std::string> boilerplate_patterns;
  // The same, matched only from a line's first character (as if they began
  // with ^): patterns that skip a bounded prefix before their keywords
  // (".{0,150}all rights reserved"), kept apart so that the set of the
  // others stays small (see boilerplate_matcher.h).
  std::vector<std::string> boilerplate_line_start_patterns;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_LANGUAGE_RESOURCES_H_
