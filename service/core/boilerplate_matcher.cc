#include "boilerplate_matcher.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "re2/re2.h"
#include "re2/set.h"
#include "status_macros.h"

namespace precis {
namespace {

// True for an alternative that starts with a counted repeat of (almost) any
// character ("^.{0,150}...", "^[^:]{1,80}..."). In a DFA such a prefix
// counts positions: every distinct line start is a new state, so it is run
// on its own (see the header).
bool StartsWithCountedRepeat(std::string_view alternative) {
  if (!alternative.starts_with("^")) return false;
  size_t i = 1;
  if (alternative.substr(i).starts_with(".")) {
    ++i;
  } else if (alternative.substr(i).starts_with("[^")) {
    i += 2;
    if (i < alternative.size() && alternative[i] == ']') ++i;  // "[^]...]"
    while (i < alternative.size() && alternative[i] != ']') {
      if (alternative[i] == '\\') ++i;
      ++i;
    }
    if (i >= alternative.size()) return false;
    ++i;
  } else {
    return false;
  }
  return i < alternative.size() && alternative[i] == '{';
}

// Adds `alternative` (of `pattern`) to `*set`, made on first use.
absl::Status AddTo(const RE2::Options& options, RE2::Anchor anchor, const std::string& pattern,
                   const std::string& alternative, std::unique_ptr<RE2::Set>* set) {
  if (*set == nullptr) *set = std::make_unique<RE2::Set>(options, anchor);
  std::string error;
  if ((*set)->Add(alternative, &error) < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("boilerplate pattern '", pattern, "': ", error));
  }
  return absl::OkStatus();
}

}  // namespace

struct BoilerplateMatcher::Impl {
  // Alternatives that start with a counted repeat, searched anchored at the
  // line start: their DFA dies once the count is spent.
  std::unique_ptr<RE2::Set> counted;
  // All other alternatives, searched as the whole patterns were.
  std::unique_ptr<RE2::Set> rest;
};

BoilerplateMatcher::BoilerplateMatcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BoilerplateMatcher::~BoilerplateMatcher() = default;

std::vector<std::string> BoilerplateMatcher::SplitAlternatives(std::string_view pattern) {
  std::vector<std::string> out;
  int depth = 0;
  bool in_class = false;
  size_t class_start = 0;  // Index just after '[' or "[^".
  size_t start = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      // \Q...\E quotes a run that may hold '|': keep such a pattern whole.
      if (i + 1 < pattern.size() && pattern[i + 1] == 'Q') return {std::string(pattern)};
      ++i;  // The escaped byte (\p{..}, \x{..} bodies hold no '|' or parens).
      continue;
    }
    if (in_class) {
      // POSIX classes ("[[:alpha:]]") hold a ']' that does not close.
      if (c == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
        return {std::string(pattern)};
      }
      if (c == ']' && i > class_start) in_class = false;
      continue;
    }
    switch (c) {
      case '[':
        in_class = true;
        class_start = i + 1;
        if (class_start < pattern.size() && pattern[class_start] == '^') ++class_start;
        break;
      case '(':
        if (i + 1 < pattern.size() && pattern[i + 1] == '?') {
          // "(?flags)" changes the rest of the group, across a '|'.
          size_t k = i + 2;
          while (k < pattern.size() && std::string_view("imsU-").find(pattern[k]) !=
                                           std::string_view::npos) {
            ++k;
          }
          if (k < pattern.size() && pattern[k] == ')') return {std::string(pattern)};
        }
        ++depth;
        break;
      case ')':
        --depth;
        break;
      case '|':
        if (depth == 0) {
          out.emplace_back(pattern.substr(start, i - start));
          start = i + 1;
        }
        break;
      default:
        break;
    }
  }
  out.emplace_back(pattern.substr(start));
  return out;
}

absl::StatusOr<std::unique_ptr<BoilerplateMatcher>> BoilerplateMatcher::Create(
    const std::vector<std::string>& patterns) {
  auto impl = std::make_unique<Impl>();
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  // The default 8 MiB is too small for the DFA of ~35 anchored patterns:
  // RE2 would fall back to the NFA on every line (100x slower).
  options.set_max_mem(64 << 20);
  for (const std::string& p : patterns) {
    const std::vector<std::string> alternatives = SplitAlternatives(p);
    if (alternatives.size() > 1) {
      // Each pattern must compile whole: its alternatives alone might.
      RE2 whole(p, options);
      if (!whole.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("boilerplate pattern '", p, "': ", whole.error()));
      }
    }
    const bool any_counted =
        std::any_of(alternatives.begin(), alternatives.end(), StartsWithCountedRepeat);
    if (!any_counted) {
      // Whole, as before: fewer, larger set entries keep its DFA states
      // fewer.
      RETURN_IF_ERROR(AddTo(options, RE2::UNANCHORED, p, p, &impl->rest));
      continue;
    }
    for (const std::string& alternative : alternatives) {
      if (StartsWithCountedRepeat(alternative)) {
        // Starts with '^': anchoring the search changes no answer.
        RETURN_IF_ERROR(AddTo(options, RE2::ANCHOR_START, p, alternative, &impl->counted));
      } else {
        RETURN_IF_ERROR(AddTo(options, RE2::UNANCHORED, p, alternative, &impl->rest));
      }
    }
  }
  for (RE2::Set* set : {impl->counted.get(), impl->rest.get()}) {
    if (set != nullptr && !set->Compile()) {
      return absl::ResourceExhaustedError("boilerplate patterns too large for RE2");
    }
  }
  return std::unique_ptr<BoilerplateMatcher>(new BoilerplateMatcher(std::move(impl)));
}

bool BoilerplateMatcher::Matches(std::string_view line) const {
  const Impl& m = *impl_;
  const re2::StringPiece text(line.data(), line.size());
  // Without a result vector RE2 stops at the first match and allocates
  // nothing.
  return (m.rest != nullptr && m.rest->Match(text, nullptr)) ||
         (m.counted != nullptr && m.counted->Match(text, nullptr));
}

}  // namespace precis
