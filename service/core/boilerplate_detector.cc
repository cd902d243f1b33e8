#include "boilerplate_detector.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "boilerplate_matcher.h"
#include "fact_text.h"
#include "status_macros.h"
#include "unicode/uchar.h"
#include "unicode/utf16.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

constexpr int32_t kMaxHeadlineWords = 25;
constexpr int32_t kMaxLabelWords = 8;

bool IsTerminal(UChar32 c) {
  switch (c) {
    case '.': case '!': case '?': case 0x2026:  // …
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E:  // 。！？．
    case 0x061F: case 0x06D4:  // Arabic ? and full stop
    case 0x0964: case 0x0965:  // Devanagari danda
    case 0x0589:               // Armenian full stop
    case 0x1362:               // Ethiopic full stop
      return true;
    default:
      return false;
  }
}


// text[r] as UTF-8 into `buffer`, for RE2. RE2's \s and the patterns' literal
// spaces are ASCII: the no-break and thin spaces of French typography become
// ' '. One pass, no temporary UTF-16 copy. `buffer` holds at least three
// bytes per unit of `r`; returns the UTF-8 in it.
std::string_view MatchableUtf8(const icu::UnicodeString& text, TextRange r, char* buffer) {
  char* p = buffer;
  const UChar* s = text.getBuffer();
  for (int32_t i = r.begin; i < r.end;) {
    // Eight ASCII units per step (most news text).
    while (i + 8 <= r.end && NarrowAscii8(s + i, p)) {
      p += 8;
      i += 8;
    }
    if (i >= r.end) break;
    UChar32 c = s[i++];
    if (c < 0x80) {
      *p++ = static_cast<char>(c);
      continue;
    }
    if (U16_IS_LEAD(c) && i < r.end && U16_IS_TRAIL(s[i])) {
      c = U16_GET_SUPPLEMENTARY(c, s[i]);
      ++i;
    } else if (c == 0x00A0 || c == 0x202F || c == 0x2009 || c == 0x2007) {
      c = ' ';
    } else if (U16_IS_SURROGATE(c)) {
      c = 0xFFFD;  // Unpaired (NormalizedText never has one).
    }
    int32_t length = 0;
    U8_APPEND_UNSAFE(p, length, c);
    p += length;
  }
  return std::string_view(buffer, static_cast<size_t>(p - buffer));
}

}  // namespace

struct BoilerplateDetector::Impl {
  std::unique_ptr<BoilerplateMatcher> patterns;  // null when there are none
};

BoilerplateDetector::BoilerplateDetector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BoilerplateDetector::~BoilerplateDetector() = default;

absl::StatusOr<std::unique_ptr<BoilerplateDetector>> BoilerplateDetector::Create(
    const std::vector<std::string>& patterns,
    const std::vector<std::string>& line_start_patterns) {
  auto impl = std::make_unique<Impl>();
  if (!patterns.empty() || !line_start_patterns.empty()) {
    ASSIGN_OR_RETURN(impl->patterns, BoilerplateMatcher::Create(patterns, line_start_patterns));
  }
  return std::unique_ptr<BoilerplateDetector>(new BoilerplateDetector(std::move(impl)));
}

bool BoilerplateDetector::EndsWithTerminal(const icu::UnicodeString& text, TextRange range) {
  int32_t i = range.end;
  while (i > range.begin) {
    const UChar32 c = text.char32At(i - 1);
    const int8_t type = u_charType(c);
    if (type == U_FINAL_PUNCTUATION || type == U_END_PUNCTUATION || c == '"' || c == '\'' ||
        u_isspace(c)) {
      i = text.moveIndex32(i, -1);
      continue;
    }
    return IsTerminal(c);
  }
  return false;
}

std::vector<SentenceKind> BoilerplateDetector::Classify(
    const icu::UnicodeString& text, const Segmentation& segmentation,
    const std::vector<int32_t>& word_counts) const {
  const auto& sentences = segmentation.sentences;
  const size_t n = sentences.size();
  std::vector<SentenceKind> kinds(n, SentenceKind::kBody);
  std::vector<bool> matched(n, false);
  // One buffer for every sentence's UTF-8 (sized for the longest, three
  // bytes per unit), so the conversion neither grows nor zero-fills a
  // string per sentence.
  std::unique_ptr<char[]> utf8;
  if (impl_->patterns != nullptr) {
    int32_t longest = 0;
    for (const SegmentedSentence& s : sentences) longest = std::max(longest, s.range.length());
    utf8 = std::make_unique_for_overwrite<char[]>(3 * static_cast<size_t>(longest) + 1);
  }
  for (size_t i = 0; i < n; ++i) {
    const TextRange r = sentences[i].range;
    const bool terminal = EndsWithTerminal(text, r);
    if (i == 0 && n > 1 && !terminal && word_counts[i] <= kMaxHeadlineWords &&
        word_counts[i] > 0) {
      kinds[i] = SentenceKind::kHeadline;
    }
    if (impl_->patterns != nullptr) {
      if (impl_->patterns->Matches(MatchableUtf8(text, r, utf8.get()))) {
        matched[i] = true;
        kinds[i] = SentenceKind::kBoilerplate;
        continue;
      }
    }
    if (kinds[i] == SentenceKind::kBody && !terminal && word_counts[i] <= kMaxLabelWords) {
      kinds[i] = SentenceKind::kBoilerplate;
    }
  }
  // Trailing paragraphs with a pattern match are footer text as a whole.
  // Sentences are in document order, so each paragraph's sentences are one
  // run: one backward pass (linear even for 20,000 one-line paragraphs).
  size_t end = n;
  for (int p = static_cast<int>(segmentation.paragraphs.size()) - 1; p > 0; --p) {
    size_t begin = end;
    while (begin > 0 && sentences[begin - 1].paragraph >= p) --begin;
    bool any = false;
    for (size_t i = begin; i < end; ++i) any |= sentences[i].paragraph == p && matched[i];
    if (!any) break;
    for (size_t i = begin; i < end; ++i) {
      if (sentences[i].paragraph == p) kinds[i] = SentenceKind::kBoilerplate;
    }
    end = begin;
  }
  return kinds;
}

}  // namespace precis
