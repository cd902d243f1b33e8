// The sentence-boundary golden set in ../shared/data/segmentation/golden
// (JSONL: {"id", "lang", "text", "sentences"}), and exact-match scoring of
// plain ICU and of SentenceSegmenter on it. Header-only: shared by the segeval
// tool and tests/core/segmentation_golden_test.cc. JSON is read with yaml-cpp
// (JSON is a subset of YAML 1.2).
#ifndef PRECIS_TOOLS_SEGEVAL_GOLDEN_SET_H_
#define PRECIS_TOOLS_SEGEVAL_GOLDEN_SET_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "sentence_segmenter.h"
#include "unicode/brkiter.h"
#include "unicode/locid.h"
#include "unicode/unistr.h"
#include "yaml-cpp/yaml.h"

namespace precis::segeval {

struct GoldenCase {
  std::string id;
  std::string lang;
  std::string text;
  std::vector<std::string> sentences;  // Trimmed.
};

inline std::string TrimWhitespace(std::string_view s) {
  // ASCII white space plus U+00A0 is enough for this data set.
  auto is_space = [](unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// All cases of all *.jsonl files in `dir`, keyed by language, in file order.
inline absl::StatusOr<std::map<std::string, std::vector<GoldenCase>>> LoadGoldenSet(
    const std::string& dir) {
  std::map<std::string, std::vector<GoldenCase>> out;
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  }
  if (ec) return absl::NotFoundError(absl::StrCat(dir, ": ", ec.message()));
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (TrimWhitespace(line).empty()) continue;
      try {
        const YAML::Node node = YAML::Load(line);
        GoldenCase c;
        c.id = node["id"].as<std::string>();
        c.lang = node["lang"].as<std::string>();
        c.text = node["text"].as<std::string>();
        for (const auto& s : node["sentences"]) {
          c.sentences.push_back(TrimWhitespace(s.as<std::string>()));
        }
        out[c.lang].push_back(std::move(c));
      } catch (const YAML::Exception& e) {
        return absl::InvalidArgumentError(
            absl::StrCat(path.string(), ":", line_no, ": ", e.what()));
      }
    }
  }
  return out;
}

inline std::string Utf8(const icu::UnicodeString& text, int32_t begin, int32_t end) {
  std::string s;
  text.tempSubStringBetween(begin, end).toUTF8String(s);
  return s;
}

// Plain ICU sentence instance for the case's language, segments trimmed,
// empty ones dropped.
inline std::vector<std::string> PlainIcuSentences(const GoldenCase& c) {
  std::vector<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale(c.lang.c_str()), status));
  if (U_FAILURE(status)) return out;
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(c.text);
  it->setText(text);
  int32_t begin = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; end = it->next()) {
    std::string s = TrimWhitespace(Utf8(text, begin, end));
    if (!s.empty()) out.push_back(std::move(s));
    begin = end;
  }
  return out;
}

inline std::vector<std::string> SegmenterSentences(const SentenceSegmenter& segmenter,
                                                   const GoldenCase& c) {
  std::vector<std::string> out;
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(c.text);
  for (const SegmentedSentence& s : segmenter.Segment(text, c.lang).sentences) {
    out.push_back(TrimWhitespace(Utf8(text, s.range.begin, s.range.end)));
  }
  return out;
}

struct LanguageScore {
  int cases = 0;
  int icu_correct = 0;
  int precis_correct = 0;
  std::vector<std::string> precis_failures;  // Case ids.
};

inline std::map<std::string, LanguageScore> Score(
    const std::map<std::string, std::vector<GoldenCase>>& golden,
    const SentenceSegmenter& segmenter) {
  std::map<std::string, LanguageScore> out;
  for (const auto& [lang, cases] : golden) {
    LanguageScore& score = out[lang];
    for (const GoldenCase& c : cases) {
      ++score.cases;
      if (PlainIcuSentences(c) == c.sentences) ++score.icu_correct;
      if (SegmenterSentences(segmenter, c) == c.sentences) {
        ++score.precis_correct;
      } else {
        score.precis_failures.push_back(c.id);
      }
    }
  }
  return out;
}

}  // namespace precis::segeval

#endif  // PRECIS_TOOLS_SEGEVAL_GOLDEN_SET_H_
