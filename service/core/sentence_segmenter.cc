#include "sentence_segmenter.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "unicode/brkiter.h"
#include "unicode/datefmt.h"
#include "unicode/dtfmtsym.h"
#include "unicode/locid.h"
#include "unicode/smpdtfmt.h"
#include "unicode/uchar.h"
#include "unicode/utf16.h"

// Why not plain ICU: its sentence rules (UAX #29) break after any period
// followed by a capital ("U.S. President", "Dr. Smith", "J. R. Smith",
// "12. Juni"), after every line feed, and before list items only by accident.
// The CLDR suppression lists ("@ss=standard") fix a few titles but join
// sentences after ordinary words ("vor. Der", "Act. The", "sociaux. Selon";
// measured on news, see service/data/segmentation/en.yaml), so they are off
// and the abbreviation lists are our own. ICU proposes boundaries over a copy
// of the text whose hard-wrapped line feeds are blanked, and the rules below,
// in the spirit of the Golden Rules of the Pragmatic Segmenter (Dias 2015)
// and of Punkt (Kiss & Strunk 2006, "Unsupervised multilingual sentence
// boundary detection", Computational Linguistics 32(4)), veto, move or add
// boundaries using per-language data.

namespace precis {
namespace {

struct U16Hash {
  using is_transparent = void;
  size_t operator()(std::u16string_view s) const {
    return std::hash<std::u16string_view>{}(s);
  }
};
using U16Set = std::unordered_set<std::u16string, U16Hash, std::equal_to<>>;

// Lines narrower than this are never treated as hard-wrapped prose (lists,
// verse, addresses keep their line breaks).
constexpr int32_t kMinWrapWidth = 30;
// Longest number read as an ordinal or list number ("12." but not "2024.").
constexpr int32_t kMaxOrdinalDigits = 3;
// Longest token looked at before a period.
constexpr int32_t kMaxTokenLength = 64;

std::u16string ToU16(std::string_view utf8) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  return std::u16string(u.getBuffer(), u.length());
}

std::u16string Fold(const char16_t* s, int32_t len) {
  icu::UnicodeString u(s, len);
  u.foldCase();
  return std::u16string(u.getBuffer(), u.length());
}

int SentenceBreakClass(UChar32 c) {
  return u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
}
bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c); }
bool IsFormat(UChar32 c) { return u_charType(c) == U_FORMAT_CHAR; }
// Quotes and brackets, opening or closing (UAX #29 class Close), and the
// Spanish inverted marks.
bool IsQuoteOrBracket(UChar32 c) {
  return SentenceBreakClass(c) == U_SB_CLOSE || c == u'¿' || c == u'¡';
}
bool IsTerminator(UChar32 c) {
  const int sb = SentenceBreakClass(c);
  return sb == U_SB_ATERM || sb == U_SB_STERM;
}
bool IsLetter(UChar32 c) {
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK)) != 0;
}
bool IsUpper(UChar32 c) { return u_isupper(c) || u_istitle(c); }
bool IsDigit(UChar32 c) { return u_isdigit(c); }
bool IsBullet(UChar32 c) {
  switch (c) {
    case u'•': case u'◦': case u'‣': case u'⁃': case u'▪': case u'▫':
    case u'►': case u'▸': case u'◆': case u'◇': case u'●': case u'○':
    case u'■': case u'□': case u'✓': case u'✔': case u'➢': case u'→':
      return true;
    default:
      return false;
  }
}
bool IsDash(UChar32 c) {
  return c == u'-' || c == u'–' || c == u'—' || c == u'*';
}

// Read-only view of the text being segmented.
class Text {
 public:
  Text(const char16_t* s, int32_t n) : s_(s), n_(n) {}
  int32_t size() const { return n_; }
  const char16_t* data() const { return s_; }
  char16_t unit(int32_t i) const { return s_[i]; }
  UChar32 At(int32_t i) const {
    UChar32 c;
    U16_GET(s_, 0, i, n_, c);
    return c;
  }
  // The code point before position i, and its start in *start.
  UChar32 Before(int32_t i, int32_t* start) const {
    UChar32 c;
    U16_PREV(s_, 0, i, c);
    *start = i;
    return c;
  }
  int32_t Next(int32_t i) const {
    U16_FWD_1(s_, i, n_);
    return i;
  }
  std::u16string_view View(int32_t b, int32_t e) const {
    return std::u16string_view(s_ + b, e - b);
  }

 private:
  const char16_t* s_;
  int32_t n_;
};

// The first position in [from, to) holding the ASCII unit `c`, or `to`.
// memchr over the bytes is vectorized; a hit is checked as a whole unit.
int32_t Find(const Text& t, int32_t from, int32_t to, char16_t c) {
  const char* base = reinterpret_cast<const char*>(t.data());
  const char* p = base + 2 * static_cast<size_t>(from);
  const char* end = base + 2 * static_cast<size_t>(to);
  while (p < end) {
    const void* hit = std::memchr(p, static_cast<unsigned char>(c), end - p);
    if (hit == nullptr) return to;
    const int32_t i = static_cast<int32_t>((static_cast<const char*>(hit) - base) / 2);
    if (i >= from && t.unit(i) == c) return i;
    p = static_cast<const char*>(hit) + 1;
  }
  return to;
}

enum class WordKind { kNone, kUpper, kLower, kDigit, kOtherLetter, kSymbol };

struct Word {
  int32_t begin = 0;
  int32_t end = 0;
  WordKind kind = WordKind::kNone;
};

// The word that starts at or after `pos`, past white space, quotes, brackets
// and format characters: letters (with marks and apostrophes) or digits.
Word NextWord(const Text& t, int32_t pos) {
  Word w;
  int32_t i = pos;
  while (i < t.size()) {
    const UChar32 c = t.At(i);
    if (!IsSpace(c) && !IsQuoteOrBracket(c) && !IsFormat(c)) break;
    i = t.Next(i);
  }
  if (i >= t.size()) return w;
  w.begin = i;
  const UChar32 c = t.At(i);
  if (IsDigit(c)) {
    w.kind = WordKind::kDigit;
    while (i < t.size() && IsDigit(t.At(i))) i = t.Next(i);
  } else if (IsLetter(c)) {
    w.kind = IsUpper(c)   ? WordKind::kUpper
             : u_islower(c) ? WordKind::kLower
                            : WordKind::kOtherLetter;
    while (i < t.size()) {
      const UChar32 d = t.At(i);
      if (!IsLetter(d) && d != u'\'' && d != u'’') break;
      i = t.Next(i);
    }
  } else {
    w.kind = WordKind::kSymbol;
    i = t.Next(i);
  }
  w.end = i;
  return w;
}

// What the token before a period is.
enum class TokenKind {
  kNone,
  kTitle,         // "Dr", "Gen": never ends a sentence.
  kAbbreviation,  // Listed, multi-period ("U.S", "z.B") or symbolic ("N°").
  kInitial,       // One letter: "J", "А", "p", "г".
  kNumber,        // 1-3 digits: an ordinal in some languages.
  kRoman,         // "XII": an ordinal in some languages.
  kWord,          // A plain word.
  kOther,         // Numbers with separators, e-mail addresses, URLs...
};

struct LanguageRules {
  std::unique_ptr<icu::BreakIterator> prototype;
  U16Set abbreviations;
  U16Set titles;
  U16Set starters;  // Case-folded.
  U16Set months;    // Case-folded.
  // Ordinals are written "3.": "12. Juni", "XII. pluk".
  bool ordinal_period = false;
  // Armenian text typed with ASCII ':' for the full stop '։'.
  bool colon_is_full_stop = false;
  // Greek: ';' is the question mark (U+037E normalizes to it).
  bool semicolon_is_question = false;
};

std::string PrimarySubtag(std::string_view language) {
  const size_t cut = language.find_first_of("-_@");
  return absl::AsciiStrToLower(std::string(language.substr(0, cut)));
}

absl::StatusOr<LanguageRules> BuildRules(const std::string& code,
                                         const SegmentationData* data,
                                         const std::vector<std::string>* starters) {
  LanguageRules rules;
  UErrorCode status = U_ZERO_ERROR;
  const bool ss = data != nullptr && data->cldr_suppressions;
  const icu::Locale locale =
      code.empty() ? icu::Locale::getRoot()
                   : icu::Locale(ss ? (code + "@ss=standard").c_str() : code.c_str());
  rules.prototype.reset(icu::BreakIterator::createSentenceInstance(locale, status));
  if (U_FAILURE(status) || rules.prototype == nullptr) {
    return absl::InternalError(absl::StrCat("ICU sentence iterator for '", code,
                                            "': ", u_errorName(status)));
  }
  if (data != nullptr) {
    for (const std::string& a : data->abbreviations) rules.abbreviations.insert(ToU16(a));
    for (const std::string& a : data->title_abbreviations) rules.titles.insert(ToU16(a));
  }
  if (starters != nullptr) {
    for (const std::string& w : *starters) {
      const std::u16string u = ToU16(w);
      rules.starters.insert(Fold(u.data(), static_cast<int32_t>(u.size())));
    }
  }
  if (code.empty()) return rules;

  const icu::Locale plain(code.c_str());
  // Month names for "12. Juni" / "7. apríla": wide format (genitive in Slavic
  // languages), stand-alone, and abbreviated without its period.
  status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols(plain, status);
  if (U_SUCCESS(status)) {
    using S = icu::DateFormatSymbols;
    for (auto context : {S::FORMAT, S::STANDALONE}) {
      for (auto width : {S::WIDE, S::ABBREVIATED}) {
        int32_t count = 0;
        const icu::UnicodeString* months = symbols.getMonths(count, context, width);
        for (int32_t i = 0; i < count; ++i) {
          icu::UnicodeString m = months[i];
          if (m.endsWith(u".")) m.truncate(m.length() - 1);
          if (m.length() < 3) continue;
          m.foldCase();
          rules.months.insert(std::u16string(m.getBuffer(), m.length()));
        }
      }
    }
  }
  // Languages whose long date pattern writes the day "d." ("12. Juni",
  // "7. apríla") also write other ordinals that way ("21. Jahrhundert").
  // (ICU's ordinal number format is no guide: it gives "3." for Russian.)
  status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateFormat> date(
      icu::DateFormat::createDateInstance(icu::DateFormat::kLong, plain));
  if (auto* simple = dynamic_cast<icu::SimpleDateFormat*>(date.get())) {
    icu::UnicodeString pattern;
    simple->toPattern(pattern);
    bool quoted = false;
    for (int32_t i = 0; i + 1 < pattern.length(); ++i) {
      if (pattern[i] == u'\'') quoted = !quoted;
      if (!quoted && pattern[i] == u'd' && pattern[i + 1] == u'.') {
        rules.ordinal_period = true;
      }
    }
  }
  rules.colon_is_full_stop = code == "hy";
  rules.semicolon_is_question = code == "el";
  return rules;
}

// A list marker at `pos`: an optional bullet, then "12.", "12)", "12.)",
// "a." or "a)", followed by white space; or a bullet alone. Returns the
// position after the marker (before the white space), or -1. `value` gets the
// number (letters a=1..., 0 for a bullet alone), `letter` whether it is a
// letter marker, `bullet` whether a bullet came first.
int32_t ParseListMarker(const Text& t, int32_t pos, int* value, bool* letter,
                        bool* bullet) {
  int32_t i = pos;
  *value = 0;
  *bullet = false;
  if (i < t.size() && IsBullet(t.At(i))) {
    *bullet = true;
    i = t.Next(i);
    while (i < t.size() && t.unit(i) == u' ') ++i;
  }
  const int32_t start = i;
  int v = 0;
  while (i < t.size() && i - start < kMaxOrdinalDigits && t.unit(i) >= u'0' &&
         t.unit(i) <= u'9') {
    v = v * 10 + (t.unit(i) - u'0');
    ++i;
  }
  *letter = false;
  if (i == start) {
    if (i < t.size() && t.unit(i) >= u'a' && t.unit(i) <= u'z') {
      v = t.unit(i) - u'a' + 1;
      *letter = true;
      ++i;
    } else {
      return *bullet ? i : -1;
    }
  }
  if (i >= t.size()) return -1;
  if (t.unit(i) == u'.') {
    ++i;
    if (i < t.size() && t.unit(i) == u')') ++i;
  } else if (t.unit(i) == u')') {
    ++i;
  } else {
    return -1;
  }
  if (i < t.size() && !IsSpace(t.At(i))) return -1;
  *value = v;
  return i;
}

bool StartsListItem(const Text& t, int32_t pos) {
  int value;
  bool letter, bullet;
  if (ParseListMarker(t, pos, &value, &letter, &bullet) >= 0) return true;
  // "- item", "* item", "– item".
  return pos + 1 < t.size() && IsDash(t.At(pos)) && t.unit(pos + 1) == u' ';
}

// How far a quotation is followed across sentence boundaries.
constexpr int32_t kMaxQuoteSpan = 250;

bool IsOpeningQuote(char16_t c) {
  return c == u'"' || c == u'„' || c == u'“' || c == u'«' || c == u'‹' || c == u'‚' ||
         c == u'《' || c == u'〈';
}
bool IsClosingQuote(char16_t c) {
  return c == u'"' || c == u'“' || c == u'”' || c == u'»' || c == u'›' || c == u'‘' ||
         c == u'’' || c == u'》' || c == u'〉';
}

// A line feed or a quotation mark: what the quote sweep looks for.
bool IsQuoteSweepMark(char16_t c) {
  return c == u'\n' || IsOpeningQuote(c) || IsClosingQuote(c);
}

// Whether the boundary at `cut` lies inside a quotation that the sentence
// goes on after: a title in 《》 ("《摔跤吧！爸爸》"), or a quote closed with a
// comma before a lower-case attribution ('„… váhu. V podstate …,“ reagoval',
// '"We will fight. We will win," he said', '„Wir sind bereit. Wir kämpfen“,
// sagte er'). Such a quote is one sentence with its attribution, as in the
// Golden Rules. `last_mark` is the last line feed or quotation mark before
// `cut`; `*next_mark` caches the first one at or after it.
bool InsideContinuedQuote(const Text& t, int32_t cut, int32_t last_mark,
                          int32_t* next_mark) {
  if (t.unit(cut - 1) == u'\n' || last_mark < 0 || cut - last_mark >= kMaxQuoteSpan) {
    return false;
  }
  const int32_t open = last_mark;
  const char16_t opener = t.unit(open);
  if (opener == u'《' || opener == u'〈') {
    for (int32_t i = cut; i < t.size() && i - open < kMaxQuoteSpan; ++i) {
      if (t.unit(i) == u'\n') return false;
      if (t.unit(i) == u'》' || t.unit(i) == u'〉') return true;
    }
    return false;
  }
  const bool at_word_start =
      open == 0 || IsSpace(t.unit(open - 1)) || t.unit(open - 1) == u'(';
  if (!IsOpeningQuote(opener) || !at_word_start || opener == u'‚') return false;
  if (*next_mark < cut) {
    *next_mark = cut;
    while (*next_mark < t.size() && !IsQuoteSweepMark(t.unit(*next_mark))) ++*next_mark;
  }
  const int32_t i = *next_mark;
  if (i >= t.size() || i - open >= kMaxQuoteSpan || !IsClosingQuote(t.unit(i))) return false;
  // The comma inside ('win again," he') or outside („kämpfen“, sagte er).
  int32_t after = i + 1;
  if (t.unit(i - 1) != u',') {
    while (after < t.size() && t.unit(after) == u' ') ++after;
    if (after >= t.size() || t.unit(after) != u',') return false;
    ++after;
  }
  const Word next = NextWord(t, after);
  return next.kind == WordKind::kLower && next.begin > after;
}

// Drops the cuts (sorted) that InsideContinuedQuote describes. One sweep over
// the text finds the marks before and after each cut, so the cost stays
// linear however many cuts there are. `t` is the text ICU read, where joined
// line feeds are spaces.
void DropCutsInsideContinuedQuotes(const Text& t, std::vector<int32_t>* cuts) {
  int32_t last_mark = -1;  // Last mark before the current cut.
  int32_t scanned = 0;     // Marks before `scanned` are known.
  int32_t next_mark = -1;  // First mark at or after the current cut.
  size_t kept = 0;
  for (const int32_t cut : *cuts) {
    for (; scanned < cut; ++scanned) {
      if (IsQuoteSweepMark(t.unit(scanned))) last_mark = scanned;
    }
    if (!InsideContinuedQuote(t, cut, last_mark, &next_mark)) (*cuts)[kept++] = cut;
  }
  cuts->resize(kept);
}

// Whether `r` ends with terminal punctuation, before any closing quotes.
bool EndsWithTerminator(const Text& t, TextRange r) {
  int32_t e = r.end;
  while (e > r.begin && (IsClosingQuote(t.unit(e - 1)) || IsOpeningQuote(t.unit(e - 1)))) --e;
  int32_t start;
  return e > r.begin && IsTerminator(t.Before(e, &start));
}

// A segment that is only a parenthesis, such as a citation "(Smith 55).",
// belongs to the sentence before it when that one has no full stop
// ('"... stairways [...]" (Smith 55).').
bool IsParentheticalOnly(const Text& t, int32_t b, int32_t e) {
  if (e - b > 60 || t.unit(b) != u'(') return false;
  int32_t close = -1;
  for (int32_t i = b + 1; i < e; ++i) {
    if (t.unit(i) == u'(') return false;
    if (t.unit(i) == u')') {
      close = i;
      break;
    }
  }
  if (close < 0) return false;
  for (int32_t i = close + 1; i < e; ++i) {
    if (!IsTerminator(t.At(i))) return false;
  }
  return true;
}

}  // namespace

struct SentenceSegmenter::Impl {
  std::map<std::string, LanguageRules, std::less<>> languages;
  LanguageRules root;

  const LanguageRules& Rules(std::string_view language) const {
    const auto it = languages.find(PrimarySubtag(language));
    return it == languages.end() ? root : it->second;
  }

  // Per-call state.
  struct Run {
    const Text& t;
    const LanguageRules& rules;
  };

  bool IsStarter(const Run& r, const Word& w) const {
    if (w.kind != WordKind::kUpper || r.rules.starters.empty()) return false;
    return r.rules.starters.contains(
        Fold(r.t.data() + w.begin, w.end - w.begin));
  }

  static bool IsSingleLetterWithPeriod(const Text& t, const Word& w) {
    return (w.kind == WordKind::kUpper || w.kind == WordKind::kLower ||
            w.kind == WordKind::kOtherLetter) &&
           t.Next(w.begin) == w.end && w.end < t.size() && t.unit(w.end) == u'.';
  }

  bool IsMonth(const Run& r, const Word& w) const {
    if (w.kind != WordKind::kUpper && w.kind != WordKind::kLower) return false;
    return r.rules.months.contains(Fold(r.t.data() + w.begin, w.end - w.begin));
  }

  // The token before the period at `dot`: the non-space run, without leading
  // quotes/brackets and format characters. Sets *begin, returns the end.
  static int32_t TokenBefore(const Text& t, int32_t dot, int32_t* begin) {
    int32_t end = dot;
    while (end > 0 && IsFormat(t.unit(end - 1))) --end;
    int32_t b = end;
    // Bounded, so that a long run without spaces (a URL, a data blob full of
    // periods) stays linear; a longer token is no abbreviation anyway.
    while (b > 0 && !IsSpace(t.unit(b - 1)) && end - b < kMaxTokenLength) --b;
    if (b > 0 && !IsSpace(t.unit(b - 1))) {
      *begin = end;
      return end;  // Too long: reads as no token (kNone).
    }
    while (b < end && (IsQuoteOrBracket(t.At(b)) || IsFormat(t.At(b)))) b = t.Next(b);
    // 'Lebens".' and '(Loiret).': the period follows the closing mark.
    while (end > b && IsQuoteOrBracket(t.unit(end - 1))) --end;
    *begin = b;
    return end;
  }

  TokenKind Classify(const Run& r, int32_t dot) const {
    int32_t b;
    const int32_t e = TokenBefore(r.t, dot, &b);
    if (b >= e) return TokenKind::kNone;
    const std::u16string_view tok = r.t.View(b, e);
    if (r.rules.titles.contains(tok)) return TokenKind::kTitle;
    if (r.rules.abbreviations.contains(tok)) return TokenKind::kAbbreviation;
    int letters = 0, digits = 0, upper = 0, periods = 0, others = 0;
    int group = 0, max_group = 0, code_points = 0;
    bool roman = true;
    for (int32_t i = b; i < e; i = r.t.Next(i)) {
      const UChar32 c = r.t.At(i);
      ++code_points;
      if (IsLetter(c)) {
        ++letters;
        ++group;
        max_group = std::max(max_group, group);
        if (IsUpper(c)) ++upper;
        if (std::u16string_view(u"IVXLCDM").find(static_cast<char16_t>(c)) ==
            std::u16string_view::npos) {
          roman = false;
        }
      } else if (IsDigit(c)) {
        ++digits;
        roman = false;
      } else if (c == u'-' || c == u'\'' || c == u'’' || c == u'‐') {
        group = 0;  // "Auschwitz-Birkenau", "J.-C": part of a word.
        roman = false;
      } else if (c == u'.') {
        ++periods;
        group = 0;
        roman = false;
      } else {
        ++others;
        roman = false;
      }
    }
    if (code_points == 1 && letters == 1) return TokenKind::kInitial;
    if (digits > 0 && digits == code_points) {
      return digits <= kMaxOrdinalDigits ? TokenKind::kNumber : TokenKind::kOther;
    }
    if (roman && letters >= 2) return TokenKind::kRoman;
    // "U.S", "z.B", "Б.з.б": letter groups of at most two with a capital.
    // Lower-case ones are often sentence-final ("etc.", "и т.д.") and must
    // be listed ("e.g", "a.m").
    if (periods > 0 && digits == 0 && others == 0 && max_group <= 2 && upper > 0) {
      return TokenKind::kAbbreviation;
    }
    if (others == 0 && digits == 0 && periods == 0) return TokenKind::kWord;
    // "N°", "&c": a letter or two with a symbol.
    if (letters > 0 && letters <= 2 && digits == 0 && periods == 0) {
      return TokenKind::kAbbreviation;
    }
    return TokenKind::kOther;
  }

  // Whether the line [b, e) (trimmed) ends with an abbreviation, title or
  // initial, so its line feed should not end the sentence by itself.
  bool EndsWithAbbreviation(const Run& r, int32_t e) const {
    if (e == 0 || r.t.unit(e - 1) != u'.') return false;
    if (e >= 2 && r.t.unit(e - 2) == u'.') return false;
    const TokenKind k = Classify(r, e - 1);
    return k == TokenKind::kTitle || k == TokenKind::kAbbreviation ||
           k == TokenKind::kInitial;
  }

  // Decides a boundary ICU proposed at `b` (not after a hard line feed).
  // Returns -1 to drop it, `b` to keep it, or another position to move it.
  int32_t Judge(const Run& r, int32_t b) const {
    const Text& t = r.t;
    int32_t e = b;
    while (e > 0 && IsSpace(t.unit(e - 1))) --e;
    const bool spaced = e < b;
    int32_t i = e;
    bool closed = false;
    while (i > 0) {
      int32_t start;
      const UChar32 c = t.Before(i, &start);
      if (IsFormat(c)) {
        i = start;
      } else if (IsQuoteOrBracket(c)) {
        closed = true;
        i = start;
      } else {
        break;
      }
    }
    if (i == 0) return b;
    // ICU counts opening brackets after a terminator as closing ones:
    // "越抹越黑！《环球时报》..." breaks after "《". The bracket opens the
    // next sentence.
    for (int32_t j = i; j < e; j = t.Next(j)) {
      if (u_charType(t.At(j)) == U_START_PUNCTUATION) return j;
    }
    int32_t term_start;
    const UChar32 term = t.Before(i, &term_start);
    const Word next = NextWord(t, b);
    if (next.kind == WordKind::kNone) return b;

    if (term == u'!' || term == u'?') {
      // "Yahoo! in the ...", '"Stop!" he said', '"Who?" she asked'. A bare
      // "?" before lowercase still ends a question ("кім? не?").
      if (next.kind == WordKind::kLower && (term == u'!' || closed)) return -1;
      return b;
    }
    if (term != u'.') return b;

    // Runs of periods: ellipses.
    int32_t dots = 0, first_dot = i - 1;
    bool spaced_dots = false;
    for (int32_t j = i - 1; j >= 0;) {
      if (t.unit(j) == u'.') {
        ++dots;
        first_dot = j;
        --j;
      } else if (t.unit(j) == u' ' && j > 0 && t.unit(j - 1) == u'.') {
        spaced_dots = true;
        --j;
      } else {
        break;
      }
    }
    if (dots >= 2) {
      if (closed) return b;
      if (!spaced) return -1;  // "rain...Then" without a space goes on.
      if (spaced_dots) {
        const bool attached = first_dot > 0 && !IsSpace(t.unit(first_dot - 1));
        // MLA: a sentence period, then an ellipsis opening the next one:
        // "compounds. . . . The practice".
        if (dots == 4 && attached) return first_dot + 1;
        // " . . . " is an omission inside a sentence; four dots end one.
        if (dots == 3 && !attached) return -1;
      }
      return b;
    }

    if (closed) return b;
    const TokenKind kind = Classify(r, i - 1);
    switch (kind) {
      case TokenKind::kTitle:
        return -1;
      case TokenKind::kAbbreviation:
      case TokenKind::kInitial:
        if (next.kind == WordKind::kLower || next.kind == WordKind::kDigit) return -1;
        // A chain of initials or abbreviation parts: "А. И. Семенов",
        // "z. B. ist" (even when the letter is also a stopword, "И").
        if (IsSingleLetterWithPeriod(t, next)) return -1;
        return IsStarter(r, next) ? b : -1;
      case TokenKind::kNumber:
      case TokenKind::kRoman:
        if (next.kind == WordKind::kLower) return -1;
        if (r.rules.ordinal_period && next.kind == WordKind::kUpper &&
            (IsMonth(r, next) || !IsStarter(r, next))) {
          return -1;
        }
        return b;
      case TokenKind::kWord:
      case TokenKind::kOther:
      case TokenKind::kNone:
        if (next.kind == WordKind::kLower) return -1;
        return b;
    }
    return b;
  }

  // Boundaries ICU does not propose, after a period that follows a plain
  // word: a sentence starting with a number ("kwamen. 81 procent") or with an
  // ellipsis ("raak. ...en toen"), and a missing space before a capitalized
  // word ("жағдайы.XVIII ғасырдың"; NormalizedText restores those, raw
  // input may still have them).
  void AddMissedStarts(const Run& r, std::vector<int32_t>* cuts) const {
    const Text& t = r.t;
    for (int32_t p = Find(t, 1, t.size(), u'.'); p + 2 < t.size();
         p = Find(t, p + 1, t.size(), u'.')) {
      if (t.unit(p - 1) == u'.') continue;
      const char16_t after = t.unit(p + 1);
      if (after == u' ') {
        int32_t q = p + 1;
        while (q < t.size() && t.unit(q) == u' ') ++q;
        if (q >= t.size()) continue;
        const bool digit = IsDigit(t.At(q));
        const bool ellipsis = t.unit(q) == u'…' ||
                              (q + 3 < t.size() && t.unit(q) == u'.' &&
                               t.unit(q + 1) == u'.' && t.unit(q + 2) == u'.' &&
                               IsLetter(t.At(q + 3)));
        if ((digit || ellipsis) && Classify(r, p) == TokenKind::kWord) cuts->push_back(q);
      } else if (IsUpper(t.At(p + 1)) && u_islower(t.unit(p - 1))) {
        // Both sides plain words: "end.The", not "Jane.Doe@example.com",
        // "ASP.NET" or "bbc.Co.uk".
        int32_t e = p + 1;
        while (e < t.size() && IsLetter(t.At(e))) e = t.Next(e);
        if (e - (p + 1) < 2 || (e < t.size() && !IsSpace(t.unit(e)) &&
                                t.unit(e) != u',' && t.unit(e) != u'.')) {
          continue;
        }
        if (e < t.size() && t.unit(e) == u'.' && e + 1 < t.size() &&
            !IsSpace(t.unit(e + 1))) {
          continue;
        }
        int32_t b;
        const int32_t te = TokenBefore(t, p, &b);
        bool lower = te - b >= 3;
        for (int32_t i = b; i < te && lower; i = t.Next(i)) {
          const UChar32 c = t.At(i);
          lower = u_islower(c) || c == u'-';
        }
        if (lower) cuts->push_back(p + 1);
      }
    }
  }

  // Inline lists: "1. The first item 2. The second item", "• 9. ... • 10.",
  // "a. ... b. ...". A list starts at a line start; each next marker with the
  // next number (or a repeated bullet) on that line starts an item.
  void AddListItems(const Run& r, int32_t begin, int32_t line_end,
                    std::vector<int32_t>* cuts) const {
    const Text& t = r.t;
    int value;
    bool letter, bullet;
    const int32_t m = ParseListMarker(t, begin, &value, &letter, &bullet);
    if (m < 0) return;
    int expected = value + 1;
    const bool first_bullet = bullet;
    const bool first_letter = letter;
    for (int32_t q = m; q < line_end; ++q) {
      if (!IsSpace(t.unit(q))) continue;
      int32_t s = q + 1;
      if (s >= line_end || IsSpace(t.unit(s))) continue;
      int v;
      bool l, bl;
      const int32_t m2 = ParseListMarker(t, s, &v, &l, &bl);
      if (m2 < 0 || bl != first_bullet) continue;
      // A bullet alone ("• item • item") or bullet + number.
      const bool bare_bullet = bl && m2 == s + 1;
      if (!bare_bullet && (l != first_letter || v != expected)) continue;
      if (!bare_bullet) ++expected;
      cuts->push_back(s);
      q = m2;
    }
  }

  // A segment that is only a list marker ("1.", "• 9.", "a.") belongs to the
  // item after it.
  static bool IsMarkerOnly(const Text& t, int32_t b, int32_t e) {
    while (b < e && IsSpace(t.unit(b))) ++b;
    while (e > b && IsSpace(t.unit(e - 1))) --e;
    if (b >= e) return false;
    int value;
    bool letter, bullet;
    int32_t m = ParseListMarker(t, b, &value, &letter, &bullet);
    if (m < 0) {
      // Marker at the very end of the segment: ParseListMarker wants a space
      // after it, so retry on the trimmed end.
      return false;
    }
    return m == e;
  }

  Segmentation Segment(const icu::UnicodeString& text, std::string_view language) const;

  static absl::StatusOr<std::unique_ptr<Impl>> Build(
      const std::map<std::string, const SegmentationData*>& data,
      const std::map<std::string, std::vector<std::string>>& starters);
};

Segmentation SentenceSegmenter::Impl::Segment(const icu::UnicodeString& text,
                                              std::string_view language) const {
  Segmentation out;
  const int32_t n = text.length();
  if (n == 0) return out;
  const Text t(text.getBuffer(), n);
  const LanguageRules& rules = Rules(language);
  const Run run{t, rules};

  // The copy ICU reads: same length, hard-wrap line feeds turned to spaces.
  icu::UnicodeString work(text);

  // Paragraphs and lines.
  struct Line {
    int32_t begin, end;  // Trimmed.
    int32_t feed;        // Position of the '\n' after it, or n.
    int32_t paragraph;
  };
  std::vector<Line> lines;
  std::vector<TextRange> line_starts;  // Lines that may start a list.
  bool in_paragraph = false;
  for (int32_t ls = 0; ls < n;) {
    const int32_t le = Find(t, ls, n, u'\n');
    int32_t b = ls, e = le;
    while (b < e && IsSpace(t.At(b))) b = t.Next(b);
    while (e > b) {
      int32_t start;
      if (!IsSpace(t.Before(e, &start))) break;
      e = start;
    }
    if (b == e) {
      in_paragraph = false;
    } else {
      if (!in_paragraph) out.paragraphs.push_back({b, e});
      in_paragraph = true;
      out.paragraphs.back().end = e;
      lines.push_back({b, e, le, static_cast<int32_t>(out.paragraphs.size()) - 1});
      const char16_t c = t.unit(b);
      if ((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || IsBullet(c)) {
        line_starts.push_back({b, e});
      }
    }
    ls = le + 1;
  }

  // Line judgement. The wrap width of a paragraph is its longest line; a
  // paragraph of two lines borrows it from the paragraphs of three or more
  // lines (hard-wrapped text wraps all paragraphs alike).
  int32_t doc_width = 0;
  for (size_t k = 0; k < lines.size();) {
    size_t j = k;
    int32_t width = 0;
    while (j < lines.size() && lines[j].paragraph == lines[k].paragraph) {
      width = std::max(width, lines[j].end - lines[j].begin);
      ++j;
    }
    if (j - k >= 3) doc_width = std::max(doc_width, width);
    k = j;
  }
  for (size_t k = 0; k < lines.size();) {
    size_t j = k;
    int32_t width = 0;
    while (j < lines.size() && lines[j].paragraph == lines[k].paragraph) {
      width = std::max(width, lines[j].end - lines[j].begin);
      ++j;
    }
    const bool two = j - k == 2;
    if (two) width = std::max(width, doc_width);
    for (size_t i = k; i + 1 < j; ++i) {
      const Line& l = lines[i];
      const Line& m = lines[i + 1];
      bool hard;
      // Last character of the line, past closing quotes/brackets.
      int32_t e = l.end;
      while (e > l.begin && IsQuoteOrBracket(t.unit(e - 1)) &&
             !U16_IS_SURROGATE(t.unit(e - 1))) {
        --e;
      }
      int32_t last_start = e;
      const UChar32 last = e > l.begin ? t.Before(e, &last_start) : 0;
      int32_t first_end = m.begin;
      while (first_end < m.end && !IsSpace(t.unit(first_end))) ++first_end;
      const int32_t first_len = first_end - m.begin;
      if (width < kMinWrapWidth || StartsListItem(t, m.begin)) {
        hard = true;
      } else if (last == u':') {
        hard = true;
      } else if (IsTerminator(last) && !EndsWithAbbreviation(run, e)) {
        hard = true;
      } else if (two && doc_width == 0 && l.end - l.begin >= m.end - m.begin) {
        // Nothing tells the wrap width: a capital after an unfinished line
        // reads as a title above its text.
        hard = NextWord(t, m.begin).kind != WordKind::kLower;
      } else {
        // Greedy wrapping puts a word on the next line only when it does not
        // fit; if it would have fitted, the break was meant (titles,
        // "2-min read", "Acme Inc." above its text, short list lines).
        hard = (l.end - l.begin) + 1 + first_len <= width;
      }
      if (!hard) work.setCharAt(l.feed, u' ');
    }
    k = j;
  }
  if (out.paragraphs.empty()) return out;

  // Script conventions ICU does not know.
  if (rules.colon_is_full_stop || rules.semicolon_is_question) {
    for (int32_t i = 1; i < n; ++i) {
      const char16_t c = t.unit(i);
      const bool at_end = i + 1 >= n || IsSpace(t.unit(i + 1));
      if (!at_end || IsDigit(t.unit(i - 1))) continue;
      if (rules.colon_is_full_stop && c == u':') work.setCharAt(i, u'։');
      if (rules.semicolon_is_question && (c == u';' || c == u'\u037E')) {
        work.setCharAt(i, u'?');
      }
    }
  }

  std::unique_ptr<icu::BreakIterator> it(rules.prototype->clone());
  it->setText(work);
  const Text w(work.getBuffer(), n);
  std::vector<int32_t> cuts;
  cuts.reserve(out.paragraphs.size() * 4 + 8);
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE && b < n; b = it->next()) {
    if (w.unit(b - 1) == u'\n') {
      cuts.push_back(b);
      continue;
    }
    const int32_t judged = Judge(run, b);
    if (judged >= 0) cuts.push_back(judged);
  }
  AddMissedStarts(run, &cuts);
  for (const TextRange& l : line_starts) AddListItems(run, l.begin, l.end, &cuts);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  DropCutsInsideContinuedQuotes(w, &cuts);

  // Sentences: between cuts, trimmed, markers merged into their items.
  size_t para = 0;
  int32_t begin = 0;
  cuts.push_back(n);
  for (size_t k = 0; k < cuts.size(); ++k) {
    const int32_t end = cuts[k];
    if (k + 1 < cuts.size() && w.unit(end - 1) != u'\n' &&
        IsMarkerOnly(t, begin, end)) {
      continue;
    }
    const bool after_line_break = begin > 0 && w.unit(begin - 1) == u'\n';
    int32_t b = begin, e = end;
    begin = end;
    while (b < e && IsSpace(t.At(b))) b = t.Next(b);
    while (e > b) {
      int32_t start;
      if (!IsSpace(t.Before(e, &start))) break;
      e = start;
    }
    if (b >= e) continue;
    while (para + 1 < out.paragraphs.size() && out.paragraphs[para].end <= b) ++para;
    if (!out.sentences.empty() && out.sentences.back().paragraph == static_cast<int>(para) &&
        !after_line_break && IsParentheticalOnly(t, b, e) &&
        !EndsWithTerminator(t, out.sentences.back().range)) {
      out.sentences.back().range.end = e;
      continue;
    }
    out.sentences.push_back({{b, e}, static_cast<int>(para)});
  }
  return out;
}

SentenceSegmenter::SentenceSegmenter(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
SentenceSegmenter::~SentenceSegmenter() = default;

absl::StatusOr<std::unique_ptr<SentenceSegmenter::Impl>>
SentenceSegmenter::Impl::Build(
    const std::map<std::string, const SegmentationData*>& data,
    const std::map<std::string, std::vector<std::string>>& starters) {
  auto impl = std::make_unique<Impl>();
  auto root = BuildRules("", nullptr, nullptr);
  if (!root.ok()) return root.status();
  impl->root = std::move(*root);
  for (const auto& [code, seg] : data) {
    const auto s = starters.find(code);
    auto rules = BuildRules(PrimarySubtag(code), seg,
                            s == starters.end() ? nullptr : &s->second);
    if (!rules.ok()) return rules.status();
    impl->languages[PrimarySubtag(code)] = std::move(*rules);
  }
  return impl;
}

absl::StatusOr<std::unique_ptr<SentenceSegmenter>> SentenceSegmenter::Create(
    const std::map<std::string, SegmentationData>& languages) {
  std::map<std::string, const SegmentationData*> data;
  for (const auto& [code, seg] : languages) data[code] = &seg;
  auto impl = Impl::Build(data, {});
  if (!impl.ok()) return impl.status();
  return std::unique_ptr<SentenceSegmenter>(new SentenceSegmenter(std::move(*impl)));
}

absl::StatusOr<std::unique_ptr<SentenceSegmenter>> SentenceSegmenter::Create(
    const LanguageResources& resources) {
  std::map<std::string, const SegmentationData*> data;
  std::map<std::string, std::vector<std::string>> starters;
  for (const auto& [code, lang] : resources.languages) {
    data[code] = &lang.segmentation;
    std::vector<std::string>& s = starters[code];
    s = lang.lexicon.stopwords;
    s.insert(s.end(), lang.lexicon.dependent_openers.begin(),
             lang.lexicon.dependent_openers.end());
  }
  auto impl = Impl::Build(data, starters);
  if (!impl.ok()) return impl.status();
  return std::unique_ptr<SentenceSegmenter>(new SentenceSegmenter(std::move(*impl)));
}

Segmentation SentenceSegmenter::Segment(const icu::UnicodeString& text,
                                        std::string_view language) const {
  return impl_->Segment(text, language);
}

bool SentenceSegmenter::HasLanguage(std::string_view language) const {
  return impl_->languages.contains(PrimarySubtag(language));
}

}  // namespace precis
