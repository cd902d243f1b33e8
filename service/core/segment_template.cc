#include "segment_template.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <unordered_map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "fact_renderer.h"
#include "status_macros.h"
#include "unicode/uchar.h"
#include "unicode/utf16.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

// The white space normalized_text collapses (engine.cc, DisplayText): ICU's
// u_isspace for ASCII (TAB..CR, FS..US, SPACE), written out so that the
// per-character loops below make no call, plus the ideographic space.
bool IsCollapsedSpace(UChar c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x3000;
}

bool IsSeparator(UChar c) {
  return c == '.' || c == ',' || c == '\'' || c == 0x00A0 || c == 0x202F || c == 0x066B ||
         c == 0x066C;
}

// Code point helpers with an ASCII fast path: FindNumbers visits every
// character of every summary sentence, and for ASCII u_isdigit is [0-9],
// u_isalpha [A-Za-z].
bool IsDigit(UChar32 c) { return c < 0x80 ? c >= '0' && c <= '9' : u_isdigit(c); }
bool IsAlpha(UChar32 c) {
  return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : u_isalpha(c);
}
// text.char32At(i) without a call for a unit outside the surrogates.
UChar32 CharAt(const icu::UnicodeString& text, int32_t i) {
  const UChar c = text.getBuffer()[i];
  return U16_IS_SURROGATE(c) ? text.char32At(i) : c;
}
// text.moveIndex32(i, 1) without a call unless text[i] is a lead surrogate.
int32_t Next(const icu::UnicodeString& text, int32_t i) {
  return U16_IS_LEAD(text.getBuffer()[i]) ? text.moveIndex32(i, 1) : i + 1;
}

UChar32 CodePointBefore(const icu::UnicodeString& text, int32_t i, int32_t floor) {
  if (i <= floor) return U_SENTINEL;
  const UChar c = text.getBuffer()[i - 1];
  return U16_IS_SURROGATE(c) ? text.char32At(text.moveIndex32(i, -1)) : c;
}

// Four UTF-16 units at a time in a 64-bit word (SWAR; the first unit is
// the lowest lane on little-endian machines, the only ones the engine
// targets). With every lane below 0x80, adding to a lane never carries
// into the next, so bit 15 of each lane answers a comparison.
static_assert(std::endian::native == std::endian::little);
constexpr uint64_t kLanes = 0x0001000100010001ULL;
constexpr uint64_t kLaneHigh = kLanes * 0x8000;
constexpr uint64_t kNotAscii = kLanes * 0xFF80;

// Bit 15 of each lane of `w` (all lanes below 0x80) that is at least `k`.
constexpr uint64_t LanesAtLeast(uint64_t w, uint64_t k) {
  return (w + kLanes * (0x8000 - k)) & kLaneHigh;
}

// Whether a unit is copied to a template byte for byte without a look at
// its neighbours: printable ASCII below '{' other than the apostrophe.
bool IsPlain(UChar u) { return u > ' ' && u < '{' && u != '\''; }

// Writes the run of plain units starting at `*from` (up to `end`, which is
// where a placeholder starts or the range ends) to `out` as bytes; advances
// both. A single space followed by a plain unit before `end` is written as
// it is too: collapsing white space changes only runs of it and its ends.
// (The caller is outside quotes and past the first literal.)
void CopyPlainRun(const UChar** from, const UChar* end, char** out) {
  // One unit at a time: words are short, and a word-at-a-time test that
  // also handles the spaces between them cost more per unit than this.
  const UChar* p = *from;
  char* o = *out;
  while (p < end) {
    const UChar u = *p;
    if (IsPlain(u)) {
      *o++ = static_cast<char>(u);
      ++p;
    } else if (u == ' ' && end - p >= 2 && IsPlain(p[1])) {
      o[0] = ' ';
      o[1] = static_cast<char>(p[1]);
      o += 2;
      p += 2;
    } else {
      break;
    }
  }
  *from = p;
  *out = o;
}

// The first unit in [p, end) that is a digit or not ASCII.
const UChar* SkipAsciiNonDigits(const UChar* p, const UChar* end) {
  for (; end - p >= 4; p += 4) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if ((w & kNotAscii) != 0) break;
    if ((LanesAtLeast(w, '0') & ~LanesAtLeast(w, '9' + 1)) != 0) break;
  }
  while (p < end && *p < 0x80 && static_cast<UChar>(*p - '0') > 9) ++p;
  return p;
}

bool Overlaps(TextRange a, TextRange b) { return a.begin < b.end && b.begin < a.end; }

// Where a placeholder goes for a fact mention: a quantity's counted noun
// ("10,000 troops") stays in the text to be translated; only the amount is
// a placeholder.
TextRange PlaceholderRange(const icu::UnicodeString& text, const Fact& fact, TextRange r) {
  if (fact.type != FactType::kQuantity || fact.unit.empty()) return r;
  const icu::UnicodeString unit = icu::UnicodeString::fromUTF8(fact.unit);
  if (unit.length() >= r.length()) return r;
  if (text.compare(r.end - unit.length(), unit.length(), unit) != 0) return r;
  TextRange trimmed{r.begin, r.end - unit.length()};
  while (trimmed.end > trimmed.begin && IsCollapsedSpace(text[trimmed.end - 1])) --trimmed.end;
  return trimmed.empty() ? r : trimmed;
}

bool Translatable(FactType type) {
  // Places and organizations have usual translations ("Moscow" ->
  // "Moskau", "United Nations" -> "Nations unies"); people, numbers and
  // values are kept or re-rendered for the locale.
  return type == FactType::kPlace || type == FactType::kOrganization;
}

struct Candidate {
  TextRange range;
  const Fact* fact = nullptr;  // nullptr: a bare number.
};

}  // namespace

std::string BuildMessageTemplate(const icu::UnicodeString& text, TextRange range,
                                 const std::vector<TextRange>& placeholders) {
  // Written through a pointer into storage sized for the worst case, not
  // push_back per byte: a unit gives at most four bytes (a quote, then up
  // to three of UTF-8; a pair gives four for two units; collapsed white
  // space gives at most a quote and a space for at least one unit), a
  // placeholder at most 24 ("' {" 20 digits "}"), the final quote one.
  std::string out;
  const size_t units = static_cast<size_t>(std::max(range.length(), 0));
  out.resize(4 * units + 24 * placeholders.size() + 1);
  char* p = out.data();
  // Appends a code point of a literal run: MessageFormat (ApostropheMode
  // DOUBLE_OPTIONAL, ICU's default, and DOUBLE_REQUIRED alike) reads "''" as
  // one apostrophe and anything between single apostrophes as literal text,
  // so braces are quoted as runs ("'{}'"), never one by one ("'{''}'" would
  // read as "{'}"). Written straight to UTF-8: building an
  // icu::UnicodeString one unit at a time and converting it cost ~10x more.
  auto literal = [&](UChar32 c, bool* in_quote) {
    const bool brace = c == '{' || c == '}';
    if (brace != *in_quote) {
      *p++ = '\'';
      *in_quote = brace;
    }
    if (c == '\'') {
      *p++ = '\'';
      *p++ = '\'';
    } else {
      int32_t length = 0;
      U8_APPEND_UNSAFE(p, length, c);
      p += length;
    }
  };
  const UChar* s = text.getBuffer();
  bool in_quote = false;
  bool space = false;
  bool empty = true;
  size_t next = 0;
  int32_t i = range.begin;
  while (i < range.end) {
    // Where the next placeholder starts (or the range ends). One that
    // starts before `i` (overlapping the one before) is never reached, and
    // neither are those after it: the rest of the range is literal text.
    if (next < placeholders.size() && placeholders[next].begin < i) next = placeholders.size();
    const int32_t stop =
        next < placeholders.size() ? std::min(placeholders[next].begin, range.end) : range.end;
    if (i == stop) {
      if (in_quote) {
        *p++ = '\'';
        in_quote = false;
      }
      if (space && !empty) *p++ = ' ';
      space = false;
      empty = false;
      *p++ = '{';
      p = std::to_chars(p, p + 20, next).ptr;
      *p++ = '}';
      i = std::max(placeholders[next].end, i + 1);
      ++next;
      continue;
    }
    while (i < stop) {
      UChar32 c = s[i++];
      if (IsCollapsedSpace(static_cast<UChar>(c))) {
        space = true;
        continue;
      }
      if (space && !empty) literal(' ', &in_quote);
      space = false;
      empty = false;
      if (U16_IS_SURROGATE(c)) {
        // A pair is one code point unless a placeholder starts between its
        // units; a lone unit becomes U+FFFD (as UnicodeString::toUTF8String).
        if (U16_IS_LEAD(c) && i < stop && U16_IS_TRAIL(s[i])) {
          c = U16_GET_SUPPLEMENTARY(c, s[i]);
          ++i;
        } else {
          c = 0xFFFD;
        }
      }
      literal(c, &in_quote);
      if (in_quote) continue;
      // Most of a sentence: printable ASCII and single spaces, copied as
      // they are up to the next character that needs a look.
      const UChar* from = s + i;
      CopyPlainRun(&from, s + stop, &p);
      i = static_cast<int32_t>(from - s);
    }
  }
  if (in_quote) *p++ = '\'';
  out.resize(static_cast<size_t>(p - out.data()));
  return out;
}

std::vector<TextRange> FindNumbers(const icu::UnicodeString& text, TextRange range) {
  std::vector<TextRange> numbers;
  const UChar* s = text.getBuffer();
  int32_t i = range.begin;
  while (i < range.end) {
    // ASCII other than digits is skipped without a call.
    i = static_cast<int32_t>(SkipAsciiNonDigits(s + i, s + range.end) - s);
    if (i >= range.end) break;
    const UChar32 c = CharAt(text, i);
    if (!IsDigit(c)) {
      i = Next(text, i);
      continue;
    }
    const int32_t begin = i;
    int32_t end = Next(text, i);
    while (end < range.end) {
      const UChar32 d = CharAt(text, end);
      if (IsDigit(d)) {
        end = Next(text, end);
      } else if (IsSeparator(static_cast<UChar>(d)) && d <= 0xFFFF && end + 1 < range.end &&
                 IsDigit(CharAt(text, end + 1))) {
        end += 1;
      } else {
        break;
      }
    }
    i = end;
    const UChar32 before = CodePointBefore(text, begin, range.begin);
    const UChar32 after = end < range.end ? CharAt(text, end) : U_SENTINEL;
    if (before != U_SENTINEL && IsAlpha(before)) continue;
    if (after != U_SENTINEL && IsAlpha(after)) continue;
    // "COVID-19", "F-16": a hyphen glued to a word on the left.
    if (before == '-' && begin - 1 > range.begin && IsAlpha(CharAt(text, begin - 2))) {
      continue;
    }
    numbers.push_back({begin, end});
  }
  return numbers;
}

absl::Status AddTranslationData(const NormalizedText& text,
                                const std::vector<TextRange>& sentences,
                                const std::vector<Fact>& facts,
                                const std::vector<const Fact*>& kept,
                                const std::vector<std::string>& locales,
                                SummaryResult* result) {
  const FactRenderer& renderer = FactRenderer::Shared();
  for (size_t i = 0; i < locales.size(); ++i) {
    RETURN_IF_ERROR(renderer.ValidateLocale(locales[i], absl::StrCat("target_locales[", i, "]")));
  }
  // Renderings per fact, computed at most once per call.
  std::unordered_map<const Fact*, std::map<std::string, std::string>> displays;
  auto display_of = [&](const Fact* f) -> const std::map<std::string, std::string>& {
    auto [it, inserted] = displays.try_emplace(f);
    if (inserted) {
      for (const std::string& locale : locales) {
        std::string rendered = renderer.Render(f->type, f->value, f->unit, locale);
        if (!rendered.empty()) it->second[locale] = std::move(rendered);
      }
    }
    return it->second;
  };
  const size_t listed = std::min(kept.size(), result->facts.size());
  for (size_t k = 0; k < listed; ++k) {
    if (!locales.empty()) result->facts[k].display = display_of(kept[k]);
  }
  // A fact's index in result->facts, -1 if it is not listed (the last of
  // repeated pointers). A scan: the list is short, a hash map cost more to
  // build than all the look-ups.
  auto listed_index = [&](const Fact* f) -> int32_t {
    for (size_t k = listed; k-- > 0;) {
      if (kept[k] == f) return static_cast<int32_t>(k);
    }
    return -1;
  };

  // Fact mentions per summary sentence, in one pass over the facts:
  // slot[id] is the summary sentence's list of candidates (-1: not in the
  // summary).
  const int32_t sentence_count = static_cast<int32_t>(sentences.size());
  std::vector<int32_t> slot(sentences.size(), -1);
  std::vector<std::vector<Candidate>> by_slot;
  by_slot.reserve(result->summary.size());
  for (const SentenceResult& s : result->summary) {
    if (s.id < 0 || s.id >= sentence_count || slot[s.id] >= 0) continue;
    slot[s.id] = static_cast<int32_t>(by_slot.size());
    by_slot.emplace_back();
  }
  for (const Fact& f : facts) {
    for (const FactMention& m : f.mentions) {
      if (m.sentence < 0 || m.sentence >= sentence_count || slot[m.sentence] < 0 ||
          m.range.empty()) {
        continue;
      }
      by_slot[slot[m.sentence]].push_back({PlaceholderRange(text.text(), f, m.range), &f});
    }
  }

  const icu::UnicodeString& t = text.text();
  for (SentenceResult& s : result->summary) {
    if (s.id < 0 || static_cast<size_t>(s.id) >= sentences.size()) continue;
    const TextRange range = sentences[s.id];
    std::vector<Candidate>& candidates = by_slot[slot[s.id]];
    // Earliest first, the longest of those starting together; then greedy
    // disjoint (a date inside a longer range mention loses to the range).
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& x, const Candidate& y) {
                       if (x.range.begin != y.range.begin) return x.range.begin < y.range.begin;
                       return x.range.length() > y.range.length();
                     });
    std::vector<Candidate> chosen;
    for (const Candidate& c : candidates) {
      if (!range.Contains(c.range)) continue;
      if (!chosen.empty() && Overlaps(chosen.back().range, c.range)) continue;
      chosen.push_back(c);
    }
    for (TextRange number : FindNumbers(t, range)) {
      const bool taken = std::any_of(chosen.begin(), chosen.end(), [&](const Candidate& c) {
        return Overlaps(c.range, number);
      });
      if (!taken) chosen.push_back({number, nullptr});
    }
    std::sort(chosen.begin(), chosen.end(), [](const Candidate& x, const Candidate& y) {
      return x.range.begin < y.range.begin;
    });

    std::vector<TextRange> ranges;
    ranges.reserve(chosen.size());
    s.placeholders.clear();
    s.placeholders.reserve(chosen.size());
    for (const Candidate& c : chosen) {
      ranges.push_back(c.range);
      PlaceholderResult& p = s.placeholders.emplace_back();
      p.index = static_cast<int32_t>(s.placeholders.size() - 1);
      p.span = text.ToSourceSpan(c.range);
      p.text.assign(text.source().data() + p.span.byte_begin,
                    static_cast<size_t>(p.span.byte_end - p.span.byte_begin));
      if (c.fact != nullptr) {
        p.type = c.fact->type;
        p.fact_index = listed_index(c.fact);
        p.value = c.fact->value;
        p.unit = c.fact->unit;
        p.grain = c.fact->grain;
        p.translate = Translatable(c.fact->type);
        if (!locales.empty()) p.display = display_of(c.fact);
      } else {
        p.type = FactType::kNumber;
        // Digits only (any script): a plain integer with a value; with
        // separators the reading (1,500 or 1.500?) is the language's, so the
        // number is kept as written.
        std::string& digits = p.value;
        for (int32_t i = c.range.begin; i < c.range.end; i = t.moveIndex32(i, 1)) {
          const int32_t v = u_charDigitValue(t.char32At(i));
          if (v < 0) {
            digits.clear();
            break;
          }
          digits.push_back(static_cast<char>('0' + v));
        }
        if (!digits.empty()) {
          for (const std::string& locale : locales) {
            std::string rendered = renderer.Render(FactType::kNumber, digits, "", locale);
            if (!rendered.empty()) p.display[locale] = std::move(rendered);
          }
        }
      }
    }
    s.message_template = BuildMessageTemplate(t, range, ranges);
  }
  return absl::OkStatus();
}

}  // namespace precis
