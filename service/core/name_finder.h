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

#include <array>
#include <bit>
#include <bitset>
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
#include "sentence_byte_masks.h"

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
  // instead of std::hash's byte-wise MurmurHash, and a short tail read as
  // two overlapping loads instead of byte by byte (equal strings still read
  // equal bytes). No code depends on the iteration order of these sets.
  struct ViewHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return Hash(s); }
    // Always inlined: the word-class lookup, once per folded token, calls
    // it (GCC otherwise keeps one out-of-line copy).
    [[gnu::always_inline]] static size_t Hash(std::string_view s) {
      constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
      const char* p = s.data();
      const size_t n = s.size();
      uint64_t h = n * kMul;
      auto mix = [&h](uint64_t w) {
        h = (h ^ w) * kMul;
        h ^= h >> 29;
      };
      if (n >= 8) {
        size_t i = 0;
        for (; i + 8 <= n; i += 8) mix(Load64(p + i));
        if (i < n) mix(Load64(p + n - 8));
      } else if (n >= 4) {
        mix(Load32(p) | (Load32(p + n - 4) << 32));
      } else if (n > 0) {
        mix(static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
            static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
            static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16);
      }
      return static_cast<size_t>(h);
    }
    // Whether a[0, n) == b[0, n), by the loads Hash() makes (no memcmp
    // call for a word of a few bytes).
    [[gnu::always_inline]] static bool Equal(const char* a, const char* b, size_t n) {
      if (n >= 8) {
        for (size_t i = 0; i + 8 <= n; i += 8) {
          if (Load64(a + i) != Load64(b + i)) return false;
        }
        return Load64(a + n - 8) == Load64(b + n - 8);
      }
      if (n >= 4) return Load32(a) == Load32(b) && Load32(a + n - 4) == Load32(b + n - 4);
      if (n == 0) return true;
      return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];
    }
    static uint64_t Load64(const char* p) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      return w;
    }
    static uint64_t Load32(const char* p) {
      uint32_t w;
      std::memcpy(&w, p, 4);
      return w;
    }
  };
  // Folded word -> nonzero number, frozen after Assign(): open addressing
  // in one array of slots (a lookup is an inlined hash, one slot read in
  // the usual case and a compare only when the stored hash bits agree),
  // for the per-token word-class and the per-run place lookups, where
  // std::unordered_map's out-of-line find, bucket walk and memcmp call cost
  // more than the hashing. Public for tests.
  class WordTable {
   public:
    // Words mapped to 0 are left out (0 marks an empty slot).
    void Assign(const std::unordered_map<std::string, uint32_t>& words);
    // The number of `word`, or 0.
    [[gnu::always_inline]] uint32_t Find(std::string_view word) const {
      const uint64_t h = ViewHash::Hash(word);
      const uint32_t tag = static_cast<uint32_t>(h >> 32);
      for (size_t i = h & mask_;; i = (i + 1) & mask_) {
        const Slot& slot = slots_[i];
        if (slot.value == 0) return 0;
        if (slot.tag == tag && slot.size == word.size() &&
            ViewHash::Equal(keys_.data() + slot.offset, word.data(), word.size())) {
          return slot.value;
        }
      }
    }

   private:
    struct Slot {
      uint32_t tag = 0;  // the high half of the key's ViewHash
      uint32_t value = 0;
      uint32_t offset = 0;  // of the key in keys_
      uint32_t size = 0;
    };
    std::vector<Slot> slots_ = std::vector<Slot>(1);  // a power of two, at most half full
    size_t mask_ = 0;
    std::string keys_;
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
  // The canonical name of a place (a folded name or phrase), or null.
  const std::string* FindPlace(std::string_view folded) const;
  bool IsDemonym(std::string_view folded) const;
  // `classes` is ClassesOf(folded).
  bool IsTitle(std::string_view folded, uint32_t classes) const;
  // Whether the context says tokens[first, last) name a company: a cue
  // before ("carmaker Toyota", "shares of Toyota", "le constructeur
  // automobile Renault"), after ("Google said in a statement"), after a
  // possessive ("Toyota's chief executive") or an appositive ("Yoshinoya,
  // the beef bowl chain,").
  bool HasOrganizationCue(std::string_view s, const std::vector<Token>& tokens,
                          size_t first, size_t last) const;
  bool IsOrganizationCueWord(std::string_view folded, uint32_t classes) const;

  // Word lists a folded word can belong to (bits of word_classes_).
  enum WordClass : uint32_t {
    kCalendarWord = 1u << 0,  // month and weekday names: never names
    kTitle = 1u << 1,
    kOrganizationWord = 1u << 2,
    kOrganizationConnector = 1u << 3,
    kParticle = 1u << 4,
    kFunctionWord = 1u << 5,
    kFirstName = 1u << 6,
    kNotName = 1u << 7,
    kPlacePreposition = 1u << 8,
    kOrganizationCueNoun = 1u << 9,        // single-word "before" cue
    kOrganizationCueBeforeLast = 1u << 10,  // see org_cues_before_
    kOrganizationCueAfterFirst = 1u << 11,
    kOrganizationCuePossessiveFirst = 1u << 12,
  };
  // The WordClass bits of a folded word: one hash lookup answers every
  // list (a token is looked up once, not once per list).
  uint32_t ClassesOf(std::string_view folded) const { return word_classes_.Find(folded); }

  bool capitalized_nouns_ = false;
  bool inflected_ = false;
  // Folded word -> WordClass bits, for every word in one of the lists.
  WordTable word_classes_;
  // The classes of the empty string: those of a token that is not folded.
  uint32_t unfolded_classes_ = 0;
  bool has_cue_nouns_ = false;  // any kOrganizationCueNoun
  // Organization cues (YAML organization_cues_before/_after/_possessive,
  // organization_cue_suffixes, options organization_cue_gap): phrases as
  // folded words; single-word "before" cues are also appositive nouns
  // (kOrganizationCueNoun). The last word of every multi-word "before"
  // cue, the first word of every "after" / possessive cue are marked too
  // (kOrganizationCue...): a cue can only match where the token next to
  // the name is one of them (most are not: no phrase is tried).
  std::vector<std::vector<std::string>> org_cues_before_;
  std::vector<std::vector<std::string>> org_cues_after_;
  std::vector<std::vector<std::string>> org_cues_possessive_;
  std::vector<std::string> org_cue_suffixes_;
  int org_cue_gap_ = 0;
  std::vector<std::string> title_suffixes_;
  std::vector<std::string> demonym_suffixes_;
  std::vector<std::string> possessive_suffixes_;
  std::array<bool, 256> possessive_last_byte_{};  // of any suffix, any case
  // Bit (last << 8 | before_last) of the raw last two bytes of a token that
  // may end with a possessive suffix (see Build()).
  std::bitset<65536> possessive_tail_;
  std::vector<std::string> elision_prefixes_;
  // Folded place name -> canonical name; sorted folded names for demonyms.
  WordMap places_;
  // The same as a WordTable: folded place name -> 1 + its index in
  // place_values_, which point to the canonical names in places_.
  WordTable place_index_;
  std::vector<const std::string*> place_values_;
  std::vector<std::string> sorted_places_;
  WordSet demonym_stems_;  // see Build()
  // Known organizations (YAML "organizations", "organization_aliases"),
  // matched as written; aliases map to their canonical name.
  WordMap org_aliases_;
  std::unique_ptr<re2::RE2> known_orgs_;
  // Uncased scripts: dictionary pattern over place names.
  std::unique_ptr<re2::RE2> uncased_places_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_NAME_FINDER_H_
