// NumberParser and DecimalNumber: locale-aware parsing and exact scaling.
#include "number_parser.h"

#include "gtest/gtest.h"
#include "re2/re2.h"

namespace precis {
namespace {

std::string Parse(const NumberParser& p, std::string_view s) {
  DecimalNumber d;
  if (!p.Parse(s, &d)) return "<error>";
  return d.ToString();
}

TEST(FactNumberParserTest, EnglishSeparators) {
  const NumberParser en("en");
  EXPECT_EQ(Parse(en, "300"), "300");
  EXPECT_EQ(Parse(en, "1,000"), "1000");
  EXPECT_EQ(Parse(en, "1,250.50"), "1250.5");
  EXPECT_EQ(Parse(en, "4.5"), "4.5");
  EXPECT_EQ(Parse(en, "2,5"), "2.5");  // not a group of three: a decimal comma
  EXPECT_EQ(Parse(en, "12,345,678"), "12345678");
  EXPECT_EQ(Parse(en, "0.25"), "0.25");
  EXPECT_EQ(Parse(en, "007"), "7");
}

TEST(FactNumberParserTest, LocaleDecimalComma) {
  const NumberParser fr("fr");
  EXPECT_EQ(Parse(fr, "2,3"), "2.3");
  EXPECT_EQ(Parse(fr, "2,300"), "2.3");  // French decimal comma
  EXPECT_EQ(Parse(fr, "14 300"), "14300");
  EXPECT_EQ(Parse(fr, "14\u202F300"), "14300");
  const NumberParser de("de");
  EXPECT_EQ(Parse(de, "1.500"), "1500");
  EXPECT_EQ(Parse(de, "4,5"), "4.5");
  EXPECT_EQ(Parse(de, "1.000.000,25"), "1000000.25");
  EXPECT_EQ(Parse(de, "4.5"), "4.5");  // English-style decimals still read
}

TEST(FactNumberParserTest, FullwidthDigits) {
  const NumberParser ja("ja");
  EXPECT_EQ(Parse(ja, "１２０"), "120");
}

TEST(FactNumberParserTest, MalformedGroupsFail) {
  const NumberParser en("en");
  EXPECT_EQ(Parse(en, "1,00,000.5,5"), "<error>");
  EXPECT_EQ(Parse(en, ""), "<error>");
}

TEST(FactNumberParserTest, PatternMatchesWholeNumbers) {
  const NumberParser en("en");
  const NumberParser fr("fr");
  EXPECT_TRUE(RE2::FullMatch("1,250.50", RE2(en.pattern())));
  EXPECT_TRUE(RE2::FullMatch("14 300", RE2(fr.pattern())));
  // English does not group with spaces: "in 2014 300 people" stays apart.
  EXPECT_FALSE(RE2::FullMatch("2014 300", RE2(en.pattern())));
}

TEST(FactNumberParserTest, ScaleIsExact) {
  DecimalNumber d;
  ASSERT_TRUE(NumberParser("fr").Parse("2,3", &d));
  d.Scale(9);
  EXPECT_EQ(d.ToString(), "2300000000");
  EXPECT_EQ(d.ToInt(), 2300000000);
  ASSERT_TRUE(NumberParser("en").Parse("1.25", &d));
  d.Scale(-3);
  EXPECT_EQ(d.ToString(), "0.00125");
  EXPECT_EQ(d.ToInt(), -1);
}

// Plain digit strings and integers take fast paths (Parse without runs,
// ToString without re-normalizing): pin what the general path gives.
TEST(FactNumberParserTest, PlainDigitsAndIntegers) {
  const NumberParser en("en");
  EXPECT_EQ(Parse(en, "0"), "0");
  EXPECT_EQ(Parse(en, "000"), "0");
  EXPECT_EQ(Parse(en, "0100"), "100");
  EXPECT_EQ(Parse(en, "1000"), "1000");
  EXPECT_EQ(Parse(en, "9"), "9");
  EXPECT_EQ(Parse(en, "12a"), "<error>");  // not a number: the general path decides
  DecimalNumber d;
  ASSERT_TRUE(en.Parse("300", &d));
  EXPECT_EQ(d.digits, "300");
  EXPECT_EQ(d.exponent, 0);
  d.Scale(6);
  EXPECT_EQ(d.ToString(), "300000000");
  EXPECT_EQ(d.ToInt(), 300000000);
  d.Scale(-8);
  EXPECT_EQ(d.ToString(), "3");
  d.Scale(-1);
  EXPECT_EQ(d.ToString(), "0.3");
  // A parse reuses `out`: nothing of an earlier value is left.
  ASSERT_TRUE(en.Parse("4.5", &d));
  ASSERT_TRUE(en.Parse("12", &d));
  EXPECT_EQ(d.ToString(), "12");
  EXPECT_EQ(d.exponent, 0);
  DecimalNumber zero;
  zero.digits = "0";
  zero.exponent = 3;
  EXPECT_EQ(zero.ToString(), "0");
  DecimalNumber lead;
  lead.digits = "0012";
  lead.exponent = 2;
  EXPECT_EQ(lead.ToString(), "1200");
}

}  // namespace
}  // namespace precis
