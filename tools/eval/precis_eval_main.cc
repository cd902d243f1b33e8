// precis-eval: ROUGE of Précis vs Lead-k, OTS and a greedy oracle on the
// summarization sets in ../shared/data/summarization (see tools/README.md).
//
//   precis-eval                       all *.jsonl of the default directory
//   precis-eval DIR_OR_FILE...        given files / directories
//   precis-eval --files a.jsonl --max-articles 50 --oracle --no-ots
//   precis-eval --split even --set salience=2 --set position=1   (tuning)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "engine.h"
#include "evaluator.h"
#include "language_data_loader.h"

namespace {

namespace fs = std::filesystem;

// Files named directly, and the *.jsonl of named directories (sorted).
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths,
                                     std::string& error) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::directory_iterator(p, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".jsonl") {
          found.push_back(entry.path().string());
        }
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      error = "no such file or directory: " + p;
      return {};
    }
  }
  return files;
}

// RankerWeights fields by the names the server's YAML uses
// (engine.ranker.<name>), for --set.
std::map<std::string, double*> RankerWeightFields(precis::RankerWeights& w) {
  return {
      {"centrality", &w.centrality},
      {"centrality_beta", &w.centrality_beta},
      {"centrality_lambda_before", &w.centrality_lambda_before},
      {"centrality_lambda_after", &w.centrality_lambda_after},
      {"salience", &w.salience},
      {"position", &w.position},
      {"position_decay", &w.position_decay},
      {"headline", &w.headline},
      {"facts", &w.facts},
      {"length", &w.length},
      {"length_saturation_words", &w.length_saturation_words},
      {"coverage_full", &w.coverage_full},
      {"coverage_lead", &w.coverage_lead},
      {"length_saturation_sentences", &w.length_saturation_sentences},
      {"mmr_lambda", &w.mmr_lambda},
      {"dependent_discount", &w.dependent_discount},
      {"quotation", &w.quotation},
  };
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Scores Précis, Lead-k, OTS and an extractive oracle with ROUGE "
      "(F1 x100; R1, R2, summary-level RLsum)"};
  std::vector<std::string> paths, files;
  int max_articles = 0;
  bool no_ots = false, oracle = false, no_stem = false, all_sentences = false;
  bool markdown_only = false, with_title = false;
  std::string budget = "auto", tokenizer = "auto", split = "all", dump;
  std::vector<std::string> settings;
  int resamples = 1000;
  uint64_t seed = 20240601;
  app.add_option("paths", paths, "JSONL files or directories of them");
  app.add_option("--files", files, "JSONL files (same as positional paths)");
  app.add_option("--max-articles", max_articles,
                 "score at most N articles per file (0 = all)");
  app.add_flag("--no-ots", no_ots, "skip the OTS baseline");
  app.add_flag("--oracle", oracle, "add the greedy extractive oracle");
  app.add_option("--budget", budget,
                 "sentences per summary: a number, 'ref' (the reference's "
                 "sentence count) or 'auto' (per data set, see README)");
  app.add_option("--tokenizer", tokenizer,
                 "ROUGE tokenizer: auto (ASCII for Latin scripts, ICU "
                 "otherwise), ascii (rouge_score) or icu")
      ->check(CLI::IsMember({"auto", "ascii", "icu"}));
  app.add_option("--split", split,
                 "score all articles, or only the even / odd ones (0-based "
                 "position in the file): tune on one half, check on the other")
      ->check(CLI::IsMember({"all", "even", "odd"}));
  app.add_option("--set", settings,
                 "override a ranker weight, NAME=VALUE (the keys of the "
                 "server's engine.ranker YAML section); repeatable");
  app.add_flag("--with-title", with_title,
               "prepend each row's \"title\" (when it has one) as a headline "
               "line, for every system");
  app.add_flag("--no-stem", no_stem, "ROUGE without stemming");
  app.add_flag("--all-sentences", all_sentences,
               "Lead and OTS may pick headline/boilerplate sentences too");
  app.add_option("--resamples", resamples, "bootstrap resamples");
  app.add_option("--seed", seed, "bootstrap seed");
  app.add_flag("--markdown-only", markdown_only,
               "print only the summary table");
  app.add_option("--dump", dump,
                 "write one JSON object per article to this file: the "
                 "sentences each system took, and every candidate sentence's "
                 "words, ROUGE alone and OTS grade (error analysis)");
  CLI11_PARSE(app, argc, argv);

  precis::eval::EvalOptions options;
  options.max_articles = max_articles;
  options.ots = !no_ots;
  options.oracle = oracle;
  options.stem = !no_stem;
  options.with_title = with_title;
  options.split = split == "even"  ? precis::eval::ArticleSplit::kEven
                  : split == "odd" ? precis::eval::ArticleSplit::kOdd
                                   : precis::eval::ArticleSplit::kAll;
  precis::EngineConfig config;
  {
    auto fields = RankerWeightFields(config.ranker);
    for (const std::string& setting : settings) {
      const size_t eq = setting.find('=');
      auto it = fields.find(setting.substr(0, eq));
      double value = 0;
      size_t used = 0;
      bool ok = eq != std::string::npos && it != fields.end();
      if (ok) {
        try {
          value = std::stod(setting.substr(eq + 1), &used);
        } catch (...) {
          ok = false;
        }
        ok = ok && used == setting.size() - eq - 1;
      }
      if (!ok) {
        std::cerr << "--set expects NAME=NUMBER with NAME one of:";
        for (const auto& [name, field] : fields) std::cerr << " " << name;
        std::cerr << "\n";
        return 2;
      }
      *it->second = value;
      std::cout << "ranker." << it->first << " = " << value << "\n";
    }
  }
  options.body_only = !all_sentences;
  options.bootstrap.resamples = resamples;
  options.bootstrap.seed = seed;
  options.tokenizer = tokenizer == "ascii" ? precis::eval::TokenizerChoice::kAscii
                      : tokenizer == "icu" ? precis::eval::TokenizerChoice::kIcu
                                           : precis::eval::TokenizerChoice::kAuto;
  if (budget == "ref") {
    options.budget = precis::eval::SentenceBudget{
        precis::eval::SentenceBudget::Kind::kReference, 0};
  } else if (budget != "auto") {
    int n = 0;
    try {
      n = std::stoi(budget);
    } catch (...) {
      n = 0;
    }
    if (n < 1) {
      std::cerr << "--budget must be a positive number, 'ref' or 'auto'\n";
      return 2;
    }
    options.budget = precis::eval::SentenceBudget{
        precis::eval::SentenceBudget::Kind::kFixed, n};
  }

  paths.insert(paths.end(), files.begin(), files.end());
  if (paths.empty()) {
    if (!fs::is_directory(PRECIS_DEFAULT_DATA_DIR)) {
      std::cerr << "no data: " << PRECIS_DEFAULT_DATA_DIR
                << " does not exist (../shared is absent); pass files\n";
      return 2;
    }
    paths.push_back(PRECIS_DEFAULT_DATA_DIR);
  }
  std::string error;
  const std::vector<std::string> inputs = ExpandPaths(paths, error);
  if (!error.empty()) {
    std::cerr << error << "\n";
    return 2;
  }

  auto resources = precis::LoadLanguageResources();
  if (!resources.ok()) {
    std::cerr << "language data: " << resources.status() << "\n";
    return 1;
  }
  auto engine = precis::Engine::Create(config, *std::move(resources));
  if (!engine.ok()) {
    std::cerr << "engine: " << engine.status() << "\n";
    return 1;
  }

  std::ofstream dump_stream;
  if (!dump.empty()) {
    dump_stream.open(dump);
    if (!dump_stream) {
      std::cerr << "cannot write " << dump << "\n";
      return 2;
    }
    options.dump = &dump_stream;
  }
  const auto start = std::chrono::steady_clock::now();
  precis::eval::Evaluator evaluator(**engine, options);
  std::vector<precis::eval::FileReport> reports;
  int failed = 0;
  for (const std::string& input : inputs) {
    auto report = evaluator.EvaluateFile(input);
    if (!report.ok()) {
      std::cerr << input << ": " << report.status() << "\n";
      ++failed;
      continue;
    }
    if (!markdown_only) {
      std::cout << precis::eval::FormatFileReport(*report) << std::flush;
    }
    reports.push_back(*std::move(report));
  }
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start)
                             .count();
  if (!reports.empty()) {
    std::cout << "\n" << precis::eval::FormatSummaryTable(reports);
  }
  std::fprintf(stdout, "\n%zu file(s) in %.1f s\n", reports.size(), seconds);
  return failed > 0 ? 1 : 0;
}
