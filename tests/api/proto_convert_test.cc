// proto <-> core conversion and absl::Status -> grpc::Status details.
#include "proto_convert.h"

#include <cmath>

#include "field_error.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace precis::api {
namespace {

using ::testing::HasSubstr;

TEST(ToSummarizeOptionsTest, NoLengthIsDefault) {
  v1::SummarizeRequest request;
  absl::StatusOr<SummarizeOptions> options = ToSummarizeOptions(request);
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->length.kind, LengthBudget::Kind::kDefault);
  EXPECT_FALSE(options->reference_time_ms.has_value());
  EXPECT_EQ(options->max_facts, 0);
}

TEST(ToSummarizeOptionsTest, EachLengthKind) {
  v1::SummarizeRequest request;
  request.set_max_sentences(4);
  EXPECT_EQ(ToSummarizeOptions(request)->length.kind,
            LengthBudget::Kind::kSentences);
  EXPECT_EQ(ToSummarizeOptions(request)->length.value, 4);
  request.set_ratio(0.25);  // Replaces the oneof member.
  EXPECT_EQ(ToSummarizeOptions(request)->length.kind, LengthBudget::Kind::kRatio);
  EXPECT_EQ(ToSummarizeOptions(request)->length.value, 0.25);
  request.set_max_words(70);
  EXPECT_EQ(ToSummarizeOptions(request)->length.kind, LengthBudget::Kind::kWords);
  EXPECT_EQ(ToSummarizeOptions(request)->length.value, 70);
  request.set_max_chars(500);
  EXPECT_EQ(ToSummarizeOptions(request)->length.kind, LengthBudget::Kind::kChars);
  EXPECT_EQ(ToSummarizeOptions(request)->length.value, 500);
}

TEST(ToSummarizeOptionsTest, CopiesScalarFields) {
  v1::SummarizeRequest request;
  request.set_language("pt-BR");
  request.set_time_zone("Europe/Berlin");
  request.add_target_locales("de");
  request.add_target_locales("fr-CA");
  request.set_max_facts(7);
  absl::StatusOr<SummarizeOptions> options = ToSummarizeOptions(request);
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->language, "pt-BR");
  EXPECT_EQ(options->time_zone, "Europe/Berlin");
  EXPECT_THAT(options->target_locales, ::testing::ElementsAre("de", "fr-CA"));
  EXPECT_EQ(options->max_facts, 7);
}

TEST(ToSummarizeOptionsTest, TimestampToMilliseconds) {
  v1::SummarizeRequest request;
  request.mutable_reference_time()->set_seconds(1641816000);
  request.mutable_reference_time()->set_nanos(987'654'321);
  absl::StatusOr<SummarizeOptions> options = ToSummarizeOptions(request);
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->reference_time_ms, int64_t{1641816000} * 1000 + 987);

  // Before the epoch the milliseconds still floor.
  request.mutable_reference_time()->set_seconds(-10);
  request.mutable_reference_time()->set_nanos(500'000'000);
  EXPECT_EQ(ToSummarizeOptions(request)->reference_time_ms, -10000 + 500);
}

TEST(ToSummarizeOptionsTest, RejectsTimestampOutsideRange) {
  v1::SummarizeRequest request;
  request.mutable_reference_time()->set_seconds(int64_t{1} << 50);
  absl::StatusOr<SummarizeOptions> options = ToSummarizeOptions(request);
  ASSERT_FALSE(options.ok());
  EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorField(options.status()), "reference_time");

  request.mutable_reference_time()->set_seconds(0);
  request.mutable_reference_time()->set_nanos(-1);
  EXPECT_EQ(ErrorField(ToSummarizeOptions(request).status()), "reference_time");
}

SourceSpan MakeSpan(int64_t b) {
  return SourceSpan{b, b + 10, b - 1, b + 8, b - 2, b + 7};
}

void ExpectSpan(const v1::Span& p, const SourceSpan& s) {
  EXPECT_EQ(p.byte_begin(), s.byte_begin);
  EXPECT_EQ(p.byte_end(), s.byte_end);
  EXPECT_EQ(p.char_begin(), s.char_begin);
  EXPECT_EQ(p.char_end(), s.char_end);
  EXPECT_EQ(p.utf16_begin(), s.utf16_begin);
  EXPECT_EQ(p.utf16_end(), s.utf16_end);
}

TEST(ToSummarizeResponseTest, MapsEveryField) {
  SummaryResult r;
  r.language = "en";
  r.language_confidence = 0.75;
  r.title = "Headline";
  r.title_span = MakeSpan(3);
  SentenceResult s;
  s.id = 4;
  s.text = "Raw  text.";
  s.normalized_text = "Raw text.";
  s.score = 1.5;
  s.rank = 2;
  s.paragraph = 1;
  s.span = MakeSpan(40);
  s.kind = SentenceKind::kBody;
  r.summary.push_back(s);
  FactResult f;
  f.type = FactType::kMoney;
  f.text = "$3m";
  f.value = "3000000";
  f.unit = "USD";
  f.sentence_id = 4;
  f.span = MakeSpan(44);
  f.confidence = 0.5;
  f.grain = Grain::kDay;
  f.mentions = {MakeSpan(44), MakeSpan(90)};
  f.modifier = "approx";
  f.display = {{"de", "3 Mio. $"}};
  r.facts.push_back(f);
  r.key_phrases.push_back({"security talks", 0.9, MakeSpan(60), 3});
  r.stats = {12, 345, 5, 67};
  r.empty_reason = "";

  v1::SummarizeResponse p = ToSummarizeResponse(r, "req-1", 1234);
  EXPECT_EQ(p.language(), "en");
  EXPECT_EQ(p.language_confidence(), 0.75);
  EXPECT_EQ(p.title(), "Headline");
  ASSERT_TRUE(p.has_title_span());
  ExpectSpan(p.title_span(), MakeSpan(3));
  ASSERT_EQ(p.summary_size(), 1);
  EXPECT_EQ(p.summary(0).id(), 4);
  EXPECT_EQ(p.summary(0).text(), "Raw  text.");
  EXPECT_EQ(p.summary(0).normalized_text(), "Raw text.");
  EXPECT_EQ(p.summary(0).score(), 1.5);
  EXPECT_EQ(p.summary(0).rank(), 2);
  EXPECT_EQ(p.summary(0).paragraph(), 1);
  EXPECT_EQ(p.summary(0).kind(), v1::SENTENCE_KIND_BODY);
  ExpectSpan(p.summary(0).span(), MakeSpan(40));
  ASSERT_EQ(p.facts_size(), 1);
  const v1::KeyFact& pf = p.facts(0);
  EXPECT_EQ(pf.type(), v1::MONEY);
  EXPECT_EQ(pf.text(), "$3m");
  EXPECT_EQ(pf.value(), "3000000");
  EXPECT_EQ(pf.unit(), "USD");
  EXPECT_EQ(pf.sentence_id(), 4);
  EXPECT_EQ(pf.confidence(), 0.5);
  EXPECT_EQ(pf.grain(), v1::GRAIN_DAY);
  EXPECT_EQ(pf.modifier(), "approx");
  ASSERT_EQ(pf.mentions_size(), 2);
  ExpectSpan(pf.mentions(1), MakeSpan(90));
  EXPECT_EQ(pf.display().at("de"), "3 Mio. $");
  ASSERT_EQ(p.key_phrases_size(), 1);
  EXPECT_EQ(p.key_phrases(0).text(), "security talks");
  EXPECT_EQ(p.key_phrases(0).count(), 3);
  EXPECT_EQ(p.stats().sentence_count(), 12);
  EXPECT_EQ(p.stats().char_count(), 345);
  EXPECT_EQ(p.stats().paragraph_count(), 5);
  EXPECT_EQ(p.stats().word_count(), 67);
  EXPECT_EQ(p.stats().processing_us(), 1234);
  EXPECT_EQ(p.request_id(), "req-1");
}

TEST(ToSummarizeResponseTest, NoTitleSpanWhenAbsent) {
  SummaryResult r;
  r.empty_reason = "no sentence fits max_chars=10";
  v1::SummarizeResponse p = ToSummarizeResponse(r, "", 0);
  EXPECT_FALSE(p.has_title_span());
  EXPECT_EQ(p.empty_reason(), "no sentence fits max_chars=10");
}

TEST(EnumMappingTest, CoreEnumsMatchProtoNumbers) {
  // fact.h promises equal numbers; a renumbering must fail here.
  for (int i = 0; i <= 12; ++i) {
    FactResult f;
    f.type = static_cast<FactType>(i);
    v1::KeyFact p;
    ToProto(f, &p);
    EXPECT_EQ(static_cast<int>(p.type()), i);
  }
  for (int i = 0; i <= 7; ++i) {
    FactResult f;
    f.grain = static_cast<Grain>(i);
    v1::KeyFact p;
    ToProto(f, &p);
    EXPECT_EQ(static_cast<int>(p.grain()), i);
  }
  SentenceResult s;
  s.kind = SentenceKind::kBoilerplate;
  v1::Sentence ps;
  ToProto(s, &ps);
  EXPECT_EQ(ps.kind(), v1::SENTENCE_KIND_BOILERPLATE);
  s.kind = SentenceKind::kHeadline;
  ToProto(s, &ps);
  EXPECT_EQ(ps.kind(), v1::SENTENCE_KIND_HEADLINE);
}

TEST(ToSegmentResponseTest, MapsSentencesAndParagraphs) {
  SegmentResult r;
  r.language = "de";
  r.language_confidence = 1;
  SentenceResult s;
  s.id = 0;
  s.text = "Hallo.";
  r.sentences = {s, s};
  r.sentences[1].id = 1;
  r.paragraphs.push_back({0, MakeSpan(0), 0, 2});
  v1::SegmentResponse p = ToSegmentResponse(r);
  EXPECT_EQ(p.language(), "de");
  ASSERT_EQ(p.sentences_size(), 2);
  EXPECT_EQ(p.sentences(1).id(), 1);
  ASSERT_EQ(p.paragraphs_size(), 1);
  EXPECT_EQ(p.paragraphs(0).sentence_begin(), 0);
  EXPECT_EQ(p.paragraphs(0).sentence_end(), 2);
}

TEST(ToCapabilitiesResponseTest, MapsLanguagesAndLimits) {
  Capabilities c;
  LanguageCapability en;
  en.code = "en";
  en.name = "English";
  en.detection = true;
  en.stemming = true;
  en.fact_types = {FactType::kDate, FactType::kMoney};
  c.languages.push_back(en);
  c.max_text_bytes = 1000;
  c.default_max_sentences = 3;
  c.default_max_facts = 12;
  c.max_facts = 100;
  v1::GetCapabilitiesResponse p = ToCapabilitiesResponse(c, "9.9.9");
  ASSERT_EQ(p.languages_size(), 1);
  EXPECT_EQ(p.languages(0).code(), "en");
  EXPECT_TRUE(p.languages(0).detection());
  EXPECT_FALSE(p.languages(0).stopwords());
  ASSERT_EQ(p.languages(0).fact_types_size(), 2);
  EXPECT_EQ(p.languages(0).fact_types(1), v1::MONEY);
  EXPECT_EQ(p.limits().max_text_bytes(), 1000);
  EXPECT_EQ(p.limits().max_facts(), 100);
  EXPECT_EQ(p.version(), "9.9.9");
  EXPECT_EQ(p.offset_units(), kOffsetUnits);
}

TEST(ToGrpcStatusTest, OkStaysOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(ToGrpcStatusTest, FieldErrorCarriesBadRequest) {
  grpc::Status s = ToGrpcStatus(FieldError("text", "must not be empty"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "text: must not be empty");
  std::optional<google::rpc::Status> details = RpcStatusOf(s);
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(details->message(), s.error_message());
  std::optional<google::rpc::BadRequest> bad = BadRequestOf(s);
  ASSERT_TRUE(bad.has_value());
  ASSERT_EQ(bad->field_violations_size(), 1);
  EXPECT_EQ(bad->field_violations(0).field(), "text");
  EXPECT_THAT(bad->field_violations(0).description(), HasSubstr("empty"));
}

TEST(ToGrpcStatusTest, ResourceExhaustedCarriesQuotaFailureAndField) {
  grpc::Status s = ToGrpcStatus(
      FieldError(absl::StatusCode::kResourceExhausted, "text", "too large"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  std::optional<google::rpc::Status> details = RpcStatusOf(s);
  ASSERT_TRUE(details.has_value());
  bool quota = false;
  for (const auto& any : details->details()) {
    google::rpc::QuotaFailure q;
    if (any.UnpackTo(&q)) {
      quota = true;
      ASSERT_EQ(q.violations_size(), 1);
      EXPECT_EQ(q.violations(0).subject(), "text");
    }
  }
  EXPECT_TRUE(quota);
  ASSERT_TRUE(BadRequestOf(s).has_value());
  EXPECT_EQ(BadRequestOf(s)->field_violations(0).field(), "text");
}

TEST(ToGrpcStatusTest, PlainStatusHasNoDetails) {
  grpc::Status s = ToGrpcStatus(absl::DeadlineExceededError("late"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(s.error_message(), "late");
  EXPECT_TRUE(s.error_details().empty());
  EXPECT_FALSE(BadRequestOf(s).has_value());
  EXPECT_EQ(ToGrpcStatus(absl::CancelledError("x")).error_code(),
            grpc::StatusCode::CANCELLED);
}

TEST(ToAbslCodeTest, SameNumbers) {
  EXPECT_EQ(ToAbslCode(grpc::StatusCode::RESOURCE_EXHAUSTED),
            absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ToAbslCode(grpc::StatusCode::UNAVAILABLE),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace precis::api
