// NameFinder: proper names in one sentence, typed PERSON / ORGANIZATION /
// PLACE / NAME.
//
// Cased scripts: runs of capitalized words (joined by single spaces, name
// particles "von", "de", and - inside organization names - connectors "for",
// "and", "of") lose leading function words and demonyms ("The", "French")
// and are classified:
//   - a title ("President", "Deputy Foreign Minister", lower-case "президент",
//     German compounds ending in "-chef", "-minister") before 1-5 words ->
//     PERSON (the title is not part of the value);
//   - an organization word ("Organisation", "Bank", "Inc") -> ORGANIZATION;
//     an all-capitals acronym of 2-6 letters ("NATO") -> ORGANIZATION with
//     lower confidence; listed organizations (YAML) are found as written;
//   - a place: every country, region and continent name (ICU/CLDR
//     display names, standard and short forms), every time-zone exemplar
//     city (ICU TimeZoneNames) in the language, plus YAML places/aliases ->
//     PLACE with the canonical name as value ("U.S." -> "United States");
//     inflected forms are matched by stem where the language says so
//     ("Москве" -> "Москва"); an unknown single name after a place
//     preposition ("in Cupertino") is a PLACE with low confidence;
//   - 2-5 words starting with a known first name -> PERSON;
//   - 1-3 words with an organization cue around them (YAML: "carmaker
//     Toyota", "shares of Toyota", "Toyota's chief executive", "Google said
//     in a statement", "Yoshinoya, the beef bowl chain,"; German "Autobauer
//     Volkswagen" by cue suffix) -> ORGANIZATION marked from_cue;
//   - else NAME (marked person_like when it could be a person: the
//     extractor promotes it when its last word also appears alone); a
//     single word only when not sentence-initial (sentence-initial ones are
//     kept as surname candidates with confidence 0), not a demonym, not in
//     not_names, and the language does not capitalize all nouns.
// Uncased scripts (Han, kana, Hangul): places and organizations are found
// by dictionary.
//
// Immutable after Build(); Find() is const and thread-safe (per-thread
// scratch buffers).
#ifndef PRECIS_SERVICE_CORE_NAME_FINDER_H_
#define PRECIS_SERVICE_CORE_NAME_FINDER_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "fact.h"
#include "language_resources.h"

namespace re2 {
class RE2;
}

namespace precis {

struct FoundName {
  size_t begin = 0;  // Bytes in the sentence (UTF-8).
  size_t end = 0;
  FactType type = FactType::kName;
  std::string value;
  // 0 for a sentence-initial single word: only a candidate surname.
  double confidence = 0.0;
  // A multi-word NAME that becomes a PERSON if its last word is also used
  // alone in the text.
  bool person_like = false;
  // An ORGANIZATION known only from a context cue ("shares of Toyota"): the
  // extractor gives every other mention of the word the same type, unless
  // it is the surname of a person named in full.
  bool from_cue = false;
};

class NameFinder {
 public:
  // Case-folded word sets looked up with string_views (C++20 heterogeneous
  // lookup): no key string is built per token.
  // A short-string hash (words are a few bytes): eight bytes per multiply
  // instead of std::hash's byte-wise MurmurHash. No code depends on the
  // iteration order of these sets.
  struct ViewHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const {
      constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
      uint64_t h = s.size() * kMul;
      size_t i = 0;
      for (; i + 8 <= s.size(); i += 8) {
        uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        h = (h ^ w) * kMul;
        h ^= h >> 29;
      }
      if (i < s.size()) {
        uint64_t w = 0;
        for (size_t k = i; k < s.size(); ++k) {
          w |= static_cast<uint64_t>(static_cast<unsigned char>(s[k])) << (8 * (k - i));
        }
        h = (h ^ w) * kMul;
        h ^= h >> 29;
      }
      return static_cast<size_t>(h);
    }
  };
  using WordSet = std::unordered_set<std::string, ViewHash, std::equal_to<>>;
  using WordMap = std::unordered_map<std::string, std::string, ViewHash, std::equal_to<>>;

  // `calendar_words`: case-folded month and weekday names, never names.
  static std::unique_ptr<NameFinder> Build(
      std::string_view language, const FactRulesData& data,
      const std::unordered_set<std::string>& calendar_words);
  ~NameFinder();

  // Appends the names in `sentence` (UTF-8) to `out`, skipping the byte
  // ranges in `claimed` (already taken by dates, money, ...).
  void Find(std::string_view sentence,
            const std::vector<std::pair<size_t, size_t>>& claimed,
            std::vector<FoundName>* out) const;

 private:
  struct Token;
  NameFinder() = default;
  void Classify(std::string_view sentence, const std::vector<Token>& tokens,
                size_t first, size_t last, bool sentence_initial,
                std::vector<FoundName>* out) const;
  bool IsPlace(std::string_view folded, std::string* canonical) const;
  bool IsDemonym(std::string_view folded) const;
  bool IsTitle(std::string_view folded) const;
  // Whether the context says tokens[first, last) name a company: a cue
  // before ("carmaker Toyota", "shares of Toyota", "le constructeur
  // automobile Renault"), after ("Google said in a statement"), after a
  // possessive ("Toyota's chief executive") or an appositive ("Yoshinoya,
  // the beef bowl chain,").
  bool HasOrganizationCue(std::string_view s, const std::vector<Token>& tokens,
                          size_t first, size_t last) const;
  bool IsOrganizationCueWord(std::string_view folded) const;

  bool capitalized_nouns_ = false;
  bool inflected_ = false;
  WordSet calendar_words_;
  WordSet titles_;
  WordSet org_words_;
  WordSet org_connectors_;
  WordSet particles_;
  WordSet function_words_;
  WordSet first_names_;
  WordSet not_names_;
  WordSet place_prepositions_;
  // Organization cues (YAML organization_cues_before/_after/_possessive,
  // organization_cue_suffixes, options organization_cue_gap): phrases as
  // folded words; single-word "before" cues are also appositive nouns.
  std::vector<std::vector<std::string>> org_cues_before_;
  std::vector<std::vector<std::string>> org_cues_after_;
  std::vector<std::vector<std::string>> org_cues_possessive_;
  WordSet org_cue_nouns_;
  // The last word of every multi-word "before" cue, the first word of
  // every "after" / possessive cue: a cue can only match where the token
  // next to the name is one of them (most are not: no phrase is tried).
  WordSet org_cue_before_last_;
  WordSet org_cue_after_first_;
  WordSet org_cue_possessive_first_;
  std::vector<std::string> org_cue_suffixes_;
  int org_cue_gap_ = 0;
  std::vector<std::string> title_suffixes_;
  std::vector<std::string> demonym_suffixes_;
  std::vector<std::string> possessive_suffixes_;
  uint64_t possessive_last_bytes_[4] = {0, 0, 0, 0};  // of any suffix, any case
  std::vector<std::string> elision_prefixes_;
  // Folded place name -> canonical name; sorted folded names for demonyms.
  WordMap places_;
  std::vector<std::string> sorted_places_;
  // Known organizations (YAML "organizations", "organization_aliases"),
  // matched as written; aliases map to their canonical name.
  WordMap org_aliases_;
  std::unique_ptr<re2::RE2> known_orgs_;
  // Uncased scripts: dictionary pattern over place names.
  std::unique_ptr<re2::RE2> uncased_places_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_NAME_FINDER_H_
