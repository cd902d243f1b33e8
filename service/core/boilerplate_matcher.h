// BoilerplateMatcher: whether one line or sentence matches any of a list of
// RE2 boilerplate patterns (case-insensitive), with the same answer as one
// RE2::Set of all of them, at a cost that stays flat on unseen text.
//
// Why not one RE2::Set of the whole patterns: its lazily built DFA tracks
// every pattern at once, and a pattern that starts with a counted repeat of
// any character ("^.{0,150}(?:all rights reserved|...)") makes it count
// positions, so every distinct line start becomes new states combined with
// those of all other patterns: on text it has not seen the DFA keeps adding
// states (~4 M instructions per new BBC article, 50x the matching itself).
// Here a pattern with such an alternative is split at its top-level '|'
// (A|B matches iff A or B does); the alternatives that start with a counted
// repeat go into a second RE2::Set, searched anchored at the line start:
// alone, its DFA needs about one state per position of the count (shared
// by all lines) and dies once the count is spent. Everything else stays in
// one unanchored RE2::Set as before, whose states then stay few. Same
// answers; on the 23,786 sentences of ../shared/data/summarization, each
// seen once, ~10x less time; on a repeated article ~20% more.
//
// Thread-safe after Create: Matches() is const.
#ifndef PRECIS_SERVICE_CORE_BOILERPLATE_MATCHER_H_
#define PRECIS_SERVICE_CORE_BOILERPLATE_MATCHER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace precis {

class BoilerplateMatcher {
 public:
  // INVALID_ARGUMENT naming the pattern when one does not compile;
  // RESOURCE_EXHAUSTED when the patterns are too large for RE2.
  static absl::StatusOr<std::unique_ptr<BoilerplateMatcher>> Create(
      const std::vector<std::string>& patterns);
  ~BoilerplateMatcher();

  // True when `line` (UTF-8) matches a pattern, exactly as an unanchored
  // RE2::Set of all the patterns would say.
  bool Matches(std::string_view line) const;

  // Splits `pattern` at its top-level '|' (outside groups, classes and
  // escapes). Returns {pattern} when it has none, or when it sets flags
  // for the rest of its group ("(?i)"), which would cross a '|'.
  static std::vector<std::string> SplitAlternatives(std::string_view pattern);

 private:
  struct Impl;
  explicit BoilerplateMatcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_BOILERPLATE_MATCHER_H_
