// precis-facteval [--gold FILE] [--split S] [--recognizers] [--errors]
//
// Runs Engine::Summarize (language and reference time from each row, all
// facts: max_facts = EngineConfig::max_facts_limit) over the fact gold set
// (tests/testdata/facts/gold.jsonl) and prints precision, recall and F1 per
// (type, language) and per type. Matching follows tests/core/fact_gold_test.cc:
// per text and type, each gold fact takes at most one unused prediction with
// the same value (and, for MONEY, the same ISO code; for QUANTITY, units of
// which one ends with the other); every unmatched prediction of an evaluated
// type is a false positive (the gold set lists every fact of these types).
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
#include "language_data_loader.h"
#include "summarize_options.h"
#include "unicode/stringoptions.h"
#include "unicode/unistr.h"
#include "yaml-cpp/yaml.h"

namespace {

// The evaluated types, in print order; NAME is not evaluated (see the gold
// set's README).
const std::vector<std::pair<std::string, precis::FactType>>& EvaluatedTypes() {
  static const auto* types = new std::vector<std::pair<std::string, precis::FactType>>{
      {"DATE", precis::FactType::kDate},
      {"TIME", precis::FactType::kTime},
      {"DURATION", precis::FactType::kDuration},
      {"MONEY", precis::FactType::kMoney},
      {"PERCENT", precis::FactType::kPercent},
      {"QUANTITY", precis::FactType::kQuantity},
      {"PERSON", precis::FactType::kPerson},
      {"ORGANIZATION", precis::FactType::kOrganization},
      {"PLACE", precis::FactType::kPlace}};
  return *types;
}

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

struct Item {  // A gold or predicted fact.
  std::string type, text, value, unit;
  std::vector<Span> spans;  // Predictions only.
};

struct Row {
  std::string id, lang, reference_time, text, split;
  int64_t reference_ms = 0;
  std::vector<Item> gold;
};

// "2021-12-28T12:00:00Z" -> Unix ms (0 if malformed).
int64_t ParseUtc(const std::string& s) {
  int y, mo, d, h, mi, sec;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec) != 6) return 0;
  // Days from civil (H. Hinnant's algorithm).
  y -= mo <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = era * 146097 + doe - 719468;
  return (days * 86400 + h * 3600 + mi * 60 + sec) * 1000;
}

bool LoadGold(const std::string& path, const std::string& split, std::vector<Row>& rows,
              std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = "cannot read " + path;
    return false;
  }
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      const YAML::Node node = YAML::Load(line);  // JSON is YAML.
      Row row;
      row.id = node["id"].as<std::string>();
      row.lang = node["lang"].as<std::string>();
      row.text = node["text"].as<std::string>();
      row.split = node["split"] ? node["split"].as<std::string>() : "dev";
      row.reference_time = node["reference_time"].as<std::string>();
      row.reference_ms = ParseUtc(row.reference_time);
      for (const auto& f : node["facts"]) {
        row.gold.push_back({f["type"].as<std::string>(), f["text"].as<std::string>(),
                            f["value"].as<std::string>(), f["unit"].as<std::string>(), {}});
      }
      if (split.empty() || split == "all" || row.split == split) rows.push_back(std::move(row));
    } catch (const YAML::Exception& e) {
      error = path + ":" + std::to_string(n) + ": " + e.what();
      return false;
    }
  }
  return true;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The matching rule of tests/core/fact_gold_test.cc.
bool Matches(const Item& g, const Item& p) {
  if (g.value != p.value) return false;
  if (g.type == "MONEY") return g.unit == p.unit;
  if (g.type == "QUANTITY" && !g.unit.empty()) {
    const std::string a = Lower(g.unit), b = Lower(p.unit);
    return a.ends_with(b) || b.ends_with(a);
  }
  return true;
}

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  Counts& operator+=(const Counts& o) {
    tp += o.tp;
    fp += o.fp;
    fn += o.fn;
    return *this;
  }
  double Precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
  double Recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
};

// Scores one text's predictions of one type; prints misses and extras when
// `errors` is set.
Counts Score(const Row& row, const std::string& type, const std::vector<Item>& predicted,
             const char* system, bool errors) {
  Counts c;
  std::vector<const Item*> pred;
  for (const Item& p : predicted) {
    if (p.type == type) pred.push_back(&p);
  }
  std::vector<bool> used(pred.size(), false);
  for (const Item& g : row.gold) {
    if (g.type != type) continue;
    bool found = false;
    for (size_t i = 0; i < pred.size() && !found; ++i) {
      if (!used[i] && Matches(g, *pred[i])) used[i] = found = true;
    }
    if (found) {
      ++c.tp;
    } else {
      ++c.fn;
      if (errors) {
        std::printf("  %-6s miss  %-14s %-9s \"%s\" = %s %s\n", system, row.id.c_str(),
                    type.c_str(), g.text.c_str(), g.value.c_str(), g.unit.c_str());
      }
    }
  }
  for (size_t i = 0; i < pred.size(); ++i) {
    if (used[i]) continue;
    ++c.fp;
    if (errors) {
      std::printf("  %-6s extra %-14s %-9s \"%s\" = %s %s\n", system, row.id.c_str(),
                  type.c_str(), pred[i]->text.c_str(), pred[i]->value.c_str(),
                  pred[i]->unit.c_str());
    }
  }
  return c;
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
  std::map<std::string, std::vector<Item>> facts;  // By row id.
  // By row id: recognizer name ("datetime", "currency", "percentage") -> has
  // a model for the row's culture.
  std::map<std::string, std::map<std::string, bool>> supported;
};

// Installs the npm package (once) and runs recognizers.js; false with a
// reason when npm or node is unavailable or fails.
bool RunRecognizers(const std::vector<Row>& rows, const std::string& node_dir,
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
  for (const Row& row : rows) {
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
      auto& facts = output.facts[id];
      for (const auto& f : node["facts"]) {
        Item item{f["type"].as<std::string>(), f["text"].as<std::string>(),
                  f["value"].as<std::string>(), f["unit"].as<std::string>(), {}};
        item.spans.push_back({f["begin"].as<int64_t>(), f["end"].as<int64_t>()});
        facts.push_back(std::move(item));
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
bool CorrectAnchored(const Item& gold, const std::vector<Span>& where,
                     const std::vector<Item>& predicted) {
  for (const Item& p : predicted) {
    if (p.type != gold.type || p.value != gold.value) continue;
    for (const Span& s : p.spans) {
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
  app.add_option("--split", split, "dev, heldout, heldout2 or all (default)");
  app.add_flag("--recognizers", recognizers,
               "also run Microsoft Recognizers-Text (npm, installed into --node-dir)");
  app.add_option("--node-dir", node_dir, "where the npm package is installed");
  app.add_flag("--errors", errors, "print every miss and false positive");
  CLI11_PARSE(app, argc, argv);

  std::vector<Row> rows;
  std::string error;
  if (!LoadGold(gold_path, split, rows, error)) {
    std::cerr << "facteval: " << error << "\n";
    return 2;
  }
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
  std::map<std::string, std::vector<Item>> precis_facts;
  for (const Row& row : rows) {
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
    auto& facts = precis_facts[row.id];
    for (const precis::FactResult& f : result->facts) {
      std::string type;
      for (const auto& [name, t] : EvaluatedTypes()) {
        if (t == f.type) type = name;
      }
      if (type.empty()) continue;
      Item item{type, f.text, f.value, f.unit, {}};
      for (const precis::SourceSpan& s : f.mentions) item.spans.push_back({s.utf16_begin, s.utf16_end});
      if (item.spans.empty()) item.spans.push_back({f.span.utf16_begin, f.span.utf16_end});
      facts.push_back(std::move(item));
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
  for (const Row& row : rows) languages.insert(row.lang);
  if (errors) std::printf("errors:\n");
  for (const Row& row : rows) {
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
  for (const Row& row : rows) {
    const auto rit = rules.find(row.lang);
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(row.text);
    for (const Item& g : row.gold) {
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
          for (const Item& p : rt.facts[row.id]) {
            for (const Span& s : p.spans) {
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
