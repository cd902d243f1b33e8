// segeval [--golden DIR] [--failures]: prints, per language of the golden
// sentence-boundary set, the number of cases, how many plain ICU and Précis's
// SentenceSegmenter get exactly right, and the totals. With --failures, also
// prints each case Précis gets wrong, its expected and its actual sentences.
#include <cstdio>
#include <iostream>
#include <string>

#include "CLI/CLI.hpp"
#include "golden_set.h"
#include "language_data_loader.h"
#include "sentence_segmenter.h"

int main(int argc, char** argv) {
  CLI::App app{"Sentence segmentation accuracy on the golden set"};
  std::string golden_dir = PRECIS_DEFAULT_GOLDEN_DIR;
  bool failures = false;
  app.add_option("--golden", golden_dir, "directory of <lang>.jsonl files");
  app.add_flag("--failures", failures, "print the cases Précis gets wrong");
  CLI11_PARSE(app, argc, argv);

  const auto golden = precis::segeval::LoadGoldenSet(golden_dir);
  if (!golden.ok()) {
    std::cerr << "segeval: " << golden.status() << "\n";
    return 1;
  }
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
