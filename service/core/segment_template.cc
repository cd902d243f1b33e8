#include "segment_template.h"

#include <algorithm>
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

// Appends code point `c` to a MessageFormat literal run in UTF-8 (see
// AppendLiteral).
void AppendUtf8(UChar32 c, std::string* out) {
  char buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, c);
  out->append(buffer, length);
}

// Appends a literal run of the pattern: MessageFormat (ApostropheMode
// DOUBLE_OPTIONAL, ICU's default, and DOUBLE_REQUIRED alike) reads "''" as one
// apostrophe and anything between single apostrophes as literal text, so
// braces are quoted as runs ("'{}'"), never one by one ("'{''}'" would read
// as "{'}"). Written straight to UTF-8: building an icu::UnicodeString one
// unit at a time and converting it cost ~10x more.
void AppendLiteral(UChar32 c, bool* in_quote, std::string* out) {
  const bool brace = c == '{' || c == '}';
  if (brace != *in_quote) {
    out->push_back('\'');
    *in_quote = brace;
  }
  if (c == '\'') {
    out->append("''");
  } else if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else {
    AppendUtf8(c, out);
  }
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
  std::string out;
  out.reserve(3 * static_cast<size_t>(std::max(range.length(), 0)) + 16);
  const UChar* s = text.getBuffer();
  bool in_quote = false;
  bool space = false;
  bool empty = true;
  size_t next = 0;
  int32_t i = range.begin;
  while (i < range.end) {
    if (next < placeholders.size() && placeholders[next].begin == i) {
      if (in_quote) {
        out.push_back('\'');
        in_quote = false;
      }
      if (space && !empty) out.push_back(' ');
      space = false;
      empty = false;
      absl::StrAppend(&out, "{", next, "}");
      i = std::max(placeholders[next].end, i + 1);
      ++next;
      continue;
    }
    UChar32 c = s[i++];
    if (IsCollapsedSpace(static_cast<UChar>(c))) {
      space = true;
      continue;
    }
    if (space && !empty) AppendLiteral(' ', &in_quote, &out);
    space = false;
    empty = false;
    if (U16_IS_SURROGATE(c)) {
      // A pair is one code point unless a placeholder starts between its
      // units; a lone unit becomes U+FFFD (as UnicodeString::toUTF8String).
      const bool split = next < placeholders.size() && placeholders[next].begin == i;
      if (U16_IS_LEAD(c) && i < range.end && !split && U16_IS_TRAIL(s[i])) {
        c = U16_GET_SUPPLEMENTARY(c, s[i]);
        ++i;
      } else {
        c = 0xFFFD;
      }
    }
    AppendLiteral(c, &in_quote, &out);
  }
  if (in_quote) out.push_back('\'');
  return out;
}

std::vector<TextRange> FindNumbers(const icu::UnicodeString& text, TextRange range) {
  std::vector<TextRange> numbers;
  int32_t i = range.begin;
  while (i < range.end) {
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
  std::unordered_map<const Fact*, int32_t> kept_index;
  for (size_t k = 0; k < kept.size() && k < result->facts.size(); ++k) {
    kept_index[kept[k]] = static_cast<int32_t>(k);
    if (!locales.empty()) result->facts[k].display = display_of(kept[k]);
  }

  // Fact mentions per summary sentence, in one pass over the facts.
  std::unordered_map<int32_t, std::vector<Candidate>> by_sentence;
  for (const SentenceResult& s : result->summary) by_sentence[s.id];
  for (const Fact& f : facts) {
    for (const FactMention& m : f.mentions) {
      auto it = by_sentence.find(m.sentence);
      if (it == by_sentence.end() || m.range.empty()) continue;
      it->second.push_back({PlaceholderRange(text.text(), f, m.range), &f});
    }
  }

  const icu::UnicodeString& t = text.text();
  for (SentenceResult& s : result->summary) {
    if (s.id < 0 || static_cast<size_t>(s.id) >= sentences.size()) continue;
    const TextRange range = sentences[s.id];
    std::vector<Candidate>& candidates = by_sentence[s.id];
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
    for (const Candidate& c : chosen) {
      ranges.push_back(c.range);
      PlaceholderResult p;
      p.index = static_cast<int32_t>(s.placeholders.size());
      p.text = std::string(text.SourceSlice(c.range));
      p.span = text.ToSourceSpan(c.range);
      if (c.fact != nullptr) {
        p.type = c.fact->type;
        auto it = kept_index.find(c.fact);
        p.fact_index = it == kept_index.end() ? -1 : it->second;
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
        std::string digits;
        for (int32_t i = c.range.begin; i < c.range.end; i = t.moveIndex32(i, 1)) {
          const int32_t v = u_charDigitValue(t.char32At(i));
          if (v < 0) {
            digits.clear();
            break;
          }
          digits.push_back(static_cast<char>('0' + v));
        }
        p.value = digits;
        if (!digits.empty()) {
          for (const std::string& locale : locales) {
            std::string rendered = renderer.Render(FactType::kNumber, digits, "", locale);
            if (!rendered.empty()) p.display[locale] = std::move(rendered);
          }
        }
      }
      s.placeholders.push_back(std::move(p));
    }
    s.message_template = BuildMessageTemplate(t, range, ranges);
  }
  return absl::OkStatus();
}

}  // namespace precis
