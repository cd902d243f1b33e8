#include "fact_extractor.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "date_resolver.h"
#include "fact_text.h"
#include "fact_trigger.h"
#include "money_currencies.h"
#include "name_finder.h"
#include "number_parser.h"
#include "ordinal_finder.h"
#include "re2/re2.h"
#include "re2/set.h"
#include "swar.h"
#include "unicode/dtfmtsym.h"
#include "unicode/rbnf.h"
#include "unicode/uchar.h"
#include "unicode/locid.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

using StringSet = std::unordered_set<std::string>;

constexpr int kNone = INT_MIN;
// Horizontal space as found in news text (NBSP, narrow NBSP before "%").
constexpr char kSp[] = "[ \\x{00A0}\\x{202F}]";
constexpr char kDigit[] = "[0-9\\x{FF10}-\\x{FF19}]";
// A word that can be a counted noun ("troops", "Soldaten", "военных").
// Letters are approximated by code point ranges (Latin-1 letters up, minus
// general and CJK punctuation) and confirmed in code: \pL compiles to
// thousands of UTF-8 instructions and submatch cost grows with program size.
constexpr char kWord[] =
    "[A-Za-z\\x{00C0}-\\x{1FFF}\\x{3040}-\\x{9FFF}\\x{AC00}-\\x{D7AF}]"
    "[A-Za-z\\x{00C0}-\\x{1FFF}\\x{3040}-\\x{9FFF}\\x{AC00}-\\x{D7AF}'\\x{2019}\\-]*";
// A letter-ending scale word must end at a word boundary ("$300 more" is
// not "$300m"); RE2 has no look-ahead and \b is ASCII-only, so the boundary
// character is consumed and mention ends are taken from capture groups.
constexpr char kCjkWord[] = "[\\x{3040}-\\x{9FFF}\\x{AC00}-\\x{D7AF}]+";
constexpr char kBoundary[] = "(?:[^A-Za-z0-9\\x{00C0}-\\x{1FFF}\\x{3040}-\\x{9FFF}]|$)";

enum class Kind {
  kPhone,
  kMoneySymbolFirst,
  kMoneyNumberFirst,
  kPercent,
  kDayMonth,
  kMonthDay,
  kMonthYear,
  kModifierMonth,
  kModifierYear,
  kPrepMonth,
  kPrepYear,
  kIsoDate,
  kDottedDate,
  kSlashDate,
  kCjkDate,
  kCjkMonth,
  kCjkYear,
  kWeekday,
  kRelativeDay,
  kAnchoredDay,
  kApproxQuantity,
  kQuantity,
  kTime,
  kDuration,
  kDayRange,
  kYearRange,
  kRelativePeriod,
  kCjkDay,
};

// Higher wins when candidates overlap at the same start.
int Priority(Kind kind) {
  switch (kind) {
    case Kind::kPhone: return 100;
    case Kind::kMoneySymbolFirst:
    case Kind::kMoneyNumberFirst: return 90;
    case Kind::kPercent: return 85;
    case Kind::kQuantity:
    case Kind::kApproxQuantity: return 10;
    case Kind::kDuration: return 75;  // "3時間" (3 hours) is no time "3時"
    case Kind::kTime: return 70;      // "9.30 Uhr" is no quantity
    default: return 50;  // dates
  }
}

bool NeedsDigit(Kind kind) {
  switch (kind) {
    case Kind::kWeekday:
    case Kind::kRelativeDay:
    case Kind::kAnchoredDay:
    case Kind::kApproxQuantity:
    case Kind::kModifierMonth:
    case Kind::kPrepMonth:
    case Kind::kDuration:  // "two months"
    case Kind::kRelativePeriod:
      return false;
    default:
      return true;
  }
}

// Kinds whose pattern is one capturing group around all of it: group 1 is
// the whole match, so no submatch search is needed to find it.
bool WholeMatchGroup(Kind kind) {
  return kind == Kind::kRelativeDay || kind == Kind::kAnchoredDay ||
         kind == Kind::kRelativePeriod;
}

// Kinds whose program is too large for RE2's backtracker (its spelled
// numbers): an anchored call with submatches then runs the DFA to find the
// match and the NFA over the match alone, the two steps of
// SentenceMatcher::Run in one call. (With the backtracker available, one
// call would run it over the rest of the sentence: more costly than a DFA
// pass first.)
bool OneCall(Kind kind) { return kind == Kind::kDuration; }

struct Pattern {
  Kind kind;
  std::unique_ptr<RE2> re;
};

// What a date candidate says before it is resolved in document order.
struct DateSpec {
  int year = 0;  // 0 = not written
  int month = 0;
  int day = 0;
  int weekday = 0;  // ISO, for weekday names
  int weekday_direction = 0;
  int relative_days = kNone;  // "yesterday" = -1 from the reference day
  int anchor_days = kNone;    // "the following day" = +1 from the last date
  char offset_unit = 'D';     // unit of the two amounts above: D, W, M, Y
  char period_unit = 0;       // "last year": the reference's Y/M/W + amount
  int period_amount = 0;
  int range_end_day = 0;      // "10-12 January"
  int range_end_year = 0;     // "2020-2022"
};

struct Candidate {
  size_t span_begin = 0;  // Bytes matched (for overlap resolution).
  size_t span_end = 0;
  size_t begin = 0;  // Bytes of the mention.
  size_t end = 0;
  int priority = 0;
  bool block_only = false;  // phone numbers: claim the span, emit nothing
  bool is_date = false;
  int resolved = 0;  // 0 = not yet, 1 = resolved, -1 = unresolvable
  FactType type = FactType::kUnspecified;
  std::string value;
  std::string unit;
  Grain grain = Grain::kUnspecified;
  std::string modifier;
  double confidence = 0.0;
  DateSpec date;
};

std::vector<std::string> Keys(const std::map<std::string, std::string>& map) {
  std::vector<std::string> out;
  for (const auto& [k, v] : map) out.push_back(k);
  return out;
}

std::string StripDot(std::string s) {
  while (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

int CodePointCount(std::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool HasDigit(std::string_view s) {
  // Eight bytes at a time (the non-ASCII ones masked out of the answer).
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    if ((swar::RangeBits(x & ~swar::kHigh, '0', '9') & ~x) != 0) return true;
  }
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') return true;
  }
  // Fullwidth digits: EF BC 90..99.
  return s.find("\xEF\xBC") != std::string_view::npos;
}

int ParseSmallInt(std::string_view s) {
  int v = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    if (c >= 0xFF10 && c <= 0xFF19) d = c - 0xFF10;
    if (d < 0) return -1;
    v = v * 10 + d;
    if (v > 1000000) return -1;
  }
  return v;
}

// Kinds whose every match starts with a digit (ASCII or fullwidth).
bool StartsWithDigit(Kind kind) {
  switch (kind) {
    case Kind::kMoneyNumberFirst:
    case Kind::kPercent:
    case Kind::kDayMonth:
    case Kind::kIsoDate:
    case Kind::kDottedDate:
    case Kind::kSlashDate:
    case Kind::kCjkDate:
    case Kind::kCjkMonth:
    case Kind::kCjkYear:
    case Kind::kCjkDay:
    case Kind::kQuantity:
      return true;
    default:
      return false;
  }
}

// Kinds that can start with a digit (ASCII or fullwidth) besides other
// starts: "+1 212 ...", "上午9点", "two weeks" / "2 weeks", "from 10 to 12
// May", "from 2014 to 2016".
bool CanStartWithDigit(Kind kind) {
  switch (kind) {
    case Kind::kPhone:
    case Kind::kTime:
    case Kind::kDuration:
    case Kind::kDayRange:
    case Kind::kYearRange:
      return true;
    default:
      return StartsWithDigit(kind);
  }
}

// FactTrigger bits: positions with a digit, positions where an ordinal
// word may start (OrdinalFinder::LeadingWords); bit i below both is
// pattern i.
constexpr int kDigitBit = 63;
constexpr uint64_t kDigitStart = uint64_t{1} << kDigitBit;
constexpr int kOrdinalBit = 62;
constexpr uint64_t kOrdinalStart = uint64_t{1} << kOrdinalBit;

// Per-language rules, built once.
struct LanguageRules {
  std::string code;
  std::unique_ptr<NumberParser> numbers;
  // Reads the ASCII decimals of number_words ("2", "100"); built once here
  // because a NumberParser loads ICU DecimalFormatSymbols.
  std::unique_ptr<NumberParser> ascii_numbers;
  MoneyCurrencies currencies;
  std::unordered_map<std::string, int> months;    // folded -> 1..12
  std::unordered_map<std::string, int> weekdays;  // folded -> 1..7 (ISO)
  std::unordered_map<std::string, int> scales;    // folded -> power of ten
  std::unordered_map<std::string, std::string> month_modifiers;
  std::unordered_map<std::string, int> relative_days;
  std::unordered_map<std::string, int> anchored_days;
  std::unordered_map<std::string, std::string> approx_quantities;
  std::unordered_map<std::string, std::string> number_words;   // folded -> decimal
  std::unordered_map<std::string, std::string> duration_units;  // folded -> Y M W D H MIN S
  std::unordered_map<std::string, std::string> time_markers;    // folded -> am, pm, ""
  std::unordered_map<std::string, std::string> time_prefixes;   // "上午" -> am
  std::unordered_map<std::string, std::string> relative_periods;  // folded -> "Y-1"
  std::unordered_set<std::string> offset_after;   // "later"
  std::unordered_set<std::string> offset_before;  // "earlier"
  std::unordered_set<std::string> offset_ago;     // "ago", "vor", "назад"
  std::unordered_set<std::string> offset_future;  // "in", "dans", "через"
  // Range connectors: middle word -> opener ("and" -> "between"); an
  // empty opener means none is needed ("-", "to").
  std::unordered_map<std::string, std::string> range_connectors;
  std::unordered_set<std::string> weekday_next;
  std::unordered_set<std::string> weekday_last;
  std::unordered_set<std::string> function_words;
  std::unordered_set<std::string> number_blockers;
  std::unordered_set<std::string> classifiers;  // CJK counters: 名, 个, 人
  std::unordered_set<std::string> noun_classifiers;  // counters that are the noun: 人
  std::unordered_set<std::string> quantity_units;  // "people", "km": no plural needed
  std::unordered_set<std::string> short_units;     // "km", "kg": units under 3 letters
  std::vector<std::string> plural_suffixes;
  bool capitalized_nouns = false;
  char numeric_order = 0;  // 'd' (day first), 'm' (month first), 0 = unknown
  std::vector<Pattern> patterns;
  // Where patterns can start (see BuildRules and SentenceMatcher::Run):
  // the literals their matches begin with, and digits. Each pattern is run
  // anchored at its start positions only. An unanchored RE2::Set over each
  // sentence did this before; its DFA states combine the partial matches
  // of every listed word, so on new text it kept building states and was
  // the largest cost of the extractor.
  FactTrigger trigger;
  // At a digit: which of the patterns that can start with one match there
  // (an anchored set over the few bytes of a number and its neighbours;
  // null when it failed to build: then every such pattern is tried). The
  // trigger's items spell enough of each pattern that most word positions
  // it reports start a match: there the patterns are tried directly.
  std::unique_ptr<RE2::Set> digit_set;
  std::vector<size_t> digit_patterns;  // set index -> pattern index
  uint64_t digit_mask = 0;             // bits of digit_patterns
  uint64_t digit_free_mask = 0;        // patterns that need no digit
  std::unique_ptr<NameFinder> names;
  std::unique_ptr<OrdinalFinder> ordinals;
};

int ToIsoWeekday(int icu_index) { return icu_index == 1 ? 7 : icu_index - 1; }

absl::StatusOr<std::unique_ptr<LanguageRules>> BuildRules(
    const std::string& code, const FactRulesData& data,
    const std::map<std::string, std::string>& global_symbols,
    const std::vector<std::string>& global_ambiguous) {
  auto rules = std::make_unique<LanguageRules>();
  rules->code = code;
  rules->numbers = std::make_unique<NumberParser>(code);
  rules->ascii_numbers = std::make_unique<NumberParser>("en");
  const auto& options = RuleMap(data, "options");
  auto option = [&](const char* key) -> std::string {
    auto it = options.find(key);
    return it == options.end() ? std::string() : it->second;
  };
  rules->capitalized_nouns = option("capitalized_nouns") == "true";

  // Currency symbols: the language's overrides on top of every language's.
  std::map<std::string, std::string> symbols = global_symbols;
  for (const auto& [k, v] : RuleMap(data, "currency_symbols")) symbols[k] = v;
  std::vector<std::string> ambiguous = global_ambiguous;
  for (const auto& s : RuleList(data, "ambiguous_currency_symbols")) ambiguous.push_back(s);
  rules->currencies =
      MoneyCurrencies::Build(code, symbols, RuleMap(data, "currency_words"), ambiguous);

  // Months and weekdays from CLDR (wide and abbreviated, format and
  // stand-alone forms: Russian "января" and "январь"), case-folded.
  std::vector<std::string> month_all, month_wide, weekday_names;
  std::unordered_set<std::string> calendar_words;
  {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale(code.empty() ? "en" : code.c_str());
    icu::DateFormatSymbols symbols_icu(locale, status);
    if (U_FAILURE(status)) {
      return absl::InternalError(absl::StrCat("ICU DateFormatSymbols for '", code,
                                              "': ", u_errorName(status)));
    }
    using DFS = icu::DateFormatSymbols;
    for (auto context : {DFS::FORMAT, DFS::STANDALONE}) {
      for (auto width : {DFS::WIDE, DFS::ABBREVIATED}) {
        int32_t count = 0;
        const icu::UnicodeString* names = symbols_icu.getMonths(count, context, width);
        for (int32_t i = 0; i < count && i < 12; ++i) {
          std::string name;
          names[i].toUTF8String(name);
          name = StripDot(Folded(name));
          if (HasDigit(name) || CodePointCount(name) < 3) continue;
          rules->months.emplace(name, i + 1);
          month_all.push_back(name);
          if (width == DFS::WIDE) month_wide.push_back(name);
          calendar_words.insert(name);
        }
        if (width != DFS::WIDE) continue;  // "Sun", "Sat", "Mi" are words
        const icu::UnicodeString* days = symbols_icu.getWeekdays(count, context, width);
        for (int32_t i = 1; i < count && i <= 7; ++i) {
          std::string name;
          days[i].toUTF8String(name);
          name = Folded(name);
          if (CodePointCount(name) < 2) continue;
          rules->weekdays.emplace(name, ToIsoWeekday(i));
          weekday_names.push_back(name);
          calendar_words.insert(name);
        }
      }
    }
  }
  for (const auto& [word, number] : RuleMap(data, "extra_months")) {
    const int m = ParseSmallInt(number);
    if (m < 1 || m > 12) {
      return absl::InvalidArgumentError(
          absl::StrCat("facts/", code, ".yaml: extra_months: bad month '", number, "'"));
    }
    rules->months[Folded(word)] = m;
    month_all.push_back(Folded(word));
    month_wide.push_back(Folded(word));
  }
  for (const auto& [word, number] : RuleMap(data, "extra_weekdays")) {
    const int d = ParseSmallInt(number);
    if (d < 1 || d > 7) {
      return absl::InvalidArgumentError(
          absl::StrCat("facts/", code, ".yaml: extra_weekdays: bad day '", number, "'"));
    }
    rules->weekdays[Folded(word)] = d;
    weekday_names.push_back(Folded(word));
  }
  auto int_map = [&](const char* key, std::unordered_map<std::string, int>* out) -> absl::Status {
    for (const auto& [word, number] : RuleMap(data, key)) {
      std::string_view n = number;
      bool negative = false;
      if (!n.empty() && (n[0] == '-' || n[0] == '+')) {
        negative = n[0] == '-';
        n.remove_prefix(1);
      }
      const int v = ParseSmallInt(n);
      if (v < 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            "facts/", code, ".yaml: ", key, ": '", word, "' needs an integer, got '", number, "'"));
      }
      (*out)[Folded(word)] = negative ? -v : v;
    }
    return absl::OkStatus();
  };
  if (auto st = int_map("scales", &rules->scales); !st.ok()) return st;
  if (auto st = int_map("relative_days", &rules->relative_days); !st.ok()) return st;
  if (auto st = int_map("anchored_days", &rules->anchored_days); !st.ok()) return st;
  for (const auto& [k, v] : RuleMap(data, "month_modifiers")) rules->month_modifiers[Folded(k)] = v;
  for (const auto& [k, v] : RuleMap(data, "approx_quantities")) {
    DecimalNumber check;
    if (!rules->numbers->Parse(v, &check) && !rules->ascii_numbers->Parse(v, &check)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "facts/", code, ".yaml: approx_quantities: '", k, "' needs a number"));
    }
    rules->approx_quantities[Folded(k)] = check.ToString();
  }
  {
    // Spelled-out numbers 1..100 from CLDR's spell-out rules ("two",
    // "zwei", "deux", "два", "二"), plus YAML extras ("a", "две", "两").
    UErrorCode status = U_ZERO_ERROR;
    icu::RuleBasedNumberFormat rbnf(icu::URBNF_SPELLOUT,
                                    icu::Locale(code.empty() ? "en" : code.c_str()), status);
    if (U_SUCCESS(status) && !code.empty()) {
      for (int i = 1; i <= 100; ++i) {
        icu::UnicodeString spelled;
        rbnf.format(static_cast<int32_t>(i), spelled);
        std::string utf8;
        spelled.toUTF8String(utf8);
        rules->number_words.emplace(Folded(utf8), std::to_string(i));
      }
    }
    for (const auto& [k, v] : RuleMap(data, "number_words")) rules->number_words[Folded(k)] = v;
  }
  for (const auto& [k, v] : RuleMap(data, "duration_units")) rules->duration_units[Folded(k)] = v;
  for (const auto& [k, v] : RuleMap(data, "time_markers")) rules->time_markers[Folded(k)] = v;
  for (const auto& [k, v] : RuleMap(data, "time_prefixes")) rules->time_prefixes[Folded(k)] = v;
  for (const auto& [k, v] : RuleMap(data, "relative_periods")) {
    if (v.size() < 2 || std::string_view("YMW").find(v[0]) == std::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          "facts/", code, ".yaml: relative_periods: '", k, "' needs Y/M/W and an offset"));
    }
    rules->relative_periods[Folded(k)] = v;
  }
  for (const auto& [k, v] : RuleMap(data, "range_connectors")) rules->range_connectors[Folded(k)] = Folded(v);
  rules->offset_after = FoldedSet<StringSet>(RuleList(data, "offset_after"));
  rules->offset_before = FoldedSet<StringSet>(RuleList(data, "offset_before"));
  rules->offset_ago = FoldedSet<StringSet>(RuleList(data, "offset_ago"));
  rules->offset_future = FoldedSet<StringSet>(RuleList(data, "offset_future"));
  rules->weekday_next = FoldedSet<StringSet>(RuleList(data, "weekday_next"));
  rules->weekday_last = FoldedSet<StringSet>(RuleList(data, "weekday_last"));
  rules->function_words = FoldedSet<StringSet>(RuleList(data, "function_words"));
  rules->number_blockers = FoldedSet<StringSet>(RuleList(data, "number_blockers"));
  rules->classifiers = FoldedSet<StringSet>(RuleList(data, "classifiers"));
  rules->noun_classifiers = FoldedSet<StringSet>(RuleList(data, "noun_classifiers"));
  rules->quantity_units = FoldedSet<StringSet>(RuleList(data, "quantity_units"));
  rules->short_units = FoldedSet<StringSet>(RuleList(data, "short_units"));
  for (const auto& s : RuleList(data, "plural_suffixes")) rules->plural_suffixes.push_back(Folded(s));
  const std::string order = option("numeric_date_order");
  if (order == "dmy") rules->numeric_order = 'd';
  if (order == "mdy") rules->numeric_order = 'm';

  // Pattern fragments.
  const std::string d = kDigit;
  const std::string sp = kSp;
  const std::string num = rules->numbers->pattern();
  std::vector<std::string> word_scales, cjk_scales;
  for (const auto& [k, v] : rules->scales) {
    (IsCjk(CodePointBefore(k, k.size())) ? cjk_scales : word_scales).push_back(k);
  }
  // Two groups: a word scale (with its boundary) or a CJK scale.
  const std::string scale = "(?:" + sp + "?(?:(" + Alternation(word_scales, true) + "\\.?)" +
                            kBoundary + "|(" + Alternation(cjk_scales, false) + ")))?";
  const std::string month = "(" + Alternation(month_all, true) + ")\\.?";
  const std::string month_wide_re = "(" + Alternation(month_wide, true) + ")";
  const std::string suffix = "(?:" + Alternation(RuleList(data, "day_suffixes"), true) + ")?";
  const std::string conn = "(?:" + Alternation(RuleList(data, "date_connectors"), true) + sp + "+)?";
  const std::string year_word =
      "(" + sp + "*" + Alternation(RuleList(data, "year_words"), true) + ")?";
  const std::string year = "(" + d + "{4})";
  // Connectors ending in an apostrophe ("d'") may touch the next word.
  std::vector<std::string> elided, spaced;
  for (const auto& w : RuleList(data, "quantity_connectors")) {
    (w.ends_with("'") || w.ends_with("\u2019") ? elided : spaced).push_back(w);
  }
  const std::string elided_connectors = Alternation(elided, true);
  const std::string word_connectors = Alternation(spaced, true);
  const std::string symbol = rules->currencies.SymbolPattern();
  const std::string currency_word = rules->currencies.WordPattern();

  // Groups: 1-2 a leading CJK-scaled part ("1兆" in "1兆5000億円"), 3
  // number, 4-5 scale, 6 currency.
  auto money_number_first = [&](const std::string& currency) {
    return "(?:(" + num + ")(" + Alternation(cjk_scales, false) + "))?(" + num + ")" + scale +
           sp + "?(?:" + Alternation(RuleList(data, "money_connectors"), true) + sp + "?)?(" +
           symbol + "|" + currency + ")";
  };
  std::vector<std::pair<Kind, std::string>> sources = {
      // +1 212 555 0100, (030) 1234 5678, 555-123-4567, 555 123 4567
      {Kind::kPhone, "(\\+" + d + "{1,3}(?:[ .\\-]?\\(?" + d + "{1,4}\\)?){2,6}|\\(" + d +
                         "{2,5}\\)" + sp + "?" + d + "{3,4}[ .\\-]?" + d + "{3,4}|" + d +
                         "{3}[.\\-]" + d + "{3}[.\\-]" + d + "{4}|" + d + "{3} " + d +
                         "{3} " + d + "{4})"},
      {Kind::kMoneySymbolFirst, "(" + symbol + ")" + sp + "?(" + num + ")" + scale},
      {Kind::kMoneyNumberFirst, money_number_first(currency_word)},
      {Kind::kPercent, "(" + num + ")" + sp + "?(%|\\x{FF05}|" +
                           Alternation(RuleList(data, "percent_words"), true) + ")"},
      {Kind::kDayMonth, "(" + d + "{1,2})" + suffix + "\\.?" + sp + "*" + conn + month +
                            "(?:,?" + sp + "+" + conn + year + year_word + ")?"},
      {Kind::kMonthYear, month + sp + "+" + conn + year + year_word},
      {Kind::kModifierMonth, "(" + Alternation(Keys(RuleMap(data, "month_modifiers")), true) + ")" +
                                 sp + "*" + conn + month + "(?:" + sp + "+" + conn + year + ")?"},
      {Kind::kModifierYear, "(" + Alternation(Keys(RuleMap(data, "month_modifiers")), true) + ")" +
                                sp + "*" + year + year_word},
      {Kind::kPrepMonth, "(" + Alternation(RuleList(data, "date_prepositions"), true) + ")" + sp +
                             "+" + month_wide_re + "(?:" + sp + "+" + conn + year + ")?"},
      {Kind::kPrepYear, "(" + Alternation(RuleList(data, "year_prepositions"), true) + ")" + sp +
                            "+" + year + year_word},
      {Kind::kIsoDate, year + "-(" + d + "{2})-(" + d + "{2})"},
      {Kind::kDottedDate, "(" + d + "{1,2})\\.(" + d + "{1,2})\\.(" + d + "{4})"},
      {Kind::kSlashDate, "(" + d + "{1,2})/(" + d + "{1,2})/(" + d + "{4})"},
      {Kind::kCjkDate, "(?:(" + d + "{4})" + sp + "*[年년]" + sp + "*)?(" + d + "{1,2})" + sp +
                           "*[月월]" + sp + "*(" + d + "{1,2})" + sp + "*([日号일])"},
      {Kind::kCjkMonth, "(?:(" + d + "{4})" + sp + "*[年년]" + sp + "*)?(" + d + "{1,2})" + sp +
                            "*([月월])"},
      {Kind::kCjkYear, "(" + d + "{4})" + sp + "*([年년])"},
      {Kind::kCjkDay, "(" + d + "{1,2})" + sp + "*([日号일])"},
      {Kind::kWeekday, "(?:(" +
                           Alternation(RuleList(data, "weekday_next"), true) + "|" +
                           Alternation(RuleList(data, "weekday_last"), true) + ")" + sp + "+)?(" +
                           Alternation(weekday_names, true) + ")"},
      {Kind::kRelativeDay, "(" + Alternation(Keys(RuleMap(data, "relative_days")), true) + ")"},
      {Kind::kAnchoredDay, "(" + Alternation(Keys(RuleMap(data, "anchored_days")), true) + ")"},
      {Kind::kApproxQuantity,
       "(" + Alternation(Keys(RuleMap(data, "approx_quantities")), true) + ")(?:(?:" + sp + "+" +
           elided_connectors + sp + "*|" + sp + "+" + word_connectors + sp + "+|" + sp + "+)(" +
           kWord + ")|(" + kCjkWord + "))"},
      // "12 milhões de turistas": a connector may follow a scale word.
      // Groups: 1 number, 2 scale word (its boundary may eat the space), 3
      // counted word, 4 second word; or 5 number, 6 CJK scale, 7 CJK word.
      {Kind::kQuantity, "(" + num + ")(?:" + sp + "?(" + Alternation(word_scales, true) +
                            "\\.?)" + kBoundary + sp + "*|" + sp + "+)(?:" + word_connectors + sp +
                            "+|" + elided_connectors + sp + "*)?(" + kWord + ")(?:" + sp + "+(" +
                            kWord + "))?|(" + num + ")(?:" + sp + "?(" +
                            Alternation(cjk_scales, false) + "))?(" + kCjkWord + ")"},
  };
  std::vector<std::string> spelled;
  for (const auto& [k, v] : rules->number_words) spelled.push_back(k);
  const std::string amount = "(" + num + "|" + Alternation(spelled, true) + ")";
  std::vector<std::string> prefixes = RuleList(data, "offset_ago"), suffixes = RuleList(data, "offset_after");
  for (const auto& w : RuleList(data, "offset_future")) prefixes.push_back(w);
  for (const auto& w : RuleList(data, "offset_before")) suffixes.push_back(w);
  for (const auto& w : RuleList(data, "offset_ago")) suffixes.push_back(w);
  std::vector<std::string> markers_suffix, markers_prefix;
  for (const auto& [k, v] : RuleMap(data, "time_markers")) markers_suffix.push_back(k);
  for (const auto& [k, v] : RuleMap(data, "time_prefixes")) markers_prefix.push_back(k);
  const std::string marker = "(" + Alternation(markers_suffix, true) + ")";
  // Groups: 1-2 "21h30" (first: the marker alternative would stop at
  // "21h"); 3 prefix, 4 hour, 5 minutes, 6 marker, 7 CJK minutes; 8-9 "21:30".
  sources.push_back(
      {Kind::kTime, "(" + d + "{1,2})h(" + d + "{2})|(?:(" + Alternation(markers_prefix, true) +
                        ")" + sp + "*)?(" + d + "{1,2})(?:[:.h](" + d + "{2}))?" + sp + "?" +
                        marker + "(?:" + sp + "*(" + d + "{1,2})" + sp + "?(?:分|min))?|(" + d +
                        "{1,2}):(" + d + "{2})"});
  sources.push_back({Kind::kDuration, "(?:(" + Alternation(prefixes, true) + ")" + sp + "+)?" +
                                          amount + sp + "*(" +
                                          Alternation(Keys(RuleMap(data, "duration_units")), true) +
                                          ")(?:" + sp + "*(" + Alternation(suffixes, true) + "))?"});
  std::vector<std::string> range_openers, range_middles;
  for (const auto& [middle, opener] : RuleMap(data, "range_connectors")) {
    range_middles.push_back(middle);
    if (!opener.empty()) range_openers.push_back(opener);
  }
  // "10-12 January" (groups 1-4) or "du 10 au 12 janvier" (groups 5-10).
  sources.push_back({Kind::kDayRange, "(" + d + "{1,2})" + suffix + "\\.?" + sp + "?[-\\x{2013}]" +
                                          sp + "?(" + d + "{1,2})" + suffix + "\\.?" + sp + "+" +
                                          conn + month + "(?:,?" + sp + "+" + conn + year + ")?|(" +
                                          Alternation(range_openers, true) + ")" + sp + "+(" + d +
                                          "{1,2})" + suffix + "\\.?" + sp + "+(" +
                                          Alternation(range_middles, true) + ")" + sp + "+(" + d +
                                          "{1,2})" + suffix + "\\.?" + sp + "+" + conn + month +
                                          "(?:,?" + sp + "+" + conn + year + ")?"});
  sources.push_back({Kind::kYearRange, year + sp + "?[-\\x{2013}]" + sp + "?" + year + "|(" +
                                           Alternation(range_openers, true) + ")" + sp + "+" +
                                           year + sp + "+(" + Alternation(range_middles, true) +
                                           ")" + sp + "+" + year});
  sources.push_back({Kind::kRelativePeriod,
                     "(" + Alternation(Keys(RuleMap(data, "relative_periods")), true) + ")"});
  if (option("month_day_order") == "true") {
    sources.push_back({Kind::kMonthDay, month + sp + "+(" + d + "{1,2})" + suffix + "(?:,?" +
                                            sp + "+" + year + ")?"});
  }
  // Memory budgets bound each DFA cache (RE2 falls back to slower, still
  // correct matching when one runs out; a failed Set match tries every
  // pattern).
  RE2::Options re_options;
  re_options.set_log_errors(false);
  re_options.set_max_mem(8 << 20);
  RE2::Options set_options = re_options;
  set_options.set_max_mem(32 << 20);
  // The literals each pattern's matches can start with besides a digit
  // (they must cover every non-digit start, or facts are lost; extra ones
  // only cost a failed anchored match). Listed alternations are matched
  // with (?i), which folds as Folded() and the trigger do (fact_text.h).
  // Items spell the first element and what must follow it where that is
  // short: "in" + space + a month name, not "in" (a space in an item is a
  // run of space, FactTrigger::kDigit a digit).
  auto join = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> out;
    out.reserve(a.size() * b.size());
    for (const std::string& x : a) {
      if (x.empty()) continue;
      for (const std::string& y : b) out.push_back(x + y);
    }
    return out;
  };
  auto concat = [](std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  const std::vector<std::string> space = {" "}, optional_space = {"", " "};
  const std::vector<std::string> digit = {FactTrigger::kDigit};
  const std::vector<std::string> units = Keys(RuleMap(data, "duration_units"));
  auto leading_items = [&](Kind kind) -> std::vector<std::string> {
    auto keys = [&](const char* key) { return Keys(RuleMap(data, key)); };
    switch (kind) {
      case Kind::kPhone:
        return {"+", "("};
      case Kind::kMoneySymbolFirst:
        return rules->currencies.ListedSymbols();  // and [A-Z]{3}, below
      case Kind::kMonthYear:
      case Kind::kMonthDay:
        return join(month_all, {" ", "."});  // month\.? sp+
      case Kind::kModifierMonth:
      case Kind::kModifierYear:
        return keys("month_modifiers");
      case Kind::kPrepMonth:
        return join(join(RuleList(data, "date_prepositions"), space), month_wide);
      case Kind::kPrepYear:
        return join(join(RuleList(data, "year_prepositions"), space), digit);
      case Kind::kWeekday:
        return concat(join(join(concat(RuleList(data, "weekday_next"),
                                       RuleList(data, "weekday_last")),
                                space),
                           weekday_names),
                      weekday_names);
      case Kind::kRelativeDay:
        return keys("relative_days");
      case Kind::kAnchoredDay:
        return keys("anchored_days");
      case Kind::kApproxQuantity:
        return keys("approx_quantities");
      case Kind::kRelativePeriod:
        return keys("relative_periods");
      case Kind::kTime:
        return join(join(markers_prefix, optional_space), digit);  // (prefix sp*)? d
      case Kind::kDuration:
        // (prefix sp+)? amount sp* unit
        return concat(join(join(spelled, optional_space), units),
                      join(join(prefixes, space), concat(digit, spelled)));
      case Kind::kDayRange:
      case Kind::kYearRange:
        return join(join(range_openers, space), digit);  // opener sp+ d
      default:
        return {};  // digits only
    }
  };
  if (sources.size() >= kOrdinalBit) {
    return absl::InternalError(absl::StrCat("facts/", code, ".yaml: too many patterns"));
  }
  // The digit set may be stricter than a pattern as long as it matches
  // wherever the pattern yields a fact. The money pattern reads any word
  // after a number as a possible currency (a listed alternation would make
  // its submatch extraction slow) and Handle() rejects nearly all of them
  // ("10 January", "2014 the"); its set entry lists every currency word
  // FindPrefix() accepts, so numbers without a currency never run the
  // pattern.
  const std::string money_gate = money_number_first(rules->currencies.ListedWordPattern());
  std::vector<std::string> digit_gates;
  for (auto& [kind, source] : sources) {
    auto re = std::make_unique<RE2>(source, re_options);
    if (!re->ok()) {
      return absl::InternalError(absl::StrCat("facts/", code, ".yaml: bad pattern (kind ",
                                              static_cast<int>(kind), "): ", re->error()));
    }
    const size_t index = rules->patterns.size();
    const uint64_t bit = uint64_t{1} << index;
    for (const std::string& item : leading_items(kind)) rules->trigger.AddItem(item, bit);
    if (kind == Kind::kMoneySymbolFirst) rules->trigger.AddAsciiCapitals(3, bit);  // ISO codes
    if (!NeedsDigit(kind)) rules->digit_free_mask |= bit;
    if (CanStartWithDigit(kind)) {
      rules->digit_patterns.push_back(index);
      rules->digit_mask |= bit;
      digit_gates.push_back(kind == Kind::kMoneyNumberFirst ? money_gate : source);
    }
    rules->patterns.push_back(Pattern{kind, std::move(re)});
  }
  rules->names = NameFinder::Build(code, data, calendar_words);
  rules->ordinals = OrdinalFinder::Build(code, data, calendar_words);
  if (rules->ordinals->Screenable()) {
    for (const std::string& word : rules->ordinals->LeadingWords()) {
      rules->trigger.AddItem(word, kOrdinalStart);
    }
  }
  rules->trigger.AddRange('0', '9', kDigitStart);
  rules->trigger.AddRange(0xFF10, 0xFF19, kDigitStart);
  rules->trigger.Compile();
  {
    // Any failure leaves the set null: every digit pattern is then tried.
    auto set = std::make_unique<RE2::Set>(set_options, RE2::ANCHOR_START);
    bool ok = true;
    for (const std::string& gate : digit_gates) ok = ok && set->Add(gate, nullptr) >= 0;
    if (ok && set->Compile()) rules->digit_set = std::move(set);
  }
  return rules;
}

// Everything one Extract() call needs while walking the sentences.
struct CallState {
  const LanguageRules* rules;
  DateResolver resolver;
  // The last date mentioned and its precision: the anchor of "the
  // following day" (day), "two months later" (day or month), "two years
  // later" (any); a year is kept as its 1 January, a month as its first.
  std::optional<CivilDay> last_day;
  Grain last_grain = Grain::kUnspecified;
  std::vector<Fact> facts;
  // Key -> facts[i]. Keys are short: the word hash, not std::hash's
  // byte-wise one (nothing iterates the map).
  std::unordered_map<std::string, size_t, NameFinder::ViewHash, std::equal_to<>> index;
  std::string key;  // reused buffer
};

// The strings are taken by rvalue reference and moved only into a new fact:
// a mention of a known fact (most name mentions) copies nothing.
void AddMention(CallState* state, FactType type, std::string&& value, std::string&& unit,
                Grain grain, std::string&& modifier, double confidence, TextRange range,
                int sentence) {
  std::string& key = state->key;
  key.clear();
  key.push_back(static_cast<char>('A' + static_cast<int>(type)));
  key += value;
  key.push_back('\x1f');
  key += unit;
  // "the third quarter" and "the third quarter in a row" are two facts.
  if (type == FactType::kOrdinal) {
    key.push_back('\x1f');
    key += modifier;
  }
  // try_emplace looks up first: no node is built for a known fact.
  auto [it, inserted] = state->index.try_emplace(key, state->facts.size());
  if (inserted) {
    // Built in place: no Fact (three strings and a vector) is moved.
    Fact& fact = state->facts.emplace_back();
    fact.type = type;
    fact.value = std::move(value);
    fact.unit = std::move(unit);
    fact.grain = grain;
    fact.modifier = std::move(modifier);
    fact.confidence = confidence;
  }
  Fact& fact = state->facts[it->second];
  fact.confidence = std::max(fact.confidence, confidence);
  fact.mentions.push_back(FactMention{range, sentence});
}

class SentenceMatcher {
 public:
  SentenceMatcher(const LanguageRules& rules, std::string_view s) : rules_(rules), s_(s) {}

  // Each pattern is tried anchored at the positions the trigger reports
  // for it, left to right, as an unanchored search from the end of the
  // last fact would find them: a match RE2 finds unanchored from `pos`
  // starts at the leftmost position >= pos where the pattern matches, and
  // is the match anchored there. Positions the trigger skips cannot start
  // a fact (Bounded() rejects glued starts; the other starts of each
  // pattern are its listed literals and digits), and a rejected match only
  // moves the search on, so the candidates are the same.
  // `trigger_hits` is the trigger's scan of the sentence (its masks are
  // rewritten: pattern bits where a pattern may match).
  void Run(std::vector<FactTrigger::Hit>* trigger_hits, std::vector<Candidate>* out) {
    std::vector<FactTrigger::Hit>& hits = *trigger_hits;
    if (hits.empty()) return;  // most sentences: no HasDigit() scan either
    // A digit hit is a digit (ASCII or fullwidth, which HasDigit() finds
    // too): the sentence is then not scanned again.
    bool has_digit = false;
    for (const FactTrigger::Hit& hit : hits) {
      if (hit.mask & kDigitStart) {
        has_digit = true;
        break;
      }
    }
    if (!has_digit) has_digit = HasDigit(s_);
    thread_local std::vector<int> tls_set_hits;
    std::vector<int>& set_hits = tls_set_hits;
    const size_t n = s_.size();
    uint64_t any = 0;
    for (FactTrigger::Hit& hit : hits) {
      // A start Bounded() rejects ("14" of "3.14", "000" of "2,000", "35"
      // of "F-35") yields no candidate whatever matches there: no pattern
      // is run at it. Such starts are a quarter of the digit hits of news
      // text.
      if (BadNumberStart(hit.pos)) {
        hit.mask = 0;
        continue;
      }
      if (hit.mask & kDigitStart) {
        hit.mask &= ~kDigitStart;
        RE2::Set::ErrorInfo info;
        if (rules_.digit_set &&
            rules_.digit_set->Match(re2::StringPiece(s_.data() + hit.pos, n - hit.pos), &set_hits,
                                    &info)) {
          for (int h : set_hits) {
            hit.mask |= uint64_t{1} << rules_.digit_patterns[static_cast<size_t>(h)];
          }
        } else if (!rules_.digit_set || info.kind != RE2::Set::kNoError) {
          hit.mask |= rules_.digit_mask;
        }
      }
      if (!has_digit) hit.mask &= rules_.digit_free_mask;
      any |= hit.mask;
    }
    if (any == 0) return;
    re2::StringPiece groups[12];
    const re2::StringPiece text(s_.data(), n);
    // Pattern order: candidates that tie in the sort of Extract() keep it.
    for (size_t index = 0; index < rules_.patterns.size(); ++index) {
      const uint64_t bit = uint64_t{1} << index;
      if (!(any & bit)) continue;
      const Pattern& pattern = rules_.patterns[index];
      if (NeedsDigit(pattern.kind) && !has_digit) continue;
      const int ngroups = std::min(12, pattern.re->NumberOfCapturingGroups() + 1);
      size_t pos = 0;
      for (const FactTrigger::Hit& hit : hits) {
        if (!(hit.mask & bit) || hit.pos < pos) continue;
        if (!MatchAt(pattern, text, hit.pos, ngroups, groups)) continue;
        const size_t match_end = hit.pos + groups[0].size();
        const size_t b = groups[0].data() - s_.data();
        size_t e = b;
        for (int g = 1; g < ngroups; ++g) {
          if (groups[g].data() != nullptr) {
            e = std::max(e, static_cast<size_t>(groups[g].data() - s_.data() + groups[g].size()));
          }
        }
        if (e == b) e = b + groups[0].size();
        // Uncaptured letters right after the last group belong to the
        // mention ("4th" of "March 4th"); a consumed boundary does not.
        while (e < match_end && IsWordChar(CodePointAt(s_, e))) {
          e += U8_LENGTH(CodePointAt(s_, e));
        }
        Candidate c;
        c.span_begin = c.begin = b;
        c.span_end = c.end = e;
        c.priority = Priority(pattern.kind);
        if (Bounded(b, e) && Handle(pattern.kind, groups, &c)) {
          pos = std::max(c.span_end, b + 1);
          out->push_back(std::move(c));
        }
      }
    }
  }

 private:
  size_t Off(const re2::StringPiece& g) const { return g.data() - s_.data(); }
  size_t End(const re2::StringPiece& g) const { return Off(g) + g.size(); }
  static bool Has(const re2::StringPiece& g) { return g.data() != nullptr && !g.empty(); }
  static std::string_view View(const re2::StringPiece& g) { return {g.data(), g.size()}; }

  // The match of `pattern` anchored at byte `at` of `text` (the sentence),
  // with its first `ngroups` groups.
  static bool MatchAt(const Pattern& pattern, const re2::StringPiece& text, size_t at,
                      int ngroups, re2::StringPiece* groups) {
    const RE2& re = *pattern.re;
    const size_t n = text.size();
    if (ngroups > 1 && OneCall(pattern.kind)) {
      // RE2 runs the two steps below inside this one call (see OneCall).
      return re.Match(text, at, n, RE2::ANCHOR_START, groups, ngroups);
    }
    // Two steps, as RE2 itself does after an unanchored DFA search: the
    // DFA finds the match's end (most tries fail within a few bytes), then
    // the submatches come from the match alone. One anchored call with
    // submatches would run its backtracker over the rest of the sentence,
    // clearing a bitmap of that size on every try. The highest-priority
    // parse of the match is the highest-priority match: the submatches are
    // those of one call.
    if (!re.Match(text, at, n, RE2::ANCHOR_START, groups, 1)) return false;
    if (ngroups == 2 && WholeMatchGroup(pattern.kind)) {
      groups[1] = groups[0];
      return true;
    }
    const size_t match_end = at + groups[0].size();
    // (The second try is for a pattern anchored at its end.)
    return ngroups <= 1 || re.Match(text, at, match_end, RE2::ANCHOR_BOTH, groups, ngroups) ||
           re.Match(text, at, n, RE2::ANCHOR_START, groups, ngroups);
  }

  // Whether a match starting at `b` is glued to the word before it: the
  // first test of Bounded().
  bool GluedStart(size_t b) const {
    const char32_t first = CodePointAt(s_, b);
    const char32_t before = CodePointBefore(s_, b);
    return IsWordChar(first) && IsWordChar(before) && !IsCjk(first) && !IsCjk(before);
  }

  // The tests of Bounded() that depend on the start alone, for a start
  // that is an ASCII digit: model and variant numbers ("F-35", "COVID-19",
  // "Su-27") and a number glued to a decimal mark before it ("3.14" seen
  // from "14"). `before` (an ASCII byte) is the code point before `b`.
  bool BadNumberStart(size_t b) const {
    if (b == 0 || b >= s_.size() || s_[b] < '0' || s_[b] > '9') return false;
    const char before = s_[b - 1];
    if (before == '-') return u_isalpha(CodePointBefore(s_, b - 1));
    if (before == '.' || before == ',') return b >= 2 && s_[b - 2] >= '0' && s_[b - 2] <= '9';
    return false;
  }

  // Word boundaries on both sides, except next to CJK characters.
  bool Bounded(size_t b, size_t e) const {
    if (GluedStart(b) || BadNumberStart(b)) return false;
    const char32_t last = CodePointBefore(s_, e);
    const char32_t after = CodePointAt(s_, e);
    if (IsWordChar(last) && IsWordChar(after) && !IsCjk(last) && !IsCjk(after)) {
      return false;
    }
    return true;
  }

  int MonthOf(const re2::StringPiece& g) const {
    auto it = rules_.months.find(StripDot(Folded(View(g))));
    return it == rules_.months.end() ? 0 : it->second;
  }

  bool ParseNumber(const re2::StringPiece& g, DecimalNumber* out) const {
    // "000" of "40 000" (a group split off by a plain space) is no number.
    if (g.size() >= 2 && g[0] == '0' && g[1] >= '0' && g[1] <= '9') return false;
    return rules_.numbers->Parse(View(g), out);
  }

  int ScaleOf(const re2::StringPiece& word, const re2::StringPiece& cjk) const {
    std::string key;
    if (Has(word)) key = StripDot(Folded(View(word)));
    if (Has(cjk)) key = std::string(View(cjk));
    if (key.empty()) return 0;
    auto it = rules_.scales.find(key);
    if (it == rules_.scales.end() && Has(word)) it = rules_.scales.find(Folded(View(word)));
    return it == rules_.scales.end() ? 0 : it->second;
  }

  // The previous whitespace-separated token, folded ("p.", "page", "№").
  std::string PreviousToken(size_t b) const {
    size_t e = b;
    while (e > 0 && (s_[e - 1] == ' ')) --e;
    size_t a = e;
    while (a > 0 && s_[a - 1] != ' ') --a;
    return Folded(s_.substr(a, e - a));
  }

  static bool PlausibleYear(int y) { return y >= 1800 && y <= 2200; }

  bool Handle(Kind kind, const re2::StringPiece* g, Candidate* c) {
    switch (kind) {
      case Kind::kPhone:
        c->block_only = true;
        return true;
      case Kind::kMoneySymbolFirst:
      case Kind::kMoneyNumberFirst: {
        const bool symbol_first = kind == Kind::kMoneySymbolFirst;
        const re2::StringPiece& cur = symbol_first ? g[1] : g[6];
        const re2::StringPiece& number = symbol_first ? g[2] : g[3];
        const re2::StringPiece& wscale = symbol_first ? g[3] : g[4];
        const re2::StringPiece& cscale = symbol_first ? g[4] : g[5];
        DecimalNumber value;
        CurrencyMatch currency;
        size_t length = 0;
        if (!ParseNumber(number, &value) ||
            !rules_.currencies.FindPrefix(View(cur), &currency, &length)) {
          return false;
        }
        if (!symbol_first) {
          // "120 dollars in cash": the mention ends after the currency.
          c->end = c->span_end = Off(cur) + length;
          if (!Bounded(c->begin, c->end)) return false;
        }
        value.Scale(ScaleOf(wscale, cscale));
        if (!symbol_first && Has(g[1])) {
          // 1兆 + 5000億: exact integer sum (fits int64 for any real amount).
          DecimalNumber big;
          if (!ParseNumber(g[1], &big)) return false;
          big.Scale(ScaleOf(re2::StringPiece(), g[2]));
          const int64_t a = big.ToInt(), b = value.ToInt();
          if (a < 0 || b < 0) return false;
          value.digits = std::to_string(a + b);
          value.exponent = 0;
        }
        c->type = FactType::kMoney;
        c->value = value.ToString();
        c->unit = currency.code;
        c->confidence = currency.ambiguous ? 0.7 : 0.95;
        return true;
      }
      case Kind::kPercent: {
        DecimalNumber value;
        if (!ParseNumber(g[1], &value)) return false;
        c->type = FactType::kPercent;
        c->value = value.ToString();
        c->confidence = 0.95;
        return true;
      }
      case Kind::kDayMonth: {
        c->is_date = true;
        c->date.day = ParseSmallInt(View(g[1]));
        c->date.month = MonthOf(g[2]);
        if (Has(g[3])) c->date.year = ParseSmallInt(View(g[3]));
        return ValidDay(c);
      }
      case Kind::kMonthDay: {
        c->is_date = true;
        c->date.month = MonthOf(g[1]);
        c->date.day = ParseSmallInt(View(g[2]));
        if (Has(g[3])) c->date.year = ParseSmallInt(View(g[3]));
        return ValidDay(c);
      }
      case Kind::kMonthYear: {
        c->is_date = true;
        c->date.month = MonthOf(g[1]);
        c->date.year = ParseSmallInt(View(g[2]));
        return c->date.month > 0 && PlausibleYear(c->date.year);
      }
      case Kind::kModifierMonth: {
        auto it = rules_.month_modifiers.find(Folded(View(g[1])));
        if (it == rules_.month_modifiers.end()) return false;
        c->is_date = true;
        c->modifier = it->second;
        c->date.month = MonthOf(g[2]);
        if (Has(g[3])) c->date.year = ParseSmallInt(View(g[3]));
        return c->date.month > 0 && (c->date.year == 0 || PlausibleYear(c->date.year));
      }
      case Kind::kModifierYear: {
        auto it = rules_.month_modifiers.find(Folded(View(g[1])));
        if (it == rules_.month_modifiers.end()) return false;
        c->is_date = true;
        c->modifier = it->second;
        c->date.year = ParseSmallInt(View(g[2]));
        return PlausibleYear(c->date.year);
      }
      case Kind::kPrepMonth: {
        c->is_date = true;
        c->begin = Off(g[2]);
        c->date.month = MonthOf(g[2]);
        if (Has(g[3])) c->date.year = ParseSmallInt(View(g[3]));
        return c->date.month > 0 && (c->date.year == 0 || PlausibleYear(c->date.year));
      }
      case Kind::kPrepYear: {
        c->is_date = true;
        c->begin = Off(g[2]);
        c->date.year = ParseSmallInt(View(g[2]));
        return PlausibleYear(c->date.year);
      }
      case Kind::kIsoDate:
        c->is_date = true;
        c->date.year = ParseSmallInt(View(g[1]));
        c->date.month = ParseSmallInt(View(g[2]));
        c->date.day = ParseSmallInt(View(g[3]));
        return ValidDay(c);
      case Kind::kDottedDate:
      case Kind::kSlashDate: {
        c->is_date = true;
        const int a = ParseSmallInt(View(g[1]));
        const int b = ParseSmallInt(View(g[2]));
        c->date.year = ParseSmallInt(View(g[3]));
        // Dotted dates are day-first wherever they are used; slashes follow
        // the language's convention, or the numbers when one exceeds 12.
        char order = kind == Kind::kDottedDate ? 'd' : rules_.numeric_order;
        if (a > 12 && b <= 12) order = 'd';
        if (b > 12 && a <= 12) order = 'm';
        if (order == 0) return false;  // "10/01/2022" in English: ambiguous
        c->date.day = order == 'd' ? a : b;
        c->date.month = order == 'd' ? b : a;
        return ValidDay(c);
      }
      case Kind::kCjkDate:
        c->is_date = true;
        if (Has(g[1])) c->date.year = ParseSmallInt(View(g[1]));
        c->date.month = ParseSmallInt(View(g[2]));
        c->date.day = ParseSmallInt(View(g[3]));
        return ValidDay(c);
      case Kind::kCjkMonth:
        c->is_date = true;
        if (Has(g[1])) c->date.year = ParseSmallInt(View(g[1]));
        c->date.month = ParseSmallInt(View(g[2]));
        return c->date.month >= 1 && c->date.month <= 12 &&
               (c->date.year == 0 || PlausibleYear(c->date.year));
      case Kind::kCjkDay:
        // "13日": a day of the month nearest to the reference day.
        c->is_date = true;
        c->date.day = ParseSmallInt(View(g[1]));
        c->date.month = -1;
        return c->date.day >= 1 && c->date.day <= 31;
      case Kind::kCjkYear:
        c->is_date = true;
        c->date.year = ParseSmallInt(View(g[1]));
        return PlausibleYear(c->date.year);
      case Kind::kWeekday: {
        auto it = rules_.weekdays.find(Folded(View(g[2])));
        if (it == rules_.weekdays.end()) return false;
        c->is_date = true;
        c->date.weekday = it->second;
        if (Has(g[1])) {
          const std::string mod = Folded(View(g[1]));
          c->date.weekday_direction = rules_.weekday_next.contains(mod) ? 1 : -1;
        }
        return true;
      }
      case Kind::kRelativeDay: {
        auto it = rules_.relative_days.find(Folded(View(g[1])));
        if (it == rules_.relative_days.end()) return false;
        c->is_date = true;
        c->date.relative_days = it->second;
        return true;
      }
      case Kind::kAnchoredDay: {
        auto it = rules_.anchored_days.find(Folded(View(g[1])));
        if (it == rules_.anchored_days.end()) return false;
        c->is_date = true;
        c->date.anchor_days = it->second;
        return true;
      }
      case Kind::kApproxQuantity: {
        auto it = rules_.approx_quantities.find(Folded(View(g[1])));
        if (it == rules_.approx_quantities.end()) return false;
        const re2::StringPiece& word = Has(g[2]) ? g[2] : g[3];
        const std::string unit = Folded(View(word));
        if (rules_.function_words.contains(unit) || !u_isalpha(CodePointAt(s_, Off(word)))) {
          return false;
        }
        c->type = FactType::kQuantity;
        c->value = it->second;
        c->unit = std::string(View(word));
        if (size_t ub, ue; CjkUnit(word, &ub, &ue)) {
          c->unit = std::string(s_.substr(ub, ue - ub));
          c->end = c->span_end = ue;
        }
        c->modifier = "approx";
        c->confidence = 0.7;
        return true;
      }
      case Kind::kQuantity:
        return HandleQuantity(g, c);
      case Kind::kTime:
        return HandleTime(g, c);
      case Kind::kDuration:
        return HandleDuration(g, c);
      case Kind::kDayRange: {
        c->is_date = true;
        if (Has(g[1])) {
          c->date.day = ParseSmallInt(View(g[1]));
          c->date.range_end_day = ParseSmallInt(View(g[2]));
          c->date.month = MonthOf(g[3]);
          if (Has(g[4])) c->date.year = ParseSmallInt(View(g[4]));
        } else {
          auto it = rules_.range_connectors.find(Folded(View(g[7])));
          if (it == rules_.range_connectors.end() || it->second != Folded(View(g[5]))) {
            return false;
          }
          c->date.day = ParseSmallInt(View(g[6]));
          c->date.range_end_day = ParseSmallInt(View(g[8]));
          c->date.month = MonthOf(g[9]);
          if (Has(g[10])) c->date.year = ParseSmallInt(View(g[10]));
        }
        return ValidDay(c) && c->date.range_end_day > c->date.day &&
               c->date.range_end_day <= 31;
      }
      case Kind::kYearRange: {
        int y1, y2;
        if (Has(g[1])) {
          y1 = ParseSmallInt(View(g[1]));
          y2 = ParseSmallInt(View(g[2]));
        } else {
          auto it = rules_.range_connectors.find(Folded(View(g[5])));
          if (it == rules_.range_connectors.end() || it->second != Folded(View(g[3]))) {
            return false;
          }
          y1 = ParseSmallInt(View(g[4]));
          y2 = ParseSmallInt(View(g[6]));
        }
        if (!PlausibleYear(y1) || !PlausibleYear(y2) || y2 <= y1 || y2 - y1 > 100) return false;
        c->is_date = true;
        c->date.year = y1;
        c->date.range_end_year = y2;
        return true;
      }
      case Kind::kRelativePeriod: {
        auto it = rules_.relative_periods.find(Folded(View(g[1])));
        if (it == rules_.relative_periods.end()) return false;
        c->is_date = true;
        c->date.period_unit = it->second[0];
        std::string_view amount = std::string_view(it->second).substr(1);
        const bool negative = !amount.empty() && amount[0] == '-';
        if (!amount.empty() && (amount[0] == '-' || amount[0] == '+')) amount.remove_prefix(1);
        const int n = amount.empty() ? 0 : ParseSmallInt(amount);
        if (n < 0) return false;
        c->date.period_amount = negative ? -n : n;
        return true;
      }
    }
    return false;
  }

  // "9 a.m.", "21:30", "21h30", "9 Uhr", "上午9点", "午後3時30分".
  bool HandleTime(const re2::StringPiece* g, Candidate* c) {
    int hour = -1, minute = 0;
    bool minutes = false;
    if (Has(g[1])) {
      hour = ParseSmallInt(View(g[1]));
      minute = ParseSmallInt(View(g[2]));
      minutes = true;
    } else if (Has(g[8])) {
      hour = ParseSmallInt(View(g[8]));
      minute = ParseSmallInt(View(g[9]));
      minutes = true;
    } else {
      hour = ParseSmallInt(View(g[4]));
      if (Has(g[5])) {
        minute = ParseSmallInt(View(g[5]));
        minutes = true;
      } else if (Has(g[7])) {
        minute = ParseSmallInt(View(g[7]));
        minutes = true;
      }
      std::string half;
      if (auto it = rules_.time_markers.find(Folded(View(g[6])));
          it != rules_.time_markers.end()) {
        half = it->second;
      }
      if (Has(g[3])) {
        if (auto it = rules_.time_prefixes.find(Folded(View(g[3])));
            it != rules_.time_prefixes.end()) {
          half = it->second;
        }
      }
      if (!half.empty()) {
        if (hour < 1 || hour > 12) return false;
        if (half == "pm" && hour < 12) hour += 12;
        if (half == "am" && hour == 12) hour = 0;
      }
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return false;
    // "hh:mm" (both checked above; no snprintf format parsing per match).
    const char value[5] = {static_cast<char>('0' + hour / 10), static_cast<char>('0' + hour % 10),
                           ':', static_cast<char>('0' + minute / 10),
                           static_cast<char>('0' + minute % 10)};
    c->type = FactType::kTime;
    c->value.assign(value, sizeof(value));
    c->grain = minutes ? Grain::kMinute : Grain::kHour;
    c->confidence = 0.85;
    return true;
  }

  // "for two months" (P2M), "two weeks later" (after the last date),
  // "three years ago" / "vor drei Jahren" (before the reference day),
  // "in two weeks" / "через две недели" (after the reference day).
  bool HandleDuration(const re2::StringPiece* g, Candidate* c) {
    DecimalNumber amount;
    if (!ParseNumber(g[2], &amount)) {
      auto it = rules_.number_words.find(Folded(View(g[2])));
      if (it == rules_.number_words.end() || !rules_.ascii_numbers->Parse(it->second, &amount)) {
        return false;
      }
    }
    auto unit_it = rules_.duration_units.find(Folded(View(g[3])));
    if (unit_it == rules_.duration_units.end()) return false;
    const std::string& unit = unit_it->second;
    // "2014年", "2014 года": a year, not 2014 years.
    if (unit == "Y" && View(g[2]).size() == 4 && PlausibleYear(ParseSmallInt(View(g[2])))) {
      return false;
    }
    const std::string prefix = Has(g[1]) ? Folded(View(g[1])) : std::string();
    const std::string suffix = Has(g[4]) ? Folded(View(g[4])) : std::string();
    const int64_t n = amount.ToInt();
    const bool calendar_unit = unit == "D" || unit == "W" || unit == "M" || unit == "Y";
    int sign = 0;
    bool anchored = false;
    if (rules_.offset_after.contains(suffix)) {
      sign = 1;
      anchored = true;
    } else if (rules_.offset_before.contains(suffix)) {
      sign = -1;
      anchored = true;
    } else if (rules_.offset_ago.contains(suffix) || rules_.offset_ago.contains(prefix)) {
      sign = -1;
    } else if (rules_.offset_future.contains(prefix)) {
      sign = 1;
    }
    if (sign != 0 && calendar_unit && n > 0 && n < 10000) {
      c->is_date = true;
      c->date.offset_unit = unit[0];
      (anchored ? c->date.anchor_days : c->date.relative_days) = sign * static_cast<int>(n);
      return true;
    }
    if (!prefix.empty()) c->begin = Off(g[2]);  // "in two hours": the duration only
    if (!suffix.empty()) c->end = End(g[3]);
    const std::string number = amount.ToString();
    c->type = FactType::kDuration;
    if (unit == "H" || unit == "MIN" || unit == "S") {
      c->value = "PT" + number + (unit == "MIN" ? "M" : unit);
    } else {
      c->value = "P" + number + unit;
    }
    c->confidence = 0.8;
    return true;
  }

  // The counted noun after a CJK number: no spaces, so skip a counter word
  // ("名", "个") and keep up to two characters, stopping at kana particles
  // ("数万名士兵集结" -> "士兵", "5000人が" -> "人"). Returns false when the
  // word is not CJK; `counter` says whether it began with a counter word.
  bool CjkUnit(const re2::StringPiece& word, size_t* begin, size_t* end,
               bool* counter = nullptr) const {
    auto hiragana = [](char32_t c) { return c >= 0x3040 && c <= 0x309F; };
    size_t b = Off(word);
    const size_t e = End(word);
    const char32_t first = CodePointAt(s_, b);
    if (!IsCjk(first)) return false;
    char buf[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, static_cast<UChar32>(first), error);
    const std::string first_char(buf, error ? 0 : n);
    const bool is_counter = rules_.classifiers.contains(first_char);
    if (counter != nullptr) *counter = is_counter;
    if (is_counter && rules_.noun_classifiers.contains(first_char)) {
      *begin = b;  // "120人": the counter is the noun (people)
      *end = b + n;
      return true;
    }
    if (is_counter && b + n < e && !hiragana(CodePointAt(s_, b + n))) b += n;
    size_t k = b;
    for (int chars = 0; chars < 2 && k < e; ++chars) {
      const char32_t c = CodePointAt(s_, k);
      if (chars > 0 && hiragana(c)) break;
      k += U8_LENGTH(c);
    }
    *begin = b;
    *end = std::min(k, e);
    return true;
  }

  bool HandleQuantity(const re2::StringPiece* g, Candidate* c) {
    const bool spaced = Has(g[1]);
    const re2::StringPiece& number = spaced ? g[1] : g[5];
    const re2::StringPiece& wscale = g[2];
    const re2::StringPiece& cscale = g[6];
    const re2::StringPiece& word = spaced ? g[3] : g[7];
    const re2::StringPiece& word2 = g[4];
    DecimalNumber value;
    if (!ParseNumber(number, &value)) return false;
    const bool scaled = Has(wscale) || Has(cscale);
    const std::string_view digits = View(number);
    // Years ("in 2014 troops") and numbers after "p.", "No.", "#".
    if (!scaled && digits.size() == 4 && PlausibleYear(ParseSmallInt(digits))) return false;
    const std::string previous = PreviousToken(Off(number));
    if (rules_.number_blockers.contains(previous)) return false;
    // "Boeing 737 aircraft", "Windows 11 machines": a number right after a
    // capitalized word (not the sentence's first) names a model.
    if (spaced) {
      size_t e = Off(number);
      while (e > 0 && s_[e - 1] == ' ') --e;
      size_t a = e;
      while (a > 0 && s_[a - 1] != ' ') --a;
      const char32_t p = CodePointAt(s_, a);
      if (a > 0 && a < e && (u_isupper(p) || u_istitle(p)) && u_isalpha(CodePointBefore(s_, e)) &&
          !rules_.function_words.contains(previous) &&
          !rules_.months.contains(StripDot(previous))) {
        return false;
      }
    }
    if (!u_isalpha(CodePointAt(s_, Off(word)))) return false;
    if (!spaced) {
      // Without spaces only a counter word ("名", "人", "颗") marks a count;
      // "5月", "13日" are dates.
      size_t ub, ue;
      bool counter = false;
      if (!CjkUnit(word, &ub, &ue, &counter) || !counter) return false;
    }
    const std::string w1 = Folded(View(word));
    if (rules_.function_words.contains(w1) || rules_.months.contains(StripDot(w1)) ||
        rules_.scales.contains(w1)) {
      return false;
    }
    const char32_t first = CodePointAt(s_, Off(word));
    if (!rules_.capitalized_nouns && (u_isupper(first) || u_istitle(first))) return false;
    c->type = FactType::kQuantity;
    value.Scale(ScaleOf(wscale, cscale));
    c->value = value.ToString();
    size_t unit_end = End(word);
    // "14 weather satellites": a modifier noun before a plural head.
    if (Has(word2) && !rules_.plural_suffixes.empty()) {
      const std::string w2 = Folded(View(word2));
      auto plural = [&](const std::string& w) {
        for (const auto& suffix : rules_.plural_suffixes) {
          if (w.size() > suffix.size() + 2 && w.ends_with(suffix)) return true;
        }
        return false;
      };
      if (!plural(w1) && plural(w2) && !rules_.function_words.contains(w2)) {
        unit_end = End(word2);
      }
    }
    size_t unit_begin = Off(word);
    if (size_t ub, ue; CjkUnit(word, &ub, &ue)) {
      unit_begin = ub;
      unit_end = ue;
    }
    c->unit = std::string(s_.substr(unit_begin, unit_end - unit_begin));
    // "1 min 48 s", "6 t": abbreviations count only when listed ("km").
    if (spaced && CodePointCount(c->unit) < 3 &&
        !rules_.short_units.contains(Folded(c->unit))) {
      return false;
    }
    if (!rules_.quantity_units.empty()) {
      // Languages with plural suffixes and a unit list (English): a count
      // names a plural noun or a unit ("6.8 struck" is a magnitude).
      const size_t space = c->unit.rfind(' ');
      const std::string last = Folded(space == std::string::npos ? c->unit
                                                                 : c->unit.substr(space + 1));
      bool plural = rules_.quantity_units.contains(last);
      for (const auto& suffix : rules_.plural_suffixes) {
        plural = plural || (last.size() > suffix.size() + 2 && last.ends_with(suffix));
      }
      if (!plural && value.ToInt() != 1) return false;
    }
    c->end = c->span_end = unit_end;
    c->confidence = 0.6;
    return true;
  }

  static bool ValidDay(Candidate* c) {
    const DateSpec& d = c->date;
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return false;
    if (d.year != 0 && !PlausibleYear(d.year)) return false;
    return true;
  }

  const LanguageRules& rules_;
  std::string_view s_;
};

// Turns a date candidate into (value, grain, modifier, confidence), in
// document order so that "the following day" sees the last date.
// Day arithmetic in a unit: D, W (days), M, Y (calendar months).
CivilDay AddUnits(const CivilDay& day, int amount, char unit) {
  switch (unit) {
    case 'W': return CivilFromDays(DaysFromCivil(day) + 7 * amount);
    case 'M': return AddMonths(day, amount);
    case 'Y': return AddMonths(day, 12 * amount);
    default: return CivilFromDays(DaysFromCivil(day) + amount);
  }
}

bool ResolveDate(CallState* state, Candidate* c) {
  const DateSpec& d = c->date;
  const DateResolver& r = state->resolver;
  c->type = FactType::kDate;
  std::optional<CivilDay> day;
  if (d.period_unit != 0) {
    // "last year", "next month", "this week".
    if (!r.has_reference()) return false;
    c->modifier = "relative";
    c->confidence = 0.75;
    const CivilDay& ref = r.reference();
    switch (d.period_unit) {
      case 'Y':
        c->grain = Grain::kYear;
        c->value = FormatIsoYear(ref.year + d.period_amount);
        return true;
      case 'M': {
        const CivilDay m = AddMonths(ref, d.period_amount);
        c->grain = Grain::kMonth;
        c->value = FormatIsoMonth(m.year, m.month);
        return true;
      }
      default:
        c->grain = Grain::kWeek;
        c->value = FormatIsoWeek(AddUnits(ref, d.period_amount, 'W'));
        return true;
    }
  }
  if (d.anchor_days != kNone) {
    if (!state->last_day) return false;
    const CivilDay shifted = AddUnits(*state->last_day, d.anchor_days, d.offset_unit);
    c->modifier = "relative";
    c->confidence = 0.8;
    const bool calendar = d.offset_unit == 'M' || d.offset_unit == 'Y';
    if (state->last_grain == Grain::kMonth && calendar) {
      c->grain = Grain::kMonth;
      c->value = FormatIsoMonth(shifted.year, shifted.month);
      state->last_day = shifted;
      return true;
    }
    if (state->last_grain == Grain::kYear && d.offset_unit == 'Y') {
      c->grain = Grain::kYear;
      c->value = FormatIsoYear(shifted.year);
      state->last_day = shifted;
      return true;
    }
    if (state->last_grain != Grain::kDay) return false;  // "the next day" after "in 2014"
    day = shifted;
  } else if (d.relative_days != kNone) {
    if (!r.has_reference()) return false;
    day = AddUnits(r.reference(), d.relative_days, d.offset_unit);
    c->modifier = "relative";
    c->confidence = 0.7;
    // "three months ago" names a month, "two years ago" a year.
    if (d.offset_unit == 'M') {
      c->grain = Grain::kMonth;
      c->value = FormatIsoMonth(day->year, day->month);
      return true;
    }
    if (d.offset_unit == 'Y') {
      c->grain = Grain::kYear;
      c->value = FormatIsoYear(day->year);
      return true;
    }
  } else if (d.weekday != 0) {
    day = r.ResolveWeekday(d.weekday, d.weekday_direction);
    c->modifier = "relative";
    c->confidence = 0.6;
  } else if (d.day != 0 && d.month < 0) {
    // Day of month only: this month, the last or the next, whichever is
    // nearest to the reference day.
    if (!r.has_reference()) return false;
    const CivilDay& ref = r.reference();
    const int64_t ref_days = DaysFromCivil(ref);
    int64_t best = -1;
    for (int delta = -1; delta <= 1; ++delta) {
      CivilDay m = AddMonths({ref.year, ref.month, 1}, delta);
      m.day = d.day;
      if (!IsValidDay(m)) continue;
      const int64_t distance = std::llabs(DaysFromCivil(m) - ref_days);
      if (best < 0 || distance < best) {
        best = distance;
        day = m;
      }
    }
    if (!day) return false;
    c->confidence = 0.6;
  } else if (d.day != 0) {
    CivilDay cd{d.year, d.month, d.day};
    c->confidence = 0.95;
    if (cd.year == 0) {
      auto y = r.InferYear(d.month, d.day);
      if (!y) return false;
      cd.year = *y;
      c->confidence = 0.7;
    }
    if (!IsValidDay(cd)) return false;
    if (d.range_end_day != 0) {
      const CivilDay last{cd.year, cd.month, d.range_end_day};
      if (!IsValidDay(last)) return false;
      c->grain = Grain::kDay;
      c->value = FormatIsoDay(cd) + "/" + FormatIsoDay(last);
      state->last_day = last;
      state->last_grain = Grain::kDay;
      return true;
    }
    day = cd;
  } else if (d.month != 0) {
    int year = d.year;
    c->confidence = 0.9;
    if (year == 0) {
      auto y = r.InferYear(d.month, 0);
      if (!y) return false;
      year = *y;
      c->confidence = 0.65;
    }
    c->grain = Grain::kMonth;
    c->value = FormatIsoMonth(year, d.month);
    state->last_day = CivilDay{year, d.month, 1};
    state->last_grain = Grain::kMonth;
    return true;
  } else if (d.year != 0) {
    c->grain = Grain::kYear;
    c->value = FormatIsoYear(d.year);
    if (d.range_end_year != 0) {
      c->value += "/" + FormatIsoYear(d.range_end_year);
    } else {
      state->last_day = CivilDay{d.year, 1, 1};
      state->last_grain = Grain::kYear;
    }
    c->confidence = 0.9;
    return true;
  }
  if (!day) return false;
  state->last_day = day;
  state->last_grain = Grain::kDay;
  c->grain = Grain::kDay;
  c->value = FormatIsoDay(*day);
  return true;
}

// ResolveDate once: resolution moves the "last date" anchor.
bool Resolve(CallState* state, Candidate* c) {
  if (c->resolved == 0) c->resolved = ResolveDate(state, c) ? 1 : -1;
  return c->resolved > 0;
}

// Two adjacent dates joined by a range connector ("and" after "between",
// "to" after "from", "-", "bis" after "von"): sets where the opener starts.
bool RangeBetween(const LanguageRules& rules, std::string_view s, const Candidate& a,
                  const Candidate& b, size_t* opener_begin) {
  if (a.end > b.span_begin) return false;
  std::string_view middle = s.substr(a.end, b.span_begin - a.end);
  while (!middle.empty() && middle.front() == ' ') middle.remove_prefix(1);
  while (!middle.empty() && middle.back() == ' ') middle.remove_suffix(1);
  if (middle.empty() || middle.size() > 24) return false;
  auto it = rules.range_connectors.find(Folded(middle));
  if (it == rules.range_connectors.end()) {
    if (middle != "-" && middle != "\u2013") return false;
    *opener_begin = a.begin;
    return true;
  }
  const std::string& opener = it->second;
  if (opener.empty()) {
    *opener_begin = a.begin;
    return true;
  }
  // The opener is inside the first date's span ("from 2014") or before it.
  std::string_view before = s.substr(0, a.begin);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  const size_t take = std::min<size_t>(before.size(), opener.size() + 8);
  const std::string tail = Folded(before.substr(before.size() - take));
  if (!tail.ends_with(opener)) return false;
  const size_t start = tail.size() - opener.size();
  if (start > 0 && IsWordChar(CodePointBefore(tail, start))) return false;
  // Folding may change byte lengths; close enough for a mention start.
  *opener_begin = before.size() - (tail.size() - start);
  return true;
}

// A range bound at month precision: "the end of 2029" -> "2029-12".
std::string MonthBound(const Candidate& c, bool end) {
  if (c.grain != Grain::kYear || c.value.find('/') != std::string::npos) return c.value;
  const char* month = end ? "-12" : "-01";
  if (c.modifier == "early") month = "-01";
  if (c.modifier == "mid") month = "-06";
  if (c.modifier == "late") month = "-12";
  return c.value + month;
}

}  // namespace

struct FactExtractor::Impl {
  std::unordered_map<std::string, std::unique_ptr<LanguageRules>> languages;
  std::unique_ptr<LanguageRules> fallback;  // numbers, symbols, CJK dates only
};

FactExtractor::FactExtractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FactExtractor::~FactExtractor() = default;

absl::StatusOr<std::unique_ptr<FactExtractor>> FactExtractor::Create(
    const std::map<std::string, FactRulesData>& languages) {
  auto impl = std::make_unique<Impl>();
  // Currency symbols are written the same way in every language: each
  // file's symbol table applies everywhere (its own file wins).
  std::map<std::string, std::string> global_symbols;
  std::vector<std::string> global_ambiguous;
  for (const auto& [code, data] : languages) {
    for (const auto& [k, v] : RuleMap(data, "currency_symbols")) global_symbols.emplace(k, v);
    for (const auto& s : RuleList(data, "ambiguous_currency_symbols")) global_ambiguous.push_back(s);
  }
  for (const auto& [code, data] : languages) {
    // Languages without a facts file use the language-free fallback.
    if (data.lists.empty() && data.maps.empty()) continue;
    auto rules = BuildRules(code, data, global_symbols, global_ambiguous);
    if (!rules.ok()) return rules.status();
    impl->languages.emplace(code, std::move(rules).value());
  }
  auto fallback = BuildRules("", FactRulesData{}, global_symbols, global_ambiguous);
  if (!fallback.ok()) return fallback.status();
  impl->fallback = std::move(fallback).value();
  return std::unique_ptr<FactExtractor>(new FactExtractor(std::move(impl)));
}

std::vector<Fact> FactExtractor::Extract(const icu::UnicodeString& text,
                                         const std::vector<TextRange>& sentences,
                                         const std::vector<bool>& skip,
                                         const FactContext& context) const {
  const LanguageRules* rules = impl_->fallback.get();
  std::string lang = context.language;
  if (auto dash = lang.find_first_of("-_"); dash != std::string::npos) lang.resize(dash);
  if (auto it = impl_->languages.find(lang); it != impl_->languages.end()) {
    rules = it->second.get();
  }
  CallState state{rules, DateResolver(context.reference_time_ms, context.time_zone), {}, {}, {}, {}};
  // One UTF-8 copy of the text (RE2 and the name finder work on UTF-8),
  // with the byte range of each sentence.
  SentenceUtf8 utf8;
  utf8.Assign(text, TextRange{0, text.length()});
  const std::string_view all = utf8.utf8();
  // Sized for the facts of a typical news text (about one per 40 bytes):
  // growing the vector moved every Fact (three strings and a vector) and
  // rehashed the index several times per call.
  const size_t expected_facts = all.size() / 40 + 16;
  state.facts.reserve(expected_facts);
  state.index.reserve(expected_facts);
  std::vector<std::pair<size_t, size_t>> bytes;
  std::vector<bool> skipped;
  std::vector<int> sentence_ids;
  bytes.reserve(sentences.size());
  for (size_t si = 0; si < sentences.size(); ++si) {
    const TextRange range = sentences[si];
    if (range.begin < 0 || range.end > text.length() || range.empty()) continue;
    const size_t b = utf8.ByteAt(range.begin);
    const size_t e = utf8.ByteAt(range.end);
    if (!bytes.empty() && b < bytes.back().second) continue;  // overlapping input
    bytes.emplace_back(b, e);
    skipped.push_back(si < skip.size() && skip[si]);
    sentence_ids.push_back(static_cast<int>(si));
  }
  std::vector<Candidate> candidates;
  std::unordered_set<std::string> person_like;  // multi-word NAMEs
  std::unordered_set<std::string> cue_orgs;     // ORGANIZATIONs from a cue
  std::vector<std::pair<size_t, size_t>> claimed;
  std::vector<FoundName> names;
  std::vector<FoundOrdinal> ordinals;
  std::vector<Candidate*> kept;
  thread_local std::vector<FactTrigger::Hit> tls_hits;
  std::vector<FactTrigger::Hit>& hits = tls_hits;
  for (size_t k = 0; k < bytes.size(); ++k) {
    if (skipped[k]) continue;
    const int si = sentence_ids[k];
    const auto [sb, se] = bytes[k];
    // Offsets below are relative to the sentence `s`.
    const std::string_view s = all.substr(sb, se - sb);
    // One scan finds where the patterns and the ordinal words can start.
    hits.clear();
    rules->trigger.Scan(s, &hits);
    bool ordinal_possible = !rules->ordinals->Screenable();
    for (const FactTrigger::Hit& hit : hits) {
      if (ordinal_possible) break;
      ordinal_possible = (hit.mask & kOrdinalStart) ||
                         ((hit.mask & kDigitStart) && rules->ordinals->DigitsMayStart(s, hit.pos));
    }
    candidates.clear();
    SentenceMatcher(*rules, s).Run(&hits, &candidates);
    // Leftmost first; at the same start the higher priority, then the
    // longer span. Overlapping later candidates are dropped.
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      if (a.span_begin != b.span_begin) return a.span_begin < b.span_begin;
      if (a.priority != b.priority) return a.priority > b.priority;
      return a.span_end > b.span_end;
    });
    claimed.clear();
    kept.clear();
    size_t covered = 0;
    for (Candidate& c : candidates) {
      if (c.span_begin < covered) continue;
      covered = c.span_end;
      claimed.emplace_back(c.span_begin, c.span_end);
      if (!c.block_only) kept.push_back(&c);
    }
    for (size_t j = 0; j < kept.size(); ++j) {
      Candidate& c = *kept[j];
      size_t opener = 0;
      if (c.is_date && j + 1 < kept.size() && kept[j + 1]->is_date &&
          RangeBetween(*rules, s, c, *kept[j + 1], &opener)) {
        // "between March 2027 and the end of 2029" -> "2027-03/2029-12".
        Candidate& e = *kept[j + 1];
        if (Resolve(&state, &c) && Resolve(&state, &e) &&
            c.value.find('/') == std::string::npos && e.value.find('/') == std::string::npos) {
          const bool months = c.grain == Grain::kMonth || e.grain == Grain::kMonth;
          std::string value = months ? MonthBound(c, false) + "/" + MonthBound(e, true)
                                     : c.value + "/" + e.value;
          AddMention(&state, FactType::kDate, std::move(value), std::string(),
                     months ? Grain::kMonth : c.grain, std::string(),
                     std::min(c.confidence, e.confidence),
                     utf8.Range(sb + std::min(opener, c.begin), sb + e.end), si);
          ++j;
          continue;
        }
      }
      if (c.is_date && !Resolve(&state, &c)) continue;
      AddMention(&state, c.type, std::move(c.value), std::move(c.unit), c.grain,
                 std::move(c.modifier), c.confidence, utf8.Range(sb + c.begin, sb + c.end), si);
    }
    // Ordinals after the dates ("3rd March" is a date), before the names
    // ("Third-quarter" is no name).
    ordinals.clear();
    if (ordinal_possible) rules->ordinals->Find(s, claimed, &ordinals);
    for (FoundOrdinal& o : ordinals) {
      AddMention(&state, FactType::kOrdinal, std::to_string(o.value), std::move(o.unit),
                 Grain::kUnspecified, std::move(o.modifier), o.confidence,
                 utf8.Range(sb + o.begin, sb + o.end), si);
      claimed.emplace_back(o.begin, o.phrase_end);
    }
    names.clear();
    rules->names->Find(s, claimed, &names);
    for (FoundName& n : names) {
      if (n.person_like) person_like.insert(n.value);
      if (n.from_cue) cue_orgs.insert(n.value);
      AddMention(&state, n.type, std::move(n.value), std::string(), Grain::kUnspecified,
                 std::string(), n.confidence, utf8.Range(sb + n.begin, sb + n.end), si);
    }
  }

  // A surname alone ("Biden administration", "Ryabkov said") is a mention
  // of the full name given elsewhere in the text.
  std::vector<Fact>& facts = state.facts;
  // Single words used as names anywhere (sentence-initial ones included).
  std::unordered_set<std::string> singles;
  for (const Fact& f : facts) {
    if ((f.type == FactType::kName || f.type == FactType::kPerson) &&
        f.value.find(' ') == std::string::npos) {
      singles.insert(f.value);
    }
  }
  for (Fact& f : facts) {
    if (f.type != FactType::kName || !person_like.contains(f.value)) continue;
    const size_t space = f.value.rfind(' ');
    if (singles.contains(f.value.substr(space + 1))) {
      f.type = FactType::kPerson;
      f.confidence = std::max(f.confidence, 0.7);
    }
  }
  std::unordered_map<std::string, size_t> surname;  // last word -> person
  for (size_t i = 0; i < facts.size(); ++i) {
    const Fact& f = facts[i];
    if (f.type != FactType::kPerson) continue;
    const size_t space = f.value.rfind(' ');
    if (space == std::string::npos) continue;
    surname.emplace(f.value.substr(space + 1), i);
  }
  std::vector<bool> drop(facts.size(), false);
  auto merge_into = [&](size_t from, size_t into) {
    Fact& target = facts[into];
    const Fact& f = facts[from];
    target.mentions.insert(target.mentions.end(), f.mentions.begin(), f.mentions.end());
    std::sort(target.mentions.begin(), target.mentions.end(),
              [](const FactMention& a, const FactMention& b) {
                return a.range.begin < b.range.begin;
              });
    drop[from] = true;
  };
  for (size_t i = 0; i < facts.size(); ++i) {
    Fact& f = facts[i];
    // A company known only from a cue may be a surname after all ("John
    // Smith ... Smith said in a statement").
    const bool mergeable = f.type == FactType::kPerson || f.type == FactType::kName ||
                           (f.type == FactType::kOrganization && cue_orgs.contains(f.value));
    if (!mergeable || f.value.find(' ') != std::string::npos) {
      continue;
    }
    auto it = surname.find(f.value);
    if (it == surname.end()) continue;
    merge_into(i, it->second);
  }
  // A company known from a context cue ("shares of Toyota") is that company
  // in every other mention of the word ("Toyota said ...").
  if (!cue_orgs.empty()) {
    std::unordered_map<std::string, size_t> org_index;
    for (size_t i = 0; i < facts.size(); ++i) {
      if (!drop[i] && facts[i].type == FactType::kOrganization && cue_orgs.contains(facts[i].value)) {
        org_index.emplace(facts[i].value, i);
      }
    }
    for (size_t i = 0; i < facts.size(); ++i) {
      if (drop[i] || facts[i].type != FactType::kName) continue;
      auto it = org_index.find(facts[i].value);
      if (it != org_index.end()) merge_into(i, it->second);
    }
  }
  // Order of first mention (a merged surname may precede the full name),
  // ties in fact order: (first mention, index) pairs are sorted, not the
  // facts, whose moves (three strings and a vector each) cost more.
  std::vector<std::pair<int32_t, size_t>> order;
  order.reserve(facts.size());
  for (size_t i = 0; i < facts.size(); ++i) {
    // Unmerged sentence-initial single words (confidence 0) are not names.
    if (drop[i] || facts[i].confidence <= 0.0) continue;
    order.emplace_back(facts[i].mentions.front().range.begin, i);
  }
  std::sort(order.begin(), order.end());
  std::vector<Fact> out;
  out.reserve(order.size());
  for (const auto& [begin, i] : order) out.push_back(std::move(facts[i]));
  return out;
}

}  // namespace precis
