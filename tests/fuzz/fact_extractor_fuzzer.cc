// libFuzzer target: FactExtractor::Extract over the segmented, normalized
// form of arbitrary bytes, with a fixed reference time (2022-01-10T12:00Z),
// a language and a time zone chosen by the first input bytes.
//
// Checks: every fact has a type, a confidence in [0, 1] and at least one
// mention; each mention is non-empty, inside the (not skipped) sentence it
// names, and maps back into the source.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "fact_extractor.h"
#include "fuzz_util.h"
#include "normalized_text.h"
#include "sentence_segmenter.h"

namespace {

struct Components {
  std::unique_ptr<precis::SentenceSegmenter> segmenter;
  std::unique_ptr<precis::FactExtractor> extractor;
};

const Components& Get() {
  static const Components* components = [] {
    auto* c = new Components();
    auto segmenter = precis::SentenceSegmenter::Create(precis::fuzz::Resources());
    FUZZ_CHECK(segmenter.ok());
    c->segmenter = *std::move(segmenter);
    std::map<std::string, precis::FactRulesData> rules;
    for (const auto& [code, data] : precis::fuzz::Resources().languages) {
      rules[code] = data.facts;
    }
    auto extractor = precis::FactExtractor::Create(rules);
    FUZZ_CHECK(extractor.ok());
    c->extractor = *std::move(extractor);
    return c;
  }();
  return *components;
}

constexpr int64_t kReferenceTimeMs = 1641816000000;  // 2022-01-10T12:00:00Z

const char* const kTimeZones[] = {"UTC", "Europe/Berlin", "Asia/Tokyo",
                                  "America/Los_Angeles", "Pacific/Kiritimati"};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace precis;  // NOLINT: a fuzz entry point, outside any namespace.
  fuzz::InputReader input(data, size);
  FactContext context;
  context.language = input.Language();
  context.reference_time_ms = kReferenceTimeMs;
  context.time_zone = kTimeZones[input.Byte() % std::size(kTimeZones)];
  const uint8_t skip_bits = input.Byte();
  const std::string_view source = input.Rest();
  absl::StatusOr<NormalizedText> text = NormalizedText::Create(source);
  if (!text.ok()) return 0;
  const fuzz::OffsetTable table(source);
  const Segmentation seg = Get().segmenter->Segment(text->text(), context.language);
  std::vector<TextRange> sentences;
  std::vector<bool> skip;
  for (size_t i = 0; i < seg.sentences.size(); ++i) {
    sentences.push_back(seg.sentences[i].range);
    skip.push_back((skip_bits >> (i % 8)) & 1 && (skip_bits & 0x80));
  }
  const std::vector<Fact> facts =
      Get().extractor->Extract(text->text(), sentences, skip, context);
  for (const Fact& f : facts) {
    FUZZ_CHECK(f.type != FactType::kUnspecified);
    FUZZ_CHECK(!f.mentions.empty());
    FUZZ_CHECK(f.confidence >= 0 && f.confidence <= 1);
    for (const FactMention& m : f.mentions) {
      FUZZ_CHECK(!m.range.empty());
      FUZZ_CHECK(m.sentence >= 0 && static_cast<size_t>(m.sentence) < sentences.size());
      FUZZ_CHECK(sentences[m.sentence].Contains(m.range));
      FUZZ_CHECK(!skip[m.sentence]);
      fuzz::CheckRange(*text, table, m.range);
    }
  }
  return 0;
}
