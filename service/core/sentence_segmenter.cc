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
#include "simple_sentence_breaker.h"
#include "unicode/brkiter.h"
#include "unicode/datefmt.h"
#include "unicode/dtfmtsym.h"
#include "unicode/locid.h"
#include "unicode/smpdtfmt.h"
#include "unicode/uchar.h"
#include "unicode/ustring.h"
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

// Room for the case folding of a word looked up in a word list; folding may
// lengthen a word ("ß" -> "ss"), so three units per unit. A longer word is in
// no list.
constexpr int32_t kFoldCapacity = 3 * kMaxTokenLength;

// Case-folds [s, s + len) into `buf` (kFoldCapacity units) without
// allocating: per-word lookups stay off the heap. Empty when too long.
std::u16string_view FoldInto(const char16_t* s, int32_t len, char16_t* buf) {
  if (len > kMaxTokenLength) return {};
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = u_strFoldCase(buf, kFoldCapacity, s, len, U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE(status) || n > kFoldCapacity) return {};
  return std::u16string_view(buf, n);
}

int SentenceBreakClass(UChar32 c) {
  return u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
}
// ASCII fast paths for the per-character predicates below (most text is
// ASCII; an ICU property call costs ~14 instructions): in ASCII, White_Space
// is TAB..CR and SPACE, upper/title case is A-Z, lower case a-z
// (sentence_segmenter_test pins these ICU facts).
bool IsSpace(UChar32 c) {
  return c < 0x80 ? c == u' ' || (c >= 0x09 && c <= 0x0D) : u_isUWhiteSpace(c);
}
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
bool IsUpper(UChar32 c) {
  return c < 0x80 ? c >= u'A' && c <= u'Z' : u_isupper(c) || u_istitle(c);
}
bool IsLower(UChar32 c) { return c < 0x80 ? c >= u'a' && c <= u'z' : u_islower(c); }
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

// A unit of a social-media handle after "@": ASCII letters, digits, "_".
bool IsHandleUnit(char16_t c) {
  return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
         (c >= u'0' && c <= u'9') || c == u'_';
}

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
             : IsLower(c) ? WordKind::kLower
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
  // The prototype's boundaries without ICU for most lines; null when its
  // rules are wrapped (CLDR suppressions).
  std::unique_ptr<SimpleSentenceBreaker> simple;
  U16Set abbreviations;
  U16Set titles;
  U16Set starters;  // Case-folded.
  U16Set months;    // Case-folded.
  // The two lists above case-folded, for text written without capitals.
  U16Set folded_abbreviations;
  U16Set folded_titles;
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

// The boundaries in (0, n) that the rules' ICU iterator gives `work`. Its
// rules never look across a line feed (UAX #29 SB4), so each line is broken
// on its own: by SimpleSentenceBreaker when it covers the line (most lines
// of Latin, Greek and Cyrillic text), else by a clone of the ICU iterator.
void ProposeBoundaries(const LanguageRules& rules, const icu::UnicodeString& work,
                       std::vector<int32_t>* out) {
  const int32_t n = work.length();
  const char16_t* text = reinterpret_cast<const char16_t*>(work.getBuffer());
  std::unique_ptr<icu::BreakIterator> it;  // Cloned on first need.
  auto icu_boundaries = [&](int32_t start, int32_t stop) {
    if (it == nullptr) it.reset(rules.prototype->clone());
    const icu::UnicodeString line(false, work.getBuffer() + start, stop - start);
    it->setText(line);
    for (int32_t b = it->next(); b != icu::BreakIterator::DONE && b < stop - start;
         b = it->next()) {
      out->push_back(start + b);
    }
  };
  if (rules.simple == nullptr) {
    icu_boundaries(0, n);
    return;
  }
  const std::u16string_view all(text, static_cast<size_t>(n));
  const Text t(text, n);
  int32_t start = 0;
  while (start < n) {
    // Find() (memchr), not u16string_view::find (a unit-by-unit loop).
    const int32_t feed = Find(t, start, n, u'\n');
    const int32_t stop = feed == n ? n : feed + 1;
    const size_t before = out->size();
    if (rules.simple->Break(all.substr(start, stop - start), out)) {
      for (size_t k = before; k < out->size(); ++k) (*out)[k] += start;
    } else {
      out->resize(before);
      icu_boundaries(start, stop);
    }
    if (stop < n) out->push_back(stop);
    start = stop;
  }
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
  rules.simple = SimpleSentenceBreaker::Create(*rules.prototype);
  if (data != nullptr) {
    for (const std::string& a : data->abbreviations) rules.abbreviations.insert(ToU16(a));
    for (const std::string& a : data->title_abbreviations) rules.titles.insert(ToU16(a));
    for (const std::u16string& a : rules.abbreviations) {
      rules.folded_abbreviations.insert(Fold(a.data(), static_cast<int32_t>(a.size())));
    }
    for (const std::u16string& a : rules.titles) {
      rules.folded_titles.insert(Fold(a.data(), static_cast<int32_t>(a.size())));
    }
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

// A line feed or a quotation mark: what the quote sweep looks for. Every
// mark but '\n' and '"' is at or above U+00AB, so most units of Latin and
// Cyrillic text take two comparisons.
bool IsQuoteSweepMark(char16_t c) {
  if (c < u'\u00AB') return c == u'\n' || c == u'"';
  return IsOpeningQuote(c) || IsClosingQuote(c);
}

// Whether the boundary at `cut` lies inside a quotation that the sentence
// goes on after: a title in 《》 ("《摔跤吧！爸爸》"), or a quote closed with a
// comma before a lower-case attribution ('„… váhu. V podstate …,“ reagoval',
// '"We will fight. We will win," he said', '„Wir sind bereit. Wir kämpfen“,
// sagte er'). Such a quote is one sentence with its attribution, as in the
// Golden Rules. `last_mark` is the last line feed or quotation mark before
// `cut`; `*next_mark` caches the first one at or after it. In caseless text
// (`caseless_starters` set, case-folded) a lower-case word tells nothing:
// the attribution must start with a starter ('he said', not 'kevin said').
bool InsideContinuedQuote(const Text& t, int32_t cut, int32_t last_mark,
                          int32_t* next_mark, const U16Set* caseless_starters) {
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
  if (next.kind != WordKind::kLower || next.begin == after) return false;
  if (caseless_starters == nullptr) return true;
  char16_t buf[kFoldCapacity];
  return caseless_starters->contains(FoldInto(t.data() + next.begin, next.end - next.begin, buf));
}

// Drops the cuts (sorted) that InsideContinuedQuote describes. One sweep over
// the text finds the marks before and after each cut, so the cost stays
// linear however many cuts there are. `t` is the text ICU read, where joined
// line feeds are spaces.
void DropCutsInsideContinuedQuotes(const Text& t, const U16Set* caseless_starters,
                                   std::vector<int32_t>* cuts) {
  int32_t last_mark = -1;  // Last mark before the current cut.
  int32_t scanned = 0;     // Marks before `scanned` are known.
  int32_t next_mark = -1;  // First mark at or after the current cut.
  size_t kept = 0;
  for (const int32_t cut : *cuts) {
    // The last mark in [scanned, cut), searched backwards: it is usually
    // near the cut, so most units are never looked at.
    for (int32_t i = cut - 1; i >= scanned; --i) {
      if (IsQuoteSweepMark(t.unit(i))) {
        last_mark = i;
        break;
      }
    }
    scanned = std::max(scanned, cut);
    if (!InsideContinuedQuote(t, cut, last_mark, &next_mark, caseless_starters)) {
      (*cuts)[kept++] = cut;
    }
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

// Below one capital in this many cased letters a text counts as written
// without capitals. Cased prose has 1-5% capitals (the fewest in the shared
// news and golden data: 0.7%, a Bulgarian definition); lowercased corpora
// have none.
constexpr int64_t kCaselessRatio = 400;

// Whether capitalization carries no information about sentence starts:
// lowercased text (NLP corpora such as the CNN/DailyMail release used by
// ExplainaBoard, chat, speech transcripts) or a unicameral script written
// with lower-case letters (Georgian). UAX #29 (rule SB8) never breaks after a
// period before a lower-case word, so such text would come out as one
// sentence. Stops as soon as the capitals seen cannot become rare (after a
// few hundred units of cased text).
bool IsCaseless(const Text& t) {
  const int32_t n = t.size();
  const char16_t* s = t.data();
  int64_t upper = 0, lower = 0;
  // Blocks of ASCII are counted by a loop the compiler vectorizes; a block
  // with other units is counted again by code point.
  constexpr int32_t kBlock = 64;
  for (int32_t b = 0; b < n; b += kBlock) {
    const int32_t e = std::min(n, b + kBlock);
    int32_t up = 0, lo = 0;
    uint16_t other = 0;
    for (int32_t i = b; i < e; ++i) {
      const uint16_t u = s[i];
      up += static_cast<uint16_t>(u - u'A') < 26;
      lo += static_cast<uint16_t>(u - u'a') < 26;
      other |= static_cast<uint16_t>(u >= 0x80);
    }
    if (other != 0) {
      up = lo = 0;
      for (int32_t i = b; i < e;) {
        UChar32 c;
        U16_NEXT(s, i, n, c);
        if (IsUpper(c)) {
          ++up;
        } else if (IsLower(c)) {
          ++lo;
        }
      }
    }
    upper += up;
    lower += lo;
    // Enough capitals that the rest of the text cannot make them rare.
    if (upper * kCaselessRatio > lower + (n - e)) return false;
  }
  return lower > 0 && upper * kCaselessRatio <= lower;
}

// Scripts that separate sentences (or clauses) with a space and have no
// sentence punctuation of their own: Thai and Lao; Khmer has the khan "។"
// (which ICU breaks at) but is often written with spaces alone.
// Repetition and abbreviation marks ("ต่างๆ นานา", "ฯลฯ") take a space
// after them inside a sentence.
enum class SpacedScript { kNone, kThai, kLao, kKhmer };

SpacedScript SpacedScriptOf(UChar32 c) {
  if (!IsLetter(c)) return SpacedScript::kNone;  // Not digits, not symbols.
  if (c == 0x0E46 || c == 0x0E2F || c == 0x0EC6 || c == 0x0EAF || c == 0x17D7) {
    return SpacedScript::kNone;  // ๆ ฯ ໆ ຯ ៗ
  }
  if (c >= 0x0E00 && c < 0x0E80) return SpacedScript::kThai;
  if (c >= 0x0E80 && c < 0x0F00) return SpacedScript::kLao;
  if (c >= 0x1780 && c < 0x1800) return SpacedScript::kKhmer;
  return SpacedScript::kNone;
}

// Whether the text has any Thai, Lao or Khmer unit (U+0E00-0EFF,
// U+1780-17FF): one branch-free pass the compiler vectorizes, so other text
// pays almost nothing (under one instruction per unit).
bool HasSpacedScript(const Text& t) {
  const char16_t* s = t.data();
  uint16_t hit = 0;  // 16-bit lanes: eight units per SSE2 step.
  for (int32_t i = 0; i < t.size(); ++i) {
    const uint16_t u = s[i];
    hit |= static_cast<uint16_t>(static_cast<uint16_t>(u - 0x0E00) < 0x100) |
           static_cast<uint16_t>(static_cast<uint16_t>(u - 0x1780) < 0x80);
  }
  return hit != 0;
}

// Shortest sentence (UTF-16 units) made by a space in a spaced script: a
// space closer to a line start or end than this separates a name, a title
// or a particle, not two sentences.
constexpr int32_t kMinSpacedSentence = 8;

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
    // The text is written without capitals (IsCaseless): capitalization
    // tells nothing, word lists are matched case-insensitively.
    bool caseless = false;
  };

  // A capitalized stopword (any stopword in caseless text).
  bool IsStarter(const Run& r, const Word& w) const {
    if (r.rules.starters.empty()) return false;
    if (w.kind != WordKind::kUpper && !(r.caseless && w.kind == WordKind::kLower)) {
      return false;
    }
    char16_t buf[kFoldCapacity];
    return r.rules.starters.contains(FoldInto(r.t.data() + w.begin, w.end - w.begin, buf));
  }

  static bool IsSingleLetterWithPeriod(const Text& t, const Word& w) {
    return (w.kind == WordKind::kUpper || w.kind == WordKind::kLower ||
            w.kind == WordKind::kOtherLetter) &&
           t.Next(w.begin) == w.end && w.end < t.size() && t.unit(w.end) == u'.';
  }

  bool IsMonth(const Run& r, const Word& w) const {
    if (w.kind != WordKind::kUpper && w.kind != WordKind::kLower) return false;
    char16_t buf[kFoldCapacity];
    return r.rules.months.contains(FoldInto(r.t.data() + w.begin, w.end - w.begin, buf));
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
    if (r.caseless) {
      char16_t buf[kFoldCapacity];
      const std::u16string_view folded = FoldInto(tok.data(), e - b, buf);
      if (r.rules.folded_titles.contains(folded)) return TokenKind::kTitle;
      if (r.rules.folded_abbreviations.contains(folded)) return TokenKind::kAbbreviation;
    }
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
    // be listed ("e.g", "a.m"), except in caseless text ("u.s", "d.c").
    if (periods > 0 && digits == 0 && others == 0 && max_group <= 2 &&
        (upper > 0 || r.caseless)) {
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
      // "?" before lowercase still ends a question ("кім? не?"). In caseless
      // text every next word is lower case: a bare "!" ends a sentence
      // there, except after one letter ("p! nk"), and a closed one before
      // a starter.
      if (next.kind == WordKind::kLower) {
        // In caseless text only a starter shows an attribution ('"who?"
        // she asked', not '"again!" any additional').
        if (closed && (!r.caseless || IsStarter(r, next))) return -1;
        if (term == u'!' &&
            (!r.caseless || Classify(r, term_start) == TokenKind::kInitial)) {
          return -1;
        }
      }
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
      } else if (IsUpper(t.At(p + 1)) && IsLower(t.unit(p - 1))) {
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
          lower = IsLower(c) || c == u'-';
        }
        if (lower) cuts->push_back(p + 1);
      }
    }
  }

  // A profile line glued to the sentence after it, as scraped BBC pages
  // give their byline ("Anthony ZurcherNorth America reporter@awzurcheron
  // Twitter With tensions rising ...": name, role and handle lines joined
  // with nothing between them). The sign of the joining is the "@" glued to
  // the word before it; then a handle, "on" (glued to the handle or not), a
  // platform name and a capitalized word: the line ends after the platform.
  // BoilerplateDetector's profile-line pattern then keeps the line out of
  // the summary. A handle in running text ("said @CENTCOM on Twitter
  // Monday") has a space before the "@" and is left alone.
  static void AddProfileLineEnds(const Text& t, std::vector<int32_t>* cuts) {
    static constexpr std::u16string_view kPlatforms[] = {
        u"Twitter", u"X",        u"Instagram", u"Bluesky",  u"Threads",
        u"Mastodon", u"TikTok",  u"LinkedIn",  u"Facebook", u"YouTube"};
    // Handles are 1-30 units of [A-Za-z0-9_] (Twitter allows 15).
    constexpr int32_t kMaxHandle = 30;
    const std::u16string_view all = t.View(0, t.size());
    for (int32_t at = Find(t, 1, t.size(), u'@'); at < t.size();
         at = Find(t, at + 1, t.size(), u'@')) {
      int32_t before;
      if (!IsLetter(t.Before(at, &before))) continue;
      int32_t e = at + 1;
      while (e < t.size() && IsHandleUnit(t.unit(e))) ++e;
      int32_t p;  // Where the platform name must start.
      int32_t handle;
      if (all.substr(e).starts_with(u" on ")) {
        p = e + 4;
        handle = e - (at + 1);
      } else if (e - at > 3 && all.substr(e - 2).starts_with(u"on ")) {
        p = e + 1;  // "@awzurcheron Twitter"
        handle = e - 2 - (at + 1);
      } else {
        continue;
      }
      if (handle < 1 || handle > kMaxHandle) continue;
      for (const std::u16string_view platform : kPlatforms) {
        if (!all.substr(p).starts_with(platform)) continue;
        int32_t q = p + static_cast<int32_t>(platform.size());
        if (q >= t.size() || t.unit(q) != u' ') break;
        while (q < t.size() && t.unit(q) == u' ') ++q;
        if (q < t.size() && IsUpper(t.At(q))) cuts->push_back(q);
        break;
      }
    }
  }

  // A missing space after a period in caseless text ("hollande.les
  // anonymes", from joined paragraphs): as in AddMissedStarts, both sides
  // must be plain words, and with no capital to go by the next one must be
  // a starter (a stopword: "les", "the"), which keeps "lemonde.fr",
  // "cnn.com" and "bbc.co.uk" whole.
  bool IsGluedCaselessStart(const Run& r, int32_t dot) const {
    const Text& t = r.t;
    const Word next = NextWord(t, dot + 1);
    if (next.begin != dot + 1 || next.kind != WordKind::kLower || next.end - next.begin < 2) {
      return false;
    }
    if (next.end < t.size() && !IsSpace(t.unit(next.end)) && t.unit(next.end) != u',') {
      return false;
    }
    int32_t b;
    const int32_t e = TokenBefore(t, dot, &b);
    if (e - b < 3) return false;
    for (int32_t i = b; i < e;) {
      const UChar32 c = t.At(i);
      if (!IsLower(c) && c != u'-') return false;
      i = t.Next(i);
    }
    return IsStarter(r, next);
  }

  // Whether the token before the period at `dot` is a stopword.
  bool IsStopwordBefore(const Run& r, int32_t dot) const {
    int32_t b;
    const int32_t e = TokenBefore(r.t, dot, &b);
    char16_t buf[kFoldCapacity];
    return b < e && r.rules.starters.contains(FoldInto(r.t.data() + b, e - b, buf));
  }

  // Caseless text (Run::caseless): every period followed by white space and
  // a word is a candidate end (ICU proposes none before a lower-case word),
  // kept unless the token before the period is a title, an abbreviation
  // (listed, matched case-insensitively, or letter groups such as "u.s",
  // "d.c") or an initial: the decision Punkt (Kiss & Strunk 2006) makes
  // from its abbreviation list when the next word's case tells nothing.
  // Ordinals follow the cased rules, with any stopword as a starter.
  // Tokenized text works too: "iran . his" (a period after a space is no
  // abbreviation), and a closing "''" after the period stays with it.
  // `w` is the text ICU read, where joined line feeds are spaces.
  void AddCaselessBreaks(const Run& r, const Text& w, std::vector<int32_t>* cuts) const {
    const Text& t = r.t;
    const int32_t n = t.size();
    auto is_closing = [](char16_t c) {
      return IsClosingQuote(c) || c == u')' || c == u']' || c == u'\'';
    };
    for (int32_t p = Find(t, 1, n, u'.'); p + 2 < n; p = Find(t, p + 1, n, u'.')) {
      // Ellipses ("...", ". . .") are left to ICU and Judge.
      if (t.unit(p - 1) == u'.' || t.unit(p + 1) == u'.') continue;
      if (p >= 2 && t.unit(p - 1) == u' ' && t.unit(p - 2) == u'.') continue;
      if (t.unit(p + 1) == u' ' && t.unit(p + 2) == u'.') continue;
      int32_t q = p + 1;
      while (q < n && is_closing(t.unit(q))) ++q;  // 'murder." before'
      if (q < n && q == p + 1 && IsGluedCaselessStart(r, p)) {
        cuts->push_back(q);
        continue;
      }
      if (q >= n || !IsSpace(t.unit(q))) continue;  // "u.s", "cnn.com"
      auto skip_spaces = [&](int32_t i) {
        while (i < n && IsSpace(t.unit(i)) && w.unit(i) != u'\n') ++i;
        return i;
      };
      q = skip_spaces(q);
      // A tokenized closing quote: "won . '' he said".
      if (q + 2 < n && ((t.unit(q) == u'\'' && t.unit(q + 1) == u'\'') || t.unit(q) == u'”')) {
        const int32_t after = q + (t.unit(q) == u'”' ? 1 : 2);
        if (IsSpace(t.unit(after))) q = skip_spaces(after);
      }
      if (q >= n || w.unit(q) == u'\n') continue;  // A hard line end cuts already.
      // A tokenized opening quote: "deal . `` but".
      int32_t word = q;
      if (q + 2 < n && t.unit(q) == u'`' && t.unit(q + 1) == u'`') word = q + 2;
      const Word next = NextWord(t, word);
      // Capitalized words got ICU's proposal, judged by Judge.
      if (next.kind != WordKind::kLower && next.kind != WordKind::kOtherLetter &&
          next.kind != WordKind::kDigit) {
        continue;
      }
      switch (Classify(r, p)) {
        case TokenKind::kAbbreviation:
          // A listed abbreviation that is also a stopword is a word, except
          // before a number: "heavens no. for", "at no. 1".
          if (next.kind != WordKind::kDigit && IsStopwordBefore(r, p)) break;
          continue;
        case TokenKind::kTitle:
        case TokenKind::kInitial:
          continue;
        case TokenKind::kNumber:
        case TokenKind::kRoman:
          // "am 12. juni", "im 21. jahrhundert".
          if (r.rules.ordinal_period && (IsMonth(r, next) || !IsStarter(r, next))) continue;
          break;
        case TokenKind::kWord:
        case TokenKind::kOther:
        case TokenKind::kNone:
          break;
      }
      cuts->push_back(q);
    }
  }

  // Thai, Lao and Khmer (SpacedScript): a space between two letters of the
  // script ends a sentence, as in the common Thai tools (PyThaiNLP's
  // whitespace sentence splitter, the ORCHID corpus convention of spaces at
  // sentence and clause ends); ICU has no rule for it. Conservative: only a
  // space between letters of one such script (not digits, Latin words or
  // after the repetition mark "ๆ"), at least kMinSpacedSentence units from
  // the previous cut or line start and from the line end; Khmer only when
  // the text has no khan "។" (then its spaces separate phrases).
  void AddSpacedScriptBreaks(const Text& t, const Text& w, std::vector<int32_t>* cuts) const {
    const int32_t n = t.size();
    bool khan = false;
    for (int32_t i = 0; i < n && !khan; ++i) khan = t.unit(i) == 0x17D4 || t.unit(i) == 0x17D5;
    int32_t piece_start = 0;  // Start of the current sentence (or line).
    int32_t line_end = -1;    // End of the line holding the current space.
    for (int32_t i = Find(w, 1, n, u' '); i + 1 < n; i = Find(w, i + 1, n, u' ')) {
      if (line_end < i) {  // A new line (hard line feeds stay in `w`).
        const size_t feed = std::u16string_view(w.data(), i).rfind(u'\n');
        piece_start = feed == std::u16string_view::npos ? 0 : static_cast<int32_t>(feed) + 1;
        line_end = Find(w, i, n, u'\n');
      }
      int32_t j = i;
      while (j < n && w.unit(j) == u' ') ++j;
      if (j >= line_end) {
        i = j - 1;
        continue;
      }
      int32_t before_start;
      const SpacedScript script = SpacedScriptOf(t.Before(i, &before_start));
      if (script != SpacedScript::kNone && script == SpacedScriptOf(t.At(j)) &&
          !(script == SpacedScript::kKhmer && khan) && i - piece_start >= kMinSpacedSentence &&
          line_end - j >= kMinSpacedSentence) {
        cuts->push_back(j);
        piece_start = j;
      }
      i = j - 1;
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
  const Run run{t, rules, IsCaseless(t)};

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
  // The Khmer khan "។" and "៕" end sentences, but ICU 72 gives them the
  // sentence-break class Other; ICU reads them as the Devanagari danda.
  const bool spaced_script = HasSpacedScript(t);
  if (spaced_script) {
    for (int32_t i = 0; i < n; ++i) {
      if (t.unit(i) == 0x17D4 || t.unit(i) == 0x17D5) work.setCharAt(i, u'\u0964');
    }
  }

  std::vector<int32_t> proposed;
  ProposeBoundaries(rules, work, &proposed);
  const Text w(work.getBuffer(), n);
  std::vector<int32_t> cuts;
  cuts.reserve(out.paragraphs.size() * 4 + 8);
  for (const int32_t b : proposed) {
    if (w.unit(b - 1) == u'\n') {
      cuts.push_back(b);
      continue;
    }
    const int32_t judged = Judge(run, b);
    if (judged >= 0) cuts.push_back(judged);
  }
  AddMissedStarts(run, &cuts);
  AddProfileLineEnds(t, &cuts);
  if (run.caseless) AddCaselessBreaks(run, w, &cuts);
  if (spaced_script) AddSpacedScriptBreaks(t, w, &cuts);
  for (const TextRange& l : line_starts) AddListItems(run, l.begin, l.end, &cuts);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  DropCutsInsideContinuedQuotes(w, run.caseless ? &rules.starters : nullptr, &cuts);

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
