#include "key_phrase_extractor.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

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

struct Candidate {
  std::vector<std::string> terms;
  TextRange first;
  int32_t count = 0;
  bool in_headline = false;
  bool in_body = false;
};

}  // namespace

std::vector<KeyPhrase> ExtractKeyPhrases(const icu::UnicodeString& text,
                                         const std::vector<PhraseSentence>& sentences,
                                         int32_t max_phrases) {
  std::unordered_map<std::string, Candidate> candidates;
  std::unordered_map<std::string, double> freq, degree;
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
      std::string key;
      std::vector<std::string> terms;
      for (const Token* u = t; u < run_end; ++u) {
        if (!key.empty()) key.push_back(' ');
        key += u->term;
        terms.push_back(u->term);
      }
      Candidate& c = candidates[key];
      if (c.count == 0) {
        c.terms = std::move(terms);
        c.first = {t->range.begin, (run_end - 1)->range.end};
      }
      ++c.count;
      c.in_headline |= s.headline;
      c.in_body |= s.body;
      const double len = static_cast<double>(run_end - t);
      for (const Token* u = t; u < run_end; ++u) {
        freq[u->term] += 1;
        degree[u->term] += len;
      }
      t = run_end;
    }
  }

  std::vector<std::pair<double, const Candidate*>> scored;
  for (const auto& [key, c] : candidates) {
    // A one-word phrase seen once is noise, unless the headline has it.
    if (c.terms.size() == 1 && c.count < 2 && !c.in_headline) continue;
    double score = 0;
    for (const std::string& term : c.terms) score += degree[term] / freq[term];
    score *= std::log2(1.0 + c.count);
    if (c.in_headline) score *= kHeadlineBoost;
    scored.emplace_back(score, &c);
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return a.second->first.begin < b.second->first.begin;
  });

  std::vector<KeyPhrase> out;
  std::vector<const Candidate*> kept;
  const double top = scored.empty() ? 1.0 : scored.front().first;
  for (const auto& [score, c] : scored) {
    if (static_cast<int32_t>(out.size()) >= max_phrases) break;
    // Drop a phrase whose terms all appear in a kept phrase (or vice versa).
    bool redundant = false;
    for (const Candidate* k : kept) {
      const auto& small = c->terms.size() <= k->terms.size() ? c->terms : k->terms;
      const auto& large = c->terms.size() <= k->terms.size() ? k->terms : c->terms;
      if (std::all_of(small.begin(), small.end(), [&](const std::string& term) {
            return std::find(large.begin(), large.end(), term) != large.end();
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
