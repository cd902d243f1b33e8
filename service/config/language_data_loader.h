// Loads the language data under service/data/ (embedded in the binary) into
// the core's LanguageResources.
//
// Files (one per language and concern, so adding a language is adding files):
//   languages.yaml             {languages: [{code, name}], boilerplate_patterns: [...],
//                               boilerplate_line_start_patterns: [...]}
//   segmentation/<code>.yaml   {cldr_suppressions: bool, abbreviations: [...],
//                               title_abbreviations: [...]}
//   lexicon/<code>.yaml        {stemmer: str, stopwords: [...], dependent_openers: [...]}
//   facts/<code>.yaml          free-form: each top-level key maps to a list of
//                              strings (-> FactRulesData::lists) or to a map of
//                              string -> string (-> FactRulesData::maps).
// Unknown keys in the fixed-schema files are rejected with the file and key.
// Thread-safe (pure function).
#ifndef PRECIS_SERVICE_CONFIG_LANGUAGE_DATA_LOADER_H_
#define PRECIS_SERVICE_CONFIG_LANGUAGE_DATA_LOADER_H_

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "embedded_data.h"
#include "language_resources.h"

namespace precis {

// From the embedded copy of service/data.
absl::StatusOr<LanguageResources> LoadLanguageResources();

// From the given files (paths relative to service/data), for tests.
absl::StatusOr<LanguageResources> LoadLanguageResources(
    const std::vector<EmbeddedFile>& files);

}  // namespace precis

#endif  // PRECIS_SERVICE_CONFIG_LANGUAGE_DATA_LOADER_H_
