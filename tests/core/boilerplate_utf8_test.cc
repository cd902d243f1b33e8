// BoilerplateDetector converts each sentence to UTF-8 for RE2 with a fast
// path for runs of eight ASCII units: checked here through Classify with
// one pattern that is exactly the expected UTF-8 (quoted, anchored), so any
// byte the conversion got wrong, dropped or added fails the match.
#include <string>
#include <vector>

#include "boilerplate_detector.h"
#include "gtest/gtest.h"
#include "re2/re2.h"
#include "unicode/unistr.h"

namespace precis {
namespace {

// True when the detector, given a single pattern matching exactly
// `expected_utf8`, marks text[range] (one sentence of a two-sentence text)
// as boilerplate.
bool Matches(const icu::UnicodeString& text, TextRange range, const std::string& expected_utf8) {
  std::string pattern = "^";
  pattern += RE2::QuoteMeta(expected_utf8);
  pattern += '$';
  auto d = BoilerplateDetector::Create({pattern});
  EXPECT_TRUE(d.ok()) << d.status();
  if (!d.ok()) return false;
  Segmentation seg;
  seg.paragraphs.resize(1);
  // A terminal second sentence that never matches, so the first is no
  // headline and the label rule cannot mark the first (it has 100 words).
  seg.sentences.push_back({range, 0});
  seg.sentences.push_back({{text.length(), text.length()}, 0});
  const std::vector<SentenceKind> kinds = (*d)->Classify(text, seg, {100, 100});
  return kinds[0] == SentenceKind::kBoilerplate;
}

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// ASCII runs of every length 0 to 20 before and after one non-ASCII
// character (kept, or a French typographic space that becomes ' '), the
// sentence starting at every offset 0 to 9 in the text.
TEST(BoilerplateUtf8Test, AsciiRunsAroundNonAsciiAtEveryAlignment) {
  struct Special {
    char16_t unit;
    const char* utf8;  // What RE2 must see.
  };
  const Special specials[] = {{u'\u00E9', "\xC3\xA9"},    {u'\u00A0', " "},
                              {u'\u202F', " "},           {u'\u2009', " "},
                              {u'\u2007', " "},           {u'\u20AC', "\xE2\x82\xAC"},
                              {u'\u0416', "\xD0\x96"},    {u'\u007F', "\x7F"},
                              {u'\u0080', "\xC2\x80"},    {u'\u0100', "\xC4\x80"},
                              {u'\u8A9E', "\xE8\xAA\x9E"}, {u'\uFF01', "\xEF\xBC\x81"}};
  const std::string letters = "Abcdefghijklmnopqrstuvwxyz0123";
  int checked = 0;
  for (const Special& sp : specials) {
    for (int32_t before = 0; before <= 20; ++before) {
      for (int32_t after = 0; after <= 20; after += 3) {
        for (int32_t offset = 0; offset < 10; offset += 3) {
          icu::UnicodeString text;
          for (int32_t k = 0; k < offset; ++k) text.append(u'#');
          const std::string head = letters.substr(0, before);
          const std::string tail = letters.substr(letters.size() - after);
          text.append(icu::UnicodeString::fromUTF8(head));
          text.append(sp.unit);
          text.append(icu::UnicodeString::fromUTF8(tail));
          const int32_t end = text.length();
          text.append(u" Rest.");
          ASSERT_TRUE(Matches(text, {offset, end}, head + sp.utf8 + tail))
              << "before " << before << " after " << after << " offset " << offset << " unit "
              << static_cast<int>(sp.unit);
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 1000);
}

// Pure ASCII sentences of every length up to 40: runs of eight, then the
// rest unit by unit, and a range ending inside the text.
TEST(BoilerplateUtf8Test, PureAsciiOfEveryLength) {
  const std::string letters = "The quick brown fox jumps over the lazy dog 0123456789";
  for (size_t n = 1; n <= 40; ++n) {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(letters);
    ASSERT_TRUE(Matches(text, {0, static_cast<int32_t>(n)}, letters.substr(0, n))) << n;
    ASSERT_TRUE(Matches(text, {2, static_cast<int32_t>(n) + 2}, letters.substr(2, n))) << n;
  }
}

// Surrogates: a pair is one four-byte character; a lead surrogate whose
// trail lies past the sentence's end becomes U+FFFD, even after an ASCII run.
TEST(BoilerplateUtf8Test, SurrogatePairsAndACutPair) {
  const icu::UnicodeString text =
      icu::UnicodeString::fromUTF8("abcdefghij\xF0\x9F\x98\x80klmnopqrstu");
  EXPECT_TRUE(Matches(text, {0, text.length()}, Utf8(text)));
  EXPECT_TRUE(Matches(text, {0, 11}, "abcdefghij\xEF\xBF\xBD"));
  EXPECT_FALSE(Matches(text, {0, 11}, "abcdefghij"));
}

}  // namespace
}  // namespace precis
