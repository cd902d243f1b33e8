// Regression tests for inputs that crashed or blew up the engine, found by
// the libFuzzer targets (tests/fuzz) and the abuse corpus
// (tests/integration/abuse_corpus_test.cc). Each input is inline; each test
// asserts the engine answers (OK or a clean INVALID_ARGUMENT) and that its
// spans stay inside the input with bytes, code points and UTF-16 agreeing.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine.h"
#include "gtest/gtest.h"
#include "normalized_text.h"
#include "test_engine.h"

namespace precis {
namespace {

constexpr int64_t kReferenceMs = 1641816000000;  // 2022-01-10T12:00:00Z

class FuzzRegressionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    engine_ = testing::CreateTestEngine().release();
    ASSERT_NE(engine_, nullptr);
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(engine_, nullptr); }

  // Code points and UTF-16 units before byte `byte` of valid UTF-8.
  static void Count(const std::string& text, int64_t byte, int64_t* chars, int64_t* utf16) {
    *chars = *utf16 = 0;
    for (int64_t i = 0; i < byte; ++i) {
      const auto b = static_cast<unsigned char>(text[i]);
      if ((b & 0xC0) == 0x80) continue;
      ++*chars;
      *utf16 += b >= 0xF0 ? 2 : 1;
    }
  }

  // Inside the text, with the three units agreeing.
  static void ExpectInside(const std::string& text, const SourceSpan& s) {
    EXPECT_LE(0, s.byte_begin);
    EXPECT_LE(s.byte_begin, s.byte_end);
    ASSERT_LE(s.byte_end, static_cast<int64_t>(text.size()));
    int64_t chars, utf16;
    Count(text, s.byte_begin, &chars, &utf16);
    EXPECT_EQ(s.char_begin, chars) << "byte " << s.byte_begin;
    EXPECT_EQ(s.utf16_begin, utf16) << "byte " << s.byte_begin;
    Count(text, s.byte_end, &chars, &utf16);
    EXPECT_EQ(s.char_end, chars) << "byte " << s.byte_end;
    EXPECT_EQ(s.utf16_end, utf16) << "byte " << s.byte_end;
  }

  // Summarize and Segment both answer; every span is inside `text`.
  static void ExpectAnswers(const std::string& text, const SummarizeOptions& options) {
    absl::StatusOr<SummaryResult> summary = engine_->Summarize(text, options);
    if (!summary.ok()) {
      EXPECT_EQ(summary.status().code(), absl::StatusCode::kInvalidArgument)
          << summary.status();
    } else {
      for (const SentenceResult& s : summary->summary) {
        ExpectInside(text, s.span);
        for (const PlaceholderResult& p : s.placeholders) ExpectInside(text, p.span);
      }
      for (const FactResult& f : summary->facts) {
        ExpectInside(text, f.span);
        for (const SourceSpan& m : f.mentions) ExpectInside(text, m);
      }
      for (const KeyPhraseResult& k : summary->key_phrases) ExpectInside(text, k.span);
    }
    absl::StatusOr<SegmentResult> segments = engine_->Segment(text, options.language);
    EXPECT_EQ(segments.ok(), summary.ok()) << segments.status();
    if (segments.ok()) {
      for (const SentenceResult& s : segments->sentences) ExpectInside(text, s.span);
    }
  }

  static const Engine* engine_;
};

const Engine* FuzzRegressionTest::engine_ = nullptr;

// normalized_text_fuzzer: a CR LF whose LF starts exactly on one of
// NormalizedText's byte -> code point checkpoints (every kCheckpointBytes):
// the CR LF branch counted the LF into the checkpoint taken after it, so
// every span ending at or after that byte had char/UTF-16 offsets one too
// high (here byte 17 = end of text -> code point 13 of 12).
TEST_F(FuzzRegressionTest, CrLfAcrossCheckpointKeepsOffsetsInStep) {
  const std::string text(
      "\x2e\xe2\x80\xab\xd8\xb9\xd8\xaf\xc2\xad\x20line\r\n", 17);
  absl::StatusOr<NormalizedText> normalized = NormalizedText::Create(text);
  ASSERT_TRUE(normalized.ok()) << normalized.status();
  const SourceSpan all = normalized->ToSourceSpan({0, normalized->text().length()});
  EXPECT_EQ(all.byte_end, 17);
  EXPECT_EQ(all.char_end, 12);
  EXPECT_EQ(all.utf16_end, 12);
  // The same through the engine, and with an LF at every offset.
  std::string lines;
  for (int len = 1; len <= 40; ++len) lines += "Line " + std::string(len, 'x') + ".\r\n";
  ExpectAnswers(text, {});
  ExpectAnswers(lines, {});
}

// Abuse corpus, OneMiBSentencesWithoutSpaces: a megabyte of sentences
// without spaces ("Abc.Def,12.5%" repeated; normalization restores the
// spaces) is ~80,000 sentences. The ranker's centrality kept a dense
// m x m similarity matrix (8 * 80,000^2 bytes = 51 GB): std::bad_alloc
// escaped and precisd terminated.
TEST_F(FuzzRegressionTest, EightyThousandSentencesDoNotExhaustMemory) {
  std::string text;
  while (text.size() + 13 <= (1 << 20)) text += "Abc.Def,12.5%";
  SummarizeOptions options;
  options.reference_time_ms = kReferenceMs;
  absl::StatusOr<SummaryResult> summary = engine_->Summarize(text, options);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_GT(summary->stats.sentence_count, 50000);
  EXPECT_FALSE(summary->summary.empty());
}

}  // namespace
}  // namespace precis
