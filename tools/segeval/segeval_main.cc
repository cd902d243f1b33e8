// segeval [--golden DIR] [--failures]: prints, per language of the golden
// sentence-boundary set, the number of cases, how many plain ICU and Précis's
// SentenceSegmenter get exactly right, and the totals. With --failures, also
// prints each case Précis gets wrong, its expected and its actual sentences.
//
// segeval --segment FILE.jsonl [--field text]: segments the normalized
// `field` of every row of a summarization JSONL file ({"id", "lang", ...})
// and prints "id<TAB>n<TAB>sentence" lines (for diffs between versions), then
// on stderr the sentence-count histogram and mean.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include "CLI/CLI.hpp"
#include "golden_set.h"
#include "language_data_loader.h"
#include "normalized_text.h"
#include "sentence_segmenter.h"
#include "yaml-cpp/yaml.h"

namespace {

// The --segment mode; returns the exit code.
int SegmentFile(const precis::SentenceSegmenter& segmenter, const std::string& path,
                const std::string& field) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "segeval: cannot read " << path << "\n";
    return 1;
  }
  std::map<int, int> histogram;  // Sentences per row, in buckets of 5.
  int rows = 0;
  long total = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (precis::segeval::TrimWhitespace(line).empty()) continue;
    std::string id, lang, text;
    try {
      const YAML::Node node = YAML::Load(line);
      id = node["id"].as<std::string>();
      lang = node["lang"].as<std::string>();
      if (!node[field]) continue;
      text = node[field].as<std::string>();
    } catch (const YAML::Exception& e) {
      std::cerr << "segeval: " << path << ": " << e.what() << "\n";
      return 1;
    }
    const auto normalized = precis::NormalizedText::Create(text);
    if (!normalized.ok()) {
      std::cerr << "segeval: " << id << ": " << normalized.status() << "\n";
      return 1;
    }
    const icu::UnicodeString& u = normalized->text();
    const precis::Segmentation seg = segmenter.Segment(u, lang);
    int n = 0;
    for (const precis::SegmentedSentence& s : seg.sentences) {
      std::string sentence = precis::segeval::Utf8(u, s.range.begin, s.range.end);
      for (char& c : sentence) {
        if (c == '\n' || c == '\t') c = ' ';
      }
      std::printf("%s\t%d\t%s\n", id.c_str(), n++, sentence.c_str());
    }
    ++rows;
    total += n;
    ++histogram[n / 5 * 5];
  }
  std::fprintf(stderr, "%d rows, %ld sentences, mean %.1f per row\n", rows, total,
               rows > 0 ? static_cast<double>(total) / rows : 0.0);
  for (const auto& [bucket, count] : histogram) {
    std::fprintf(stderr, "  %3d-%-3d %4d %s\n", bucket, bucket + 4, count,
                 std::string(std::min(count, 60), '#').c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sentence segmentation accuracy on the golden set"};
  std::string golden_dir = PRECIS_DEFAULT_GOLDEN_DIR;
  bool failures = false;
  std::string segment_file;
  std::string field = "text";
  app.add_option("--golden", golden_dir, "directory of <lang>.jsonl files");
  app.add_flag("--failures", failures, "print the cases Précis gets wrong");
  app.add_option("--segment", segment_file,
                 "segment every row of a summarization JSONL file instead");
  app.add_option("--field", field, "the field --segment reads (default: text)");
  CLI11_PARSE(app, argc, argv);

  const auto resources = precis::LoadLanguageResources();
  if (!resources.ok()) {
    std::cerr << "segeval: " << resources.status() << "\n";
    return 1;
  }
  const auto segmenter = precis::SentenceSegmenter::Create(*resources);
  if (!segmenter.ok()) {
    std::cerr << "segeval: " << segmenter.status() << "\n";
    return 1;
  }
  if (!segment_file.empty()) return SegmentFile(**segmenter, segment_file, field);
  const auto golden = precis::segeval::LoadGoldenSet(golden_dir);
  if (!golden.ok()) {
    std::cerr << "segeval: " << golden.status() << "\n";
    return 1;
  }
  const auto scores = precis::segeval::Score(*golden, **segmenter);
  std::printf("%-6s %6s %10s %10s\n", "lang", "cases", "plain ICU", "Précis");
  int cases = 0, icu = 0, precis_ok = 0;
  for (const auto& [lang, s] : scores) {
    std::printf("%-6s %6d %10d %10d\n", lang.c_str(), s.cases, s.icu_correct,
                s.precis_correct);
    cases += s.cases;
    icu += s.icu_correct;
    precis_ok += s.precis_correct;
  }
  std::printf("%-6s %6d %10d %10d   (%.1f%% vs %.1f%%)\n", "total", cases, icu, precis_ok,
              100.0 * icu / std::max(cases, 1), 100.0 * precis_ok / std::max(cases, 1));
  if (failures) {
    for (const auto& [lang, cs] : *golden) {
      for (const auto& c : cs) {
        const auto got = precis::segeval::SegmenterSentences(**segmenter, c);
        if (got == c.sentences) continue;
        std::printf("\n%s: %s\n", c.id.c_str(), c.text.c_str());
        for (const auto& s : c.sentences) std::printf("  want [%s]\n", s.c_str());
        for (const auto& s : got) std::printf("  got  [%s]\n", s.c_str());
      }
    }
  }
  return 0;
}
