// Sentence templates: MessageFormat escaping (checked with ICU's own
// MessageFormat), number detection, and the engine's summary sentences with
// placeholders and locale renderings.
#include "segment_template.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine.h"
#include "field_error.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "language_data_loader.h"
#include "unicode/msgfmt.h"

namespace precis {
namespace {

using ::testing::HasSubstr;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Formats `pattern` with ICU's MessageFormat and string arguments.
std::string Format(const std::string& pattern, const std::vector<std::string>& args) {
  UErrorCode status = U_ZERO_ERROR;
  icu::MessageFormat format(icu::UnicodeString::fromUTF8(pattern), icu::Locale::getRoot(),
                            status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status) << " for " << pattern;
  if (U_FAILURE(status)) return "<invalid>";
  std::vector<icu::Formattable> values;
  for (const std::string& a : args) values.emplace_back(icu::UnicodeString::fromUTF8(a));
  icu::UnicodeString out;
  icu::FieldPosition position;
  format.format(values.data(), static_cast<int32_t>(values.size()), out, position, status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

// Range of the first occurrence of `needle` in `text`.
TextRange Find(const icu::UnicodeString& text, const char16_t* needle) {
  const icu::UnicodeString n(needle);
  const int32_t at = text.indexOf(n);
  return {at, at + n.length()};
}

TEST(MessageTemplateTest, EscapesApostrophesAndBraces) {
  const icu::UnicodeString text(
      u"It's {not} a '{'quote'}' in O'Brien's } code {{x}} on 10 Jan.");
  const TextRange all{0, text.length()};
  const std::vector<TextRange> placeholders = {Find(text, u"10 Jan")};
  const std::string pattern = BuildMessageTemplate(text, all, placeholders);
  EXPECT_THAT(pattern, HasSubstr("{0}"));
  std::string expected;
  text.toUTF8String(expected);
  EXPECT_EQ(Format(pattern, {"10 Jan"}), expected);
  // A translated-looking pattern keeps working with another argument.
  EXPECT_THAT(Format(pattern, {"10. Jan."}), HasSubstr("on 10. Jan.."));
}

TEST(MessageTemplateTest, CollapsesWhiteSpaceLikeNormalizedText) {
  const icu::UnicodeString text(u"  Talks\n in\u3000 Geneva  on  Monday.  ");
  const TextRange all{0, text.length()};
  const std::string pattern =
      BuildMessageTemplate(text, all, {Find(text, u"Geneva"), Find(text, u"Monday")});
  EXPECT_EQ(pattern, "Talks in {0} on {1}.");
  EXPECT_EQ(Format(pattern, {"Genf", "Montag"}), "Talks in Genf on Montag.");
}

TEST(MessageTemplateTest, PlaceholderAtTheStartAndAfterBraces) {
  const icu::UnicodeString text(u"2022 {x}2023");
  const std::string pattern =
      BuildMessageTemplate(text, {0, text.length()}, {Find(text, u"2022"), Find(text, u"2023")});
  EXPECT_EQ(Format(pattern, {"A", "B"}), "A {x}B");
}

TEST(MessageTemplateTest, NonAsciiAndSupplementaryCharactersRoundTrip) {
  // Written straight to UTF-8: BMP, supplementary (emoji, CJK Ext. B) and
  // a placeholder right after a surrogate pair.
  const icu::UnicodeString text(u"Ça coûte 😀 €5 à 𠮷野家 {brace} le 3 mai.");
  const TextRange all{0, text.length()};
  const std::vector<TextRange> placeholders = {Find(text, u"€5"), Find(text, u"3 mai")};
  const std::string pattern = BuildMessageTemplate(text, all, placeholders);
  EXPECT_EQ(pattern, "Ça coûte 😀 {0} à 𠮷野家 '{'brace'}' le {1}.");
  std::string expected;
  text.toUTF8String(expected);
  EXPECT_EQ(Format(pattern, {"€5", "3 mai"}), expected);
}

TEST(FindNumbersTest, DigitRunsWithSeparatorsButNotCodes) {
  const icu::UnicodeString text(
      u"About 3,000 staff, 4.5 per cent, ١٢٣ shops, G7 talks, COVID-19, 2-min read, 𠮷 10.");
  std::vector<std::string> found;
  for (TextRange r : FindNumbers(text, {0, text.length()})) {
    std::string s;
    text.tempSubString(r.begin, r.length()).toUTF8String(s);
    found.push_back(s);
  }
  EXPECT_THAT(found, ::testing::ElementsAre("3,000", "4.5", "١٢٣", "2", "10"));
}

class SummaryTemplateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto resources = LoadLanguageResources();
    ASSERT_TRUE(resources.ok()) << resources.status();
    auto engine = Engine::Create(EngineConfig{}, *std::move(resources));
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = engine->release();
  }
  static void TearDownTestSuite() { delete engine_; }

  static const Engine* engine_;
};

const Engine* SummaryTemplateTest::engine_ = nullptr;

std::string Slice(const std::string& text, const SourceSpan& span) {
  return text.substr(span.byte_begin, span.byte_end - span.byte_begin);
}

// Every summary sentence: the template with the placeholders' texts gives
// back normalized_text; placeholders slice the source; fact references hold.
void CheckTemplates(const std::string& text, const SummaryResult& r) {
  ASSERT_FALSE(r.summary.empty());
  for (const SentenceResult& s : r.summary) {
    std::vector<std::string> args;
    for (size_t k = 0; k < s.placeholders.size(); ++k) {
      const PlaceholderResult& p = s.placeholders[k];
      EXPECT_EQ(p.index, static_cast<int32_t>(k));
      EXPECT_EQ(Slice(text, p.span), p.text);
      EXPECT_GE(p.span.byte_begin, s.span.byte_begin);
      EXPECT_LE(p.span.byte_end, s.span.byte_end);
      EXPECT_THAT(s.message_template, HasSubstr("{" + std::to_string(k) + "}"));
      if (p.fact_index >= 0) {
        ASSERT_LT(p.fact_index, static_cast<int32_t>(r.facts.size()));
        EXPECT_EQ(r.facts[p.fact_index].value, p.value);
        EXPECT_EQ(r.facts[p.fact_index].type, p.type);
      }
      // The placeholder as it reads in normalized_text (spaces collapsed).
      std::string collapsed;
      bool space = false;
      for (char c : p.text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
          space = true;
          continue;
        }
        if (space && !collapsed.empty()) collapsed.push_back(' ');
        space = false;
        collapsed.push_back(c);
      }
      args.push_back(collapsed);
    }
    EXPECT_EQ(Format(s.message_template, args), s.normalized_text) << s.message_template;
  }
}

TEST_F(SummaryTemplateTest, SampleArticleSentencesBecomeTemplates) {
  const std::string text =
      ReadFile(std::string(PRECIS_TESTDATA_DIR) + "/articles/us-russia-ukraine-talks.txt");
  SummarizeOptions options;
  options.reference_time_ms = 1640692800000;  // 2021-12-28T12:00:00Z
  options.target_locales = {"de", "ja"};
  auto r = engine_->Summarize(text, options);
  ASSERT_TRUE(r.ok()) << r.status();
  CheckTemplates(text, *r);
  int placeholders = 0;
  for (const SentenceResult& s : r->summary) placeholders += s.placeholders.size();
  EXPECT_GT(placeholders, 0);
  // Every listed fact has a rendering per locale.
  ASSERT_FALSE(r->facts.empty());
  for (const FactResult& f : r->facts) {
    EXPECT_EQ(f.display.count("de"), 1u) << f.value;
    EXPECT_EQ(f.display.count("ja"), 1u) << f.value;
  }
}

TEST_F(SummaryTemplateTest, UnlistedFactsAreStillPlaceholders) {
  const std::string text =
      ReadFile(std::string(PRECIS_TESTDATA_DIR) + "/articles/yoshinoya-expansion-emoji.txt");
  SummarizeOptions options;
  options.language = "en";
  options.max_facts = 1;
  options.length = {LengthBudget::Kind::kSentences, 6};
  options.target_locales = {"de"};
  auto r = engine_->Summarize(text, options);
  ASSERT_TRUE(r.ok()) << r.status();
  CheckTemplates(text, *r);
  ASSERT_EQ(r->facts.size(), 1u);
  int unlisted = 0;
  bool money = false;
  for (const SentenceResult& s : r->summary) {
    for (const PlaceholderResult& p : s.placeholders) {
      unlisted += p.fact_index < 0;
      if (p.type == FactType::kMoney && p.value == "300000000") {
        money = true;
        EXPECT_EQ(p.unit, "USD");
        EXPECT_EQ(p.display.at("de"), "300\u00a0Mio.\u00a0$");
        EXPECT_FALSE(p.translate);
      }
    }
  }
  EXPECT_GT(unlisted, 0);
  EXPECT_TRUE(money);
}

TEST_F(SummaryTemplateTest, UnknownLocaleIsInvalidArgumentNamingIt) {
  SummarizeOptions options;
  options.target_locales = {"de", "xq-ZZ"};
  auto r = engine_->Summarize("Talks were held in Geneva on Monday. They ended late.", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorField(r.status()), "target_locales[1]");
  EXPECT_THAT(r.status().message(), HasSubstr("xq-ZZ"));
}

}  // namespace
}  // namespace precis
