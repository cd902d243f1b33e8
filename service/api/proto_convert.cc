#include "proto_convert.h"

#include <utility>

#include "field_error.h"

namespace precis::api {
namespace {

// google.protobuf.Timestamp's documented range: 0001-01-01T00:00:00Z to
// 9999-12-31T23:59:59.999999999Z.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;

v1::SentenceKind ToProto(SentenceKind kind) {
  switch (kind) {
    case SentenceKind::kBody:
      return v1::SENTENCE_KIND_BODY;
    case SentenceKind::kHeadline:
      return v1::SENTENCE_KIND_HEADLINE;
    case SentenceKind::kBoilerplate:
      return v1::SENTENCE_KIND_BOILERPLATE;
  }
  return v1::SENTENCE_KIND_UNSPECIFIED;
}

// The core enums mirror the proto numbers (fact.h); an unknown value maps to
// UNSPECIFIED rather than to an out-of-range proto enum.
v1::FactType ToProto(FactType type) {
  const int value = static_cast<int>(type);
  return v1::FactType_IsValid(value) ? static_cast<v1::FactType>(value)
                                     : v1::FACT_TYPE_UNSPECIFIED;
}

v1::Grain ToProto(Grain grain) {
  const int value = static_cast<int>(grain);
  return v1::Grain_IsValid(value) ? static_cast<v1::Grain>(value)
                                  : v1::GRAIN_UNSPECIFIED;
}

void SpanToProto(const SourceSpan& span, v1::Span* out) {
  out->set_byte_begin(span.byte_begin);
  out->set_byte_end(span.byte_end);
  out->set_char_begin(span.char_begin);
  out->set_char_end(span.char_end);
  out->set_utf16_begin(span.utf16_begin);
  out->set_utf16_end(span.utf16_end);
}

}  // namespace

absl::StatusOr<SummarizeOptions> ToSummarizeOptions(
    const v1::SummarizeRequest& request) {
  SummarizeOptions options;
  options.language = request.language();
  switch (request.length_case()) {
    case v1::SummarizeRequest::kMaxSentences:
      options.length = {LengthBudget::Kind::kSentences,
                        static_cast<double>(request.max_sentences())};
      break;
    case v1::SummarizeRequest::kRatio:
      options.length = {LengthBudget::Kind::kRatio, request.ratio()};
      break;
    case v1::SummarizeRequest::kMaxWords:
      options.length = {LengthBudget::Kind::kWords,
                        static_cast<double>(request.max_words())};
      break;
    case v1::SummarizeRequest::kMaxChars:
      options.length = {LengthBudget::Kind::kChars,
                        static_cast<double>(request.max_chars())};
      break;
    case v1::SummarizeRequest::LENGTH_NOT_SET:
      break;
  }
  if (request.has_reference_time()) {
    const google::protobuf::Timestamp& t = request.reference_time();
    if (t.seconds() < kMinTimestampSeconds ||
        t.seconds() > kMaxTimestampSeconds || t.nanos() < 0 ||
        t.nanos() > 999'999'999) {
      return FieldError("reference_time",
                        "outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z "
                        "or nanos outside [0, 999999999]");
    }
    // Floor to milliseconds (nanos are non-negative, so truncation floors).
    options.reference_time_ms = t.seconds() * 1000 + t.nanos() / 1'000'000;
  }
  options.time_zone = request.time_zone();
  options.target_locales.assign(request.target_locales().begin(),
                                request.target_locales().end());
  options.max_facts = request.max_facts();
  return options;
}

v1::Span ToProto(const SourceSpan& span) {
  v1::Span out;
  SpanToProto(span, &out);
  return out;
}

void ToProto(const SentenceResult& sentence, v1::Sentence* out) {
  out->set_id(sentence.id);
  out->set_text(sentence.text);
  out->set_score(sentence.score);
  out->set_rank(sentence.rank);
  out->set_paragraph(sentence.paragraph);
  SpanToProto(sentence.span, out->mutable_span());
  out->set_normalized_text(sentence.normalized_text);
  out->set_kind(ToProto(sentence.kind));
  out->set_template_(sentence.message_template);
  out->mutable_placeholders()->Reserve(
      static_cast<int>(sentence.placeholders.size()));
  for (const PlaceholderResult& p : sentence.placeholders) {
    v1::Placeholder* q = out->add_placeholders();
    q->set_index(p.index);
    q->set_text(p.text);
    SpanToProto(p.span, q->mutable_span());
    q->set_type(ToProto(p.type));
    q->set_fact_index(p.fact_index);
    q->set_value(p.value);
    q->set_unit(p.unit);
    q->set_grain(ToProto(p.grain));
    q->set_translate(p.translate);
    for (const auto& [locale, text] : p.display) {
      (*q->mutable_display())[locale] = text;
    }
  }
}

void ToProto(const FactResult& fact, v1::KeyFact* out) {
  out->set_type(ToProto(fact.type));
  out->set_text(fact.text);
  out->set_value(fact.value);
  out->set_unit(fact.unit);
  out->set_sentence_id(fact.sentence_id);
  SpanToProto(fact.span, out->mutable_span());
  out->set_confidence(fact.confidence);
  out->set_grain(ToProto(fact.grain));
  for (const SourceSpan& mention : fact.mentions) {
    SpanToProto(mention, out->add_mentions());
  }
  out->set_modifier(fact.modifier);
  for (const auto& [locale, text] : fact.display) {
    (*out->mutable_display())[locale] = text;
  }
}

v1::SummarizeResponse ToSummarizeResponse(const SummaryResult& result,
                                          std::string_view request_id,
                                          int64_t processing_us) {
  v1::SummarizeResponse out;
  out.set_language(result.language);
  out.set_language_confidence(result.language_confidence);
  out.set_title(result.title);
  if (result.title_span.has_value()) {
    SpanToProto(*result.title_span, out.mutable_title_span());
  }
  out.mutable_summary()->Reserve(static_cast<int>(result.summary.size()));
  for (const SentenceResult& sentence : result.summary) {
    ToProto(sentence, out.add_summary());
  }
  out.mutable_facts()->Reserve(static_cast<int>(result.facts.size()));
  for (const FactResult& fact : result.facts) ToProto(fact, out.add_facts());
  for (const KeyPhraseResult& phrase : result.key_phrases) {
    v1::KeyPhrase* p = out.add_key_phrases();
    p->set_text(phrase.text);
    p->set_score(phrase.score);
    SpanToProto(phrase.span, p->mutable_span());
    p->set_count(phrase.count);
  }
  v1::Stats* stats = out.mutable_stats();
  stats->set_sentence_count(result.stats.sentence_count);
  stats->set_char_count(result.stats.char_count);
  stats->set_processing_us(processing_us);
  stats->set_paragraph_count(result.stats.paragraph_count);
  stats->set_word_count(result.stats.word_count);
  out.set_request_id(std::string(request_id));
  out.set_empty_reason(result.empty_reason);
  return out;
}

v1::SegmentResponse ToSegmentResponse(const SegmentResult& result) {
  v1::SegmentResponse out;
  out.set_language(result.language);
  out.set_language_confidence(result.language_confidence);
  out.mutable_sentences()->Reserve(static_cast<int>(result.sentences.size()));
  for (const SentenceResult& sentence : result.sentences) {
    ToProto(sentence, out.add_sentences());
  }
  for (const ParagraphResult& paragraph : result.paragraphs) {
    v1::Paragraph* p = out.add_paragraphs();
    p->set_id(paragraph.id);
    SpanToProto(paragraph.span, p->mutable_span());
    p->set_sentence_begin(paragraph.sentence_begin);
    p->set_sentence_end(paragraph.sentence_end);
  }
  return out;
}

v1::GetCapabilitiesResponse ToCapabilitiesResponse(
    const Capabilities& capabilities, std::string_view version) {
  v1::GetCapabilitiesResponse out;
  for (const LanguageCapability& language : capabilities.languages) {
    v1::LanguageSupport* l = out.add_languages();
    l->set_code(language.code);
    l->set_name(language.name);
    l->set_detection(language.detection);
    l->set_sentence_abbreviations(language.sentence_abbreviations);
    l->set_stemming(language.stemming);
    l->set_stopwords(language.stopwords);
    for (FactType type : language.fact_types) l->add_fact_types(ToProto(type));
  }
  v1::Limits* limits = out.mutable_limits();
  limits->set_max_text_bytes(capabilities.max_text_bytes);
  limits->set_default_max_sentences(capabilities.default_max_sentences);
  limits->set_default_max_facts(capabilities.default_max_facts);
  limits->set_max_facts(capabilities.max_facts);
  out.set_version(std::string(version));
  out.set_offset_units(std::string(kOffsetUnits));
  return out;
}

absl::StatusCode ToAbslCode(grpc::StatusCode code) {
  // Both enums use the canonical google.rpc.Code numbers.
  return static_cast<absl::StatusCode>(static_cast<int>(code));
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code =
      static_cast<grpc::StatusCode>(static_cast<int>(status.code()));
  const std::string message(status.message());
  std::optional<std::string> field = ErrorField(status);
  if (!field.has_value()) return grpc::Status(code, message);

  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(message);
  if (status.code() == absl::StatusCode::kResourceExhausted) {
    google::rpc::QuotaFailure quota;
    google::rpc::QuotaFailure::Violation* v = quota.add_violations();
    v->set_subject(*field);
    v->set_description(message);
    details.add_details()->PackFrom(quota);
  }
  google::rpc::BadRequest bad_request;
  google::rpc::BadRequest::FieldViolation* violation =
      bad_request.add_field_violations();
  violation->set_field(*field);
  violation->set_description(message);
  details.add_details()->PackFrom(bad_request);
  return grpc::Status(code, message, details.SerializeAsString());
}

std::optional<google::rpc::Status> RpcStatusOf(const grpc::Status& status) {
  if (status.error_details().empty()) return std::nullopt;
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return std::nullopt;
  return details;
}

std::optional<google::rpc::BadRequest> BadRequestOf(const grpc::Status& status) {
  std::optional<google::rpc::Status> details = RpcStatusOf(status);
  if (!details.has_value()) return std::nullopt;
  for (const google::protobuf::Any& any : details->details()) {
    google::rpc::BadRequest bad_request;
    if (any.UnpackTo(&bad_request)) return bad_request;
  }
  return std::nullopt;
}

}  // namespace precis::api
