// Precision and recall of FactExtractor per fact type on a hand-annotated
// gold set (tests/testdata/facts/gold.jsonl, 10 languages; regenerate with
// make_gold.py there). Every fact of the evaluated types is annotated, so
// an extra prediction is a false positive. Reading and matching are
// tools/facteval/fact_gold.h's, shared with precis-facteval.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "fact_gold.h"
#include "fact_test_util.h"
#include "gtest/gtest.h"
#include "yaml-cpp/yaml.h"

namespace precis {
namespace {

using factgold::Counts;
using factgold::GoldDoc;
using factgold::GoldFact;
using factgold::Prediction;

TEST(FactGoldTest, PrecisionAndRecallPerType) {
  auto loaded = factgold::LoadGold(std::string(PRECIS_TESTDATA_DIR) + "/facts/gold.jsonl");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const std::vector<GoldDoc>& docs = *loaded;
  ASSERT_GE(docs.size(), 30u);
  std::map<std::string, Counts> counts;
  std::map<std::string, Counts> splits;  // dev / heldout, all types
  std::set<std::string> languages;
  int gold_total = 0;
  for (const GoldDoc& doc : docs) {
    languages.insert(doc.lang);
    const testing::Extracted x = testing::Extract(doc.text, doc.lang, doc.reference_ms);
    std::vector<Prediction> predicted;
    for (const Fact& f : x.facts) {
      const std::string type = factgold::TypeName(f.type);
      if (!type.empty()) predicted.push_back({type, x.MentionText(f), f.value, f.unit});
    }
    for (const auto& [name, type] : factgold::EvaluatedTypes()) {
      const factgold::TypeScore s = factgold::Score(doc.facts, predicted, name);
      gold_total += s.counts.tp + s.counts.fn;
      counts[name] += s.counts;
      splits[doc.split] += s.counts;
      for (const GoldFact* g : s.missed) {
        std::printf("  miss %-10s %-12s %s = %s %s\n", doc.id.c_str(), name.c_str(),
                    g->text.c_str(), g->value.c_str(), g->unit.c_str());
      }
      for (const Prediction* p : s.extra) {
        std::printf("  extra %-9s %-12s \"%s\" = %s %s\n", doc.id.c_str(), name.c_str(),
                    p->text.c_str(), p->value.c_str(), p->unit.c_str());
      }
    }
  }
  EXPECT_GE(gold_total, 150);
  EXPECT_GE(languages.size(), 8u);
  Counts all;
  std::printf("%-13s %5s %5s %5s %6s %6s\n", "type", "tp", "fp", "fn", "P", "R");
  for (const auto& [name, c] : counts) {
    std::printf("%-13s %5d %5d %5d %6.3f %6.3f\n", name.c_str(), c.tp, c.fp, c.fn, c.Precision(),
                c.Recall());
    all += c;
  }
  std::printf("%-13s %5d %5d %5d %6.3f %6.3f\n", "ALL", all.tp, all.fp, all.fn, all.Precision(),
              all.Recall());
  for (const auto& [split, c] : splits) {
    std::printf("split %-7s %5d %5d %5d %6.3f %6.3f\n", split.c_str(), c.tp, c.fp, c.fn,
                c.Precision(), c.Recall());
  }
  // Floors: a regression guard a little under the measured values.
  const std::map<std::string, std::pair<double, double>> floors = {
      {"DATE", {0.9, 0.9}},         {"TIME", {0.9, 0.9}},     {"DURATION", {0.8, 0.8}},
      {"MONEY", {0.9, 0.9}},        {"PERCENT", {0.9, 0.9}},  {"QUANTITY", {0.75, 0.75}},
      {"ORDINAL", {0.8, 0.8}},      {"PERSON", {0.8, 0.8}},   {"ORGANIZATION", {0.8, 0.8}},
      {"PLACE", {0.8, 0.8}}};
  for (const auto& [name, floor] : floors) {
    const Counts& c = counts[name];
    EXPECT_GE(c.Precision(), floor.first) << name << " precision";
    EXPECT_GE(c.Recall(), floor.second) << name << " recall";
  }
  EXPECT_GE(all.Precision(), 0.9);
  EXPECT_GE(all.Recall(), 0.9);
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
