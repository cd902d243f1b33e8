// Export formats built from a real engine response: template splitting,
// XLIFF 2.0 structure (well-formed per xmllint when it is installed), HTML
// translate="no" spans, Markdown, JSON, and the response's exports field.
#include "export_writer.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "field_error.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "request_validator.h"
#include "summarizer_handler.h"
#include "../core/test_engine.h"

namespace precis::api {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

TEST(SplitTemplateTest, UndoesMessageFormatQuoting) {
  const std::vector<TemplatePart> parts = SplitTemplate("It''s '{'x'}' on {0}, {12}'{}'.");
  ASSERT_EQ(parts.size(), 5u);
  EXPECT_EQ(parts[0].text, "It's {x} on ");
  EXPECT_TRUE(parts[1].placeholder);
  EXPECT_EQ(parts[1].index, 0);
  EXPECT_EQ(parts[2].text, ", ");
  EXPECT_EQ(parts[3].index, 12);
  EXPECT_EQ(parts[4].text, "{}.");
}

TEST(SplitTemplateTest, MalformedIsOneLiteral) {
  const std::vector<TemplatePart> parts = SplitTemplate("broken {x");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_FALSE(parts[0].placeholder);
  EXPECT_EQ(parts[0].text, "broken {x");
}

class ExportWriterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    engine_ = ::precis::testing::CreateTestEngine().release();
    ASSERT_NE(engine_, nullptr);
  }
  static void TearDownTestSuite() { delete engine_; }

  static v1::SummarizeResponse Summarize(v1::SummarizeRequest request) {
    SummarizerHandler handler(*engine_);
    auto r = handler.Summarize(request, CallControl{});
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : v1::SummarizeResponse();
  }

  static v1::SummarizeRequest Request() {
    v1::SummarizeRequest request;
    request.set_text(ReadFile(std::string(PRECIS_TESTDATA_DIR) +
                              "/articles/yoshinoya-expansion-emoji.txt"));
    request.set_language("en");
    request.set_max_sentences(4);
    return request;
  }

  static const Engine* engine_;
};

const Engine* ExportWriterTest::engine_ = nullptr;

TEST_F(ExportWriterTest, XliffHasOneUnitPerSentenceAndEveryPlaceholder) {
  v1::SummarizeRequest request = Request();
  request.add_target_locales("de");
  const v1::SummarizeResponse r = Summarize(request);
  ASSERT_EQ(r.summary_size(), 4);
  const std::string x = ToXliff(r, "de");
  EXPECT_THAT(x, HasSubstr("xmlns=\"urn:oasis:names:tc:xliff:document:2.0\""));
  EXPECT_THAT(x, HasSubstr("srcLang=\"en\" trgLang=\"de\""));
  EXPECT_EQ(Count(x, "<unit "), 4u);
  EXPECT_EQ(Count(x, "<file "), 1u);
  size_t ph = 0, pc = 0;
  for (const v1::Sentence& s : r.summary()) {
    EXPECT_THAT(x, HasSubstr("<unit id=\"s" + std::to_string(s.id()) + "\">"));
    for (const v1::Placeholder& p : s.placeholders()) (p.translate() ? pc : ph)++;
  }
  EXPECT_GT(ph, 0u);
  EXPECT_EQ(Count(x, "<ph "), ph);
  EXPECT_EQ(Count(x, "<pc "), pc);
  EXPECT_EQ(Count(x, "<data "), ph);
  // The money rendering for the target locale is the <ph>'s display text.
  EXPECT_THAT(x, HasSubstr("equiv=\"$300 million\" disp=\"300\u00a0Mio.\u00a0$\""));
  // Without a locale: no trgLang, disp is the original.
  const std::string plain = ToXliff(r, "");
  EXPECT_THAT(plain, Not(HasSubstr("trgLang")));
  EXPECT_THAT(plain, HasSubstr("equiv=\"$300 million\" disp=\"$300 million\""));
  // The non-BMP characters pass through as UTF-8.
  EXPECT_THAT(x, HasSubstr("\U00020BB7"));
}

TEST_F(ExportWriterTest, XliffIsWellFormedXml) {
  if (std::system("xmllint --version >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "xmllint (libxml2-utils) not installed";
  }
  v1::SummarizeRequest request = Request();
  request.set_text(request.text() +
                   "\n\nQuotes \"like\" <these> & 'those' {braces} stay text, said O'Neil.");
  request.set_max_sentences(20);
  request.add_target_locales("ja");
  const v1::SummarizeResponse r = Summarize(request);
  const std::string path =
      (std::filesystem::temp_directory_path() / "precis-export-test.xlf").string();
  std::ofstream(path, std::ios::binary) << ToXliff(r, "ja");
  EXPECT_EQ(std::system(("xmllint --noout " + path).c_str()), 0);
  std::ofstream(path, std::ios::binary) << ToHtml(r);
  EXPECT_EQ(std::system(("xmllint --html --noout " + path + " 2>/dev/null").c_str()), 0);
  std::remove(path.c_str());
}

TEST_F(ExportWriterTest, HtmlMarksValuesAndPeopleNotToTranslate) {
  const v1::SummarizeResponse r = Summarize(Request());
  const std::string html = ToHtml(r);
  EXPECT_THAT(html, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(html, HasSubstr("<span translate=\"no\" class=\"notranslate\" "
                              "data-type=\"MONEY\" data-value=\"300000000\">$300 million</span>"));
  int keep = 0;
  for (const v1::Sentence& s : r.summary()) {
    for (const v1::Placeholder& p : s.placeholders()) keep += !p.translate();
  }
  // Sentence placeholders, plus one per listed fact that is not a place or
  // organization.
  int facts = 0;
  for (const v1::KeyFact& f : r.facts()) {
    facts += f.type() != v1::PLACE && f.type() != v1::ORGANIZATION;
  }
  EXPECT_EQ(Count(html, "translate=\"no\""), static_cast<size_t>(keep + facts));
}

TEST_F(ExportWriterTest, MarkdownTextAndJson) {
  const v1::SummarizeResponse r = Summarize(Request());
  const std::string md = ToMarkdown(r);
  EXPECT_THAT(md, HasSubstr("# \U00020BB7野家"));
  EXPECT_THAT(md, HasSubstr("1. "));
  EXPECT_THAT(md, HasSubstr("| MONEY | $300 million | 300000000 USD |"));
  EXPECT_THAT(ToText(r), HasSubstr("Summary:\n"));
  v1::SummarizeResponse parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(ToJson(r), &parsed).ok());
  EXPECT_EQ(parsed.summary_size(), r.summary_size());
}

TEST_F(ExportWriterTest, ResponseCarriesRequestedExports) {
  v1::SummarizeRequest request = Request();
  request.add_target_locales("de");
  request.add_target_locales("fr");
  request.add_export_formats(v1::EXPORT_FORMAT_XLIFF);
  request.add_export_formats(v1::EXPORT_FORMAT_MARKDOWN);
  request.add_export_formats(v1::EXPORT_FORMAT_JSON);
  const v1::SummarizeResponse r = Summarize(request);
  ASSERT_EQ(r.exports_size(), 4);
  EXPECT_EQ(r.exports(0).locale(), "de");
  EXPECT_EQ(r.exports(0).file_name(), "summary.de.xlf");
  EXPECT_THAT(r.exports(1).content(), HasSubstr("trgLang=\"fr\""));
  EXPECT_EQ(r.exports(2).format(), v1::EXPORT_FORMAT_MARKDOWN);
  EXPECT_EQ(r.exports(3).media_type(), "application/json");
  EXPECT_THAT(r.exports(3).content(), Not(HasSubstr("\"exports\"")));
}

TEST_F(ExportWriterTest, UnknownFormatsAndLocalesAreRejectedByField) {
  SummarizerHandler handler(*engine_);
  v1::SummarizeRequest request = Request();
  request.add_export_formats(v1::EXPORT_FORMAT_HTML);
  request.add_export_formats(static_cast<v1::ExportFormat>(99));
  auto r = handler.Summarize(request, CallControl{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(ErrorField(r.status()), "export_formats[1]");

  request = Request();
  request.add_target_locales("de");
  request.add_target_locales("not a tag");
  r = handler.Summarize(request, CallControl{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorField(r.status()), "target_locales[1]");
}

// Repeats and overlong lists are refused before any work: a few bytes of
// request must not ask for thousands of documents or renderings.
TEST_F(ExportWriterTest, RepeatsAndTooManyLocalesAreRejectedByField) {
  SummarizerHandler handler(*engine_);
  v1::SummarizeRequest request = Request();
  request.add_export_formats(v1::EXPORT_FORMAT_JSON);
  request.add_export_formats(v1::EXPORT_FORMAT_HTML);
  request.add_export_formats(v1::EXPORT_FORMAT_JSON);
  auto r = handler.Summarize(request, CallControl{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorField(r.status()), "export_formats[2]");
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("export_formats[0]"));

  request = Request();
  request.add_target_locales("de");
  request.add_target_locales("fr");
  request.add_target_locales("de");
  r = handler.Summarize(request, CallControl{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(ErrorField(r.status()), "target_locales[2]");

  // 64 distinct locales pass; a 65th fails, naming it.
  static constexpr const char* kLanguages[] = {"de", "fr", "es", "it", "pt", "nl", "ru", "ja"};
  static constexpr const char* kRegions[] = {"AT", "BE", "CA", "CH", "DE", "FR", "GB", "US"};
  request = Request();
  for (const char* language : kLanguages) {
    for (const char* region : kRegions) {
      request.add_target_locales(absl::StrCat(language, "-", region));
    }
  }
  ASSERT_EQ(request.target_locales_size(), kMaxTargetLocales);
  EXPECT_TRUE(handler.Summarize(request, CallControl{}).ok());
  request.add_target_locales("sv-SE");
  r = handler.Summarize(request, CallControl{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(ErrorField(r.status()), "target_locales[64]");
}

}  // namespace
}  // namespace precis::api
