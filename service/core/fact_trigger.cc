#include "fact_trigger.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "fact_text.h"
#include "swar.h"
#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

// Build-time keys of the two edge classes (code points are >= 0).
constexpr int64_t kSpaceEdge = -1;
constexpr int64_t kDigitEdge = -2;
constexpr char32_t kDigitMarker = 0xE000;

bool IsHorizontalSpace(char32_t c) { return c == ' ' || c == 0x00A0 || c == 0x202F; }
bool IsDigitCp(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }

// Folds one code point as AppendFolded() does.
char32_t FoldCp(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

// The code point at `*i` (U+FFFD if invalid); advances `*i` past it.
inline char32_t Next(std::string_view s, size_t* i) {
  const unsigned char byte = static_cast<unsigned char>(s[*i]);
  if (byte < 0x80) {
    ++*i;
    return byte;
  }
  int32_t k = static_cast<int32_t>(*i);
  UChar32 c;
  U8_NEXT(s.data(), k, static_cast<int32_t>(s.size()), c);
  *i = static_cast<size_t>(k);
  return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

// Whether `c` continues a word of a spaced script (GluedStart in
// fact_extractor.cc).
inline bool SpacedWordChar(char32_t c) { return IsWordChar(c) && !IsCjk(c); }

// The class of a byte in FactTrigger::triple_dead_: a letter (either case)
// 0-25, a digit 26, a space 27, anything else -1.
constexpr std::array<int8_t, 256> kTripleClass = [] {
  std::array<int8_t, 256> table{};
  table.fill(-1);
  for (int c = 0; c < 26; ++c) table['a' + c] = table['A' + c] = static_cast<int8_t>(c);
  for (int c = '0'; c <= '9'; ++c) table[c] = 26;
  table[' '] = 27;
  return table;
}();
constexpr int kTripleDigit = 26;
constexpr int kTripleSpace = 27;

// Skips a run of horizontal space starting at `*i`.
inline void SkipSpaces(std::string_view s, size_t* i) {
  while (*i < s.size()) {
    size_t j = *i;
    if (!IsHorizontalSpace(Next(s, &j))) return;
    *i = j;
  }
}

}  // namespace

FactTrigger::FactTrigger() : tree_(1), tree_masks_(1, 0) {
  root_ascii_.fill(-1);
  range_ascii_.fill(0);
  maybe_ascii_.fill(false);
  Compile();
}

void FactTrigger::AddItem(std::string_view item, uint64_t mask) {
  const std::string folded = Folded(item);
  if (folded.empty()) return;
  int32_t node = 0;
  size_t i = 0;
  bool after_space = false;
  while (i < folded.size()) {
    const char32_t c = Next(folded, &i);
    const bool space = IsHorizontalSpace(c);
    // Several spaces in a row are one run (a superset of "[ ]+[ ]+").
    if (space && after_space) continue;
    after_space = space;
    // A written digit matches any digit (a superset too).
    const int64_t key = space                                   ? kSpaceEdge
                        : (c == kDigitMarker || IsDigitCp(c)) ? kDigitEdge
                                                                : static_cast<int64_t>(c);
    int32_t next = -1;
    for (const auto& [k, child] : tree_[node]) {
      if (k == key) next = child;
    }
    if (next < 0) {
      next = static_cast<int32_t>(tree_.size());
      tree_.emplace_back();
      tree_masks_.push_back(0);
      tree_[node].emplace_back(key, next);
    }
    node = next;
  }
  tree_masks_[node] |= mask;
}

void FactTrigger::AddRange(char32_t lo, char32_t hi, uint64_t mask) {
  for (char32_t c = lo; c <= hi && c < 0x80; ++c) range_ascii_[c] |= mask;
  if (hi >= 0x80) ranges_.push_back(Range{std::max<char32_t>(lo, 0x80), hi, mask});
}

void FactTrigger::AddAsciiCapitals(int length, uint64_t mask) {
  capitals_length_ = std::max(length, 1);
  capitals_mask_ |= mask;
}

void FactTrigger::Compile() {
  nodes_.assign(tree_.size(), Node{});
  edges_.clear();
  root_ascii_.fill(-1);
  for (size_t n = 0; n < tree_.size(); ++n) {
    Node& node = nodes_[n];
    node.mask = tree_masks_[n];
    std::vector<std::pair<int64_t, int32_t>> children = tree_[n];
    std::sort(children.begin(), children.end());
    node.edges_begin = static_cast<uint32_t>(edges_.size());
    for (const auto& [k, child] : children) {
      if (k == kSpaceEdge) {
        node.space_child = child;
      } else if (k == kDigitEdge) {
        node.digit_child = child;
      } else {
        if (k >= 'a' && k <= 'z') {
          if (node.letters == 0) node.letters_begin = static_cast<uint32_t>(edges_.size());
          node.letters |= uint32_t{1} << (k - 'a');
        }
        edges_.push_back(Edge{static_cast<char32_t>(k), child});
      }
    }
    node.edges_end = static_cast<uint32_t>(edges_.size());
  }
  for (uint32_t e = nodes_[0].edges_begin; e < nodes_[0].edges_end; ++e) {
    if (edges_[e].cp < 0x80) root_ascii_[edges_[e].cp] = edges_[e].child;
  }
  for (char32_t c = 0; c < 0x80; ++c) {
    const char32_t folded = FoldCp(c);
    maybe_ascii_[c] = range_ascii_[c] != 0 || root_ascii_[folded] >= 0 ||
                      (IsHorizontalSpace(c) && nodes_[0].space_child >= 0) ||
                      (IsDigitCp(c) && nodes_[0].digit_child >= 0) ||
                      (capitals_mask_ != 0 && c >= 'A' && c <= 'Z');
  }
  space_may_start_ = maybe_ascii_[' '];
  // A position whose first two bytes are ASCII and lead nowhere: no range
  // or capitals mask at the first, no item ending there, no edge for the
  // second.
  pair_dead_.assign(128 * 128 / 64, 0);
  auto capital = [&](char32_t c) { return capitals_mask_ != 0 && c >= 'A' && c <= 'Z'; };
  for (char32_t a = 0; a < 0x80; ++a) {
    if (range_ascii_[a] != 0 || IsHorizontalSpace(a)) continue;
    const int32_t first = IsDigitCp(a) ? nodes_[0].digit_child : root_ascii_[FoldCp(a)];
    if (first >= 0 && nodes_[static_cast<size_t>(first)].mask != 0) continue;
    for (char32_t b = 0; b < 0x80; ++b) {
      if (capital(a) && capital(b)) continue;
      int32_t second = -1;
      if (first >= 0) {
        const Node& at = nodes_[static_cast<size_t>(first)];
        second = IsHorizontalSpace(b) ? at.space_child
                 : IsDigitCp(b)       ? at.digit_child
                                      : Child(at, FoldCp(b));
      }
      if (second < 0) pair_dead_[(128 * a + b) / 64] |= uint64_t{1} << ((128 * a + b) % 64);
    }
  }
  // The same one byte further, for a lower-case letter first (no capitals
  // mask) followed by a letter, digit or space, then a letter or digit
  // (no run of spaces to skip): MaskAt() takes exactly these steps.
  triple_dead_.assign((TripleIndex(25, kTripleSpace, kTripleDigit) + 64) / 64, 0);
  auto step = [&](int32_t node, int cls) -> int32_t {
    if (node < 0) return -1;
    const Node& at = nodes_[static_cast<size_t>(node)];
    if (cls == kTripleDigit) return at.digit_child;
    if (cls == kTripleSpace) return at.space_child;
    return Child(at, static_cast<char32_t>('a' + cls));
  };
  auto live = [&](int32_t node) { return node >= 0 && nodes_[static_cast<size_t>(node)].mask != 0; };
  for (int a = 0; a < 26; ++a) {
    const int32_t first = root_ascii_['a' + a];
    if (range_ascii_['a' + a] != 0 || live(first)) continue;
    for (int b = 0; b <= kTripleSpace; ++b) {
      const int32_t second = step(first, b);
      if (live(second)) continue;
      for (int c = 0; c <= kTripleDigit; ++c) {
        if (step(second, c) >= 0) continue;
        const size_t bit = TripleIndex(a, b, c);
        triple_dead_[bit / 64] |= uint64_t{1} << (bit % 64);
      }
    }
  }
}

namespace {

// Set bits of `x`, in registers (Hacker's Delight 5-1): std::popcount is a
// libgcc call without -mpopcnt, which the portable build does not assume.
uint32_t CountBits(uint32_t x) {
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  x = (x + (x >> 4)) & 0x0F0F0F0Fu;
  return (x * 0x01010101u) >> 24;
}

}  // namespace

inline int32_t FactTrigger::Step(const Node& at, char32_t c, std::string_view s, size_t* i) const {
  if (IsHorizontalSpace(c)) {
    SkipSpaces(s, i);
    return at.space_child;
  }
  if (IsDigitCp(c)) return at.digit_child;
  return at.edges_begin == at.edges_end ? -1 : Child(at, FoldCp(c));
}

int32_t FactTrigger::Child(const Node& node, char32_t folded) const {
  if (folded >= 'a' && folded <= 'z') {
    const uint32_t bit = uint32_t{1} << (folded - 'a');
    if (!(node.letters & bit)) return -1;
    return edges_[node.letters_begin + CountBits(node.letters & (bit - 1))].child;
  }
  const Edge* begin = edges_.data() + node.edges_begin;
  const Edge* end = edges_.data() + node.edges_end;
  if (end - begin <= 8) {
    for (const Edge* e = begin; e < end; ++e) {
      if (e->cp == folded) return e->child;
    }
    return -1;
  }
  const Edge* it = std::lower_bound(begin, end, folded,
                                    [](const Edge& e, char32_t c) { return e.cp < c; });
  return it != end && it->cp == folded ? it->child : -1;
}

uint64_t FactTrigger::MaskAt(std::string_view s, size_t pos) const {
  if (pos >= s.size()) return 0;
  uint64_t mask = 0;
  size_t i = pos;
  int32_t node;
  const Node& root = nodes_[0];
  // The first code point: its range and capitals masks, then the step from
  // the root. An ASCII one (most starts) is read without decoding.
  const unsigned char lead = static_cast<unsigned char>(s[pos]);
  if (lead < 0x80) {
    mask = range_ascii_[lead];
    if (capitals_mask_ != 0 && lead >= 'A' && lead <= 'Z' &&
        pos + static_cast<size_t>(capitals_length_) <= s.size()) {
      bool all = true;
      for (int k = 1; k < capitals_length_ && all; ++k) {
        all = s[pos + static_cast<size_t>(k)] >= 'A' && s[pos + static_cast<size_t>(k)] <= 'Z';
      }
      if (all) mask |= capitals_mask_;
    }
    ++i;
    if (lead == ' ') {
      node = root.space_child;
      SkipSpaces(s, &i);
    } else if (lead >= '0' && lead <= '9') {
      node = root.digit_child;
    } else {
      node = root_ascii_[FoldCp(lead)];
    }
  } else {
    const char32_t c = Next(s, &i);
    for (const Range& r : ranges_) {
      if (c >= r.lo && c <= r.hi) mask |= r.mask;
    }
    node = Step(root, c, s, &i);
  }
  if (node >= 0) mask |= nodes_[static_cast<size_t>(node)].mask;
  // Past the first code point (no node but the root is 0): ASCII letters,
  // spaces and digits take their edges without decoding or folding calls
  // (a letter by its bit in Node::letters, inline: the call to Child() per
  // letter was a third of MaskAt's cost), other code points go through
  // Step().
  const size_t n = s.size();
  while (node >= 0 && i < n) {
    const Node& at = nodes_[static_cast<size_t>(node)];
    const unsigned char b = static_cast<unsigned char>(s[i]);
    // b | 0x20 is a lower-case letter exactly when b is an ASCII letter.
    const uint32_t letter = static_cast<uint32_t>(b | 0x20) - 'a';
    if (letter < 26) {
      const uint32_t bit = uint32_t{1} << letter;
      if (!(at.letters & bit)) return mask;
      // Most nodes past the first letters have one child: no letters
      // before this one, no bits to count.
      const uint32_t before = at.letters & (bit - 1);
      node = edges_[at.letters_begin + (before == 0 ? 0 : CountBits(before))].child;
      ++i;
    } else if (b == ' ') {
      ++i;
      SkipSpaces(s, &i);
      node = at.space_child;
    } else if (b >= '0' && b <= '9') {
      ++i;
      node = at.digit_child;
    } else {
      const char32_t c = Next(s, &i);
      node = Step(at, c, s, &i);
    }
    if (node >= 0) mask |= nodes_[static_cast<size_t>(node)].mask;
  }
  return mask;
}

inline bool FactTrigger::AsciiScreened(std::string_view s, size_t pos) const {
  const unsigned char byte = static_cast<unsigned char>(s[pos]);
  if (!maybe_ascii_[byte]) return true;
  const size_t i = pos + 1;
  if (i >= s.size()) return false;
  const unsigned char second = static_cast<unsigned char>(s[i]);
  const size_t pair = 128 * byte + second;
  if (second < 0x80 && ((pair_dead_[pair / 64] >> (pair % 64)) & 1)) return true;
  // A capital first walks the items as its lower case does (MaskAt folds
  // it) unless it has a range mask or starts a run of capitals: then the
  // lower-case screen holds for it too. Most capitalized words (names) are
  // so skipped without a walk.
  const unsigned char lower = byte | 0x20;
  if (lower >= 'a' && lower <= 'z' && i + 1 < s.size() &&
      (byte == lower ||
       (range_ascii_[byte] == 0 &&
        (capitals_mask_ == 0 || (capitals_length_ >= 2 && (second < 'A' || second > 'Z')))))) {
    const int b = kTripleClass[second];
    const int c = kTripleClass[static_cast<unsigned char>(s[i + 1])];
    if (b >= 0 && c >= 0 && c <= kTripleDigit) {
      const size_t bit = TripleIndex(lower - 'a', b, c);
      if ((triple_dead_[bit / 64] >> (bit % 64)) & 1) return true;
    }
  }
  return false;
}

void FactTrigger::Scan(std::string_view s, std::vector<Hit>* out) const {
  const size_t n = s.size();
  bool previous_word = false;  // the code point before is a SpacedWordChar
  size_t i = 0;
  while (i < n) {
    // Eight ASCII bytes at once (most of a sentence in spaced scripts): the
    // non-glued positions are the bytes that are no letter or digit and
    // the letters and digits after one, found with bit operations; only
    // those are screened. Looking at every byte, and at every space, was
    // most of Scan's cost. The last bytes of the sentence are read into a
    // zeroed word and masked off.
    const size_t avail = std::min<size_t>(8, n - i);
    uint64_t x = 0;
    if (avail == 8) {
      std::memcpy(&x, s.data() + i, 8);  // one load
    } else {
      std::memcpy(&x, s.data() + i, avail);
    }
    if ((x & swar::kHigh) == 0) {
      const uint64_t valid = avail == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * avail)) - 1;
      const uint64_t alnum = swar::AsciiAlnumBits(x) & valid;
      uint64_t other = ~alnum & swar::kHigh & valid;
      if (!space_may_start_) other &= ~swar::ByteEqualBits(x, ' ');
      uint64_t candidates =
          (alnum & ~((alnum << 8) | (previous_word ? uint64_t{0x80} : 0))) | other;
      while (candidates != 0) {
        const size_t pos = i + static_cast<size_t>(std::countr_zero(candidates)) / 8;
        candidates &= candidates - 1;
        if (AsciiScreened(s, pos)) continue;
        if (const uint64_t mask = MaskAt(s, pos); mask != 0) out->push_back(Hit{pos, mask});
      }
      previous_word = (alnum >> (8 * avail - 1)) & 1;
      i += avail;
      continue;
    }
    // Otherwise code point by code point up to the end of these eight
    // bytes (the last one may reach past it).
    const size_t limit = i + avail;
    while (i < limit) {
      const size_t pos = i;
      const unsigned char byte = static_cast<unsigned char>(s[i]);
      bool word;
      if (byte < 0x80) {
        ++i;
        word = IsAsciiAlnum(byte);
        // Inside an ASCII word: glued (the common case).
        if (word && previous_word) continue;
        previous_word = word;
        if (AsciiScreened(s, pos)) continue;
      } else {
        const char32_t c = Next(s, &i);
        word = SpacedWordChar(c);
        if (word && previous_word) continue;
        previous_word = word;
      }
      if (const uint64_t mask = MaskAt(s, pos); mask != 0) out->push_back(Hit{pos, mask});
    }
  }
}

}  // namespace precis
