// Sentence templates: MessageFormat escaping (checked with ICU's own
// MessageFormat), number detection, and the engine's summary sentences with
// placeholders and locale renderings.
#include "segment_template.h"

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine.h"
#include "field_error.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "language_data_loader.h"
#include "unicode/msgfmt.h"
#include "unicode/uchar.h"
#include "unicode/utf16.h"

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

// The per-character algorithms BuildMessageTemplate and FindNumbers had
// before their word-at-a-time fast paths, kept as the oracle the fast
// paths must match byte for byte.
namespace reference {

bool IsCollapsedSpace(UChar c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x3000;
}

void AppendLiteral(UChar32 c, bool* in_quote, std::string* out) {
  const bool brace = c == '{' || c == '}';
  if (brace != *in_quote) {
    out->push_back('\'');
    *in_quote = brace;
  }
  if (c == '\'') {
    out->append("''");
  } else {
    icu::UnicodeString(c).toUTF8String(*out);
  }
}

std::string BuildMessageTemplate(const icu::UnicodeString& text, TextRange range,
                                 const std::vector<TextRange>& placeholders) {
  std::string out;
  bool in_quote = false, space = false, empty = true;
  size_t next = 0;
  int32_t i = range.begin;
  while (i < range.end) {
    if (next < placeholders.size() && placeholders[next].begin == i) {
      if (in_quote) {
        out.push_back('\'');
        in_quote = false;
      }
      if (space && !empty) out.push_back(' ');
      space = false;
      empty = false;
      out += "{" + std::to_string(next) + "}";
      i = std::max(placeholders[next].end, i + 1);
      ++next;
      continue;
    }
    UChar32 c = text[i++];
    if (IsCollapsedSpace(static_cast<UChar>(c))) {
      space = true;
      continue;
    }
    if (space && !empty) AppendLiteral(' ', &in_quote, &out);
    space = false;
    empty = false;
    if (U16_IS_SURROGATE(c)) {
      const bool split = next < placeholders.size() && placeholders[next].begin == i;
      if (U16_IS_LEAD(c) && i < range.end && !split && U16_IS_TRAIL(text[i])) {
        c = U16_GET_SUPPLEMENTARY(c, text[i]);
        ++i;
      } else {
        c = 0xFFFD;
      }
    }
    AppendLiteral(c, &in_quote, &out);
  }
  if (in_quote) out.push_back('\'');
  return out;
}

std::vector<TextRange> FindNumbers(const icu::UnicodeString& text, TextRange range) {
  auto is_alpha = [](UChar32 c) { return c != U_SENTINEL && u_isalpha(c); };
  auto is_separator = [](UChar32 c) {
    return c == '.' || c == ',' || c == '\'' || c == 0x00A0 || c == 0x202F || c == 0x066B ||
           c == 0x066C;
  };
  std::vector<TextRange> numbers;
  int32_t i = range.begin;
  while (i < range.end) {
    if (!u_isdigit(text.char32At(i))) {
      i = text.moveIndex32(i, 1);
      continue;
    }
    const int32_t begin = i;
    int32_t end = text.moveIndex32(i, 1);
    while (end < range.end) {
      const UChar32 d = text.char32At(end);
      if (u_isdigit(d)) {
        end = text.moveIndex32(end, 1);
      } else if (is_separator(d) && end + 1 < range.end && u_isdigit(text.char32At(end + 1))) {
        end += 1;
      } else {
        break;
      }
    }
    i = end;
    const UChar32 before =
        begin > range.begin ? text.char32At(text.moveIndex32(begin, -1)) : U_SENTINEL;
    const UChar32 after = end < range.end ? text.char32At(end) : U_SENTINEL;
    if (is_alpha(before) || is_alpha(after)) continue;
    if (before == '-' && begin - 1 > range.begin && is_alpha(text.char32At(begin - 2))) continue;
    numbers.push_back({begin, end});
  }
  return numbers;
}

}  // namespace reference

// Random texts built from the pieces the fast paths treat differently:
// plain ASCII words, single and repeated white space of every collapsed
// kind, apostrophes, braces and the ASCII after them, digits with
// separators, non-ASCII, surrogate pairs and lone surrogates.
icu::UnicodeString RandomText(std::mt19937* rng) {
  static const std::vector<std::u16string> pieces = {
      u"a", u"Word", u"talks", u"x", u"G7", u"COVID-", u"F-", u" ", u"  ", u"\t", u"\n",
      u"\u3000", u"\u001C", u"'", u"''", u"{", u"}", u"|", u"~", u"\u007F", u",", u".",
      u"-", u"1", u"42", u"3,000", u"4.5", u"1999", u"0", u"9", u"\u0661\u0662", u"\u00A0",
      u"\u00E9", u"\u4E2D", u"\U0001F600", u"\U00020BB7", std::u16string(1, u'\xD83D'),
      std::u16string(1, u'\xDE00'), u"O'Brien", u"{x}", u"end."};
  icu::UnicodeString text;
  const int n = std::uniform_int_distribution<int>(0, 40)(*rng);
  for (int k = 0; k < n; ++k) {
    const std::u16string& piece =
        pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(*rng)];
    text.append(piece.data(), static_cast<int32_t>(piece.size()));
  }
  return text;
}

TEST(MessageTemplateTest, MatchesThePerCharacterAlgorithmOnRandomTexts) {
  std::mt19937 rng(20261128);
  for (int iteration = 0; iteration < 20000; ++iteration) {
    const icu::UnicodeString text = RandomText(&rng);
    const int32_t n = text.length();
    auto pick = [&](int32_t lo, int32_t hi) {
      return std::uniform_int_distribution<int32_t>(lo, std::max(lo, hi))(rng);
    };
    // A range, possibly cutting a pair or a placeholder, and placeholders
    // inside it: usually sorted and disjoint, sometimes empty, touching,
    // overlapping or outside the range (the rest is then literal).
    const int32_t begin = pick(0, n / 3);
    const TextRange range{begin, pick(begin, n)};
    std::vector<TextRange> placeholders;
    int32_t at = range.begin;
    while (at < range.end && placeholders.size() < 6) {
      const int32_t b = pick(at, range.end);
      const int32_t e = pick(b, std::min(range.end, b + 6));
      placeholders.push_back({b, e});
      at = iteration % 7 == 0 ? std::max(range.begin, b - 1) : e + pick(0, 1);
    }
    if (iteration % 11 == 0) placeholders.push_back({range.end, range.end + 1});
    std::string utf8;
    text.toUTF8String(utf8);
    ASSERT_EQ(BuildMessageTemplate(text, range, placeholders),
              reference::BuildMessageTemplate(text, range, placeholders))
        << utf8 << " [" << range.begin << ", " << range.end << ")";
    const std::vector<TextRange> numbers = FindNumbers(text, range);
    const std::vector<TextRange> expected = reference::FindNumbers(text, range);
    ASSERT_EQ(numbers.size(), expected.size()) << utf8;
    for (size_t k = 0; k < numbers.size(); ++k) {
      EXPECT_EQ(numbers[k].begin, expected[k].begin) << utf8;
      EXPECT_EQ(numbers[k].end, expected[k].end) << utf8;
    }
  }
}

TEST(MessageTemplateTest, FastPathEdgesAreWrittenExactly) {
  // Runs of plain ASCII of every length around the four-unit words, with
  // single spaces (copied), double spaces and a trailing space (collapsed,
  // dropped), the characters that stop a run, and placeholders right
  // after a space and inside a surrogate pair.
  const icu::UnicodeString text(
      u"abc defg hijkl  mnop q r s tuvwxyz0123 '{|}~' \U0001F600x 1,5 end ");
  EXPECT_EQ(BuildMessageTemplate(text, {0, text.length()}, {}),
            "abc defg hijkl mnop q r s tuvwxyz0123 '''{'|'}'~'' \U0001F600x 1,5 end");
  EXPECT_EQ(BuildMessageTemplate(text, {0, 9}, {{4, 8}}), "abc {0}");
  EXPECT_EQ(BuildMessageTemplate(text, {0, 10}, {{9, 10}}), "abc defg {0}");
  const int32_t emoji = text.indexOf(icu::UnicodeString(u"\U0001F600"));
  ASSERT_GT(emoji, 0);
  EXPECT_EQ(BuildMessageTemplate(text, {emoji, emoji + 3}, {{emoji + 1, emoji + 3}}),
            "\xEF\xBF\xBD{0}");
  // The range cuts a word, or ends after a space.
  EXPECT_EQ(BuildMessageTemplate(text, {1, 6}, {}), "bc de");
  EXPECT_EQ(BuildMessageTemplate(text, {0, 4}, {}), "abc");
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
      EXPECT_THAT(s.message_template, HasSubstr(absl::StrCat("{", k, "}")));
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
