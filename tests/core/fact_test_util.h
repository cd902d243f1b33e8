// Shared helpers for the fact extractor tests: one extractor built from the
// embedded language data, ICU sentence splitting, and fact lookup.
#ifndef PRECIS_TESTS_CORE_FACT_TEST_UTIL_H_
#define PRECIS_TESTS_CORE_FACT_TEST_UTIL_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fact.h"
#include "fact_extractor.h"
#include "gtest/gtest.h"
#include "language_data_loader.h"
#include "normalized_text.h"
#include "unicode/brkiter.h"
#include "unicode/locid.h"
#include "unicode/unistr.h"

namespace precis::testing {

// 2021-12-28T12:00:00Z, a Tuesday: the sample article's publication time.
inline constexpr int64_t kReferenceMs = 1640692800000;

inline const FactExtractor& SharedExtractor() {
  static const FactExtractor* extractor = [] {
    auto resources = LoadLanguageResources();
    EXPECT_TRUE(resources.ok()) << resources.status();
    std::map<std::string, FactRulesData> facts;
    if (resources.ok()) {
      for (const auto& [code, data] : resources->languages) facts[code] = data.facts;
    }
    auto created = FactExtractor::Create(facts);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->release() : nullptr;
  }();
  return *extractor;
}

// "... am 10." (a day number of one or two digits after a space).
inline bool EndsWithDayNumber(const icu::UnicodeString& text, TextRange r) {
  int32_t i = r.end - 1;
  if (i <= r.begin || text.charAt(i) != '.') return false;
  int digits = 0;
  while (i - 1 >= r.begin && u_isdigit(text.charAt(i - 1))) {
    --i;
    ++digits;
  }
  return digits >= 1 && digits <= 2 && i - 1 >= r.begin && text.charAt(i - 1) == ' ';
}

// Sentences by ICU (with CLDR abbreviation suppressions), split at line
// breaks too; whitespace trimmed.
inline std::vector<TextRange> Sentences(const icu::UnicodeString& text,
                                        const std::string& lang) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(
      icu::Locale((lang + "@ss=standard").c_str()), status));
  it->setText(text);
  std::vector<TextRange> out;
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    int32_t b = start, e = end;
    while (b < e && u_isspace(text.charAt(b))) ++b;
    while (e > b && u_isspace(text.charAt(e - 1))) --e;
    if (e <= b) continue;
    // ICU breaks after German ordinal dates ("am 10. Januar"); the
    // project's segmenter does not, so neither does this helper.
    if (!out.empty() && EndsWithDayNumber(text, out.back())) {
      out.back().end = e;
      continue;
    }
    out.push_back(TextRange{b, e});
  }
  return out;
}

struct Extracted {
  icu::UnicodeString text;
  std::vector<Fact> facts;

  std::string MentionText(const Fact& f, size_t i = 0) const {
    std::string out;
    const TextRange r = f.mentions[i].range;
    text.tempSubString(r.begin, r.length()).toUTF8String(out);
    return out;
  }
  const Fact* Find(FactType type, std::string_view value) const {
    for (const Fact& f : facts) {
      if (f.type == type && f.value == value) return &f;
    }
    return nullptr;
  }
  int Count(FactType type) const {
    int n = 0;
    for (const Fact& f : facts) n += f.type == type;
    return n;
  }
  std::string Dump() const {
    std::string out;
    for (const Fact& f : facts) {
      out += std::to_string(static_cast<int>(f.type)) + " [" + f.value + "] unit=[" + f.unit +
             "] mod=" + f.modifier + " grain=" + std::to_string(static_cast<int>(f.grain)) +
             " conf=" + std::to_string(f.confidence) + " text=\"" + MentionText(f) + "\" x" +
             std::to_string(f.mentions.size()) + "\n";
    }
    return out;
  }
};

// The fact of `type` with `value`, or null and a test failure (listing
// what was extracted) when there is none.
inline const Fact* Expect(const Extracted& x, FactType type, const std::string& value) {
  const Fact* f = x.Find(type, value);
  EXPECT_NE(f, nullptr) << "missing " << static_cast<int>(type) << " " << value << "\n"
                        << x.Dump();
  return f;
}

inline Extracted Extract(std::string_view utf8, const std::string& lang,
                         int64_t reference_ms = kReferenceMs,
                         const std::string& zone = "UTC") {
  Extracted out;
  auto normalized = NormalizedText::Create(utf8);
  EXPECT_TRUE(normalized.ok());
  if (!normalized.ok()) return out;
  out.text = normalized->text();
  FactContext context;
  context.language = lang;
  context.reference_time_ms = reference_ms;
  context.time_zone = zone;
  out.facts = SharedExtractor().Extract(out.text, Sentences(out.text, lang), {}, context);
  return out;
}

}  // namespace precis::testing

#endif  // PRECIS_TESTS_CORE_FACT_TEST_UTIL_H_
