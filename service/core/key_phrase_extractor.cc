#include "key_phrase_extractor.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>

#include "absl/container/flat_hash_map.h"
#include "unicode/uchar.h"

namespace precis {
namespace {

constexpr int kMaxPhraseTokens = 4;
// Extra weight for phrases in the headline: the headline names the topic.
constexpr double kHeadlineBoost = 1.5;

// Two tokens belong to one phrase when only spaces or hyphens separate them.
bool Adjacent(const icu::UnicodeString& text, const Token& a, const Token& b) {
  for (int32_t i = a.range.end; i < b.range.begin; ++i) {
    const UChar c = text.charAt(i);
    if (c != ' ' && c != '-' && c != 0x00A0 && c != 0x2010 && c != 0x2011) return false;
  }
  return b.range.begin - a.range.end <= 2;
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
  std::unordered_map<std::string_view, int32_t> term_ids;
  std::vector<double> freq, degree;
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
    candidate_index.reserve(tokens);
  }
  for (const PhraseSentence& s : sentences) {
    if (!s.headline && !s.body) continue;
    const Token* t = s.begin;
    while (t < s.end) {
      if (!IsContent(*t)) {
        ++t;
        continue;
      }
      const Token* run_end = t + 1;
      while (run_end < s.end && run_end - t < kMaxPhraseTokens && IsContent(*run_end) &&
             Adjacent(text, *(run_end - 1), *run_end)) {
        ++run_end;
      }
      PhraseKey key;
      for (const Token* u = t; u < run_end; ++u) {
        int32_t id;
        if (s.term_ids != nullptr) {
          id = s.term_ids[u - s.begin];
        } else {
          id = term_ids.try_emplace(std::string_view(u->term), static_cast<int32_t>(term_ids.size()))
                   .first->second;
        }
        if (static_cast<size_t>(id) >= freq.size()) {
          freq.resize(id + 1, 0);
          degree.resize(id + 1, 0);
        }
        key.ids[key.size++] = id;
      }
      auto [it, inserted] =
          candidate_index.try_emplace(key, static_cast<int32_t>(candidates.size()));
      if (inserted) {
        Candidate& fresh = candidates.emplace_back();
        fresh.key = key;
        fresh.first = {t->range.begin, (run_end - 1)->range.end};
      }
      Candidate& c = candidates[it->second];
      ++c.count;
      c.in_headline |= s.headline;
      c.in_body |= s.body;
      const double len = static_cast<double>(run_end - t);
      for (int32_t k = 0; k < key.size; ++k) {
        freq[key.ids[k]] += 1;
        degree[key.ids[k]] += len;
      }
      t = run_end;
    }
  }

  std::vector<std::pair<double, const Candidate*>> scored;
  for (const Candidate& c : candidates) {
    // A one-word phrase seen once is noise, unless the headline has it.
    if (c.key.size == 1 && c.count < 2 && !c.in_headline) continue;
    double score = 0;
    for (int32_t k = 0; k < c.key.size; ++k) score += degree[c.key.ids[k]] / freq[c.key.ids[k]];
    score *= std::log2(1.0 + c.count);
    if (c.in_headline) score *= kHeadlineBoost;
    scored.emplace_back(score, &c);
  }
  // Runs never overlap, so first occurrences are distinct: a total order,
  // and any sort gives the same sequence. Only the head is read (until
  // max_phrases are kept, a few redundant ones skipped): sort that much,
  // and the rest only if the loop below gets there.
  const auto better = [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return a.second->first.begin < b.second->first.begin;
  };
  size_t sorted = std::min(scored.size(), static_cast<size_t>(std::max(max_phrases, 0)) * 4 + 8);
  std::partial_sort(scored.begin(), scored.begin() + sorted, scored.end(), better);

  std::vector<KeyPhrase> out;
  std::vector<const Candidate*> kept;
  const double top = scored.empty() ? 1.0 : scored.front().first;
  for (size_t i = 0; i < scored.size(); ++i) {
    if (static_cast<int32_t>(out.size()) >= max_phrases) break;
    if (i == sorted) {
      std::sort(scored.begin() + sorted, scored.end(), better);
      sorted = scored.size();
    }
    const auto& [score, c] = scored[i];
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
