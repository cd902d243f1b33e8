// NumberParser: digit strings as written in a language ("1,000.5", "2,3",
// "10 000", "１２０") to exact decimals, using the locale's decimal and
// grouping symbols from ICU (DecimalFormatSymbols), plus exact scaling by
// powers of ten ("2,3 milliards" -> 2300000000) without binary floating point.
//
// Immutable after construction; all methods are const and thread-safe.
#ifndef PRECIS_SERVICE_CORE_NUMBER_PARSER_H_
#define PRECIS_SERVICE_CORE_NUMBER_PARSER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace precis {

// A non-negative decimal: `digits` (ASCII, no sign) times 10^exponent.
struct DecimalNumber {
  std::string digits;
  int exponent = 0;

  // Multiplies by 10^power (a scale word: million = 6).
  void Scale(int power) { exponent += power; }
  // Canonical decimal string: no exponent, no leading zeros (except "0.x"),
  // no trailing fractional zeros ("2300000000", "4.5", "0.25").
  std::string ToString() const;
  // Integer value when it fits and has no fraction; -1 otherwise.
  int64_t ToInt() const;
};

class NumberParser {
 public:
  // `language` is a BCP-47 code; unknown or empty -> root symbols ('.' ',').
  explicit NumberParser(std::string_view language);

  // RE2 fragment (no capturing groups) matching one written number in this
  // locale: plain digits, grouped digits, an optional fraction. ASCII and
  // fullwidth digits.
  const std::string& pattern() const { return pattern_; }

  // Parses a string matched by pattern(). A separator is read as the
  // locale's decimal mark unless it is followed by exactly three digits and
  // is the locale's grouping mark (or repeats); "4.5" in a German text is
  // still 4.5. Returns false when the string is not a number.
  bool Parse(std::string_view text, DecimalNumber* out) const;

 private:
  char32_t decimal_ = '.';
  char32_t grouping_ = ',';
  bool space_grouping_ = false;
  std::string pattern_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_NUMBER_PARSER_H_
