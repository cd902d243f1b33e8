// libFuzzer target: SentenceSegmenter::Segment on the normalized form of
// arbitrary bytes, in a language chosen by the first input byte.
//
// Checks the header's contract: sentences and paragraphs lie inside the
// text, are non-empty, in document order and never overlap; every sentence
// lies inside its paragraph; every range maps back into the source.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fuzz_util.h"
#include "normalized_text.h"
#include "sentence_segmenter.h"

namespace {

const precis::SentenceSegmenter& Segmenter() {
  static const precis::SentenceSegmenter* segmenter = [] {
    auto created = precis::SentenceSegmenter::Create(precis::fuzz::Resources());
    FUZZ_CHECK(created.ok());
    return created->release();
  }();
  return *segmenter;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Segmenter();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace precis;  // NOLINT: a fuzz entry point, outside any namespace.
  fuzz::InputReader input(data, size);
  const std::string language = input.Language();
  const std::string_view source = input.Rest();
  absl::StatusOr<NormalizedText> text = NormalizedText::Create(source);
  if (!text.ok()) return 0;
  const fuzz::OffsetTable table(source);
  const Segmentation seg = Segmenter().Segment(text->text(), language);
  const int32_t n = text->text().length();

  int32_t last_end = 0;
  for (size_t p = 0; p < seg.paragraphs.size(); ++p) {
    const TextRange& r = seg.paragraphs[p];
    FUZZ_CHECK(!r.empty());
    FUZZ_CHECK(r.begin >= last_end && r.end <= n);
    fuzz::CheckRange(*text, table, r);
    last_end = r.end;
  }
  last_end = 0;
  int last_paragraph = 0;
  for (const SegmentedSentence& s : seg.sentences) {
    FUZZ_CHECK(!s.range.empty());
    FUZZ_CHECK(s.range.begin >= last_end && s.range.end <= n);
    FUZZ_CHECK(s.paragraph >= last_paragraph);
    FUZZ_CHECK(s.paragraph >= 0 && static_cast<size_t>(s.paragraph) < seg.paragraphs.size());
    FUZZ_CHECK(seg.paragraphs[s.paragraph].Contains(s.range));
    fuzz::CheckRange(*text, table, s.range);
    last_end = s.range.end;
    last_paragraph = s.paragraph;
  }
  return 0;
}
