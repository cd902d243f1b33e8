// Fact: one typed, normalized key fact found in a text, with all mentions.
#ifndef PRECIS_SERVICE_CORE_FACT_H_
#define PRECIS_SERVICE_CORE_FACT_H_

#include <string>
#include <vector>

#include "text_range.h"

namespace precis {

// Values equal the proto's FactType numbers.
enum class FactType {
  kUnspecified = 0,
  kDate = 1,
  kTime = 2,
  kMoney = 3,
  kPercent = 4,
  kQuantity = 5,
  kPerson = 6,
  kOrganization = 7,
  kPlace = 8,
  kName = 9,
  kDuration = 10,
  kNumber = 11,
  kOrdinal = 12,
};

// Values equal the proto's Grain numbers.
enum class Grain {
  kUnspecified = 0,
  kYear = 1,
  kQuarter = 2,
  kMonth = 3,
  kWeek = 4,
  kDay = 5,
  kHour = 6,
  kMinute = 7,
};

struct FactMention {
  TextRange range;    // In NormalizedText::text().
  int sentence = -1;  // Index into the segmentation's sentences.
};

struct Fact {
  FactType type = FactType::kUnspecified;
  // Normalized value (see KeyFact.value in the proto).
  std::string value;
  // ISO 4217 for money; unit or counted noun for quantities.
  std::string unit;
  Grain grain = Grain::kUnspecified;
  // "approx", "early", "mid", "late", "relative", or empty.
  std::string modifier;
  double confidence = 0.0;
  // In document order; never empty.
  std::vector<FactMention> mentions;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_FACT_H_
