// Test helper: the texts of the shared summarization corpora
// (../shared/data/summarization/*.jsonl), for tests that compare a module
// with ICU on real news in many languages.
#ifndef PRECIS_TESTS_CORE_SHARED_CORPORA_H_
#define PRECIS_TESTS_CORE_SHARED_CORPORA_H_

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "unicode/unistr.h"
#include "yaml-cpp/yaml.h"

namespace precis {

// The corpus directory, or empty when ../shared is absent (a fresh clone).
inline std::filesystem::path SummarizationCorpusDir() {
  const std::filesystem::path dir = PRECIS_SHARED_DIR "/data/summarization";
  return std::filesystem::is_directory(dir) ? dir : std::filesystem::path();
}

// Calls `visit(language, text)` for every record of the corpus `file`, the
// text in UTF-16.
inline void ForEachCorpusText(
    const std::filesystem::path& file,
    const std::function<void(const std::string&, const std::u16string&)>& visit) {
  std::ifstream in(file);
  std::string json;
  while (std::getline(in, json)) {
    const YAML::Node record = YAML::Load(json);
    const icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(record["text"].as<std::string>(""));
    visit(record["lang"].as<std::string>(""), std::u16string(u.getBuffer(), u.length()));
  }
}

}  // namespace precis

#endif  // PRECIS_TESTS_CORE_SHARED_CORPORA_H_
