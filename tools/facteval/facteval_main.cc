// precis-facteval [--gold FILE] [--split S] [--recognizers] [--errors]
//
// Runs Engine::Summarize (language and reference time from each row, all
// facts: max_facts = EngineConfig::max_facts_limit) over the fact gold set
// (tests/testdata/facts/gold.jsonl) and prints precision, recall and F1 per
// (type, language) and per type. Reading and matching are fact_gold.h's, the
// ones tests/core/fact_gold_test.cc uses: per text and type, each gold fact
// takes at most one unused prediction with the same value (and, for MONEY,
// the same ISO code; for QUANTITY and ORDINAL, units of which one ends with
// the other); every unmatched prediction of an evaluated type is a false
// positive (the gold set lists every fact of these types).
//
// --recognizers also runs Microsoft Recognizers-Text (recognizers.js, npm
// package pinned in package.json, installed once into the build tree) on the
// same texts with the same reference times and prints its scores next to
// Précis's for DATE, TIME, DURATION, MONEY and PERCENT, in the languages it
// has models for. Without npm/node it prints "recognizers-text: skipped
// (...)" and still exits 0.
//
// Anchored relative dates: gold DATE facts whose text is resolved from the
// last mentioned date ("the following day", "two weeks later", "le
// lendemain", "次日"), recognized with the language's anchored_days /
// offset_after / offset_before phrases from service/data/facts. A system is
// correct on one when a prediction with the gold value has a mention that
// overlaps the phrase in the text.
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "engine.h"
#include "engine_config.h"
#include "fact_gold.h"
#include "language_data_loader.h"
#include "summarize_options.h"
#include "unicode/stringoptions.h"
#include "unicode/unistr.h"
#include "yaml-cpp/yaml.h"

namespace {

using precis::factgold::Counts;
using precis::factgold::EvaluatedTypes;
using precis::factgold::GoldDoc;
using precis::factgold::GoldFact;
using precis::factgold::Prediction;

// Types Recognizers-Text can be compared on, and the recognizer behind each.
const std::map<std::string, std::string>& RecognizerOfType() {
  static const auto* m = new std::map<std::string, std::string>{{"DATE", "datetime"},
                                                                {"TIME", "datetime"},
                                                                {"DURATION", "datetime"},
                                                                {"MONEY", "currency"},
                                                                {"PERCENT", "percentage"}};
  return *m;
}

struct Span {
  int64_t begin = 0, end = 0;  // UTF-16 units of the original text.
};

// One system's facts on one text, with the spans of each fact's mentions.
struct SystemFacts {
  std::vector<Prediction> facts;
  std::vector<std::vector<Span>> spans;  // parallel to facts
};

// Scores one text's predictions of one type; prints misses and extras when
// `errors` is set.
Counts Score(const GoldDoc& row, const std::string& type, const SystemFacts& predicted,
             const char* system, bool errors) {
  const precis::factgold::TypeScore s = precis::factgold::Score(row.facts, predicted.facts, type);
  if (errors) {
    for (const GoldFact* g : s.missed) {
      std::printf("  %-6s miss  %-14s %-9s \"%s\" = %s %s\n", system, row.id.c_str(),
                  type.c_str(), g->text.c_str(), g->value.c_str(), g->unit.c_str());
    }
    for (const Prediction* p : s.extra) {
      std::printf("  %-6s extra %-14s %-9s \"%s\" = %s %s\n", system, row.id.c_str(),
                  type.c_str(), p->text.c_str(), p->value.c_str(), p->unit.c_str());
    }
  }
  return s.counts;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool FileExists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Runs a shell command with its output sent to `log`; returns its exit code.
int Run(const std::string& command, const std::string& log) {
  const int status = std::system((command + " >" + ShellQuote(log) + " 2>&1").c_str());
  if (status == -1) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The last non-empty line of a log, for short messages.
std::string LastLine(const std::string& log) {
  std::istringstream in(ReadFile(log));
  std::string line, last;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  }
  return last;
}

struct RecognizerOutput {
  std::map<std::string, SystemFacts> facts;  // By row id.
  // By row id: recognizer name ("datetime", "currency", "percentage") -> has
  // a model for the row's culture.
  std::map<std::string, std::map<std::string, bool>> supported;
};

// Installs the npm package (once) and runs recognizers.js; false with a
// reason when npm or node is unavailable or fails.
bool RunRecognizers(const std::vector<GoldDoc>& rows, const std::string& node_dir,
                    RecognizerOutput& output, std::string& reason) {
  const std::string script = std::string(PRECIS_FACTEVAL_SOURCE_DIR) + "/recognizers.js";
  const std::string marker =
      node_dir + "/node_modules/@microsoft/recognizers-text-suite/package.json";
  const std::string log = node_dir + "/npm.log";
  std::error_code ec;
  std::filesystem::create_directories(node_dir, ec);
  if (ec) {
    reason = "cannot create " + node_dir + ": " + ec.message();
    return false;
  }
  if (Run("node --version", log) != 0) {
    reason = "node not found";
    return false;
  }
  if (!FileExists(marker)) {
    if (Run("npm --version", log) != 0) {
      reason = "npm not found";
      return false;
    }
    std::fprintf(stderr, "facteval: installing Recognizers-Text into %s\n", node_dir.c_str());
    if (Run("cp " + ShellQuote(std::string(PRECIS_FACTEVAL_SOURCE_DIR) + "/package.json") + " " +
                ShellQuote(node_dir + "/package.json"),
            log) != 0 ||
        Run("npm install --prefix " + ShellQuote(node_dir) + " --no-audit --no-fund", log) != 0 ||
        !FileExists(marker)) {
      reason = "npm install failed: " + LastLine(log) + " (see " + log + ")";
      return false;
    }
  }
  // Input rows; the output is reused while the input and script are unchanged.
  std::string input;
  for (const GoldDoc& row : rows) {
    input += "{\"id\":" + JsonString(row.id) + ",\"lang\":" + JsonString(row.lang) +
             ",\"reference_time\":" + JsonString(row.reference_time) +
             ",\"text\":" + JsonString(row.text) + "}\n";
  }
  const std::string in_path = node_dir + "/input.jsonl";
  const std::string out_path = node_dir + "/output.jsonl";
  const std::string stamp_path = node_dir + "/output.stamp";
  const std::string stamp = input + ReadFile(script);
  if (!FileExists(out_path) || !FileExists(stamp_path) || ReadFile(stamp_path) != stamp) {
    std::ofstream(in_path, std::ios::binary) << input;
    const std::string run_log = node_dir + "/recognizers.log";
    if (Run("node " + ShellQuote(script) + " " + ShellQuote(node_dir) + " " +
                ShellQuote(in_path) + " " + ShellQuote(out_path),
            run_log) != 0) {
      reason = "recognizers.js failed: " + LastLine(run_log) + " (see " + run_log + ")";
      return false;
    }
    std::ofstream(stamp_path, std::ios::binary) << stamp;
  }
  std::ifstream in(out_path);
  std::string line;
  try {
    while (std::getline(in, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const YAML::Node node = YAML::Load(line);
      const std::string id = node["id"].as<std::string>();
      for (const auto& kv : node["supported"]) {
        output.supported[id][kv.first.as<std::string>()] = kv.second.as<bool>();
      }
      SystemFacts& facts = output.facts[id];
      for (const auto& f : node["facts"]) {
        facts.facts.push_back({f["type"].as<std::string>(), f["text"].as<std::string>(),
                               f["value"].as<std::string>(), f["unit"].as<std::string>()});
        facts.spans.push_back({{f["begin"].as<int64_t>(), f["end"].as<int64_t>()}});
      }
    }
  } catch (const YAML::Exception& e) {
    reason = out_path + ": " + e.what();
    return false;
  }
  return true;
}

std::string Fold(const std::string& utf8) {
  std::string out;
  icu::UnicodeString::fromUTF8(utf8).foldCase().toUTF8String(out);
  return out;
}

// Whether a gold DATE's text is resolved from the last mentioned date, by
// the language's own rule tables.
bool IsAnchored(const std::string& text, const precis::FactRulesData* rules) {
  if (rules == nullptr) return false;
  const std::string folded = Fold(text);
  if (auto it = rules->maps.find("anchored_days"); it != rules->maps.end()) {
    for (const auto& [phrase, offset] : it->second) {
      if (folded.find(Fold(phrase)) != std::string::npos) return true;
    }
  }
  // "two weeks later": an offset word as a whole word (space-delimited
  // scripts only; a bare CJK "后" is too ambiguous to test by substring).
  const std::string padded = " " + folded + " ";
  for (const char* key : {"offset_after", "offset_before"}) {
    auto it = rules->lists.find(key);
    if (it == rules->lists.end()) continue;
    for (const std::string& word : it->second) {
      if (padded.find(" " + Fold(word) + " ") != std::string::npos) return true;
    }
  }
  return false;
}

// UTF-16 ranges of every case-insensitive occurrence of `needle` in `text`.
std::vector<Span> Occurrences(const icu::UnicodeString& text, const std::string& needle) {
  std::vector<Span> out;
  const icu::UnicodeString n = icu::UnicodeString::fromUTF8(needle);
  for (int32_t i = 0; i + n.length() <= text.length(); ++i) {
    if (text.caseCompare(i, n.length(), n, U_FOLD_CASE_DEFAULT) == 0) {
      out.push_back({i, i + n.length()});
    }
  }
  return out;
}

// Correct on an anchored gold fact: a prediction with its value overlapping
// one of its occurrences.
bool CorrectAnchored(const GoldFact& gold, const std::vector<Span>& where,
                     const SystemFacts& predicted) {
  for (size_t i = 0; i < predicted.facts.size(); ++i) {
    const Prediction& p = predicted.facts[i];
    if (p.type != gold.type || p.value != gold.value) continue;
    for (const Span& s : predicted.spans[i]) {
      for (const Span& w : where) {
        if (s.begin < w.end && w.begin < s.end) return true;
      }
    }
  }
  return false;
}

void PrintCounts(const Counts& c) {
  std::printf(" %4d %3d %3d %3d %5.3f %5.3f %5.3f", c.tp + c.fn, c.tp, c.fp, c.fn, c.Precision(),
              c.Recall(), c.F1());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"precis-facteval: key-fact precision/recall/F1 on the fact gold set"};
  std::string gold_path = PRECIS_FACTEVAL_GOLD;
  std::string split = "all";
  std::string node_dir = PRECIS_FACTEVAL_NODE_DIR;
  bool recognizers = false;
  bool errors = false;
  app.add_option("--gold", gold_path, "gold JSONL file (default: tests/testdata/facts/gold.jsonl)");
  app.add_option("--split", split, "dev, heldout, heldout2, heldout3 or all (default)");
  app.add_flag("--recognizers", recognizers,
               "also run Microsoft Recognizers-Text (npm, installed into --node-dir)");
  app.add_option("--node-dir", node_dir, "where the npm package is installed");
  app.add_flag("--errors", errors, "print every miss and false positive");
  CLI11_PARSE(app, argc, argv);

  auto loaded = precis::factgold::LoadGold(gold_path, split);
  if (!loaded.ok()) {
    std::cerr << "facteval: " << loaded.status().message() << "\n";
    return 2;
  }
  const std::vector<GoldDoc> rows = *std::move(loaded);
  if (rows.empty()) {
    std::cerr << "facteval: no rows with split " << split << " in " << gold_path << "\n";
    return 2;
  }

  auto resources = precis::LoadLanguageResources();
  if (!resources.ok()) {
    std::cerr << "facteval: language data: " << resources.status() << "\n";
    return 1;
  }
  std::map<std::string, precis::FactRulesData> rules;
  for (const auto& [code, data] : resources->languages) rules[code] = data.facts;
  const precis::EngineConfig config;
  auto engine = precis::Engine::Create(config, *std::move(resources));
  if (!engine.ok()) {
    std::cerr << "facteval: engine: " << engine.status() << "\n";
    return 1;
  }

  // Précis's predictions.
  std::map<std::string, SystemFacts> precis_facts;
  for (const GoldDoc& row : rows) {
    precis::SummarizeOptions options;
    options.language = row.lang;
    options.reference_time_ms = row.reference_ms;
    options.time_zone = "UTC";
    options.max_facts = config.max_facts_limit;
    auto result = (*engine)->Summarize(row.text, options);
    if (!result.ok()) {
      std::cerr << "facteval: " << row.id << ": " << result.status() << "\n";
      return 1;
    }
    SystemFacts& facts = precis_facts[row.id];
    for (const precis::FactResult& f : result->facts) {
      const std::string type = precis::factgold::TypeName(f.type);
      if (type.empty()) continue;
      std::vector<Span> spans;
      for (const precis::SourceSpan& s : f.mentions) spans.push_back({s.utf16_begin, s.utf16_end});
      if (spans.empty()) spans.push_back({f.span.utf16_begin, f.span.utf16_end});
      facts.facts.push_back({type, f.text, f.value, f.unit});
      facts.spans.push_back(std::move(spans));
    }
  }

  RecognizerOutput rt;
  bool have_rt = false;
  if (recognizers) {
    std::string reason;
    have_rt = RunRecognizers(rows, node_dir, rt, reason);
    if (!have_rt) std::printf("recognizers-text: skipped (npm unavailable: %s)\n\n", reason.c_str());
  }

  // Scores: (type, lang) -> counts, for Précis and for Recognizers-Text where
  // it has a model for the language.
  std::map<std::pair<std::string, std::string>, Counts> ours, theirs;
  std::map<std::pair<std::string, std::string>, bool> rt_supported;
  std::set<std::string> languages;
  for (const GoldDoc& row : rows) languages.insert(row.lang);
  if (errors) std::printf("errors:\n");
  for (const GoldDoc& row : rows) {
    for (const auto& [type, t] : EvaluatedTypes()) {
      ours[{type, row.lang}] += Score(row, type, precis_facts[row.id], "precis", errors);
      if (!have_rt) continue;
      const auto rec = RecognizerOfType().find(type);
      if (rec == RecognizerOfType().end()) continue;
      const bool supported = rt.supported[row.id][rec->second];
      rt_supported[{type, row.lang}] = supported;
      if (supported) theirs[{type, row.lang}] += Score(row, type, rt.facts[row.id], "rt", errors);
    }
  }
  if (errors) std::printf("\n");

  std::printf("Fact extraction on %s (%zu texts, split %s)\n", gold_path.c_str(), rows.size(),
              split.c_str());
  std::printf("%-13s %-5s |        Précis                         ", "type", "lang");
  if (have_rt) std::printf("|        Recognizers-Text 1.3.1");
  std::printf("\n%-13s %-5s | %4s %3s %3s %3s %5s %5s %5s", "", "", "gold", "tp", "fp", "fn", "P",
              "R", "F1");
  if (have_rt) std::printf(" | %4s %3s %3s %3s %5s %5s %5s", "gold", "tp", "fp", "fn", "P", "R", "F1");
  std::printf("\n");
  std::vector<std::string> worse;  // "DATE/fr" where Précis F1 < Recognizers F1.
  Counts all;
  for (const auto& [type, t] : EvaluatedTypes()) {
    Counts total, total_on_rt, rt_total;
    bool any_rt = false;
    for (const std::string& lang : languages) {
      const Counts& c = ours[{type, lang}];
      if (c.tp + c.fp + c.fn == 0) continue;
      std::printf("%-13s %-5s |", type.c_str(), lang.c_str());
      PrintCounts(c);
      total += c;
      if (have_rt && RecognizerOfType().count(type)) {
        if (rt_supported[{type, lang}]) {
          const Counts& r = theirs[{type, lang}];
          std::printf(" |");
          PrintCounts(r);
          any_rt = true;
          total_on_rt += c;
          rt_total += r;
          if (c.F1() + 1e-9 < r.F1()) worse.push_back(type + "/" + lang);
        } else {
          std::printf(" | (no %s model for %s)", RecognizerOfType().at(type).c_str(),
                      lang.c_str());
        }
      }
      std::printf("\n");
    }
    all += total;
    if (total.tp + total.fp + total.fn == 0) continue;
    std::printf("%-13s %-5s |", type.c_str(), "ALL");
    PrintCounts(total);
    std::printf("\n");
    if (any_rt) {
      std::printf("%-13s %-5s |", type.c_str(), "RT*");
      PrintCounts(total_on_rt);
      std::printf(" |");
      PrintCounts(rt_total);
      std::printf("\n");
    }
    std::printf("\n");
  }
  std::printf("%-13s %-5s |", "ALL TYPES", "ALL");
  PrintCounts(all);
  std::printf("\n");
  if (have_rt) {
    std::printf("RT* = the languages Recognizers-Text has a model for (both systems).\n");
    std::vector<std::string> key_worse;
    for (const std::string& w : worse) {
      if (w.starts_with("DATE/") || w.starts_with("MONEY/") || w.starts_with("PERCENT/")) {
        key_worse.push_back(w);
      }
    }
    std::printf("Goal (Précis F1 >= Recognizers-Text F1 on DATE, MONEY, PERCENT in every language it supports): %s",
                key_worse.empty() ? "met" : "NOT met:");
    for (const std::string& w : key_worse) std::printf(" %s", w.c_str());
    std::printf("\n");
    if (worse.size() > key_worse.size()) {
      std::printf("Other types where Recognizers-Text scores higher:");
      for (const std::string& w : worse) {
        if (std::find(key_worse.begin(), key_worse.end(), w) == key_worse.end()) {
          std::printf(" %s", w.c_str());
        }
      }
      std::printf("\n");
    }
  }

  // Anchored relative dates.
  std::printf("\nAnchored relative dates (resolved from the last mentioned date):\n");
  int anchored = 0, ours_ok = 0, theirs_ok = 0, theirs_n = 0;
  for (const GoldDoc& row : rows) {
    const auto rit = rules.find(row.lang);
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(row.text);
    for (const GoldFact& g : row.facts) {
      if (g.type != "DATE" || !IsAnchored(g.text, rit == rules.end() ? nullptr : &rit->second)) {
        continue;
      }
      ++anchored;
      const std::vector<Span> where = Occurrences(text, g.text);
      const bool ok = CorrectAnchored(g, where, precis_facts[row.id]);
      ours_ok += ok;
      std::string rt_note;
      if (have_rt) {
        if (rt.supported[row.id]["datetime"]) {
          ++theirs_n;
          const bool rok = CorrectAnchored(g, where, rt.facts[row.id]);
          theirs_ok += rok;
          std::string got;
          const SystemFacts& theirs_facts = rt.facts[row.id];
          for (size_t i = 0; i < theirs_facts.facts.size(); ++i) {
            const Prediction& p = theirs_facts.facts[i];
            for (const Span& s : theirs_facts.spans[i]) {
              for (const Span& w : where) {
                if (p.type == "DATE" && s.begin < w.end && w.begin < s.end) got = p.value;
              }
            }
          }
          rt_note = std::string("  rt: ") + (rok ? "ok" : "wrong") +
                    (got.empty() ? " (none)" : " (" + got + ")");
        } else {
          rt_note = "  rt: no model";
        }
      }
      std::printf("  %-14s %-5s \"%s\" = %s  précis: %s%s\n", row.id.c_str(), row.lang.c_str(),
                  g.text.c_str(), g.value.c_str(), ok ? "ok" : "wrong", rt_note.c_str());
    }
  }
  std::printf("Anchored relative dates: Précis %d/%d correct", ours_ok, anchored);
  if (have_rt) {
    std::printf("; Recognizers-Text %d/%d correct (in the %d it has a model for)", theirs_ok,
                anchored, theirs_n);
  }
  std::printf("\n");
  return 0;
}
