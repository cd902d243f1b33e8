#include "boilerplate_detector.h"

#include "absl/strings/str_cat.h"
#include "re2/re2.h"
#include "re2/set.h"
#include "unicode/uchar.h"

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

}  // namespace

struct BoilerplateDetector::Impl {
  std::unique_ptr<RE2::Set> patterns;  // null when there are none
};

BoilerplateDetector::BoilerplateDetector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BoilerplateDetector::~BoilerplateDetector() = default;

absl::StatusOr<std::unique_ptr<BoilerplateDetector>> BoilerplateDetector::Create(
    const std::vector<std::string>& patterns) {
  auto impl = std::make_unique<Impl>();
  if (!patterns.empty()) {
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    // The default 8 MiB is too small for the DFA of ~35 anchored patterns:
    // RE2 would fall back to the NFA on every line (100x slower).
    options.set_max_mem(64 << 20);
    impl->patterns = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (const std::string& p : patterns) {
      std::string error;
      if (impl->patterns->Add(p, &error) < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("boilerplate pattern '", p, "': ", error));
      }
    }
    if (!impl->patterns->Compile()) {
      return absl::ResourceExhaustedError("boilerplate patterns too large for RE2");
    }
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
  std::string utf8;
  std::vector<int> hits;
  for (size_t i = 0; i < n; ++i) {
    const TextRange r = sentences[i].range;
    const bool terminal = EndsWithTerminal(text, r);
    if (i == 0 && n > 1 && !terminal && word_counts[i] <= kMaxHeadlineWords &&
        word_counts[i] > 0) {
      kinds[i] = SentenceKind::kHeadline;
    }
    if (impl_->patterns != nullptr) {
      utf8.clear();
      // RE2's \s and the patterns' literal spaces are ASCII: fold the
      // no-break and thin spaces of French typography to ' ' first.
      icu::UnicodeString line = text.tempSubStringBetween(r.begin, r.end);
      for (int32_t k = 0; k < line.length(); ++k) {
        const UChar c = line.charAt(k);
        if (c == 0x00A0 || c == 0x202F || c == 0x2009 || c == 0x2007) line.setCharAt(k, ' ');
      }
      line.toUTF8String(utf8);
      hits.clear();
      if (impl_->patterns->Match(utf8, &hits)) {
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
  for (int p = static_cast<int>(segmentation.paragraphs.size()) - 1; p > 0; --p) {
    bool any = false;
    for (size_t i = 0; i < n; ++i) {
      if (sentences[i].paragraph == p && matched[i]) any = true;
    }
    if (!any) break;
    for (size_t i = 0; i < n; ++i) {
      if (sentences[i].paragraph == p) kinds[i] = SentenceKind::kBoilerplate;
    }
  }
  return kinds;
}

}  // namespace precis
