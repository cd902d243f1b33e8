// RequestLogger's JSON lines and request ids: one line, valid JSON strings
// whatever the caller sent, every field present; ids honoured or generated.
#include "request_logger.h"

#include <cstdio>
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace precis::api {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;

std::string Json(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

TEST(AppendJsonStringTest, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(Json("plain"), "\"plain\"");
  EXPECT_EQ(Json("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(Json("l1\nl2\r\t"), "\"l1\\nl2\\r\\t\"");
  EXPECT_EQ(Json(std::string_view("\x01\x1f\x7f", 3)), "\"\\u0001\\u001f\\u007f\"");
  EXPECT_EQ(Json(std::string_view("nul\0x", 5)), "\"nul\\u0000x\"");
}

TEST(AppendJsonStringTest, KeepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(Json("Zürich 東京 😀"), "\"Zürich 東京 😀\"");
  // A lone continuation byte, a truncated sequence and an overlong '/'.
  EXPECT_EQ(Json("a\x80z"), "\"a\xEF\xBF\xBDz\"");
  EXPECT_EQ(Json("\xE6\x9D"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(Json("\xC0\xAF!"), "\"\xEF\xBF\xBD\xEF\xBF\xBD!\"");
}

TEST(RequestLoggerJsonTest, OneLineWithEveryField) {
  RequestLogEntry e;
  e.request_id = "req-1";
  e.item_id = "evil\"}\n{\"forged\":1";
  e.method = "Summarize";
  e.language = "en";
  e.bytes = 2500;
  e.sentences = 19;
  e.summary = 3;
  e.facts = 7;
  e.micros = 120;
  const std::string line = RequestLogger::FormatJson(e);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_THAT(line, MatchesRegex(R"(\{"ts":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{6}Z",.*\})"));
  EXPECT_THAT(line, HasSubstr(R"("level":"info","msg":"request","request_id":"req-1")"));
  EXPECT_THAT(line, HasSubstr(R"("item_id":"evil\"}\n{\"forged\":1")"));
  EXPECT_THAT(line, HasSubstr(R"("method":"Summarize","status":"OK","code":0,"latency_us":120,"bytes":2500,"language":"en","sentences":19,"summary":3,"facts":7})"));
  EXPECT_THAT(line, Not(HasSubstr("\"error\"")));

  e.code = absl::StatusCode::kDeadlineExceeded;
  e.message = "deadline exceeded while processing";
  e.summary = -1;
  e.facts = -1;
  const std::string failed = RequestLogger::FormatJson(e);
  EXPECT_THAT(failed, HasSubstr(R"("level":"warn")"));
  EXPECT_THAT(failed, HasSubstr(R"("status":"DEADLINE_EXCEEDED","code":4)"));
  EXPECT_THAT(failed, HasSubstr(R"("error":"deadline exceeded while processing"})"));
  EXPECT_THAT(failed, Not(HasSubstr("\"summary\"")));
}

TEST(RequestLoggerJsonTest, WritesJsonOrTextToTheStream) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    RequestLogger json(true, LogFormat::kJson, f);
    RequestLogEntry e;
    e.request_id = "abc";
    e.method = "Segment";
    json.Log(e);
    json.Event("warn", "something \"odd\"");
    RequestLogger off(false, LogFormat::kJson, f);
    off.Log(e);  // dropped
    off.Event("info", "events still print");
    RequestLogger text(true, LogFormat::kText, f);
    text.Event("info", "plain");
  }
  std::rewind(f);
  std::string all;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) all.append(buf, n);
  std::fclose(f);
  std::vector<std::string> lines;
  for (size_t at = 0; at < all.size();) {
    const size_t eol = all.find('\n', at);
    lines.push_back(all.substr(at, eol - at));
    at = eol + 1;
  }
  ASSERT_EQ(lines.size(), 4u) << all;
  EXPECT_THAT(lines[0], StartsWith("{\"ts\":"));
  EXPECT_THAT(lines[0], HasSubstr(R"("request_id":"abc","method":"Segment")"));
  EXPECT_THAT(lines[1], HasSubstr(R"("level":"warn","msg":"something \"odd\""})"));
  EXPECT_THAT(lines[2], HasSubstr(R"("msg":"events still print")"));
  EXPECT_EQ(lines[3], "precisd: plain");
}

TEST(RequestIdForTest, HonoursAUsableClientIdElseGeneratesOne) {
  EXPECT_EQ(RequestIdFor("abc-123_XYZ.z/+="), "abc-123_XYZ.z/+=");
  std::set<std::string> generated;
  const std::string too_long(129, 'a');
  for (std::string_view bad :
       {std::string_view(""), std::string_view("has space"),
        std::string_view("tab\t"), std::string_view("caf\xC3\xA9"),
        std::string_view(too_long)}) {
    const std::string id = RequestIdFor(bad);
    EXPECT_THAT(id, MatchesRegex("[0-9a-f]{32}")) << bad;
    generated.insert(id);
  }
  EXPECT_EQ(RequestIdFor(std::string(128, 'a')), std::string(128, 'a'));
  // Fresh ids differ.
  for (int i = 0; i < 1000; ++i) generated.insert(RequestIdFor(""));
  EXPECT_EQ(generated.size(), 1005u);
}

}  // namespace
}  // namespace precis::api
