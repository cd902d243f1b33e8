#include "key_phrase_extractor.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "term_interner.h"
#include "unicode/uchar.h"

namespace precis {
namespace {

constexpr int kMaxPhraseTokens = 4;
// Extra weight for phrases in the headline: the headline names the topic.
constexpr double kHeadlineBoost = 1.5;

// Two tokens belong to one phrase when only spaces or hyphens separate
// them, at most two.
bool Adjacent(const icu::UnicodeString& text, const Token& a, const Token& b) {
  if (b.range.begin - a.range.end > 2) return false;
  for (int32_t i = a.range.end; i < b.range.begin; ++i) {
    const UChar c = text.charAt(i);
    if (c != ' ' && c != '-' && c != 0x00A0 && c != 0x2010 && c != 0x2011) return false;
  }
  return true;
}

// log2(1 + count), the weight of a phrase seen `count` times: a table for
// the usual small counts (the same values std::log2 returns).
double RecurrenceWeight(int32_t count) {
  static const std::array<double, 64> kTable = [] {
    std::array<double, 64> table{};
    for (size_t i = 0; i < table.size(); ++i) table[i] = std::log2(1.0 + static_cast<double>(i));
    return table;
  }();
  if (count >= 0 && static_cast<size_t>(count) < kTable.size()) return kTable[count];
  return std::log2(1.0 + count);
}

bool IsContent(const Token& t) {
  return !t.stopword && t.kind != TokenKind::kNumber &&
         !(t.kind == TokenKind::kWord && t.range.length() < 2);
}

// A phrase: up to kMaxPhraseTokens term ids.
struct PhraseKey {
  std::array<int32_t, kMaxPhraseTokens> ids{};
  int32_t size = 0;
  bool operator==(const PhraseKey& o) const { return size == o.size && ids == o.ids; }
};

struct PhraseKeyHash {
  size_t operator()(const PhraseKey& k) const {
    uint64_t h = static_cast<uint64_t>(k.size);
    for (int32_t i = 0; i < k.size; ++i) {
      h = (h ^ static_cast<uint32_t>(k.ids[i])) * 0x9E3779B97F4A7C15ull;
    }
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

// RAKE's per-term counts.
struct TermStats {
  double freq = 0;    // occurrences in candidate phrases
  double degree = 0;  // sum of the lengths of those phrases
  int32_t single = -1;  // the candidate of the one-word phrase, if any
};

struct Candidate {
  PhraseKey key;
  TextRange first;
  int32_t count = 0;
  bool in_headline = false;
  bool in_body = false;
};

}  // namespace

std::vector<KeyPhrase> ExtractKeyPhrases(const icu::UnicodeString& text,
                                         const std::vector<PhraseSentence>& sentences,
                                         int32_t max_phrases) {
  // Terms are ids (the caller's, or interned here): phrases, frequencies
  // and degrees are keyed by small integers instead of strings.
  std::vector<TermStats> stats;
  std::vector<Candidate> candidates;
  // Open addressing: one allocation for the table, none per phrase.
  absl::flat_hash_map<PhraseKey, int32_t, PhraseKeyHash> candidate_index;
  {
    // At most one candidate per token.
    size_t tokens = 0;
    for (const PhraseSentence& s : sentences) {
      if (s.headline || s.body) tokens += s.end - s.begin;
    }
    candidates.reserve(tokens);
    candidate_index.reserve(tokens / 2);  // phrases of two words or more
    // Term ids are usually below the token count: one zero-filled block
    // (grown below if not).
    stats.resize(tokens);
  }
  std::optional<TermInterner> term_ids;  // Made only without the caller's ids.
  std::vector<int32_t> own_ids;
  for (const PhraseSentence& s : sentences) {
    if (!s.headline && !s.body) continue;
    // The sentence's term ids: the caller's, or interned here (content
    // words in order, as the runs below meet them).
    const int32_t* ids = s.term_ids;
    if (ids == nullptr) {
      own_ids.assign(s.end - s.begin, -1);
      for (const Token* u = s.begin; u < s.end; ++u) {
        if (!IsContent(*u)) continue;
        if (!term_ids.has_value()) term_ids.emplace(s.end - s.begin);
        own_ids[u - s.begin] = term_ids->Intern(u->term);
      }
      ids = own_ids.data();
    }
    const Token* t = s.begin;
    while (t < s.end) {
      if (!IsContent(*t)) {
        ++t;
        continue;
      }
      const Token* run_end = t + 1;
      bool stopped_at_noncontent = false;  // then the next run starts after it
      while (run_end < s.end && run_end - t < kMaxPhraseTokens) {
        if (!IsContent(*run_end)) {
          stopped_at_noncontent = true;
          break;
        }
        if (!Adjacent(text, *(run_end - 1), *run_end)) break;
        ++run_end;
      }
      PhraseKey key;
      key.size = static_cast<int32_t>(run_end - t);
      const int32_t* run_ids = ids + (t - s.begin);
      for (int32_t k = 0; k < key.size; ++k) {
        const int32_t id = run_ids[k];
        if (static_cast<size_t>(id) >= stats.size()) {
          // Ids mostly grow by one: grow geometrically, not once per term.
          stats.resize(std::max(static_cast<size_t>(id) + 1, 2 * stats.size()));
        }
        key.ids[k] = id;
      }
      // One-word phrases (the most frequent) are found by term id, the
      // others by hash.
      int32_t* index;
      bool inserted;
      if (key.size == 1) {
        index = &stats[key.ids[0]].single;
        inserted = *index < 0;
        if (inserted) *index = static_cast<int32_t>(candidates.size());
      } else {
        auto [it, fresh] =
            candidate_index.try_emplace(key, static_cast<int32_t>(candidates.size()));
        index = &it->second;
        inserted = fresh;
      }
      if (inserted) {
        Candidate& fresh = candidates.emplace_back();
        fresh.key = key;
        fresh.first = {t->range.begin, (run_end - 1)->range.end};
      }
      Candidate& c = candidates[*index];
      ++c.count;
      c.in_headline |= s.headline;
      c.in_body |= s.body;
      const double len = static_cast<double>(key.size);
      for (int32_t k = 0; k < key.size; ++k) {
        TermStats& term = stats[key.ids[k]];
        term.freq += 1;
        term.degree += len;
      }
      t = run_end + stopped_at_noncontent;
    }
  }

  std::vector<std::pair<double, const Candidate*>> scored;
  scored.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    // A one-word phrase seen once is noise, unless the headline has it.
    if (c.key.size == 1 && c.count < 2 && !c.in_headline) continue;
    double score = 0;
    for (int32_t k = 0; k < c.key.size; ++k) {
      const TermStats& term = stats[c.key.ids[k]];
      score += term.degree / term.freq;
    }
    score *= RecurrenceWeight(c.count);
    if (c.in_headline) score *= kHeadlineBoost;
    scored.emplace_back(score, &c);
  }
  // Runs never overlap, so first occurrences are distinct: a total order,
  // and any way of ranking gives the same sequence. Only the head is read
  // (until max_phrases are kept, a few redundant ones skipped): a heap,
  // built in linear time, yields the phrases best first as far as needed.
  const auto worse = [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return a.second->first.begin > b.second->first.begin;
  };
  std::make_heap(scored.begin(), scored.end(), worse);

  std::vector<KeyPhrase> out;
  std::vector<const Candidate*> kept;
  const size_t most = std::min(scored.size(), static_cast<size_t>(std::max(max_phrases, 0)));
  out.reserve(most);
  kept.reserve(most);
  const double top = scored.empty() ? 1.0 : scored.front().first;
  for (auto heap_end = scored.end(); heap_end != scored.begin(); --heap_end) {
    if (static_cast<int32_t>(out.size()) >= max_phrases) break;
    std::pop_heap(scored.begin(), heap_end, worse);  // the best left, to *(heap_end - 1)
    const auto& [score, c] = *(heap_end - 1);
    // Drop a phrase whose terms all appear in a kept phrase (or vice versa).
    bool redundant = false;
    for (const Candidate* k : kept) {
      const PhraseKey& small = c->key.size <= k->key.size ? c->key : k->key;
      const PhraseKey& large = c->key.size <= k->key.size ? k->key : c->key;
      const auto large_end = large.ids.begin() + large.size;
      if (std::all_of(small.ids.begin(), small.ids.begin() + small.size, [&](int32_t id) {
            return std::find(large.ids.begin(), large_end, id) != large_end;
          })) {
        redundant = true;
        break;
      }
    }
    if (redundant) continue;
    kept.push_back(c);
    out.push_back({c->first, top > 0 ? score / top : 1.0, c->count});
  }
  return out;
}

}  // namespace precis
