#include "ordinal_finder.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>

#include "fact_text.h"
#include "unicode/locid.h"
#include "unicode/rbnf.h"
#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace precis {

struct OrdinalFinder::Token {
  size_t begin = 0;  // Bytes of the token's core (outer punctuation removed).
  size_t end = 0;
  size_t fold_begin = 0;  // Its folded form in the per-call buffer.
  size_t fold_end = 0;
  bool upper = false;        // starts with an upper-case letter
  bool letter = false;       // starts with a letter
  bool digit = false;        // starts with an ASCII digit
  bool punct_after = false;  // punctuation (",", ".", ")") right after it
};

// A piece of the phrase after an ordinal: a token, or the part of a
// hyphenated token after the hyphen ("largest" of "second-largest").
struct OrdinalFinder::Phrase {
  size_t begin = 0;
  size_t end = 0;
  std::string_view folded;
  bool upper = false;
  bool letter = false;
  bool punct_after = false;
};

namespace {

constexpr int kMaxWordNumber = 100;
// Numbers whose digit forms show every ordinal suffix ("1st", "11th", "21st";
// Russian case endings; "1er"/"2e").
constexpr int kMaxDigitSample = 30;
constexpr int64_t kMaxDigitValue = 9999;

// ICU's spell-out output with soft hyphens (German "ein­und­zwanzigste")
// removed.
std::string Utf8NoSoftHyphen(const icu::UnicodeString& s) {
  icu::UnicodeString copy(s);
  copy.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x00AD)), icu::UnicodeString());
  std::string out;
  copy.toUTF8String(out);
  return out;
}

bool IsUpperCp(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}

bool IsAlphaCp(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return u_isalpha(static_cast<UChar32>(c));
}

bool IsHan(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// Characters that end a token: white space and punctuation other than the
// ones ordinals and compounds are written with ("3.", "10th-largest", "3º",
// "l'", "1.ᵉʳ").
inline bool EndsToken(char32_t c) {
  if (c < 0x80) return !IsWordChar(c) && c != '-' && c != '.' && c != '\'';
  if (c == 0x2019 || c == 0x00B0 || c == 0x2011) return false;
  return u_isspace(static_cast<UChar32>(c)) || u_ispunct(static_cast<UChar32>(c)) ||
         IsCjk(c);
}

bool Overlaps(const std::vector<std::pair<size_t, size_t>>& claimed, size_t b, size_t e) {
  for (const auto& [cb, ce] : claimed) {
    if (b < ce && cb < e) return true;
  }
  return false;
}

// The first three code points of `s`, simple-case-folded as AppendFolded()
// folds them, packed into one integer (21 bits each); a hyphen after the
// first ("x-large") counts as the end, so "second-largest" and "second"
// share a key. Three, not two: a two-letter key let every "the" through
// as a possible "third"/"thirteenth", to be folded and looked up for
// nothing.
uint64_t PrefixKey(std::string_view s) {
  // Three ASCII bytes (most words): lowered without decoding.
  auto lower = [](unsigned char c) -> uint64_t { return c >= 'A' && c <= 'Z' ? c + 32 : c; };
  if (s.size() >= 3 && ((static_cast<unsigned char>(s[0]) | static_cast<unsigned char>(s[1]) |
                         static_cast<unsigned char>(s[2])) &
                        0x80) == 0) {
    const uint64_t first = lower(static_cast<unsigned char>(s[0]));
    if (s[1] == '-') return first;
    const uint64_t two = (first << 21) | lower(static_cast<unsigned char>(s[1]));
    if (s[2] == '-') return two;
    return (two << 21) | lower(static_cast<unsigned char>(s[2]));
  }
  uint64_t key = 0;
  size_t i = 0;
  for (int k = 0; k < 3 && i < s.size(); ++k) {
    uint64_t c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      // ASCII (most words): lowered without decoding.
      ++i;
      if (c >= 'A' && c <= 'Z') c += 32;
    } else {
      int32_t at = static_cast<int32_t>(i);
      UChar32 cp;
      U8_NEXT(s.data(), at, static_cast<int32_t>(s.size()), cp);
      i = static_cast<size_t>(at);
      if (cp < 0) cp = 0xFFFD;
      c = static_cast<uint64_t>(u_foldCase(cp, U_FOLD_CASE_DEFAULT));
    }
    if (k > 0 && c == '-') break;
    key = (key << 21) | c;
  }
  return key;
}

int CodePointCount(std::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

OrdinalFinder::~OrdinalFinder() = default;

std::unique_ptr<OrdinalFinder> OrdinalFinder::Build(
    std::string_view language, const FactRulesData& data,
    const std::unordered_set<std::string>& calendar_words) {
  std::unique_ptr<OrdinalFinder> f(new OrdinalFinder());
  const auto& options = RuleMap(data, "options");
  if (auto it = options.find("capitalized_nouns"); it != options.end()) {
    f->capitalized_nouns_ = it->second == "true";
  }
  f->calendar_words_.insert(calendar_words.begin(), calendar_words.end());
  if (!language.empty()) {
    const icu::Locale locale(std::string(language).c_str());
    // Spelled ordinals: every public "%spellout-ordinal*" rule set (German
    // erste/ersten/erster/..., Russian cases, French and Spanish genders).
    UErrorCode status = U_ZERO_ERROR;
    icu::RuleBasedNumberFormat spellout(icu::URBNF_SPELLOUT, locale, status);
    if (U_SUCCESS(status)) {
      for (int32_t r = 0; r < spellout.getNumberOfRuleSetNames(); ++r) {
        const icu::UnicodeString name = spellout.getRuleSetName(r);
        if (name.indexOf(u"ordinal") < 0) continue;
        for (int32_t v = 1; v <= kMaxWordNumber; ++v) {
          icu::UnicodeString out;
          icu::FieldPosition pos;
          UErrorCode st = U_ZERO_ERROR;
          spellout.format(v, name, out, pos, st);
          if (U_FAILURE(st) || out.isEmpty()) continue;
          f->words_.emplace(Folded(Utf8NoSoftHyphen(out)), std::to_string(v));
        }
      }
    }
    // Digit affixes ("3rd", "3.", "3e", "3.º", "3-й", "第3").
    status = U_ZERO_ERROR;
    icu::RuleBasedNumberFormat digits(icu::URBNF_ORDINAL, locale, status);
    if (U_SUCCESS(status)) {
      for (int32_t r = 0; r < digits.getNumberOfRuleSetNames(); ++r) {
        const icu::UnicodeString name = digits.getRuleSetName(r);
        for (int32_t v = 1; v <= kMaxDigitSample; ++v) {
          icu::UnicodeString out;
          icu::FieldPosition pos;
          UErrorCode st = U_ZERO_ERROR;
          digits.format(v, name, out, pos, st);
          if (U_FAILURE(st)) continue;
          std::string utf8;
          out.toUTF8String(utf8);
          const size_t first = utf8.find_first_of("0123456789");
          const size_t last = utf8.find_last_of("0123456789");
          if (first == std::string::npos) continue;
          if (first > 0) f->cjk_prefix_ = utf8.substr(0, first);
          const std::string suffix = Folded(utf8.substr(last + 1));
          if (!suffix.empty()) f->digit_suffixes_.emplace(suffix, suffix == "." ? "." : "");
        }
      }
    }
  }
  for (const auto& [word, number] : RuleMap(data, "ordinal_words")) {
    f->words_[Folded(word)] = number;
  }
  for (const std::string& s : RuleList(data, "ordinal_digit_suffixes")) {
    const std::string suffix = Folded(s);
    f->digit_suffixes_.emplace(suffix, suffix == "." ? "." : "");
  }
  // Filters on raw tokens: the lead bytes of every word's first letter in
  // lower, upper and title case, word lengths, first words of two-word
  // ordinals.
  f->min_word_bytes_ = SIZE_MAX;
  for (const auto& [word, number] : f->words_) {
    f->min_word_bytes_ = std::min(f->min_word_bytes_, word.size());
    const size_t space = word.find(' ');
    const std::string first = word.substr(0, space);
    f->word_keys_.insert(PrefixKey(first));
    f->max_word_bytes_ = std::max(f->max_word_bytes_, first.size());
    if (space != std::string::npos) {
      f->two_word_firsts_.insert(first);
      f->min_word_bytes_ = std::min(f->min_word_bytes_, first.size());
    }
    const UChar32 c = static_cast<UChar32>(CodePointAt(word, 0));
    for (const UChar32 v : {c, u_toupper(c), u_totitle(c)}) {
      char buf[4];
      int32_t len = 0;
      UBool error = false;
      U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, v, error);
      if (error || len == 0) continue;
      const unsigned char lead = static_cast<unsigned char>(buf[0]);
      f->first_bytes_[lead / 64] |= uint64_t{1} << (lead % 64);
    }
  }
  if (f->words_.empty()) f->min_word_bytes_ = 0;
  for (const auto& [suffix, dotted] : f->digit_suffixes_) {
    f->max_suffix_bytes_ = std::max(f->max_suffix_bytes_, suffix.size());
    f->suffix_has_digit_ =
        f->suffix_has_digit_ || suffix.find_first_of("0123456789") != std::string::npos;
  }
  f->nouns_ = FoldedSet<NameFinder::WordSet>(RuleList(data, "ordinal_nouns"));
  f->blocked_nouns_ = FoldedSet<NameFinder::WordSet>(RuleList(data, "ordinal_blocked_nouns"));
  f->markers_ = FoldedSet<NameFinder::WordSet>(RuleList(data, "ordinal_superlative_markers"));
  f->streak_before_ = FoldedSet<NameFinder::WordSet>(RuleList(data, "ordinal_streak_before"));
  f->rank_words_ = FoldedSet<NameFinder::WordSet>(RuleList(data, "ordinal_rank_words"));
  f->rank_connectors_ = FoldedSet<NameFinder::WordSet>(RuleList(data, "ordinal_rank_connectors"));
  f->function_words_ = FoldedSet<NameFinder::WordSet>(RuleList(data, "function_words"));
  for (const std::string& s : RuleList(data, "ordinal_superlatives")) {
    std::vector<std::string> words = SplitWords(Folded(s));
    if (words.size() == 1) {
      f->superlatives_.insert(words[0]);
    } else if (!words.empty()) {
      f->superlative_phrases_.push_back(std::move(words));
    }
  }
  for (const std::string& s : RuleList(data, "ordinal_streak_after")) {
    std::vector<std::string> words = SplitWords(Folded(s));
    if (!words.empty()) f->streak_after_.push_back(std::move(words));
  }
  // Uncased scripts: the nouns and superlatives after "第N" are matched as
  // strings, longest first.
  for (const std::string& s : RuleList(data, "ordinal_cjk_superlatives")) {
    f->cjk_superlatives_.push_back(s);
  }
  for (const std::string& s : RuleList(data, "ordinal_nouns")) {
    if (IsCjk(CodePointAt(s, 0))) f->cjk_nouns_.push_back(s);
  }
  for (const std::string& s : RuleList(data, "ordinal_blocked_nouns")) {
    if (IsCjk(CodePointAt(s, 0))) f->cjk_blocked_.push_back(s);
  }
  for (const std::string& s : RuleList(data, "classifiers")) f->cjk_classifiers_.push_back(s);
  auto longest_first = [](const std::string& a, const std::string& b) {
    return a.size() > b.size();
  };
  std::sort(f->cjk_nouns_.begin(), f->cjk_nouns_.end(), longest_first);
  std::sort(f->cjk_blocked_.begin(), f->cjk_blocked_.end(), longest_first);
  std::sort(f->cjk_superlatives_.begin(), f->cjk_superlatives_.end(), longest_first);
  return f;
}

bool OrdinalFinder::Screenable() const { return cjk_prefix_.empty(); }

std::vector<std::string> OrdinalFinder::LeadingWords() const {
  // The word itself ("third", "twenty-first"), the first of two words
  // ("двадцать"), the part before a hyphen ("second" of "second-largest")
  // all start with the first word of a key.
  std::vector<std::string> out;
  out.reserve(words_.size());
  for (const auto& [word, number] : words_) out.push_back(word.substr(0, word.find(' ')));
  return out;
}

bool OrdinalFinder::DigitsMayStart(std::string_view s, size_t pos) const {
  if (digit_suffixes_.empty() || pos >= s.size() || s[pos] < '0' || s[pos] > '9') return false;
  if (suffix_has_digit_) return true;
  // DigitValue() reads up to five digits and looks the rest of the token
  // up as a suffix: a token that ends after its digits has none, and a
  // rest that starts with a digit matches no suffix (none has a digit).
  size_t i = pos;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i >= s.size()) return false;
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == '.') {
    // "3." keeps its dot; "3.5" is a decimal (its rest ".5" is no suffix).
    return !(i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9');
  }
  if (c < 0x80) return !EndsToken(c);
  return !EndsToken(CodePointAt(s, i));
}

bool OrdinalFinder::MaybeWord(std::string_view raw) const {
  size_t len = raw.size();
  if (len > max_word_bytes_ + 2) {
    // "second-largest": the part before the hyphen.
    const size_t hyphen = raw.find('-');
    if (hyphen != std::string_view::npos) len = hyphen;
  }
  if (len + 2 < min_word_bytes_ || len > max_word_bytes_ + 2) return false;
  const unsigned char lead = static_cast<unsigned char>(raw[0]);
  if (!((first_bytes_[lead / 64] >> (lead % 64)) & 1)) return false;
  // A word's value (alone, as the first of two words, or before a hyphen)
  // needs its folded form to start like an ordinal word; most words fail
  // here and are never folded or looked up.
  return word_keys_.contains(PrefixKey(raw));
}

int64_t OrdinalFinder::WordValue(std::string_view folded) const {
  auto it = words_.find(folded);
  if (it == words_.end()) return 0;
  return std::strtoll(it->second.c_str(), nullptr, 10);
}

int64_t OrdinalFinder::DigitValue(std::string_view raw, bool* dotted) const {
  size_t i = 0;
  int64_t v = 0;
  while (i < raw.size() && raw[i] >= '0' && raw[i] <= '9' && i < 5) {
    v = v * 10 + (raw[i] - '0');
    ++i;
  }
  if (i == 0 || raw[0] == '0' || v > kMaxDigitValue) return 0;
  const std::string_view rest = raw.substr(i);
  if (rest.empty() || rest.size() > max_suffix_bytes_) return 0;
  auto it = digit_suffixes_.find(Folded(rest));
  if (it == digit_suffixes_.end()) return 0;
  *dotted = it->second == ".";
  return v;
}

bool OrdinalFinder::IsNoun(std::string_view folded, const NameFinder::WordSet& set) const {
  if (set.empty()) return false;
  if (set.contains(folded)) return true;
  // Inflected forms: "Quartals", "квартале", "trimestres".
  int32_t cut = static_cast<int32_t>(folded.size());
  for (int k = 0; k < 2 && cut > 0; ++k) {
    U8_BACK_1(reinterpret_cast<const uint8_t*>(folded.data()), 0, cut);
    if (CodePointCount(folded.substr(0, cut)) < 3) return false;
    if (set.contains(folded.substr(0, cut))) return true;
  }
  return false;
}

size_t OrdinalFinder::PhraseAt(const std::vector<Phrase>& pieces, size_t k,
                               const std::vector<std::vector<std::string>>& phrases) const {
  size_t best = 0;
  for (const auto& words : phrases) {
    if (k + words.size() > pieces.size() || words.size() <= best) continue;
    bool ok = true;
    for (size_t w = 0; w < words.size() && ok; ++w) {
      ok = pieces[k + w].folded == words[w] && (w + 1 == words.size() || !pieces[k + w].punct_after);
    }
    if (ok) best = words.size();
  }
  return best;
}

bool OrdinalFinder::MarkerAt(const std::vector<Phrase>& pieces, size_t k) const {
  return markers_.contains(pieces[k].folded) && k + 1 < pieces.size() &&
         !pieces[k].punct_after && pieces[k + 1].letter;
}

void OrdinalFinder::Find(std::string_view s,
                         const std::vector<std::pair<size_t, size_t>>& claimed,
                         std::vector<FoundOrdinal>* out) const {
  if (words_.empty() && digit_suffixes_.empty()) return;
  auto is_claimed = [&](size_t b, size_t e) { return Overlaps(claimed, b, e); };
  if (!cjk_prefix_.empty()) {
    FindCjk(s, claimed, out);
    return;
  }
  // Tokens: runs between white space and punctuation; outer dots are
  // punctuation except the dot of a number ("3." in "3. Quartal"). Tokens
  // are folded only when looked up: most are never.
  thread_local std::vector<Token> tls_tokens;
  thread_local std::string tls_fold;
  std::vector<Token>& tokens = tls_tokens;
  std::string& fold = tls_fold;
  tokens.clear();
  fold.clear();
  // Views into `fold` must stay valid while more tokens are folded: simple
  // case folding grows UTF-8 by at most half (Ⱥ -> ⱥ), so this never
  // reallocates.
  fold.reserve(2 * s.size() + 16);
  bool any_candidate = false;
  const int32_t n = static_cast<int32_t>(s.size());
  auto next_cp = [&](int32_t* at) -> UChar32 {
    const unsigned char byte = static_cast<unsigned char>(s[*at]);
    if (byte < 0x80) {
      ++*at;
      return byte;
    }
    UChar32 c;
    U8_NEXT(s.data(), *at, n, c);
    return c;
  };
  int32_t i = 0;
  while (i < n) {
    int32_t next = i;
    const UChar32 c = next_cp(&next);
    if (c < 0 || EndsToken(static_cast<char32_t>(c)) || c == '-' || c == '.' || c == '\'') {
      if (!tokens.empty() && tokens.back().end == static_cast<size_t>(i) && c >= 0 && c != ' ' &&
          !u_isspace(c)) {
        tokens.back().punct_after = true;
      }
      i = next;
      continue;
    }
    Token t;
    t.begin = static_cast<size_t>(i);
    int32_t j = next;
    while (j < n) {
      // The ASCII part of a word at once (EndsToken's ASCII answer): runs
      // of letters and digits eight bytes at a time, joined by the ASCII
      // punctuation a token keeps.
      for (;;) {
        j = static_cast<int32_t>(AsciiAlnumRun(s, static_cast<size_t>(j)));
        if (j < n && (s[j] == '-' || s[j] == '.' || s[j] == '\'')) {
          ++j;
          continue;
        }
        break;
      }
      if (j >= n) break;
      int32_t after = j;
      const UChar32 d = next_cp(&after);
      if (d < 0 || EndsToken(static_cast<char32_t>(d))) break;
      j = after;
    }
    // Trailing dots, hyphens and apostrophes are punctuation, except one dot
    // after digits.
    size_t e = static_cast<size_t>(j);
    while (e > t.begin && (s[e - 1] == '.' || s[e - 1] == '-' || s[e - 1] == '\'')) --e;
    t.digit = s[t.begin] >= '0' && s[t.begin] <= '9';
    if (t.digit && e < static_cast<size_t>(j) && s[e] == '.' && s[e - 1] >= '0' && s[e - 1] <= '9') {
      ++e;  // "3." keeps its dot
    }
    t.end = e;
    t.punct_after = e < static_cast<size_t>(j);
    const char32_t first = static_cast<char32_t>(c);
    t.letter = IsAlphaCp(first);
    t.upper = IsUpperCp(first);
    t.fold_begin = kUnfolded;
    any_candidate = any_candidate || t.digit || t.letter;
    tokens.push_back(t);
    i = j;
  }
  if (!any_candidate) return;
  auto folded_at = [&](size_t k) -> std::string_view {
    Token& t = tokens[k];
    if (t.fold_begin == kUnfolded) {
      t.fold_begin = fold.size();
      AppendFolded(s.substr(t.begin, t.end - t.begin), &fold);
      t.fold_end = fold.size();
    }
    return std::string_view(fold).substr(t.fold_begin, t.fold_end - t.fold_begin);
  };
  size_t first_word = 0;
  while (first_word < tokens.size() && !tokens[first_word].letter && !tokens[first_word].digit) {
    ++first_word;
  }

  thread_local std::vector<Phrase> tls_pieces;
  std::vector<Phrase>& pieces = tls_pieces;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (!t.letter && !t.digit) continue;
    // Cheap filters before any folding: a digit, or a word whose first byte
    // and length an ordinal word can have.
    if (!t.digit && !MaybeWord(s.substr(t.begin, t.end - t.begin))) continue;
    const std::string_view f = folded_at(k);
    int64_t value = 0;
    size_t ord_end = t.end;  // end of the ordinal's bytes
    size_t next = k + 1;     // first token after the ordinal
    bool dotted = false;
    bool spelled = false;
    // The part of a hyphenated token after the ordinal ("largest").
    std::string_view rest_folded;
    size_t rest_begin = 0;
    if (t.digit) {
      value = DigitValue(s.substr(t.begin, t.end - t.begin), &dotted);
    }
    if (value == 0 && t.letter) {
      // Two-word ordinals first ("двадцать первый", "vigésimo primer").
      if (k + 1 < tokens.size() && !t.punct_after && tokens[k + 1].letter &&
          two_word_firsts_.contains(f)) {
        std::string two(f);
        two.push_back(' ');
        two.append(folded_at(k + 1));
        if (int64_t v = WordValue(two); v > 0) {
          value = v;
          ord_end = tokens[k + 1].end;
          next = k + 2;
        }
      }
      if (value == 0) value = WordValue(f);
      spelled = value > 0;
    }
    if (value == 0) {
      // "second-largest", "third-quarter", "10th-largest".
      const size_t hyphen = f.find('-');
      if (hyphen == std::string_view::npos || hyphen == 0) continue;
      const std::string_view left = f.substr(0, hyphen);
      const size_t raw_hyphen = s.substr(t.begin, t.end - t.begin).find('-');
      if (raw_hyphen == std::string_view::npos) continue;
      if (t.digit) {
        value = DigitValue(s.substr(t.begin, raw_hyphen), &dotted);
      } else {
        value = WordValue(left);
        spelled = value > 0;
      }
      if (value == 0) continue;
      ord_end = t.begin + raw_hyphen;
      rest_folded = f.substr(hyphen + 1);
      rest_begin = ord_end + 1;
    }
    if (is_claimed(t.begin, ord_end)) continue;
    // After a ranking verb: "finished first", "came in third", "wurde
    // Dritter".
    bool rank_before = false;
    {
      size_t before = k;
      if (before > 0 && !tokens[before - 1].punct_after &&
          rank_connectors_.contains(folded_at(before - 1))) {
        --before;
      }
      rank_before = before > 0 && !tokens[before - 1].punct_after &&
                    rank_words_.contains(folded_at(before - 1));
    }
    // A capitalized spelled ordinal inside a sentence names something
    // ("Second World War", "First Lady").
    if (spelled && t.upper && k != first_word && !rank_before) continue;

    // The phrase after the ordinal.
    pieces.clear();
    if (!rest_folded.empty()) {
      Phrase p;
      p.begin = rest_begin;
      p.end = t.end;
      p.folded = rest_folded;
      p.letter = IsAlphaCp(CodePointAt(s, rest_begin));
      p.upper = IsUpperCp(CodePointAt(s, rest_begin));
      p.punct_after = t.punct_after;
      pieces.push_back(p);
    }
    const bool ordinal_punct = rest_folded.empty() && tokens[next - 1].punct_after;
    if (!ordinal_punct && (rest_folded.empty() || !t.punct_after)) {
      for (size_t m = next; m < tokens.size() && pieces.size() < 8; ++m) {
        const std::string_view uf = folded_at(m);
        const Token& u = tokens[m];
        Phrase p;
        p.begin = u.begin;
        p.end = u.end;
        p.folded = uf;
        p.letter = u.letter;
        p.upper = u.upper;
        p.punct_after = u.punct_after;
        pieces.push_back(p);
        if (u.punct_after) break;
      }
    }
    std::vector<size_t> unit_pieces;  // indices into pieces
    bool rank = false, streak = false;
    size_t p = 0;
    while (p < pieces.size()) {
      if (size_t len = PhraseAt(pieces, p, superlative_phrases_); len > 0) {
        for (size_t q = p; q < p + len; ++q) unit_pieces.push_back(q);
        rank = true;
        p += len;
      } else if (superlatives_.contains(pieces[p].folded)) {
        unit_pieces.push_back(p);
        rank = true;
        ++p;
      } else if (MarkerAt(pieces, p)) {
        unit_pieces.push_back(p);
        unit_pieces.push_back(p + 1);
        rank = true;
        p += 2;
      } else if (streak_before_.contains(pieces[p].folded)) {
        streak = true;
        ++p;
      } else {
        break;
      }
      if (pieces[p - 1].punct_after) break;
    }
    const bool phrase_broken = p > 0 && pieces[p - 1].punct_after;
    bool has_noun = false;
    bool counted = false;
    size_t phrase_end = ord_end;
    if (!phrase_broken && p < pieces.size()) {
      const Phrase& noun = pieces[p];
      const bool lower_ok = capitalized_nouns_ || !noun.upper;
      if (noun.letter && lower_ok && !function_words_.contains(noun.folded) &&
          !calendar_words_.contains(noun.folded)) {
        if (IsNoun(noun.folded, blocked_nouns_)) continue;  // "21st century"
        has_noun = true;
        counted = IsNoun(noun.folded, nouns_);
        unit_pieces.push_back(p);
        ++p;
        // After the noun: "in Folge", "consecutivo", "más grande".
        if (!noun.punct_after && p < pieces.size()) {
          if (size_t len = PhraseAt(pieces, p, streak_after_); len > 0) {
            streak = true;
            p += len;
          } else if (MarkerAt(pieces, p)) {
            unit_pieces.push_back(p);
            unit_pieces.push_back(p + 1);
            rank = true;
            p += 2;
          }
        }
      }
    }
    if (p > 0) phrase_end = pieces[p - 1].end;
    // A bare rank after a ranking verb.
    const bool place = !has_noun && !rank && rank_before;
    const bool digits_ok = !spelled && !dotted && has_noun;
    if (!(rank || streak || counted || digits_ok || place)) continue;
    if (streak && !has_noun) continue;
    FoundOrdinal o;
    o.begin = t.begin;
    o.end = ord_end;
    o.phrase_end = std::max(phrase_end, ord_end);
    o.value = value;
    for (size_t q : unit_pieces) {
      if (!o.unit.empty()) o.unit.push_back(' ');
      o.unit.append(s.substr(pieces[q].begin, pieces[q].end - pieces[q].begin));
    }
    if (streak) o.modifier = "consecutive";
    o.confidence = rank || streak ? 0.85 : counted ? 0.8 : place ? 0.75 : 0.7;
    const size_t skip_to = o.phrase_end;
    out->push_back(std::move(o));
    // Skip the tokens of the phrase.
    while (k + 1 < tokens.size() && tokens[k + 1].begin < skip_to) ++k;
  }
}

void OrdinalFinder::FindCjk(std::string_view s,
                            const std::vector<std::pair<size_t, size_t>>& claimed,
                            std::vector<FoundOrdinal>* out) const {
  auto starts = [&](size_t at, const std::string& w) {
    return s.size() - at >= w.size() && s.compare(at, w.size(), w) == 0;
  };
  size_t pos = 0;
  while ((pos = s.find(cjk_prefix_, pos)) != std::string_view::npos) {
    const size_t b = pos;
    size_t e = b + cjk_prefix_.size();
    pos = e;
    int64_t value = 0;
    // Digits (ASCII or fullwidth): "第3".
    size_t k = e;
    while (k < s.size()) {
      const char32_t c = CodePointAt(s, k);
      int d = -1;
      if (c >= '0' && c <= '9') d = static_cast<int>(c - '0');
      if (c >= 0xFF10 && c <= 0xFF19) d = static_cast<int>(c - 0xFF10);
      if (d < 0 || value > kMaxDigitValue) break;
      value = value * 10 + d;
      k += U8_LENGTH(c);
    }
    if (k > e) {
      e = k;
    } else {
      // Han numerals: the longest "第..." spelled by ICU ("第二十一").
      size_t end = e;
      for (int chars = 0; chars < 5 && end < s.size(); ++chars) {
        end += U8_LENGTH(CodePointAt(s, end));
        if (int64_t v = WordValue(s.substr(b, end - b)); v > 0) {
          value = v;
          e = end;
        }
      }
    }
    if (value <= 0 || Overlaps(claimed, b, e)) continue;
    size_t at = e;
    std::string unit;
    bool rank = false, counted = false;
    for (const std::string& sup : cjk_superlatives_) {
      if (starts(at, sup)) {
        unit = sup;
        at += sup.size();
        rank = true;
        break;
      }
    }
    bool blocked = false;
    for (const std::string& w : cjk_blocked_) blocked = blocked || starts(at, w);
    if (blocked && !rank) continue;
    auto noun_at = [&](size_t where) -> size_t {
      for (const std::string& w : cjk_nouns_) {
        if (starts(where, w)) return w.size();
      }
      return 0;
    };
    size_t len = noun_at(at);
    if (len == 0 && !rank) {
      // A counter before the noun: "第三个季度".
      for (const std::string& c : cjk_classifiers_) {
        if (starts(at, c) && noun_at(at + c.size()) > 0) {
          at += c.size();
          len = noun_at(at);
          break;
        }
      }
    }
    if (len > 0) {
      counted = true;
    } else if (rank) {
      // "第二大经济体": up to three Han characters name what is ranked.
      for (int chars = 0; chars < 3 && at + len < s.size(); ++chars) {
        const char32_t c = CodePointAt(s, at + len);
        if (!IsHan(c)) break;
        len += U8_LENGTH(c);
      }
    }
    if (!rank && !counted) continue;
    unit.append(s.substr(at, len));
    FoundOrdinal o;
    o.begin = b;
    o.end = e;
    o.phrase_end = at + len;
    o.value = value;
    o.unit = std::move(unit);
    o.confidence = rank ? 0.85 : 0.8;
    // "连续第三个季度": a streak word right before.
    for (const auto& words : streak_after_) {
      if (words.size() == 1 && b >= words[0].size() &&
          s.compare(b - words[0].size(), words[0].size(), words[0]) == 0) {
        o.modifier = "consecutive";
      }
    }
    for (const std::string& w : streak_before_) {
      if (b >= w.size() && s.compare(b - w.size(), w.size(), w) == 0) o.modifier = "consecutive";
    }
    pos = o.phrase_end;
    out->push_back(std::move(o));
  }
}

}  // namespace precis
