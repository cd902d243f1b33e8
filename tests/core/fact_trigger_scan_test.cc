// FactTrigger::Scan() reads ASCII text eight bytes at a time (bit masks of
// the non-glued positions) and other text code point by code point; it must
// report exactly what a plain reading of its contract reports: every code
// point boundary not glued to a word character of a spaced script before it
// where MaskAt() is not zero. Long random texts in several scripts cross the
// eight-byte blocks, the sentence tail and the switches between both paths
// at every offset.
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fact_text.h"
#include "fact_trigger.h"
#include "gtest/gtest.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

using HitList = std::vector<std::pair<size_t, uint64_t>>;

HitList Hits(const FactTrigger& t, std::string_view s) {
  std::vector<FactTrigger::Hit> hits;
  t.Scan(s, &hits);
  HitList out;
  for (const auto& h : hits) out.emplace_back(h.pos, h.mask);
  return out;
}

// The contract, one code point at a time.
HitList ReferenceHits(const FactTrigger& t, std::string_view s) {
  HitList out;
  char32_t before = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    const size_t pos = static_cast<size_t>(i);
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    const char32_t cp = c < 0 ? 0xFFFD : static_cast<char32_t>(c);
    const bool word = IsWordChar(cp) && !IsCjk(cp);
    const bool glued = word && IsWordChar(before) && !IsCjk(before);
    before = cp;
    if (glued) continue;
    if (const uint64_t mask = t.MaskAt(s, pos); mask != 0) out.emplace_back(pos, mask);
  }
  return out;
}

FactTrigger MakeTrigger(bool space_item) {
  FactTrigger t;
  const std::vector<std::string> items = {
      "in " + std::string(FactTrigger::kDigit), "in may", "the following day", "three",
      "third", "thirty", "two weeks", "to", "a", "of", "on monday", "ab1", "x y", "since",
      "$", "#", "-", ".5", "\xE2\x82\xAC", "\xD1\x8F\xD0\xBD\xD0\xB2",  // "€", "янв"
      "\xC3\xA9t\xC3\xA9",                                             // "été"
      "7 \xE5\xB9\xB4",                                                // "7 年"
      "stra\xC3\x9F" "e", "\xE7\xAC\xAC"};                             // "第"
  for (size_t k = 0; k < items.size(); ++k) t.AddItem(items[k], uint64_t{1} << k);
  if (space_item) t.AddItem(" x", uint64_t{1} << 30);
  t.AddRange('0', '9', uint64_t{1} << 40);
  t.AddRange(0xFF10, 0xFF19, uint64_t{1} << 40);
  t.AddAsciiCapitals(3, uint64_t{1} << 41);
  t.Compile();
  return t;
}

TEST(FactTriggerScanTest, MatchesThePlainReadingOnRandomTextsInSeveralScripts) {
  // Pieces of English, German, French, Russian, Chinese and Japanese text
  // with the items' starts, digits, capitals, punctuation and the three
  // horizontal spaces; mostly ASCII runs so the blocks are exercised.
  const std::vector<std::string> pieces = {
      "the ", "The ", "third ", "THIRD ", "in ", "In 2014 ", "in May ", "of ", "to ", "a ",
      "on Monday ", "USD ", "NATO ", "x y", "since ", "ab1", "word", "words ", "Xthe",
      "2014", "3.5", "$12", "#1", "-", ".", ",", "(", ")", " ", "  ", "\xC2\xA0",
      "\xE2\x80\xAF", "\xEF\xBC\x97", "\xC3\xA9t\xC3\xA9 ", "Stra\xC3\x9F" "e ",
      "STRASSE ", "\xD0\xAF\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8C ",  // "Январь "
      "\xD0\xB2 2014 ", "\xE7\xAC\xAC" "3", "\xE5\xB9\xB4", "7 \xE5\xB9\xB4",
      "\xE3\x81\xAE", "\xE2\x82\xAC" "5", "q", "Z", "0", "\t", "\n", "ab", "th", "thi"};
  std::mt19937 rng(20261128);
  for (const bool space_item : {false, true}) {
    const FactTrigger t = MakeTrigger(space_item);
    for (int round = 0; round < 20000; ++round) {
      std::string text;
      const int length = 1 + static_cast<int>(rng() % 24);
      for (int k = 0; k < length; ++k) text += pieces[rng() % pieces.size()];
      // Sometimes cut inside a code point: invalid UTF-8 at the end.
      if (rng() % 8 == 0 && !text.empty()) text.pop_back();
      ASSERT_EQ(Hits(t, text), ReferenceHits(t, text)) << "'" << text << "'";
    }
  }
}

// Every position of every ASCII text of up to nine bytes over a small
// alphabet lies in the first block or its tail: the glued rule across the
// bytes of one word, the first byte of the sentence, and spaces.
TEST(FactTriggerScanTest, MatchesThePlainReadingOnAllShortAsciiTexts) {
  const FactTrigger t = MakeTrigger(/*space_item=*/false);
  const FactTrigger spaced = MakeTrigger(/*space_item=*/true);
  const std::string alphabet = "tia1 A.$x";
  std::mt19937 rng(7);
  for (int round = 0; round < 40000; ++round) {
    std::string text;
    const int length = 1 + static_cast<int>(rng() % 17);
    for (int k = 0; k < length; ++k) text += alphabet[rng() % alphabet.size()];
    ASSERT_EQ(Hits(t, text), ReferenceHits(t, text)) << "'" << text << "'";
    ASSERT_EQ(Hits(spaced, text), ReferenceHits(spaced, text)) << "'" << text << "'";
  }
}

}  // namespace
}  // namespace precis
