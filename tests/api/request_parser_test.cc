// Raw request parsing, UTF-8 validation, request validation, the request
// log line and the call control.
#include "request_parser.h"

#include <chrono>
#include <limits>

#include "field_error.h"
#include "gmock/gmock.h"
#include "google/protobuf/unknown_field_set.h"
#include "gtest/gtest.h"
#include "precis/v1/precis.pb.h"
#include "request_logger.h"
#include "request_validator.h"
#include "summarizer_service.h"
#include "utf8_validation.h"

namespace precis::api {
namespace {

using ::testing::HasSubstr;

TEST(FindInvalidUtf8Test, AcceptsWellFormedText) {
  EXPECT_EQ(FindInvalidUtf8(""), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("plain ASCII"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9D\x84\x9E"),
            std::nullopt);  // é € 𝄞
}

TEST(FindInvalidUtf8Test, FindsEachKindOfIllFormedSequence) {
  EXPECT_EQ(FindInvalidUtf8("ab\xFF"), 2u);                  // Invalid byte.
  EXPECT_EQ(FindInvalidUtf8("a\xC0\xAFz"), 1u);              // Overlong "/".
  EXPECT_EQ(FindInvalidUtf8("xy\xED\xA0\x80"), 2u);          // Surrogate.
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);        // > U+10FFFF.
  EXPECT_EQ(FindInvalidUtf8("abc\xE2\x82"), 3u);             // Truncated.
  EXPECT_EQ(FindInvalidUtf8("\xC3\xA9\x80"), 2u);            // Lone trail.
}

TEST(ValidateUtf8FieldTest, NamesFieldAndOffset) {
  absl::Status s = ValidateUtf8Field("text", "ok \xFF");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorField(s), "text");
  EXPECT_THAT(std::string(s.message()), HasSubstr("byte 3"));
}

std::string Serialize(const google::protobuf::UnknownFieldSet& fields) {
  std::string bytes;
  fields.SerializeToString(&bytes);
  return bytes;
}

TEST(ParseRequestTest, ParsesValidMessage) {
  v1::SummarizeRequest original;
  original.set_text("Hello world.");
  original.set_max_words(12);
  original.set_request_id("r1");
  v1::SummarizeRequest parsed;
  ASSERT_TRUE(ParseRequest(original.SerializeAsString(), &parsed).ok());
  EXPECT_EQ(parsed.text(), "Hello world.");
  EXPECT_EQ(parsed.max_words(), 12);
  EXPECT_EQ(parsed.request_id(), "r1");
}

TEST(ParseRequestTest, InvalidUtf8InTextNamesTextAndOffset) {
  google::protobuf::UnknownFieldSet fields;
  fields.AddLengthDelimited(2, "en");
  fields.AddLengthDelimited(1, "Hello \xC3\x28 world");
  v1::SummarizeRequest parsed;
  absl::Status s = ParseRequest(Serialize(fields), &parsed);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorField(s), "text");
  EXPECT_THAT(std::string(s.message()), HasSubstr("invalid UTF-8 at byte 6"));
}

TEST(ParseRequestTest, InvalidUtf8InRepeatedFieldNamesIndex) {
  google::protobuf::UnknownFieldSet fields;
  fields.AddLengthDelimited(1, "Fine text.");
  fields.AddLengthDelimited(9, "de");
  fields.AddLengthDelimited(9, "f\xFFr");
  v1::SummarizeRequest parsed;
  absl::Status s = ParseRequest(Serialize(fields), &parsed);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorField(s), "target_locales[1]");
  EXPECT_THAT(std::string(s.message()), HasSubstr("byte 1"));
}

TEST(ParseRequestTest, SegmentRequestToo) {
  google::protobuf::UnknownFieldSet fields;
  fields.AddLengthDelimited(1, "\xFE");
  v1::SegmentRequest parsed;
  absl::Status s = ParseRequest(Serialize(fields), &parsed);
  EXPECT_EQ(ErrorField(s), "text");
}

TEST(ParseRequestTest, GarbageIsMalformed) {
  v1::SummarizeRequest parsed;
  absl::Status s = ParseRequest(std::string("\x0A\xFF\xFF\xFF", 4), &parsed);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(ErrorField(s).has_value());
  EXPECT_THAT(std::string(s.message()), HasSubstr("malformed request"));
}

TEST(ParseRequestTest, ByteBufferOverload) {
  v1::SummarizeRequest original;
  original.set_text("Text in a byte buffer.");
  const std::string bytes = original.SerializeAsString();
  grpc::Slice slice(bytes);
  grpc::ByteBuffer buffer(&slice, 1);
  v1::SummarizeRequest parsed;
  ASSERT_TRUE(ParseRequest(buffer, &parsed).ok());
  EXPECT_EQ(parsed.text(), original.text());
  // The buffer is untouched and parses again.
  ASSERT_TRUE(ParseRequest(buffer, &parsed).ok());
  EXPECT_EQ(parsed.text(), original.text());
}

TEST(ValidateSummarizeRequestTest, RejectsNonFiniteRatio) {
  v1::SummarizeRequest request;
  request.set_text("x");
  EXPECT_TRUE(ValidateSummarizeRequest(request).ok());
  request.set_ratio(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(ErrorField(ValidateSummarizeRequest(request)), "ratio");
  request.set_ratio(std::numeric_limits<double>::infinity());
  EXPECT_EQ(ErrorField(ValidateSummarizeRequest(request)), "ratio");
  request.set_ratio(0.5);
  EXPECT_TRUE(ValidateSummarizeRequest(request).ok());
}

TEST(RequestLoggerTest, OneEscapedLine) {
  RequestLogEntry e;
  e.request_id = "evil id\nprecisd: forged";
  e.method = "Summarize";
  e.language = "en";
  e.bytes = 2500;
  e.sentences = 19;
  e.summary = 3;
  e.micros = 120;
  std::string line = RequestLogger::Format(e);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_THAT(line, HasSubstr("method=Summarize"));
  EXPECT_THAT(line, HasSubstr("lang=en"));
  EXPECT_THAT(line, HasSubstr("bytes=2500"));
  EXPECT_THAT(line, HasSubstr("sentences=19"));
  EXPECT_THAT(line, HasSubstr("us=120"));
  EXPECT_THAT(line, HasSubstr("status=OK"));
  // The id is one token: its space and newline are escaped.
  EXPECT_THAT(line, HasSubstr("id=evil\\x20id\\nprecisd:\\x20forged "));

  e.code = absl::StatusCode::kInvalidArgument;
  e.message = "text: must not be empty";
  EXPECT_THAT(RequestLogger::Format(e), HasSubstr("status=INVALID_ARGUMENT"));
}

TEST(MakeCallControlTest, DeadlineAndCancellation) {
  const auto future = std::chrono::system_clock::now() + std::chrono::hours(1);
  const auto past = std::chrono::system_clock::now() - std::chrono::seconds(1);
  EXPECT_TRUE(MakeCallControl(future, nullptr).check().ok());
  EXPECT_TRUE(MakeCallControl(future, [] { return false; }).check().ok());
  EXPECT_EQ(MakeCallControl(past, nullptr).check().code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(MakeCallControl(future, [] { return true; }).check().code(),
            absl::StatusCode::kCancelled);
  EXPECT_TRUE(MakeCallControl(std::chrono::system_clock::time_point::max(),
                              nullptr).check().ok());
}

}  // namespace
}  // namespace precis::api
