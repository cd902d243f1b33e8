// The fact gold set (tests/testdata/facts/gold.jsonl, see its README) and
// its scoring rule, shared by precis-facteval and tests/core/fact_gold_test.
//
// Reading: one JSON object per line {"id", "lang", "reference_time"
// (RFC 3339 UTC, "2021-12-28T12:00:00Z"), "text", "split" (default "dev"),
// "facts": [{"type", "text", "value", "unit"}]}; JSON is read as YAML.
// Matching, per text and type: each gold fact takes at most one unused
// prediction with the same value; MONEY also needs the same ISO code;
// QUANTITY and ORDINAL with a gold unit need units of which one ends with
// the other, case-insensitively ("weather satellites" ~ "satellites").
// Every unmatched prediction of an evaluated type is a false positive.
//
// Pure functions; thread-safe.
#ifndef PRECIS_TOOLS_FACTEVAL_FACT_GOLD_H_
#define PRECIS_TOOLS_FACTEVAL_FACT_GOLD_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "fact.h"

namespace precis::factgold {

struct GoldFact {
  std::string type;  // "DATE", "MONEY", ... (EvaluatedTypes names)
  std::string text;
  std::string value;
  std::string unit;
};

struct GoldDoc {
  std::string id, lang, reference_time, text, split;
  int64_t reference_ms = 0;  // reference_time as Unix milliseconds
  std::vector<GoldFact> facts;
};

// A system's fact in the gold schema.
struct Prediction {
  std::string type, text, value, unit;
};

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

// One text's score on one type, with what was missed and what was extra.
struct TypeScore {
  Counts counts;
  std::vector<const GoldFact*> missed;
  std::vector<const Prediction*> extra;
};

// The evaluated types in print order, with their core type. NAME is not
// evaluated (the kind of an unknown proper name is a matter of taste).
const std::vector<std::pair<std::string, FactType>>& EvaluatedTypes();
// The gold name of `type` ("DATE"), or "" when it is not evaluated.
std::string TypeName(FactType type);

// "2021-12-28T12:00:00Z" -> Unix milliseconds; 0 when malformed.
int64_t ParseUtc(const std::string& rfc3339);

// Rows of `path` whose split is `split` ("" or "all": every row). Errors
// name the file and line.
absl::StatusOr<std::vector<GoldDoc>> LoadGold(const std::string& path,
                                              const std::string& split = "all");

bool Matches(const GoldFact& gold, const Prediction& predicted);

// Scores `predicted` (all types; only `type` is looked at) against the
// text's gold facts of `type`.
TypeScore Score(const std::vector<GoldFact>& gold, const std::vector<Prediction>& predicted,
                const std::string& type);

}  // namespace precis::factgold

#endif  // PRECIS_TOOLS_FACTEVAL_FACT_GOLD_H_
