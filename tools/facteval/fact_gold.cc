#include "fact_gold.h"

#include <cctype>
#include <cstdio>
#include <fstream>

#include "absl/status/status.h"
#include "date_resolver.h"
#include "yaml-cpp/yaml.h"

namespace precis::factgold {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

const std::vector<std::pair<std::string, FactType>>& EvaluatedTypes() {
  static const auto* types = new std::vector<std::pair<std::string, FactType>>{
      {"DATE", FactType::kDate},
      {"TIME", FactType::kTime},
      {"DURATION", FactType::kDuration},
      {"MONEY", FactType::kMoney},
      {"PERCENT", FactType::kPercent},
      {"QUANTITY", FactType::kQuantity},
      {"ORDINAL", FactType::kOrdinal},
      {"PERSON", FactType::kPerson},
      {"ORGANIZATION", FactType::kOrganization},
      {"PLACE", FactType::kPlace}};
  return *types;
}

std::string TypeName(FactType type) {
  for (const auto& [name, t] : EvaluatedTypes()) {
    if (t == type) return name;
  }
  return "";
}

int64_t ParseUtc(const std::string& s) {
  int y, mo, d, h, mi, sec;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec) != 6) return 0;
  return (DaysFromCivil({y, mo, d}) * 86400 + h * 3600 + mi * 60 + sec) * 1000;
}

absl::StatusOr<std::vector<GoldDoc>> LoadGold(const std::string& path, const std::string& split) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError("cannot read " + path);
  std::vector<GoldDoc> docs;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      const YAML::Node node = YAML::Load(line);  // JSON is YAML.
      GoldDoc doc;
      doc.id = node["id"].as<std::string>();
      doc.lang = node["lang"].as<std::string>();
      doc.text = node["text"].as<std::string>();
      doc.split = node["split"] ? node["split"].as<std::string>() : "dev";
      doc.reference_time = node["reference_time"].as<std::string>();
      doc.reference_ms = ParseUtc(doc.reference_time);
      for (const auto& f : node["facts"]) {
        doc.facts.push_back({f["type"].as<std::string>(), f["text"].as<std::string>(),
                             f["value"].as<std::string>(), f["unit"].as<std::string>()});
      }
      if (split.empty() || split == "all" || doc.split == split) docs.push_back(std::move(doc));
    } catch (const YAML::Exception& e) {
      return absl::InvalidArgumentError(path + ":" + std::to_string(n) + ": " + e.what());
    }
  }
  return docs;
}

bool Matches(const GoldFact& g, const Prediction& p) {
  if (g.value != p.value) return false;
  if (g.type == "MONEY") return g.unit == p.unit;
  if ((g.type == "QUANTITY" || g.type == "ORDINAL") && !g.unit.empty()) {
    // "weather satellites" and "satellites" both name what is counted.
    const std::string a = Lower(g.unit), b = Lower(p.unit);
    return !b.empty() && (a.ends_with(b) || b.ends_with(a));
  }
  return true;
}

TypeScore Score(const std::vector<GoldFact>& gold, const std::vector<Prediction>& predicted,
                const std::string& type) {
  TypeScore score;
  std::vector<const Prediction*> pred;
  for (const Prediction& p : predicted) {
    if (p.type == type) pred.push_back(&p);
  }
  std::vector<bool> used(pred.size(), false);
  for (const GoldFact& g : gold) {
    if (g.type != type) continue;
    bool found = false;
    for (size_t i = 0; i < pred.size() && !found; ++i) {
      if (!used[i] && Matches(g, *pred[i])) used[i] = found = true;
    }
    if (found) {
      ++score.counts.tp;
    } else {
      ++score.counts.fn;
      score.missed.push_back(&g);
    }
  }
  for (size_t i = 0; i < pred.size(); ++i) {
    if (used[i]) continue;
    ++score.counts.fp;
    score.extra.push_back(pred[i]);
  }
  return score;
}

}  // namespace precis::factgold
