// libFuzzer target: the whole pipeline, Engine::Summarize and
// Engine::Segment, on arbitrary bytes with options chosen by the first
// input bytes (language hint, length budget, time zone, target locales,
// max_facts) and a fixed reference time.
//
// Checks: an error is INVALID_ARGUMENT with a message; on success every
// span (summary sentences and their placeholders, title, facts and every
// mention, key phrases, Segment's sentences and paragraphs) lies inside the
// input on character boundaries with the three units agreeing, a
// sentence's text is exactly its slice, the summary is in document order
// within its budget, and the fact count within max_facts.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "engine.h"
#include "fuzz_util.h"

namespace {

const precis::Engine& GetEngine() {
  static const precis::Engine* engine = [] {
    auto created = precis::Engine::Create(precis::EngineConfig{}, precis::fuzz::Resources());
    FUZZ_CHECK(created.ok());
    return created->release();
  }();
  return *engine;
}

constexpr int64_t kReferenceTimeMs = 1641816000000;  // 2022-01-10T12:00:00Z
const char* const kTimeZones[] = {"", "UTC", "Europe/Berlin", "Asia/Kolkata",
                                  "America/St_Johns"};
const char* const kLocales[] = {"de", "ja", "ar-EG", "pt-BR", "en", "zh-Hant", "th"};

void CheckSentence(std::string_view source, const precis::fuzz::OffsetTable& table,
                   const precis::SentenceResult& s) {
  precis::fuzz::CheckSpan(source, table, s.span);
  FUZZ_CHECK(source.substr(s.span.byte_begin, s.span.byte_end - s.span.byte_begin) == s.text);
  FUZZ_CHECK(precis::fuzz::IsValidUtf8(s.normalized_text));
  for (const precis::PlaceholderResult& p : s.placeholders) {
    precis::fuzz::CheckSpan(source, table, p.span);
    FUZZ_CHECK(source.substr(p.span.byte_begin, p.span.byte_end - p.span.byte_begin) ==
               p.text);
    FUZZ_CHECK(s.span.byte_begin <= p.span.byte_begin && p.span.byte_end <= s.span.byte_end);
    FUZZ_CHECK(precis::fuzz::IsValidUtf8(p.value));
    for (const auto& [locale, display] : p.display) {
      FUZZ_CHECK(precis::fuzz::IsValidUtf8(display));
    }
  }
  FUZZ_CHECK(precis::fuzz::IsValidUtf8(s.message_template));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  GetEngine();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace precis;  // NOLINT: a fuzz entry point, outside any namespace.
  fuzz::InputReader input(data, size);
  SummarizeOptions options;
  const uint8_t flags = input.Byte();
  if (flags & 1) options.language = input.Language();
  const uint8_t budget = input.Byte();
  switch (budget % 5) {
    case 0:
      break;
    case 1:
      options.length = {LengthBudget::Kind::kSentences, 1.0 + budget / 5 % 8};
      break;
    case 2:
      options.length = {LengthBudget::Kind::kRatio, (1 + budget / 5) / 52.0};
      break;
    case 3:
      options.length = {LengthBudget::Kind::kWords, 1.0 + budget / 5 * 3};
      break;
    case 4:
      options.length = {LengthBudget::Kind::kChars, 1.0 + budget / 5 * 11};
      break;
  }
  options.reference_time_ms = kReferenceTimeMs;
  options.time_zone = kTimeZones[(flags >> 1) % std::size(kTimeZones)];
  const uint8_t locales = input.Byte();
  for (size_t i = 0; i < std::size(kLocales); ++i) {
    if (locales & (1u << i)) options.target_locales.push_back(kLocales[i]);
  }
  options.max_facts = (flags & 0x10) ? input.Byte() % 101 : 0;
  const std::string_view source = input.Rest();

  const Engine& engine = GetEngine();
  absl::StatusOr<SummaryResult> summary = engine.Summarize(source, options);
  if (!summary.ok()) {
    FUZZ_CHECK(summary.status().code() == absl::StatusCode::kInvalidArgument);
    FUZZ_CHECK(!summary.status().message().empty());
  } else {
    const fuzz::OffsetTable table(source);
    FUZZ_CHECK(summary->stats.char_count == table.cp[source.size()]);
    int32_t last_id = -1;
    for (const SentenceResult& s : summary->summary) {
      CheckSentence(source, table, s);
      FUZZ_CHECK(s.id > last_id && s.id < summary->stats.sentence_count);
      last_id = s.id;
    }
    if (options.length.kind == LengthBudget::Kind::kSentences) {
      FUZZ_CHECK(summary->summary.size() <= options.length.value);
    }
    if (summary->title_span) fuzz::CheckSpan(source, table, *summary->title_span);
    const size_t max_facts = options.max_facts > 0 ? options.max_facts
                                                   : engine.config().default_max_facts;
    FUZZ_CHECK(summary->facts.size() <= max_facts);
    for (const FactResult& f : summary->facts) {
      fuzz::CheckSpan(source, table, f.span);
      FUZZ_CHECK(source.substr(f.span.byte_begin, f.span.byte_end - f.span.byte_begin) ==
                 f.text);
      FUZZ_CHECK(!f.mentions.empty());
      for (const SourceSpan& m : f.mentions) fuzz::CheckSpan(source, table, m);
    }
    for (const KeyPhraseResult& k : summary->key_phrases) {
      fuzz::CheckSpan(source, table, k.span);
      FUZZ_CHECK(fuzz::IsValidUtf8(k.text));
    }
  }

  absl::StatusOr<SegmentResult> segments = engine.Segment(source, options.language);
  FUZZ_CHECK(segments.ok() == summary.ok());
  if (segments.ok()) {
    const fuzz::OffsetTable table(source);
    for (size_t i = 0; i < segments->sentences.size(); ++i) {
      CheckSentence(source, table, segments->sentences[i]);
      FUZZ_CHECK(segments->sentences[i].id == static_cast<int32_t>(i));
    }
    for (const ParagraphResult& p : segments->paragraphs) {
      fuzz::CheckSpan(source, table, p.span);
      FUZZ_CHECK(0 <= p.sentence_begin && p.sentence_begin <= p.sentence_end &&
                 p.sentence_end <= static_cast<int32_t>(segments->sentences.size()));
    }
  }
  return 0;
}
