// Precision and recall of FactExtractor per fact type on a hand-annotated
// gold set (tests/testdata/facts/gold.jsonl, 10 languages; regenerate with
// make_gold.py there). Every fact of the evaluated types is annotated, so
// an extra prediction is a false positive. NAME is not evaluated (the kind
// of an unknown proper name is a matter of taste).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "date_resolver.h"
#include "fact_test_util.h"
#include "gtest/gtest.h"
#include "yaml-cpp/yaml.h"

namespace precis {
namespace {

struct GoldFact {
  std::string type, text, value, unit;
};
struct GoldDoc {
  std::string id, lang, text, split;
  int64_t reference_ms = 0;
  std::vector<GoldFact> facts;
};

const std::map<std::string, FactType>& Types() {
  static const auto* types = new std::map<std::string, FactType>{
      {"DATE", FactType::kDate},       {"TIME", FactType::kTime},
      {"DURATION", FactType::kDuration}, {"MONEY", FactType::kMoney},
      {"PERCENT", FactType::kPercent}, {"QUANTITY", FactType::kQuantity},
      {"PERSON", FactType::kPerson},   {"ORGANIZATION", FactType::kOrganization},
      {"PLACE", FactType::kPlace}};
  return *types;
}

// "2021-12-28T12:00:00Z" -> Unix ms.
int64_t ParseUtc(const std::string& s) {
  int y, mo, d, h, mi, sec;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec) != 6) return 0;
  return (DaysFromCivil({y, mo, d}) * 86400 + h * 3600 + mi * 60 + sec) * 1000;
}

std::vector<GoldDoc> LoadGold() {
  std::vector<GoldDoc> docs;
  std::ifstream in(std::string(PRECIS_TESTDATA_DIR) + "/facts/gold.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const YAML::Node node = YAML::Load(line);  // JSON is YAML
    GoldDoc doc;
    doc.id = node["id"].as<std::string>();
    doc.lang = node["lang"].as<std::string>();
    doc.text = node["text"].as<std::string>();
    doc.split = node["split"] ? node["split"].as<std::string>() : "dev";
    doc.reference_ms = ParseUtc(node["reference_time"].as<std::string>());
    for (const auto& f : node["facts"]) {
      doc.facts.push_back({f["type"].as<std::string>(), f["text"].as<std::string>(),
                           f["value"].as<std::string>(), f["unit"].as<std::string>()});
    }
    docs.push_back(std::move(doc));
  }
  return docs;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool Matches(const GoldFact& g, const Fact& p) {
  if (g.value != p.value) return false;
  if (g.type == "MONEY") return g.unit == p.unit;
  if (g.type == "QUANTITY" && !g.unit.empty()) {
    // "weather satellites" and "satellites" both name what is counted.
    const std::string a = Lower(g.unit), b = Lower(p.unit);
    return a.ends_with(b) || b.ends_with(a);
  }
  return true;
}

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
};

TEST(FactGoldTest, PrecisionAndRecallPerType) {
  const std::vector<GoldDoc> docs = LoadGold();
  ASSERT_GE(docs.size(), 30u);
  std::map<std::string, Counts> counts;
  std::map<std::string, Counts> splits;  // dev / heldout, all types
  std::set<std::string> languages;
  int gold_total = 0;
  for (const GoldDoc& doc : docs) {
    languages.insert(doc.lang);
    const testing::Extracted x = testing::Extract(doc.text, doc.lang, doc.reference_ms);
    for (const auto& [name, type] : Types()) {
      std::vector<const GoldFact*> gold;
      for (const GoldFact& g : doc.facts) {
        if (g.type == name) gold.push_back(&g);
      }
      std::vector<const Fact*> predicted;
      for (const Fact& f : x.facts) {
        if (f.type == type) predicted.push_back(&f);
      }
      gold_total += static_cast<int>(gold.size());
      std::vector<bool> used(predicted.size(), false);
      Counts& c = counts[name];
      for (const GoldFact* g : gold) {
        bool found = false;
        for (size_t i = 0; i < predicted.size() && !found; ++i) {
          if (!used[i] && Matches(*g, *predicted[i])) used[i] = found = true;
        }
        Counts& sc = splits[doc.split];
        if (found) {
          ++c.tp;
          ++sc.tp;
        } else {
          ++c.fn;
          ++sc.fn;
          std::printf("  miss %-10s %-12s %s = %s %s\n", doc.id.c_str(), name.c_str(),
                      g->text.c_str(), g->value.c_str(), g->unit.c_str());
        }
      }
      for (size_t i = 0; i < predicted.size(); ++i) {
        if (used[i]) continue;
        ++c.fp;
        ++splits[doc.split].fp;
        std::printf("  extra %-9s %-12s \"%s\" = %s %s\n", doc.id.c_str(), name.c_str(),
                    x.MentionText(*predicted[i]).c_str(), predicted[i]->value.c_str(),
                    predicted[i]->unit.c_str());
      }
    }
  }
  EXPECT_GE(gold_total, 150);
  EXPECT_GE(languages.size(), 8u);
  Counts all;
  std::printf("%-13s %5s %5s %5s %6s %6s\n", "type", "tp", "fp", "fn", "P", "R");
  for (const auto& [name, c] : counts) {
    std::printf("%-13s %5d %5d %5d %6.3f %6.3f\n", name.c_str(), c.tp, c.fp, c.fn, c.precision(),
                c.recall());
    all.tp += c.tp;
    all.fp += c.fp;
    all.fn += c.fn;
  }
  std::printf("%-13s %5d %5d %5d %6.3f %6.3f\n", "ALL", all.tp, all.fp, all.fn, all.precision(),
              all.recall());
  for (const auto& [split, c] : splits) {
    std::printf("split %-7s %5d %5d %5d %6.3f %6.3f\n", split.c_str(), c.tp, c.fp, c.fn,
                c.precision(), c.recall());
  }
  // Floors: a regression guard a little under the measured values.
  const std::map<std::string, std::pair<double, double>> floors = {
      {"DATE", {0.9, 0.9}},         {"TIME", {0.9, 0.9}},     {"DURATION", {0.8, 0.8}},
      {"MONEY", {0.9, 0.9}},        {"PERCENT", {0.9, 0.9}},  {"QUANTITY", {0.75, 0.75}},
      {"PERSON", {0.8, 0.8}},       {"ORGANIZATION", {0.75, 0.75}}, {"PLACE", {0.8, 0.8}}};
  for (const auto& [name, floor] : floors) {
    const Counts& c = counts[name];
    EXPECT_GE(c.precision(), floor.first) << name << " precision";
    EXPECT_GE(c.recall(), floor.second) << name << " recall";
  }
  EXPECT_GE(all.precision(), 0.9);
  EXPECT_GE(all.recall(), 0.9);
}

}  // namespace
}  // namespace precis

namespace precis {
namespace {

// Development probe over a JSONL corpus ({"text", "lang"} per line):
// FACT_PROBE_JSONL=file FACT_PROBE_N=5 prints the facts of the first N texts.
TEST(FactGoldProbe, Corpus) {
  const char* path = std::getenv("FACT_PROBE_JSONL");
  if (path == nullptr) GTEST_SKIP() << "set FACT_PROBE_JSONL";
  const int n = std::getenv("FACT_PROBE_N") ? std::atoi(std::getenv("FACT_PROBE_N")) : 5;
  std::ifstream in(path);
  std::string line;
  for (int i = 0; i < n && std::getline(in, line); ++i) {
    const YAML::Node node = YAML::Load(line);
    const std::string lang = node["lang"] ? node["lang"].as<std::string>() : "en";
    const testing::Extracted x = testing::Extract(node["text"].as<std::string>(), lang);
    std::printf("=== %d (%s)\n%s", i, lang.c_str(), x.Dump().c_str());
  }
}

}  // namespace
}  // namespace precis
