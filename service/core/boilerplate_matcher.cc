#include "boilerplate_matcher.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "re2/re2.h"
#include "re2/set.h"
#include "status_macros.h"

namespace precis {
namespace {

// One RE2::Set of `patterns` searched with `anchor`, or null when there are
// none.
absl::StatusOr<std::unique_ptr<RE2::Set>> MakeSet(const std::vector<std::string>& patterns,
                                                  RE2::Anchor anchor) {
  if (patterns.empty()) return std::unique_ptr<RE2::Set>();
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  // The default 8 MiB is too small for the DFA of ~35 anchored patterns:
  // RE2 would fall back to the NFA on every line (100x slower).
  options.set_max_mem(64 << 20);
  auto set = std::make_unique<RE2::Set>(options, anchor);
  for (const std::string& p : patterns) {
    std::string error;
    if (set->Add(p, &error) < 0) {
      return absl::InvalidArgumentError(absl::StrCat("boilerplate pattern '", p, "': ", error));
    }
  }
  if (!set->Compile()) {
    return absl::ResourceExhaustedError("boilerplate patterns too large for RE2");
  }
  return set;
}

}  // namespace

struct BoilerplateMatcher::Impl {
  std::unique_ptr<RE2::Set> anywhere;    // searched unanchored
  std::unique_ptr<RE2::Set> line_start;  // searched anchored at the start
};

BoilerplateMatcher::BoilerplateMatcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BoilerplateMatcher::~BoilerplateMatcher() = default;

absl::StatusOr<std::unique_ptr<BoilerplateMatcher>> BoilerplateMatcher::Create(
    const std::vector<std::string>& patterns,
    const std::vector<std::string>& line_start_patterns) {
  auto impl = std::make_unique<Impl>();
  ASSIGN_OR_RETURN(impl->anywhere, MakeSet(patterns, RE2::UNANCHORED));
  ASSIGN_OR_RETURN(impl->line_start, MakeSet(line_start_patterns, RE2::ANCHOR_START));
  return std::unique_ptr<BoilerplateMatcher>(new BoilerplateMatcher(std::move(impl)));
}

bool BoilerplateMatcher::Matches(std::string_view line) const {
  const Impl& m = *impl_;
  const re2::StringPiece text(line.data(), line.size());
  // Without a result vector RE2 stops at the first match and allocates
  // nothing.
  return (m.anywhere != nullptr && m.anywhere->Match(text, nullptr)) ||
         (m.line_start != nullptr && m.line_start->Match(text, nullptr));
}

}  // namespace precis
