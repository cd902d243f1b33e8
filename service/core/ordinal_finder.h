// OrdinalFinder: ordinal numbers that carry meaning, in one sentence.
//
// An ordinal is a fact only when it ranks or counts something named right
// after it (or, bare, after a ranking verb):
//   rank     ordinal + superlative + noun: "the 3rd largest bank",
//            "second-largest economy", "la deuxième plus grande économie",
//            "вторая по величине экономика", "第二大经济体";
//   streak   ordinal + noun + consecutive: "its 10th consecutive quarter",
//            "das dritte Quartal in Folge", "sexto corte consecutivo"
//            (modifier "consecutive");
//   counted  ordinal + a noun that is counted in order: "the 75th
//            anniversary", "third quarter", "le 5e mandat", "第3四半期";
//   digits   an ordinal written with digits and an unambiguous ordinal
//            suffix ("10th", "5e", "3º", "3-й"), followed by a noun;
//   place    a bare ordinal after a ranking verb: "finished first", "came
//            in third" (unit empty).
// Not facts: a spelled ordinal with any other noun ("the second phase",
// "the second time he ...", "a second rocket"), an ordinal with no noun
// ("First, ...", "the second of them"), a capitalized ordinal inside a
// sentence (a name: "Second World War", "First Lady"), dotted digits
// ("3." in German, Russian) unless a rank, streak or counted noun follows,
// dates ("3rd March", "am 3. Oktober": claimed by the date rules first),
// centuries ("21st century": a period, not a rank; listed in
// ordinal_blocked_nouns), cardinals of any kind (phone and page numbers,
// "Windows 2000").
//
// Value: the ordinal as a decimal integer ("3"); unit: the ranked noun as
// written, with its superlative ("largest bank", "quarter"); mention: the
// ordinal itself ("3rd", "second" of "second-largest", "第3"), so a
// translation template keeps the noun as text.
//
// Language data: ordinal words come from ICU/CLDR's spell-out rules (every
// "%spellout-ordinal*" rule set, 1-100: "third", "dritten", "troisième",
// "третьем", "第三"); digit affixes from ICU's "%digits-ordinal*" rule sets
// ("rd", ".", "e", ".º", "-й", "第"). service/data/facts/<lang>.yaml adds
// (lists of words, matched case-insensitively; nouns also match with up to
// two more letters: "Quartal" ~ "Quartals"):
//   ordinal_words            map word -> number, forms CLDR lacks
//   ordinal_digit_suffixes   extra suffixes ("ème", "º"); "." marks dotted
//   ordinal_nouns            counted nouns ("anniversary", "quarter")
//   ordinal_blocked_nouns    never ranked ("time", "century", "feira")
//   ordinal_superlatives     words/phrases ("largest", "mayor", "по величине")
//   ordinal_superlative_markers   degree words taking the next adjective
//                            ("most", "plus", "más"); also after the noun
//   ordinal_streak_before    "consecutive", "straight"
//   ordinal_streak_after     "in a row", "in Folge", "подряд", "consecutivo"
//   ordinal_rank_words       "finished", "came", "ranked", "placed"
//   ordinal_rank_connectors  "in" ("came in third")
//   ordinal_cjk_superlatives "大" (zh/ja: after 第N)
// plus the language's function_words, classifiers ("第三个季度") and
// capitalized_nouns option.
//
// Immutable after Build(); Find() is const and thread-safe.
#ifndef PRECIS_SERVICE_CORE_ORDINAL_FINDER_H_
#define PRECIS_SERVICE_CORE_ORDINAL_FINDER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "language_resources.h"
#include "name_finder.h"

namespace precis {

struct FoundOrdinal {
  size_t begin = 0;       // Bytes of the ordinal in the sentence (UTF-8).
  size_t end = 0;
  size_t phrase_end = 0;  // End of the ranked noun (claimed from names).
  int64_t value = 0;
  std::string unit;      // "largest bank", "quarter"; empty for a bare rank
  std::string modifier;  // "consecutive" for streaks
  double confidence = 0.0;
};

class OrdinalFinder {
 public:
  // `language` selects ICU's rule sets; "" builds a finder with no words.
  // `calendar_words`: case-folded month and weekday names (never ranked).
  static std::unique_ptr<OrdinalFinder> Build(
      std::string_view language, const FactRulesData& data,
      const std::unordered_set<std::string>& calendar_words);
  ~OrdinalFinder();

  // A screen a caller can run before Find(): every ordinal Find() reports
  // starts a token that begins with one of LeadingWords() (case-folded, as
  // Folded() folds) or with ASCII digits for which DigitsMayStart() holds.
  // A sentence with neither has no ordinal. Not for scripts without spaces
  // (Screenable() false: the caller then always calls Find()).
  bool Screenable() const;
  std::vector<std::string> LeadingWords() const;
  // Whether the ASCII digits at byte `pos` of `sentence` can start an
  // ordinal ("3rd", "3.", "3-й"; not "3", "3,5" or "3.5").
  bool DigitsMayStart(std::string_view sentence, size_t pos) const;

  // Appends the ordinal facts in `sentence` (UTF-8) to `out`, skipping
  // tokens that overlap the byte ranges in `claimed`.
  void Find(std::string_view sentence,
            const std::vector<std::pair<size_t, size_t>>& claimed,
            std::vector<FoundOrdinal>* out) const;

 private:
  // Tests check the word screen (MaybeWord) against every word.
  friend class OrdinalFinderTestPeer;
  struct Token;
  struct Phrase;
  static constexpr size_t kUnfolded = static_cast<size_t>(-1);
  OrdinalFinder() = default;
  // Whether a raw token can be an ordinal word (lead byte, length, and its
  // first two letters, case-folded).
  bool MaybeWord(std::string_view raw) const;
  // The ordinal value of a folded word, or 0.
  int64_t WordValue(std::string_view folded) const;
  // The value of "3rd", "3.", "3e" (raw bytes), or 0; `dotted` for "3.".
  int64_t DigitValue(std::string_view raw, bool* dotted) const;
  bool IsNoun(std::string_view folded, const NameFinder::WordSet& set) const;
  // Length in pieces of the longest of `phrases` starting at pieces[k], or 0.
  size_t PhraseAt(const std::vector<Phrase>& pieces, size_t k,
                  const std::vector<std::vector<std::string>>& phrases) const;
  // A degree word and its adjective at pieces[k] ("most valuable").
  bool MarkerAt(const std::vector<Phrase>& pieces, size_t k) const;
  void FindCjk(std::string_view s,
               const std::vector<std::pair<size_t, size_t>>& claimed,
               std::vector<FoundOrdinal>* out) const;

  bool capitalized_nouns_ = false;
  // Folded ordinal word -> number (one or two words: "двадцать первый").
  NameFinder::WordMap words_;
  NameFinder::WordSet two_word_firsts_;  // "двадцать" of "двадцать первый"
  uint64_t first_bytes_[4] = {0, 0, 0, 0};  // lead bytes of words, any case
  // PrefixKey() of every word (and first word of a two-word ordinal): a
  // token whose key is not here is no ordinal word, without folding it.
  std::unordered_set<uint64_t> word_keys_;
  size_t min_word_bytes_ = 0;
  size_t max_word_bytes_ = 0;
  // Digit affixes: suffix (folded) -> dotted?; CJK prefix ("第").
  NameFinder::WordMap digit_suffixes_;  // value "." = dotted
  std::string cjk_prefix_;
  size_t max_suffix_bytes_ = 0;
  bool suffix_has_digit_ = false;  // DigitsMayStart() then says yes
  NameFinder::WordSet nouns_;
  NameFinder::WordSet blocked_nouns_;
  NameFinder::WordSet superlatives_;
  NameFinder::WordSet markers_;
  NameFinder::WordSet streak_before_;
  NameFinder::WordSet rank_words_;
  NameFinder::WordSet rank_connectors_;
  NameFinder::WordSet function_words_;
  NameFinder::WordSet calendar_words_;
  std::vector<std::vector<std::string>> superlative_phrases_;  // multi-word
  std::vector<std::vector<std::string>> streak_after_;         // word lists
  std::vector<std::string> cjk_superlatives_;
  std::vector<std::string> cjk_nouns_;  // longest first
  std::vector<std::string> cjk_blocked_;
  std::vector<std::string> cjk_classifiers_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_ORDINAL_FINDER_H_
