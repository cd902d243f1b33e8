// BoilerplateMatcher: whether one line or sentence matches any of a list of
// RE2 boilerplate patterns (case-insensitive), at a cost that stays flat on
// unseen text.
//
// Two lists, because of how RE2::Set builds its DFA lazily, tracking every
// pattern at once: a pattern that must skip a bounded prefix of any
// characters before its keywords (".{0,150}(?:all rights reserved|...)")
// makes that DFA count positions, so every distinct line start becomes new
// states combined with those of all other patterns; on text it has not seen
// the DFA keeps adding states (~4 M instructions per new BBC article, 50x
// the matching itself). Such patterns are given as `line_start_patterns`
// and searched in a second set anchored at the line start: alone, its DFA
// needs about one state per position of the count (shared by all lines) and
// dies once the count is spent. `patterns` are searched unanchored in one
// set, whose states then stay few. On the 23,786 sentences of
// ../shared/data/summarization, each seen once, ~10x less time than one set
// of everything.
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
  // `patterns` match anywhere in a line (anchor them with ^ and $ as
  // needed); `line_start_patterns` match only from the line's first byte, as
  // if they began with ^. INVALID_ARGUMENT naming the pattern when one does
  // not compile; RESOURCE_EXHAUSTED when the patterns are too large for RE2.
  static absl::StatusOr<std::unique_ptr<BoilerplateMatcher>> Create(
      const std::vector<std::string>& patterns,
      const std::vector<std::string>& line_start_patterns = {});
  ~BoilerplateMatcher();

  // True when `line` (UTF-8) matches a pattern of either list.
  bool Matches(std::string_view line) const;

 private:
  struct Impl;
  explicit BoilerplateMatcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_BOILERPLATE_MATCHER_H_
