#include "money_currencies.h"

#include "fact_text.h"
#include "unicode/uchar.h"
#include "unicode/ucurr.h"
#include "unicode/uenum.h"
#include "unicode/unistr.h"

namespace precis {
namespace {

std::string ToUtf8(const UChar* s, int32_t len) {
  std::string out;
  icu::UnicodeString(false, s, len).toUTF8String(out);
  return out;
}

// A symbol is usable in a pattern only when it contains a currency sign
// ("$", "CA$", "₽"): letter-only symbols ("kr", "zł", "RUB") would fire
// inside words; ISO codes are added separately, case-sensitively.
bool HasCurrencySign(const UChar* s, int32_t len) {
  for (int32_t i = 0; i < len; ++i) {
    if (u_charType(s[i]) == U_CURRENCY_SYMBOL) return true;
  }
  return false;
}

}  // namespace

MoneyCurrencies MoneyCurrencies::Build(
    std::string_view language, const std::map<std::string, std::string>& symbols,
    const std::map<std::string, std::string>& words,
    const std::vector<std::string>& ambiguous) {
  MoneyCurrencies out;
  const std::string lang(language);
  UErrorCode status = U_ZERO_ERROR;
  UEnumeration* codes =
      ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
  std::vector<std::string> iso;
  if (U_SUCCESS(status)) {
    const char* code;
    int32_t len;
    while ((code = uenum_next(codes, &len, &status)) != nullptr && U_SUCCESS(status)) {
      iso.emplace_back(code, len);
    }
    uenum_close(codes);
  }
  static constexpr const char* kPlural[] = {"zero", "one", "two", "few", "many", "other"};
  // The article's language first, English second: the first claim on a
  // symbol wins, so "¥" is CNY in Chinese and JPY in Japanese and English.
  const std::string locales[] = {lang.empty() ? std::string("en") : lang, "en"};
  for (const std::string& code : iso) {
    out.symbols_.emplace(code, code);
    icu::UnicodeString ucode = icu::UnicodeString::fromUTF8(code);
    const UChar* uc = ucode.getTerminatedBuffer();
    for (const std::string& locale : locales) {
      UBool is_choice = false;
      int32_t len = 0;
      status = U_ZERO_ERROR;
      const UChar* sym = ucurr_getName(uc, locale.c_str(), UCURR_SYMBOL_NAME,
                                       &is_choice, &len, &status);
      if (U_SUCCESS(status) && len > 0 && HasCurrencySign(sym, len)) {
        out.symbols_.emplace(ToUtf8(sym, len), code);
      }
      if (locale != locales[0]) continue;  // words only in the text's language
      status = U_ZERO_ERROR;
      const UChar* name = ucurr_getName(uc, locale.c_str(), UCURR_LONG_NAME,
                                        &is_choice, &len, &status);
      if (U_SUCCESS(status) && status != U_USING_DEFAULT_WARNING && len > 0) {
        out.words_.emplace(Folded(ToUtf8(name, len)), code);
      }
      for (const char* plural : kPlural) {
        status = U_ZERO_ERROR;
        const UChar* p = ucurr_getPluralName(uc, locale.c_str(), &is_choice,
                                             plural, &len, &status);
        if (U_SUCCESS(status) && status != U_USING_DEFAULT_WARNING && len > 0) {
          out.words_.emplace(Folded(ToUtf8(p, len)), code);
        }
      }
    }
  }
  // Remove long names that are the ISO code itself (ICU falls back to it).
  for (auto it = out.words_.begin(); it != out.words_.end();) {
    if (it->first.size() == 3 && Folded(it->second) == it->first) {
      it = out.words_.erase(it);
    } else {
      ++it;
    }
  }
  for (const auto& [symbol, code] : symbols) out.symbols_[symbol] = code;
  for (const auto& [word, code] : words) out.words_[Folded(word)] = code;
  out.ambiguous_.insert(ambiguous.begin(), ambiguous.end());
  return out;
}

std::vector<std::string> MoneyCurrencies::ListedSymbols() const {
  std::vector<std::string> items;
  for (const auto& [symbol, code] : symbols_) {
    if (symbol.size() == 3 && symbol == code) continue;
    items.push_back(symbol);
  }
  return items;
}

std::string MoneyCurrencies::SymbolPattern() const {
  // ISO codes as one class (validated by Find): a 300-way alternation would
  // bloat every program that embeds it, and submatch extraction costs grow
  // with program size.
  return "(?:" + Alternation(ListedSymbols(), /*fold=*/false) + "|[A-Z]{3})";
}

std::string MoneyCurrencies::WordPattern() const {
  // Words in scripts without spaces must be listed ("元", "円"); words in
  // spaced scripts are matched generically (one or two words) and looked up.
  std::vector<std::string> cjk;
  for (const auto& [word, code] : words_) {
    if (IsCjk(CodePointAt(word, 0))) cjk.push_back(word);
  }
  const std::string letter = "[A-Za-z\\x{00C0}-\\x{1FFF}]";
  const std::string rest = "[A-Za-z\\x{00C0}-\\x{1FFF}'\\x{2019}.\\-]*";
  return "(?:" + Alternation(std::move(cjk), false) + "|" + letter + rest + "(?:[ \\x{00A0}]" +
         letter + rest + ")?)";
}

std::string MoneyCurrencies::ListedWordPattern() const {
  std::vector<std::string> items;
  items.reserve(words_.size());
  for (const auto& [word, code] : words_) items.push_back(word);
  return Alternation(std::move(items), /*fold=*/true);
}

bool MoneyCurrencies::FindPrefix(std::string_view written, CurrencyMatch* out,
                                 size_t* length) const {
  // Longest first: "US dollars in" -> "US dollars"; "euros." -> "euros".
  std::string_view w = written;
  while (!w.empty()) {
    if (Find(w, out)) {
      *length = w.size();
      return true;
    }
    std::string_view trimmed = w;
    if (trimmed.back() == '.') {
      trimmed.remove_suffix(1);
    } else {
      const size_t space = trimmed.find_last_of(" ");
      const size_t nbsp = trimmed.rfind("\xC2\xA0");
      size_t cut = std::string_view::npos;
      if (space != std::string_view::npos) cut = space;
      if (nbsp != std::string_view::npos && (cut == std::string_view::npos || nbsp > cut)) cut = nbsp;
      if (cut == std::string_view::npos) return false;
      trimmed = trimmed.substr(0, cut);
    }
    w = trimmed;
  }
  return false;
}

bool MoneyCurrencies::Find(std::string_view written, CurrencyMatch* out) const {
  const std::string key(written);
  if (auto it = symbols_.find(key); it != symbols_.end()) {
    out->code = it->second;
    out->ambiguous = ambiguous_.contains(key);
    return true;
  }
  if (auto it = words_.find(Folded(written)); it != words_.end()) {
    out->code = it->second;
    out->ambiguous = ambiguous_.contains(Folded(written));
    return true;
  }
  return false;
}

}  // namespace precis
