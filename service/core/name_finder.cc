#include "name_finder.h"

#include <algorithm>
#include <array>
#include <deque>
#include <cstdlib>

#include "fact_text.h"
#include "re2/re2.h"
#include "swar.h"
#include "unicode/locdspnm.h"
#include "unicode/locid.h"
#include "unicode/region.h"
#include "unicode/strenum.h"
#include "unicode/timezone.h"
#include "unicode/tznames.h"
#include "unicode/uchar.h"
#include "unicode/uscript.h"
#include "unicode/utf8.h"

namespace precis {

struct NameFinder::Token {
  size_t begin = 0;
  size_t end = 0;
  // Into the per-call fold buffer, where a space follows it; empty while
  // the token is not folded (not near a capital, or `lazy`).
  std::string_view folded;
  uint32_t classes = 0;   // ClassesOf(folded)
  bool ascii = false;     // every byte is ASCII (folded inline)
  bool upper = false;     // starts with an upper-case or title-case letter
  bool all_caps = false;  // >= 2 letters, all upper case ("NATO", "U.S.")
  bool claimed = false;
  bool possessive = false;  // "Russia's": the run of capitals ends here
  bool joined = false;      // only spaces (or "Mr. ") since the previous token
  bool title_dot = false;   // joined by ". ": only after a title ("Mr. Smith")
  bool lazy = false;  // near a capital, folded when first needed (see Find())
};

namespace {

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

bool IsUpper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}

int CodePointCount(std::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool HasCjk(std::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c > 0 && IsCjk(static_cast<char32_t>(c))) return true;
  }
  return false;
}

// ASCII bytes that end a word: neither letters nor digits, nor the
// apostrophe, dot and hyphen that may continue one (see Find()).
constexpr std::array<bool, 256> kPlainWordEnd = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x80; ++c) {
    table[c] = !kAsciiAlnum[c] && c != '\'' && c != '.' && c != '-';
  }
  return table;
}();

// The lower case of the ASCII word s[begin, begin + len) (FoldInto's
// result for it), written to `out`, which must have room for len + 8
// bytes: eight bytes are lowered at a time (the bytes past the word, when
// read, are written too and overwritten by the caller).
void FoldAsciiWord(std::string_view s, size_t begin, size_t len, char* out) {
  size_t b = 0;
  for (; b < len && begin + b + 8 <= s.size(); b += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + begin + b, 8);
    w = swar::LowerAscii8(w);
    std::memcpy(out + b, &w, 8);
  }
  for (; b < len; ++b) {  // the end of the sentence
    const unsigned char byte = static_cast<unsigned char>(s[begin + b]);
    out[b] = static_cast<char>(static_cast<unsigned>(byte - 'A') < 26 ? byte + 32 : byte);
  }
}

}  // namespace

void NameFinder::WordTable::Assign(const std::unordered_map<std::string, uint32_t>& words) {
  size_t size = 1;
  while (size < 2 * words.size()) size *= 2;  // at least one slot stays empty
  slots_.assign(size, Slot{});
  mask_ = size - 1;
  keys_.clear();
  for (const auto& [word, value] : words) {
    if (value == 0) continue;  // as if absent
    const uint64_t h = ViewHash::Hash(word);
    size_t i = h & mask_;
    while (slots_[i].value != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{static_cast<uint32_t>(h >> 32), value, static_cast<uint32_t>(keys_.size()),
                     static_cast<uint32_t>(word.size())};
    keys_ += word;
  }
}

NameFinder::~NameFinder() = default;

std::unique_ptr<NameFinder> NameFinder::Build(
    std::string_view language, const FactRulesData& data,
    const std::unordered_set<std::string>& calendar_words) {
  std::unique_ptr<NameFinder> f(new NameFinder());
  const auto& options = RuleMap(data, "options");
  auto opt = [&](const char* key) {
    auto it = options.find(key);
    return it != options.end() && it->second == "true";
  };
  f->capitalized_nouns_ = opt("capitalized_nouns");
  f->inflected_ = opt("inflected_names");
  std::unordered_map<std::string, uint32_t> word_classes;  // frozen below
  for (const std::string& word : calendar_words) word_classes[word] |= kCalendarWord;
  auto add_list = [&](const char* key, WordClass word_class) {
    for (const std::string& word : RuleList(data, key)) {
      word_classes[Folded(word)] |= word_class;
    }
  };
  add_list("person_titles", kTitle);
  add_list("organization_words", kOrganizationWord);
  add_list("organization_connectors", kOrganizationConnector);
  add_list("name_particles", kParticle);
  add_list("function_words", kFunctionWord);
  add_list("first_names", kFirstName);
  add_list("not_names", kNotName);
  add_list("place_prepositions", kPlacePreposition);
  for (const auto& s : RuleList(data, "title_suffixes")) f->title_suffixes_.push_back(Folded(s));
  for (const auto& s : RuleList(data, "demonym_suffixes")) f->demonym_suffixes_.push_back(Folded(s));
  for (const auto& s : RuleList(data, "possessive_suffixes")) {
    f->possessive_suffixes_.push_back(Folded(s));
    const std::string& suffix = f->possessive_suffixes_.back();
    if (suffix.empty()) continue;
    // The raw last byte of a token with this suffix (compared ASCII-case-
    // insensitively below).
    const unsigned char last = static_cast<unsigned char>(suffix.back());
    const unsigned char upper = last >= 'a' && last <= 'z' ? last - 32 : last;
    for (unsigned char c : {last, upper}) {
      f->possessive_last_byte_[c] = true;
    }
  }
  // The last two raw bytes of a token that may end with a suffix (any
  // case): most tokens ending with a suffix's last byte ("States", "is")
  // are rejected by one bit test, not by comparing every suffix. A suffix
  // of fewer than two bytes admits any byte before its last one.
  auto case_variants = [](unsigned char c) -> std::array<unsigned char, 2> {
    return {c, static_cast<unsigned char>(c >= 'a' && c <= 'z' ? c - 32 : c)};
  };
  for (const std::string& suffix : f->possessive_suffixes_) {
    if (suffix.size() >= 2) {
      for (unsigned char l : case_variants(static_cast<unsigned char>(suffix.back()))) {
        for (unsigned char p :
             case_variants(static_cast<unsigned char>(suffix[suffix.size() - 2]))) {
          f->possessive_tail_.set(l << 8 | p);
        }
      }
      continue;
    }
    // One byte (or none: then the loop accepts any token whose last byte
    // is that of another suffix): every byte before it.
    for (int l = 0; l < 256; ++l) {
      const bool admitted = suffix.empty()
                                ? f->possessive_last_byte_[l]
                                : case_variants(static_cast<unsigned char>(suffix[0]))[0] == l ||
                                      case_variants(static_cast<unsigned char>(suffix[0]))[1] == l;
      if (!admitted) continue;
      for (int p = 0; p < 256; ++p) f->possessive_tail_.set(l << 8 | p);
    }
  }
  for (const auto& s : RuleList(data, "elision_prefixes")) f->elision_prefixes_.push_back(Folded(s));
  auto phrases = [&](const char* key, std::vector<std::vector<std::string>>* out) {
    for (const std::string& phrase : RuleList(data, key)) {
      std::vector<std::string> words = SplitWords(Folded(phrase));
      if (!words.empty()) out->push_back(std::move(words));
    }
  };
  phrases("organization_cues_before", &f->org_cues_before_);
  phrases("organization_cues_after", &f->org_cues_after_);
  phrases("organization_cues_possessive", &f->org_cues_possessive_);
  for (const auto& words : f->org_cues_before_) {
    if (words.size() == 1) {
      word_classes[words[0]] |= kOrganizationCueNoun;
      f->has_cue_nouns_ = true;
    }
    if (words.size() >= 2) word_classes[words.back()] |= kOrganizationCueBeforeLast;
  }
  for (const auto& words : f->org_cues_after_) {
    word_classes[words.front()] |= kOrganizationCueAfterFirst;
  }
  for (const auto& words : f->org_cues_possessive_) {
    word_classes[words.front()] |= kOrganizationCuePossessiveFirst;
  }
  f->word_classes_.Assign(word_classes);
  f->unfolded_classes_ = f->ClassesOf("");
  for (const auto& s : RuleList(data, "organization_cue_suffixes")) {
    f->org_cue_suffixes_.push_back(Folded(s));
  }
  if (auto it = options.find("organization_cue_gap"); it != options.end()) {
    f->org_cue_gap_ = std::clamp(std::atoi(it->second.c_str()), 0, 3);
  }

  // Places from CLDR via ICU: countries (standard and short names),
  // continents and sub-continents, time-zone exemplar cities.
  const std::string lang = language.empty() ? std::string("en") : std::string(language);
  const icu::Locale locale(lang.c_str());
  auto add_place = [&](const icu::UnicodeString& name, const std::string& canonical) {
    if (name.isEmpty()) return;
    const std::string utf8 = Utf8(name);
    f->places_.emplace(Folded(utf8), canonical.empty() ? utf8 : canonical);
  };
  UDisplayContext standard_ctx[] = {UDISPCTX_LENGTH_FULL};
  UDisplayContext short_ctx[] = {UDISPCTX_LENGTH_SHORT};
  std::unique_ptr<icu::LocaleDisplayNames> full_names(
      icu::LocaleDisplayNames::createInstance(locale, standard_ctx, 1));
  std::unique_ptr<icu::LocaleDisplayNames> short_names(
      icu::LocaleDisplayNames::createInstance(locale, short_ctx, 1));
  auto add_region = [&](const char* code) {
    icu::UnicodeString name, short_name;
    full_names->regionDisplayName(code, name);
    if (name.isEmpty() || Utf8(name) == code) return;
    const std::string canonical = Utf8(name);
    add_place(name, canonical);
    short_names->regionDisplayName(code, short_name);
    add_place(short_name, canonical);
  };
  for (const char* const* cc = icu::Locale::getISOCountries(); *cc != nullptr; ++cc) {
    add_region(*cc);
  }
  for (URegionType type : {URGN_CONTINENT, URGN_SUBCONTINENT}) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::StringEnumeration> regions(icu::Region::getAvailable(type, status));
    if (U_FAILURE(status) || !regions) continue;
    const char* code;
    while ((code = regions->next(nullptr, status)) != nullptr && U_SUCCESS(status)) {
      add_region(code);
    }
  }
  {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZoneNames> tz_names(
        icu::TimeZoneNames::createInstance(locale, status));
    std::unique_ptr<icu::StringEnumeration> zones(icu::TimeZone::createTimeZoneIDEnumeration(
        UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
    if (U_SUCCESS(status) && tz_names && zones) {
      const icu::UnicodeString* id;
      while ((id = zones->snext(status)) != nullptr && U_SUCCESS(status)) {
        icu::UnicodeString city;
        tz_names->getExemplarLocationName(*id, city);
        add_place(city, "");
      }
    }
  }
  for (const std::string& place : RuleList(data, "places")) {
    f->places_.emplace(Folded(place), place);
  }
  for (const auto& [alias, canonical] : RuleMap(data, "place_aliases")) {
    f->places_[Folded(alias)] = canonical;
  }
  std::unordered_map<std::string, uint32_t> place_index;
  for (const auto& [folded, canonical] : f->places_) {
    f->sorted_places_.push_back(folded);
    f->place_values_.push_back(&canonical);  // nodes do not move
    place_index[folded] = static_cast<uint32_t>(f->place_values_.size());
  }
  f->place_index_.Assign(place_index);
  std::sort(f->sorted_places_.begin(), f->sorted_places_.end());
  // IsDemonym's stems: the first place not less than a stem starts with it
  // exactly when some place does, and is then the first such place in
  // sorted order (places with one prefix are contiguous). So a stem passes
  // iff it is a prefix of the first place holding that prefix, at most 3
  // bytes shorter.
  if (!f->demonym_suffixes_.empty()) {
    const std::vector<std::string>& sorted = f->sorted_places_;
    for (size_t i = 0; i < sorted.size(); ++i) {
      const std::string& place = sorted[i];
      for (size_t len = place.size() > 3 ? place.size() - 3 : 1; len <= place.size(); ++len) {
        const std::string_view prefix = std::string_view(place).substr(0, len);
        if (i > 0 && std::string_view(sorted[i - 1]).starts_with(prefix)) continue;
        f->demonym_stems_.emplace(prefix);
      }
    }
  }

  std::vector<std::string> orgs;
  for (const std::string& org : RuleList(data, "organizations")) orgs.push_back(org);
  // Inflected forms of known organizations ("в Кремле" -> "Кремль").
  for (const auto& [form, canonical] : RuleMap(data, "organization_aliases")) {
    orgs.push_back(form);
    f->org_aliases_.emplace(form, canonical);
  }
  if (!orgs.empty()) {
    RE2::Options re_options;
    re_options.set_log_errors(false);
    std::string pattern = "(";
    pattern += Alternation(orgs, false);
    pattern += ")";
    f->known_orgs_ = std::make_unique<RE2>(pattern, re_options);
  }
  if (opt("uncased")) {
    std::vector<std::string> cjk;
    for (const auto& [folded, canonical] : f->places_) {
      // Two characters at least: one-character names ("中") are noise.
      if (HasCjk(folded) && folded.size() >= 6) cjk.push_back(folded);
    }
    RE2::Options re_options;
    re_options.set_log_errors(false);
    std::string pattern = "(";
    pattern += Alternation(cjk, false);
    pattern += ")";
    f->uncased_places_ = std::make_unique<RE2>(pattern, re_options);
  }
  return f;
}

const std::string* NameFinder::FindPlace(std::string_view folded) const {
  if (const uint32_t index = place_index_.Find(folded)) return place_values_[index - 1];
  if (!inflected_) return nullptr;
  // Inflected languages ("Украины", "Deutschlands"): drop up to two final
  // letters and compare with the name or the name without its final letter
  // (Украин-а / Украин-ы / Украин-е). Views of `folded`: no key is copied.
  const int32_t len = static_cast<int32_t>(folded.size());
  for (int drop = 1; drop <= 2; ++drop) {
    int32_t cut = len;
    for (int k = 0; k < drop && cut > 0; ++k) {
      U8_BACK_1(reinterpret_cast<const uint8_t*>(folded.data()), 0, cut);
    }
    if (cut < 8) break;  // keep at least ~4 Cyrillic letters
    const std::string_view stem = folded.substr(0, cut);
    auto it = std::lower_bound(
        sorted_places_.begin(), sorted_places_.end(), stem,
        [](const std::string& place, std::string_view key) { return std::string_view(place) < key; });
    for (; it != sorted_places_.end() && std::string_view(*it).starts_with(stem); ++it) {
      int32_t rest = static_cast<int32_t>(it->size()) - cut;
      // The dictionary form may add at most one letter (2 bytes) to the stem.
      if (rest <= 2) return &places_.find(*it)->second;
    }
  }
  return nullptr;
}

bool NameFinder::IsTitle(std::string_view folded, uint32_t classes) const {
  if (classes & kTitle) return true;
  // German compounds: "Konzernchef", "Vizekanzler", "Regierungssprecherin".
  for (const std::string& suffix : title_suffixes_) {
    if (folded.size() > suffix.size() + 2 && folded.ends_with(suffix)) return true;
  }
  return false;
}

bool NameFinder::IsOrganizationCueWord(std::string_view folded, uint32_t classes) const {
  if (classes & kOrganizationCueNoun) return true;
  // German and Dutch compounds: "Autobauer", "Chipkonzern", "techbedrijf".
  for (const std::string& suffix : org_cue_suffixes_) {
    if (folded.size() > suffix.size() + 2 && folded.ends_with(suffix)) return true;
  }
  return false;
}

bool NameFinder::HasOrganizationCue(std::string_view s, const std::vector<Token>& tokens,
                                    size_t first, size_t last) const {
  if (org_cues_before_.empty() && org_cues_after_.empty() && org_cues_possessive_.empty() &&
      org_cue_suffixes_.empty()) {
    return false;
  }
  // Cues reach further than the tokens Find() folds ("said in a
  // statement"): fold the others here, on demand (a deque keeps views
  // valid; per thread, so that it allocates once).
  thread_local std::deque<std::string> tls_scratch;
  std::deque<std::string>& scratch = tls_scratch;
  scratch.clear();
  auto word = [&](size_t k) -> std::string_view {
    const Token& t = tokens[k];
    if (!t.folded.empty() || t.begin == t.end) return t.folded;
    scratch.push_back(Folded(s.substr(t.begin, t.end - t.begin)));
    return scratch.back();
  };
  auto classes = [&](size_t k) {
    const Token& t = tokens[k];
    if (!t.folded.empty() || t.begin == t.end) return t.classes;
    return ClassesOf(word(k));
  };
  // Only spaces and quotes between two tokens ("компания «Газпром»").
  auto soft_gap = [&](size_t a, size_t b) {
    if (tokens[a].possessive) return false;
    std::string_view gap = s.substr(tokens[a].end, tokens[b].begin - tokens[a].end);
    while (!gap.empty()) {
      if (gap[0] == ' ' || gap[0] == '"') {
        gap.remove_prefix(1);
        continue;
      }
      bool quote = false;
      for (const std::string_view q : {"\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D",
                                       "\xE2\x80\x9E", "\xC2\xA0"}) {
        if (gap.starts_with(q)) {
          gap.remove_prefix(q.size());
          quote = true;
          break;
        }
      }
      if (!quote) return false;
    }
    return true;
  };
  auto match_at = [&](size_t k, const std::vector<std::string>& words) {
    if (k + words.size() > tokens.size()) return false;
    for (size_t w = 0; w < words.size(); ++w) {
      if (word(k + w) != words[w]) return false;
      if (w > 0 && !soft_gap(k + w - 1, k + w)) return false;
    }
    return true;
  };
  // Before: the cue, then up to org_cue_gap_ lower-case words.
  for (int gap = 0; gap <= org_cue_gap_; ++gap) {
    if (first < static_cast<size_t>(gap) + 1) break;
    const size_t end = first - gap;  // one past the cue's last token
    bool ok = soft_gap(end - 1, end);
    for (size_t k = end; k < first && ok; ++k) {
      ok = !tokens[k].upper && !(classes(k) & kFunctionWord) && soft_gap(k, k + 1);
    }
    if (!ok) break;
    const uint32_t cue_classes = classes(end - 1);
    if (IsOrganizationCueWord(word(end - 1), cue_classes)) return true;
    if (!(cue_classes & kOrganizationCueBeforeLast)) continue;
    for (const auto& words : org_cues_before_) {
      if (words.size() < 2 || end < words.size()) continue;
      if (match_at(end - words.size(), words)) return true;
    }
  }
  if (last < tokens.size()) {
    const Token& tail = tokens[last - 1];
    const std::string_view gap = s.substr(tail.end, tokens[last].begin - tail.end);
    const auto& after = tail.possessive ? org_cues_possessive_ : org_cues_after_;
    const bool spaced = tail.possessive || gap.find_first_not_of(' ') == std::string_view::npos;
    const uint32_t firsts =
        tail.possessive ? kOrganizationCuePossessiveFirst : kOrganizationCueAfterFirst;
    if (spaced && (classes(last) & firsts)) {
      for (const auto& words : after) {
        if (match_at(last, words)) return true;
      }
    }
    // Appositive: "Yoshinoya, the beef bowl chain, said".
    if (!tail.possessive && gap == ", " && has_cue_nouns_) {
      for (size_t k = last; k < tokens.size() && k < last + 6; ++k) {
        if (k > last && !soft_gap(k - 1, k)) break;
        if (tokens[k].upper && k > last) break;
        if (tokens[k].possessive || !IsOrganizationCueWord(word(k), classes(k))) continue;
        const size_t after_cue = tokens[k].end;
        const char next = after_cue < s.size() ? s[after_cue] : '\0';
        if (next == ',' || next == '.' || next == '\0' || next == ';') return true;
      }
    }
  }
  return false;
}

bool NameFinder::IsDemonym(std::string_view folded) const {
  // A demonym is a place's stem plus a suffix ("Russ" + "ian"): the first
  // place not less than the stem starts with it and is at most 3 bytes
  // longer (demonym_stems_ lists those stems; one lookup, no search).
  for (const std::string& suffix : demonym_suffixes_) {
    if (folded.size() <= suffix.size() + 3 || !folded.ends_with(suffix)) continue;
    if (demonym_stems_.contains(folded.substr(0, folded.size() - suffix.size()))) return true;
  }
  return false;
}

void NameFinder::Find(std::string_view s,
                      const std::vector<std::pair<size_t, size_t>>& claimed,
                      std::vector<FoundName>* out) const {
  // Dictionary names: known organizations ("Organisation pour la sécurité
  // et la coopération en Europe" has lower-case words no capital run can
  // span; "北约" has no case at all), then uncased place names.
  // Per-thread scratch (no allocation per sentence in the steady state).
  thread_local std::vector<std::pair<size_t, size_t>> tls_taken;
  std::vector<std::pair<size_t, size_t>>& taken = tls_taken;
  taken.assign(claimed.begin(), claimed.end());
  auto scan = [&](const RE2& re, FactType type, double confidence) {
    re2::StringPiece input(s.data(), s.size());
    re2::StringPiece m;
    while (RE2::FindAndConsume(&input, re, &m)) {
      if (m.empty()) break;
      const size_t b = m.data() - s.data();
      const size_t e = b + m.size();
      const char32_t first = CodePointAt(s, b), before = CodePointBefore(s, b);
      const char32_t last = CodePointBefore(s, e), after = CodePointAt(s, e);
      if ((IsWordChar(before) && !IsCjk(first) && !IsCjk(before)) ||
          (IsWordChar(after) && !IsCjk(last) && !IsCjk(after))) {
        continue;
      }
      bool overlap = false;
      for (const auto& [cb, ce] : taken) overlap = overlap || (b < ce && cb < e);
      if (overlap) continue;
      std::string value(m);
      if (type == FactType::kPlace) value = places_.find(value)->second;
      if (type == FactType::kOrganization) {
        if (auto it = org_aliases_.find(value); it != org_aliases_.end()) value = it->second;
      }
      out->push_back(FoundName{b, e, type, std::move(value), confidence});
      taken.emplace_back(b, e);
    }
  };
  if (known_orgs_) scan(*known_orgs_, FactType::kOrganization, 0.9);
  if (uncased_places_) {
    scan(*uncased_places_, FactType::kPlace, 0.8);
    return;  // no capital letters to look for
  }

  // Tokenize: words with internal apostrophes, dotted acronyms ("U.S."),
  // hyphenated capitalized compounds ("Jean-Pierre").
  // Per-thread scratch reused across sentences and calls: no allocation per
  // token in the steady state.
  thread_local std::vector<Token> tls_tokens;
  thread_local std::string tls_fold_buffer;
  // Plain references: each use of a thread_local may go through a wrapper.
  std::vector<Token>& tokens = tls_tokens;
  std::string& fold_buffer = tls_fold_buffer;
  tokens.clear();
  // Room for the folding of every token (FoldInto's bound), a space after
  // each, and 8 bytes more (ASCII words are folded eight bytes at a time);
  // the buffer only grows, so it is zero-filled once per thread, not per
  // sentence.
  if (fold_buffer.size() < (kFoldFactor + 1) * s.size() + 8) {
    fold_buffer.resize((kFoldFactor + 1) * s.size() + 8);
  }
  const int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  // The previous token's end and flags, kept here rather than read back
  // from the vector.
  size_t prev_end = 0;
  bool have_prev = false, prev_possessive = false, prev_upper = false;
  // Loop-invariant: the list is not reloaded per token (stores to tokens
  // could alias it).
  const bool elisions = !elision_prefixes_.empty();
  thread_local SentenceByteMasks tls_masks;
  SentenceByteMasks& masks = tls_masks;
  masks.Assign(s);
  while (i < n) {
    // ASCII spaces and punctuation between words.
    i = static_cast<int32_t>(masks.NextWordByte(static_cast<size_t>(i)));
    if (i == n) break;
    const unsigned char byte = static_cast<unsigned char>(s[i]);
    UChar32 c = byte;  // an ASCII letter or digit: a word character
    int32_t next = i + 1;
    if (byte >= 0x80) {
      next = i;
      U8_NEXT(s.data(), next, n, c);
      if (c < 0 || !IsWordChar(static_cast<char32_t>(c))) {
        i = next;
        continue;
      }
    }
    // Built in place (the vector keeps its capacity across sentences).
    Token& t = tokens.emplace_back();
    t.begin = static_cast<size_t>(i);
    t.upper = IsUpper(static_cast<char32_t>(c));
    // The usual word (most tokens): ASCII letters and digits up to the end
    // of the sentence or a byte that cannot continue a word (ASCII, not an
    // apostrophe, dot or hyphen). The scan below ends there too, with every
    // byte ASCII (an acronym's shape matters only at a dot); only the other
    // tokens take it.
    int32_t j = next;
    bool ascii = byte < 0x80;  // every byte of the token so far is ASCII
    bool scan = true;
    if (ascii) {
      j = static_cast<int32_t>(masks.AlnumRunEnd(static_cast<size_t>(next)));
      scan = j < n && !kPlainWordEnd[static_cast<unsigned char>(s[j])];
      if (scan) j = next;
    }
    // The scan starts past the first letter, already read.
    bool acronym_shape = t.upper;  // single capitals separated by dots
    int32_t letters_since_dot = 1;
    bool has_dot = false;
    while (scan && j < n) {
      // Past the acronym shape only the end of the token matters: skip
      // ASCII letters and digits at once.
      if (!acronym_shape) {
        j = static_cast<int32_t>(masks.AlnumRunEnd(static_cast<size_t>(j)));
        if (j >= n) break;
      }
      UChar32 d;
      int32_t after = j;
      if (static_cast<unsigned char>(s[j]) < 0x80) {
        d = static_cast<unsigned char>(s[j]);
        ++after;
        // The usual end of a word: a space or punctuation other than the
        // apostrophe, dot and hyphen that may continue it.
        if (!IsAsciiAlnum(static_cast<unsigned char>(d)) && d != '\'' && d != '.' &&
            d != '-') {
          break;
        }
      } else {
        U8_NEXT(s.data(), after, n, d);
        ascii = false;
      }
      if (d >= 0 && IsWordChar(static_cast<char32_t>(d))) {
        ++letters_since_dot;
        if (letters_since_dot > 2 || !IsUpper(static_cast<char32_t>(d))) acronym_shape = false;
        j = after;
        continue;
      }
      // Only apostrophes, dots and hyphens may continue a token.
      if (d != '\'' && d != 0x2019 && d != '.' && d != '-') break;
      const char32_t following = CodePointAt(s, static_cast<size_t>(after));
      if ((d == '\'' || d == 0x2019) && IsWordChar(following)) {
        j = after;
        continue;
      }
      if (d == '.' && acronym_shape && IsUpper(following)) {
        has_dot = true;
        letters_since_dot = 0;
        j = after;
        continue;
      }
      if (d == '-' && t.upper && IsUpper(following)) {
        j = after;
        continue;
      }
      if (d == '.' && acronym_shape && has_dot) j = after;  // final dot of "U.S."
      break;
    }
    t.end = static_cast<size_t>(j);
    t.ascii = ascii;  // trimming an affix below keeps it true
    i = j;
    // Possessive suffixes and elided articles are ASCII-case-insensitive
    // byte affixes ("'s", "’s", "l'", "d’"): compared on the raw bytes so
    // that only tokens near capitals need folding (below).
    auto ieq = [](std::string_view raw, std::string_view folded) {
      if (raw.size() != folded.size()) return false;
      for (size_t k = 0; k < raw.size(); ++k) {
        char c = raw[k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if (c != folded[k]) return false;
      }
      return true;
    };
    const unsigned char last = static_cast<unsigned char>(s[t.end - 1]);
    if (possessive_last_byte_[last] && t.end - t.begin >= 2 &&
        possessive_tail_.test(last << 8 | static_cast<unsigned char>(s[t.end - 2]))) {
      for (const std::string& suffix : possessive_suffixes_) {
        const size_t len = t.end - t.begin;
        if (len > suffix.size() + 1 &&
            ieq(s.substr(t.end - suffix.size(), suffix.size()), suffix)) {
          t.end -= suffix.size();
          t.possessive = true;
          break;
        }
      }
    }
    if (elisions) {
      for (const std::string& prefix : elision_prefixes_) {
        const size_t len = t.end - t.begin;
        if (len > prefix.size() && ieq(s.substr(t.begin, prefix.size()), prefix) &&
            IsUpper(CodePointAt(s, t.begin + prefix.size()))) {
          t.begin += prefix.size();
          t.upper = true;
          break;
        }
      }
    }
    if (t.upper && t.end - t.begin >= 2 &&
        static_cast<unsigned>(static_cast<unsigned char>(s[t.begin + 1]) - 'a') < 26) {
      // The usual capitalized word ("Russia"): an ASCII lower-case second
      // byte is a lower-case letter, so not all capitals (the loop below
      // would stop there).
      t.all_caps = false;
    } else if (t.upper) {
      // All capitals: at least two letters, none lower case (most
      // capitalized words are decided by their second letter).
      int letters = 0;
      bool lower = false;
      for (int32_t k = static_cast<int32_t>(t.begin); k < static_cast<int32_t>(t.end) && !lower;) {
        const unsigned char byte = static_cast<unsigned char>(s[k]);
        if (byte < 0x80) {  // ASCII: no ICU property lookups
          ++k;
          if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z')) {
            ++letters;
            if (byte >= 'a') lower = true;
          }
          continue;
        }
        UChar32 d;
        U8_NEXT(s.data(), k, static_cast<int32_t>(t.end), d);
        if (u_isalpha(d)) {
          ++letters;
          if (!u_isupper(d)) lower = true;
        }
      }
      t.all_caps = letters >= 2 && !lower;
    }
    if (have_prev) {
      // Joined to the previous token by spaces only, a no-break space, or
      // ". " after a capital ("Mr. Smith", checked against titles below).
      // A possessive suffix stays in the gap: "Russia's Deputy" never joins.
      if (!prev_possessive) {
        size_t b = prev_end;
        // The usual gap, one space, decided without a loop.
        if (t.begin == b + 1 && s[b] == ' ') {
          b = t.begin;
        } else {
          while (b < t.begin && s[b] == ' ') ++b;
        }
        if (b == t.begin) {
          t.joined = b > prev_end;  // spaces only (the usual gap: one)
        } else {
          const std::string_view gap = s.substr(prev_end, t.begin - prev_end);
          if (gap == "\xC2\xA0") {
            t.joined = true;
          } else if (gap == ". " && prev_upper) {
            t.joined = true;
            t.title_dot = true;
          }
        }
      }
    }
    prev_end = t.end;
    have_prev = true;
    prev_possessive = t.possessive;
    prev_upper = t.upper;
  }
  // Tokens overlapping a claimed range: tokens are in order and disjoint,
  // so each range marks a contiguous stretch found by binary search (not
  // every token compared with every range).
  for (const auto& [cb, ce] : taken) {
    auto it = std::partition_point(tokens.begin(), tokens.end(),
                                   [cb = cb](const Token& t) { return t.end <= cb; });
    for (; it != tokens.end() && it->begin < ce; ++it) it->claimed = true;
  }

  // Fold only where a decision may need it: capitalized tokens and the
  // tokens at most two away (titles before, particles and connectors
  // between); other tokens have the classes of the empty word. Capitalized
  // tokens are folded here; the lower-case ones near them only when read
  // (`fold`, below): most are not (those after a name are, and the one
  // before a name). Each folded token is followed by a space in the
  // buffer, so that tokens folded one after the other read as one phrase
  // (see Classify).
  size_t fold_size = 0;
  auto fold = [&](Token& t) {
    char* const out = fold_buffer.data() + fold_size;
    size_t len = t.end - t.begin;
    if (t.ascii) {
      // Most tokens are short ASCII words: lowered inline, without a call.
      FoldAsciiWord(s, t.begin, len, out);
    } else {
      len = FoldInto(s.substr(t.begin, len), out);
    }
    out[len] = ' ';
    fold_size += len + 1;
    t.folded = std::string_view(out, len);
    t.classes = ClassesOf(t.folded);
    t.lazy = false;
  };
  // The tokens are final: a plain pointer and count (no reload of the
  // thread-local vector at each access).
  Token* const tok = tokens.data();
  const size_t count = tokens.size();
  auto upper_at = [&](size_t k) -> uint32_t { return k < count && tok[k].upper; };
  uint32_t window = upper_at(0) << 1 | upper_at(1);  // bit m: tok[k + 2 - m].upper
  for (size_t k = 0; k < count; ++k) {
    window = (window << 1 | upper_at(k + 2)) & 0x1F;
    Token& t = tok[k];
    if (window == 0) {
      t.classes = unfolded_classes_;
    } else if (t.upper) {
      fold(t);
    } else {
      t.lazy = true;
    }
    // "Mr. Smith" joins only when "Mr" (capitalized: folded) is a title.
    if (t.title_dot && !(tok[k - 1].classes & kTitle)) t.joined = false;
  }
  // The first token with a letter: list numbering ("1. Introduction") does
  // not make the next word any less sentence-initial.
  size_t first_word = 0;
  while (first_word < count) {
    const Token& t = tok[first_word];
    bool letter = false;
    for (size_t b = t.begin; b < t.end && !letter; ++b) letter = !(s[b] >= '0' && s[b] <= '9');
    if (letter) break;
    ++first_word;
  }
  auto capital = [&](const Token& t) {
    return t.upper && !t.claimed && !(t.classes & kCalendarWord);
  };
  size_t k = 0;
  while (k < count) {
    if (!capital(tok[k])) {
      ++k;
      continue;
    }
    size_t end = k + 1;
    bool org = tok[k].classes & kOrganizationWord;
    while (end < count) {
      const Token& t = tok[end];
      // A calendar word may continue a name ("Theresa May") but not start one.
      if (t.joined && t.upper && !t.claimed && !tok[end - 1].possessive) {
        org = org || (t.classes & kOrganizationWord);
        ++end;
        continue;
      }
      // "Organisation for Security and Cooperation", "Ursula von der Leyen".
      size_t m = end;
      while (m < count && tok[m].joined && !tok[m].upper) {
        if (tok[m].lazy) fold(tok[m]);
        if (!(tok[m].classes & kParticle) &&
            !(org && (tok[m].classes & kOrganizationConnector))) {
          break;
        }
        ++m;
      }
      if (m > end && m < count && tok[m].joined && tok[m].upper &&
          !tok[m].claimed) {
        end = m + 1;
        org = org || (tok[m].classes & kOrganizationWord);
        continue;
      }
      break;
    }
    // Classify reads the run (capitals, and particles read above) and the
    // token before it (a title, a place preposition); HasOrganizationCue
    // folds what it needs itself.
    if (k > 0 && tok[k - 1].lazy) fold(tok[k - 1]);
    Classify(s, tokens, k, end, /*sentence_initial=*/k == first_word, out);
    k = end;
  }
}

void NameFinder::Classify(std::string_view s, const std::vector<Token>& tokens,
                          size_t first, size_t last, bool sentence_initial,
                          std::vector<FoundName>* out) const {
  // Leading function words ("The", "On", "In") are capitalized only because
  // they start the sentence.
  // Leading function words ("The", "On") are capitalized only because they
  // start the sentence; a leading demonym is an adjective ("French Alps").
  // A split at a title may leave a particle at the end ("Partei von").
  while (last > first && !tokens[last - 1].upper) --last;
  const size_t run_start = first;
  bool has_org_word = false;
  for (size_t k = first; k < last; ++k) {
    has_org_word |= (tokens[k].classes & kOrganizationWord) != 0;
  }
  while (first < last && ((tokens[first].classes & kFunctionWord) ||
                          (!has_org_word && last - first >= 2 &&
                           (IsDemonym(tokens[first].folded) ||
                            (tokens[first].classes & kNotName))))) {
    ++first;
  }
  if (first >= last) return;
  // An empty `value` stands for the name as written.
  auto emit = [&](size_t a, size_t b, FactType type, std::string_view value, double confidence) {
    FoundName& name = out->emplace_back();
    name.begin = tokens[a].begin;
    name.end = tokens[b - 1].end;
    name.type = type;
    name.value = value.empty() ? s.substr(name.begin, name.end - name.begin) : value;
    name.confidence = confidence;
  };
  // Titles: "U.S. President Joe Biden" = PLACE "U.S." + PERSON "Joe Biden".
  size_t first_title = last, last_title = last;
  for (size_t k = first; k < last; ++k) {
    if (IsTitle(tokens[k].folded, tokens[k].classes)) {
      if (first_title == last) first_title = k;
      last_title = k;
    }
  }
  if (first_title != last) {
    if (first_title > first) Classify(s, tokens, first, first_title, sentence_initial, out);
    const size_t count = last - (last_title + 1);
    if (count >= 1 && count <= 5) {
      emit(last_title + 1, last, FactType::kPerson, "", 0.9);
    }
    return;
  }
  const size_t count = last - first;
  auto emit_cue_org = [&](size_t a, size_t b) {
    emit(a, b, FactType::kOrganization, "", 0.75);
    out->back().from_cue = true;
  };
  // The folded words of tokens[a, b) joined by single spaces: a view of
  // the fold buffer when they were folded one after the other (Find()
  // writes a space after each), else built in `scratch`.
  auto joined_folded = [&](size_t a, size_t b, std::string* scratch) -> std::string_view {
    bool folded = !tokens[a].folded.empty();
    for (size_t k = a + 1; k < b && folded; ++k) {
      const std::string_view before = tokens[k - 1].folded;
      folded = !tokens[k].folded.empty() &&
               tokens[k].folded.data() == before.data() + before.size() + 1;
    }
    if (folded) {
      const char* begin = tokens[a].folded.data();
      const std::string_view last_word = tokens[b - 1].folded;
      return std::string_view(begin, last_word.data() + last_word.size() - begin);
    }
    scratch->clear();
    for (size_t k = a; k < b; ++k) {
      if (k > a) scratch->push_back(' ');
      scratch->append(tokens[k].folded);
    }
    return *scratch;
  };
  std::string rest_scratch, folded_scratch;
  // "Autobauer Volkswagen", "Konzern Siemens": where nouns are capitalized
  // (or at the start of a sentence) the cue noun heads the run of capitals.
  if ((capitalized_nouns_ || sentence_initial) && count >= 2 && count <= 4 &&
      IsOrganizationCueWord(tokens[first].folded, tokens[first].classes)) {
    const std::string_view rest = joined_folded(first + 1, last, &rest_scratch);
    if (!FindPlace(rest) && !(tokens[first + 1].classes & kOrganizationWord)) {
      emit_cue_org(first + 1, last);
      return;
    }
  }
  const std::string_view folded = joined_folded(first, last, &folded_scratch);
  const bool title_before = first > 0 && !tokens[first - 1].upper &&
                            IsTitle(tokens[first - 1].folded, tokens[first - 1].classes);
  // In German every noun is capitalized: a lone "Bank" is no organization.
  if (count > 1 || !capitalized_nouns_) {
    for (size_t k = first; k < last; ++k) {
      if (tokens[k].classes & kOrganizationWord) {
        emit(first, last, FactType::kOrganization, "", 0.85);
        return;
      }
    }
  }
  if (const std::string* place = FindPlace(folded)) {
    emit(first, last, FactType::kPlace, *place, 0.9);
    return;
  }
  // German "Vertreter Russlands": a capitalized common noun next to a
  // place; keep the places only.
  if (capitalized_nouns_ && count >= 2) {
    bool any = false;
    for (size_t k = first; k < last; ++k) {
      if (const std::string* place = FindPlace(tokens[k].folded)) {
        emit(k, k + 1, FactType::kPlace, *place, 0.85);
        any = true;
      }
    }
    if (any) return;
  }
  // "России Сергей Рябков": a place before a name of two or more words.
  if (const std::string* place = count >= 3 ? FindPlace(tokens[first].folded) : nullptr) {
    emit(first, first + 1, FactType::kPlace, *place, 0.85);
    Classify(s, tokens, first + 1, last, false, out);
    return;
  }
  if (count == 1 && tokens[first].all_caps) {
    if (tokens[first].classes & kNotName) return;  // folded is this token
    // Acronyms are mostly organizations (NATO, OSCE, IMF).
    emit(first, last, FactType::kOrganization, "", 0.6);
    return;
  }
  if (count >= 2 && count <= 5 &&
      (title_before || (tokens[first].classes & kFirstName))) {
    emit(first, last, FactType::kPerson, "", title_before ? 0.9 : 0.75);
    return;
  }
  // "Moderatoren Jan Böhmermann", "Kollegen Enzo Moavero": a known first
  // name inside the run starts the person; the words before are apposition.
  for (size_t k = first + 1; k + 1 < last && k + 5 >= last; ++k) {
    if (tokens[k].classes & kFirstName) {
      Classify(s, tokens, first, k, sentence_initial, out);
      emit(k, last, FactType::kPerson, "", 0.75);
      return;
    }
  }
  // "Экономика России", "Revenue Russia ...": the first word is capitalized
  // only because it starts the sentence; the rest is a place.
  if (sentence_initial && first == run_start && count >= 2 && count <= 4) {
    const std::string_view rest = joined_folded(first + 1, last, &rest_scratch);
    const std::string* place =
        !(tokens[first].classes & kFunctionWord) ? FindPlace(rest) : nullptr;
    if (place != nullptr) {
      emit(first + 1, last, FactType::kPlace, *place, 0.85);
      return;
    }
  }
  if (count >= 2) {
    // Two or three title-case words without a place, an organization word
    // or a known word among them may be a person: the extractor promotes
    // them when the last word is also used alone ("Andreas Lubitz" ...
    // "Lubitz"), as news do with surnames. "Red Cross said" is no evidence.
    // Not where every noun is capitalized ("Jahre Haft" ... "Haft"), and
    // only within one script ("Starlink Илона Маска").
    bool person_like = count <= 3 && !capitalized_nouns_;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script =
        uscript_getScript(static_cast<UChar32>(CodePointAt(s, tokens[first].begin)), &status);
    for (size_t k = first; k < last && person_like; ++k) {
      const Token& t = tokens[k];
      person_like = !t.all_caps && !(t.classes & kFunctionWord) &&
                    !(t.classes & kNotName) && !IsDemonym(t.folded) &&
                    !FindPlace(t.folded) &&
                    uscript_getScript(static_cast<UChar32>(CodePointAt(s, t.begin)), &status) ==
                        script;
    }
    // "shares of Fast Retailing", "Sony Group's chief executive".
    if (count <= 3 && !capitalized_nouns_ && HasOrganizationCue(s, tokens, first, last)) {
      emit_cue_org(first, last);
      return;
    }
    // German capitalizes every noun ("Jahren Haft"): there a run of
    // capitals is only a candidate, kept if promoted to a person.
    emit(first, last, FactType::kName, "", capitalized_nouns_ ? 0.0 : 0.5);
    out->back().person_like = person_like;
    return;
  }
  // One token here: `folded` is tokens[first].folded.
  if ((tokens[first].classes & kNotName) || IsDemonym(folded)) return;
  if (CodePointCount(folded) < 2) return;  // "F" of "F-35", initials
  // "carmaker Toyota", "shares of Toyota", "Toyota's chief executive",
  // "Nvidia reported revenue": a company, even sentence-initial.
  if (!capitalized_nouns_ && HasOrganizationCue(s, tokens, first, last)) {
    emit_cue_org(first, last);
    return;
  }
  if (title_before) {
    emit(first, last, FactType::kPerson, "", 0.7);
    return;
  }
  if (capitalized_nouns_ || sentence_initial) {
    // Kept only if it turns out to be the surname of a person named in
    // full elsewhere ("Ryabkov said ..."); the extractor drops it otherwise.
    emit(first, last, FactType::kName, "", 0.0);
    return;
  }
  // "in Cupertino": an unknown single name after a place preposition.
  if (first > 0 && !tokens[first - 1].upper && tokens[first].joined &&
      !tokens[first].all_caps && CodePointCount(folded) >= 3 &&
      (tokens[first - 1].classes & kPlacePreposition)) {
    emit(first, last, FactType::kPlace, "", 0.5);
    return;
  }
  // A lone word before "said" may be an agency ("Eurostat said"): NAME,
  // unless it is the surname of a person named in full (merged later).
  emit(first, last, FactType::kName, "", 0.4);
}

}  // namespace precis
