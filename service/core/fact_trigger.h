// FactTrigger: where in a sentence a fact pattern can start, from the
// literals its matches begin with ("in" of "in January", "next" of "next
// Monday", "$") and classes of first characters (digits), found by one walk
// over the sentence instead of a regex DFA per sentence.
//
// Each item carries a bit mask (the patterns it can start); Scan() reports,
// for every position where some item starts, the union of their masks.
// Items are matched case-insensitively with the simple case folding of
// Folded() (fact_text.h), the same folding RE2's (?i) uses; a space in an
// item (also NBSP, U+202F) matches any run of horizontal space, as
// RegexLiteral() spells it; kDigit in an item matches one digit (ASCII or
// fullwidth; so does any digit in an item). Items can so spell a pattern's
// first element and what must follow it ("in" + space + month name, "in"
// + space + digit), which keeps common words from being reported. Ranges
// match the first code point as written.
// A reported position is a superset test: the pattern may still fail there.
//
// Only positions not glued to the word before them are reported: where the
// code point and the one before are both word characters of a spaced
// script (IsWordChar and not IsCjk), no fact can start ("014" of "2014").
//
// Why not RE2: an RE2::Set says which patterns match a sentence, not where
// they start, so each hit pattern had to search the whole sentence again,
// and the Sets' lazily built DFAs kept growing on unseen text; one anchored
// Set tried at every position measured slower still (0.97M vs 0.69M
// instructions per sample article for the whole extractor). Literal
// prefixes and first-character classes need only this trie walk; the
// patterns themselves stay RE2, run anchored at the reported starts.
//
// Build with the Add calls, then Compile(); immutable afterwards: Scan()
// and MaskAt() are const and thread-safe.
#ifndef PRECIS_SERVICE_CORE_FACT_TRIGGER_H_
#define PRECIS_SERVICE_CORE_FACT_TRIGGER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace precis {

class FactTrigger {
 public:
  struct Hit {
    size_t pos = 0;     // byte offset in the sentence
    uint64_t mask = 0;  // union of the masks of the items starting there
  };

  // Stands for any one digit in an item (a private-use code point).
  static constexpr char kDigit[] = "\xEE\x80\x80";  // U+E000

  FactTrigger();

  // Adds a literal (empty items are ignored).
  void AddItem(std::string_view item, uint64_t mask);
  // Positions whose code point is in [lo, hi] (as written, not folded).
  void AddRange(char32_t lo, char32_t hi, uint64_t mask);
  // Positions where `length` ASCII capitals start ("USD").
  void AddAsciiCapitals(int length, uint64_t mask);

  // Makes the items added so far visible to Scan() and MaskAt().
  void Compile();

  // Appends the hits in `s` (UTF-8) in increasing position order.
  void Scan(std::string_view s, std::vector<Hit>* out) const;
  // The mask at byte `pos` of `s`, ignoring the glued-start rule.
  uint64_t MaskAt(std::string_view s, size_t pos) const;

 private:
  struct Node {
    uint32_t edges_begin = 0;  // into edges_, sorted by code point
    uint32_t edges_end = 0;
    int32_t space_child = -1;  // a run of horizontal space
    int32_t digit_child = -1;  // one digit
    uint64_t mask = 0;         // items ending here
    // Children by ASCII letter: bit c - 'a' is set when edge c exists;
    // those edges are contiguous from letters_begin (edges are sorted), so
    // a letter's edge is found by a popcount instead of a search.
    uint32_t letters = 0;
    uint32_t letters_begin = 0;
  };
  struct Edge {
    char32_t cp;
    int32_t child;
  };
  int32_t Child(const Node& node, char32_t folded) const;
  // The node after `at` on code point `c`, which ends at s[*i]: a white-space
  // run (skipped, *i moves past it) takes the space edge, a digit the digit
  // edge, anything else the edge of its case fold; -1 when there is none.
  int32_t Step(const Node& at, char32_t c, std::string_view s, size_t* i) const;
  // Whether Scan() may skip the non-glued position `pos`, whose byte is
  // ASCII, without MaskAt(): its first byte starts nothing, or its first
  // two or three bytes lead nowhere (maybe_ascii_, pair_dead_,
  // triple_dead_).
  bool AsciiScreened(std::string_view s, size_t pos) const;

  // Build-time tree: children per node as (code point, child) pairs; -1
  // as the code point stands for a run of space.
  std::vector<std::vector<std::pair<int64_t, int32_t>>> tree_;
  std::vector<uint64_t> tree_masks_;

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::array<int32_t, 128> root_ascii_;  // first ASCII code point -> child
  std::array<uint64_t, 128> range_ascii_;  // ASCII range masks
  // Whether an ASCII first byte can start anything (Scan's fast reject).
  std::array<bool, 128> maybe_ascii_;
  // maybe_ascii_[' ']: Scan() then screens spaces too.
  bool space_may_start_ = false;
  // Pairs of ASCII first and second bytes after which no item can match
  // (Scan skips those positions without a walk): bit 128 * first + second.
  std::vector<uint64_t> pair_dead_;
  // Positions starting with a lower-case ASCII letter whose next two bytes
  // (letters, digits, a space second) lead nowhere either: bit
  // TripleIndex(). Most word starts that pass the pair test die at the
  // third byte ("th" of "three" in "that"); they are skipped without a walk.
  // A capital first letter uses its lower case's bits unless it has a
  // range mask or may start a run of capitals ("The" as "the").
  std::vector<uint64_t> triple_dead_;
  static size_t TripleIndex(int first_letter, int second_class, int third_class) {
    return (static_cast<size_t>(first_letter) * 28 + second_class) * 27 + third_class;
  }
  int capitals_length_ = 0;
  uint64_t capitals_mask_ = 0;
  struct Range {
    char32_t lo;
    char32_t hi;
    uint64_t mask;
  };
  std::vector<Range> ranges_;  // non-ASCII parts of ranges
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_FACT_TRIGGER_H_
