#include "number_parser.h"

#include <vector>

#include "unicode/dcfmtsym.h"
#include "unicode/locid.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

bool IsSpaceLike(char32_t c) {
  return c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009;
}

// First code point of an ICU symbol string (decimal and grouping symbols are
// single characters in every CLDR locale we target).
char32_t FirstCodePoint(const icu::UnicodeString& s, char32_t fallback) {
  return s.isEmpty() ? fallback : static_cast<char32_t>(s.char32At(0));
}

int DigitValue(UChar32 c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 0xFF10 && c <= 0xFF19) return c - 0xFF10;
  return -1;
}

bool IsAsciiDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string DecimalNumber::ToString() const {
  // An integer without leading zeros (most numbers) is already canonical:
  // the general path below would move its trailing zeros into the
  // exponent and write them back.
  if (exponent >= 0 && !digits.empty() && digits[0] != '0') {
    return exponent == 0 ? digits : digits + std::string(exponent, '0');
  }
  // Strip leading zeros of the significand; an all-zero value is "0".
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return "0";
  std::string sig = digits.substr(first);
  int exp = exponent;
  // Drop trailing zeros into the exponent.
  while (sig.size() > 1 && sig.back() == '0') {
    sig.pop_back();
    ++exp;
  }
  if (exp >= 0) return sig + std::string(exp, '0');
  const int frac = -exp;
  if (static_cast<int>(sig.size()) > frac) {
    return sig.substr(0, sig.size() - frac) + "." + sig.substr(sig.size() - frac);
  }
  return "0." + std::string(frac - sig.size(), '0') + sig;
}

int64_t DecimalNumber::ToInt() const {
  const std::string s = ToString();
  if (s.find('.') != std::string::npos || s.size() > 18) return -1;
  int64_t v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

NumberParser::NumberParser(std::string_view language) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale(std::string(language).c_str());
  icu::DecimalFormatSymbols symbols(locale, status);
  if (U_SUCCESS(status)) {
    decimal_ = FirstCodePoint(
        symbols.getSymbol(icu::DecimalFormatSymbols::kDecimalSeparatorSymbol), '.');
    grouping_ = FirstCodePoint(
        symbols.getSymbol(icu::DecimalFormatSymbols::kGroupingSeparatorSymbol), ',');
  }
  space_grouping_ = IsSpaceLike(grouping_);
  // Grouped digits need exactly three digits per group; a plain space only
  // groups in locales whose grouping symbol is a space (fr, ru, ...), so that
  // "14 300" is one number in French but "in 2014 300 people" is not merged
  // in English.
  const std::string digit = "[0-9\\x{FF10}-\\x{FF19}]";
  std::string sep = "[.,'\\x{2019}\\x{00A0}\\x{202F}\\x{2009}";
  if (space_grouping_) sep += " ";
  sep += "]";
  pattern_ = "(?:" + digit + "{1,3}(?:" + sep + digit + "{3})+(?:[.,]" + digit +
             "+)?|" + digit + "+(?:[.,]" + digit + "+)?)";
}

bool NumberParser::Parse(std::string_view text, DecimalNumber* out) const {
  // Plain ASCII digits (most numbers): one run, no separators, read
  // without the vectors of runs the general path builds.
  if (!text.empty() && IsAsciiDigits(text)) {
    out->digits.assign(text.data(), text.size());
    out->exponent = 0;
    return true;
  }
  // Split into digit runs and the single separators between them.
  std::vector<std::string> runs(1);
  std::vector<char32_t> seps;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    const int d = DigitValue(c);
    if (d >= 0) {
      runs.back().push_back(static_cast<char>('0' + d));
    } else {
      if (runs.back().empty()) return false;
      seps.push_back(static_cast<char32_t>(c));
      runs.emplace_back();
    }
  }
  if (runs.back().empty()) return false;
  out->digits.clear();
  out->exponent = 0;
  if (seps.empty()) {
    out->digits = runs[0];
    return true;
  }
  // Decide whether the last separator is a decimal mark.
  const char32_t last = seps.back();
  bool last_is_decimal = false;
  if (last == '.' || last == ',') {
    if (runs.back().size() != 3) {
      last_is_decimal = true;  // "4.5", "2,35": never a group of three.
    } else if (seps.size() == 1 && last == decimal_ && last != grouping_) {
      last_is_decimal = true;  // "2,300" in French is 2.3.
    } else if (seps.size() > 1 && seps[seps.size() - 2] != last) {
      last_is_decimal = true;  // "1,000.500": mixed marks, last is decimal.
    }
  }
  const size_t group_seps = last_is_decimal ? seps.size() - 1 : seps.size();
  for (size_t k = 0; k < group_seps; ++k) {
    if (seps[k] != seps[0]) return false;  // "1.000,000.000": malformed
    if (runs[k + 1].size() != 3) return false;
  }
  if (group_seps > 0 && runs[0].size() > 3) return false;
  for (size_t k = 0; k <= group_seps; ++k) out->digits += runs[k];
  if (last_is_decimal) {
    out->digits += runs.back();
    out->exponent = -static_cast<int>(runs.back().size());
  }
  return true;
}

}  // namespace precis
