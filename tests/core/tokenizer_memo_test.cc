// The tokenizer's fast paths must give exactly what the plain computation
// gives: its term memo (an open-addressing table whose hash and key
// comparison read four UTF-16 units per step, the last four overlapping),
// its buffer-based capitalization test, and its tokens made while the simple
// word breaker runs (dropped when the breaker gives up mid-sentence and ICU
// starts over). Expected terms and words here come from ICU's own case
// folding and word break iterator, never from the tokenizer.
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tokenizer.h"
#include "unicode/brkiter.h"
#include "unicode/unistr.h"

namespace precis {
namespace {

std::unique_ptr<Tokenizer> Make() {
  std::map<std::string, LexiconData> lex;
  lex["en"].stemmer = "english";
  lex["en"].stopwords = {"the"};
  auto t = Tokenizer::Create(lex);
  EXPECT_TRUE(t.ok()) << t.status();
  return std::move(t).value();
}

// What a word's term is without a lexicon: its full case folding, UTF-8.
std::string Folded(const icu::UnicodeString& word) {
  std::string out;
  icu::UnicodeString(word).foldCase().toUTF8String(out);
  return out;
}

// Tokenizes `words` joined by spaces (language without lexicon) twice, the
// second time from the memo, and checks every term against Folded().
void ExpectFoldedTerms(const Tokenizer& t, const std::vector<icu::UnicodeString>& words) {
  icu::UnicodeString text;
  for (const icu::UnicodeString& w : words) text.append(w).append(u' ');
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<Token> out;
    t.Tokenize(text, {0, text.length()}, "xx", &out);
    ASSERT_EQ(out.size(), words.size()) << "pass " << pass;
    for (size_t i = 0; i < words.size(); ++i) {
      ASSERT_EQ(out[i].term, Folded(words[i]))
          << "pass " << pass << ", word " << i << " of length " << words[i].length();
    }
  }
}

// Words of every memoized length (1 to 32 units) and beyond, each next to
// words that differ from it in one unit only, at every position: a hash and
// a comparison that skipped a unit, or the low or high byte of one, would
// give two of them the same term. 'š' (U+0161) differs from 'a' (U+0061) in
// the high byte only, 'b' in the low byte only.
TEST(TokenizerMemoTest, WordsDifferingInOneUnitKeepTheirOwnTerms) {
  auto t = Make();
  for (const char16_t other : {u'b', u'\u0161', u'B'}) {
    std::vector<icu::UnicodeString> words;
    for (int32_t n = 1; n <= 40; ++n) {
      icu::UnicodeString base;
      for (int32_t k = 0; k < n; ++k) base.append(u'a');
      words.push_back(base);
      for (int32_t p = 0; p < n; ++p) {
        icu::UnicodeString w = base;
        w.setCharAt(p, other);
        words.push_back(w);
      }
    }
    ExpectFoldedTerms(*t, words);
  }
}

// Words that share their first or last four units, the units an
// overlapping read sees twice.
TEST(TokenizerMemoTest, SharedPrefixesAndSuffixes) {
  auto t = Make();
  std::vector<icu::UnicodeString> words;
  for (const char* w : {"abcd", "abcde", "abcdx", "xabcd", "abcdabcd", "abcdabcde", "abcdeabcd",
                        "abcdefgh", "abcdefghi", "abcdxfghi", "abcdefghij", "abcdefgxij", "ab",
                        "aab", "aba", "baa", "a", "Abcd", "ABCDEFGHI"}) {
    words.push_back(icu::UnicodeString::fromUTF8(w));
  }
  ExpectFoldedTerms(*t, words);
}

// More distinct words than the memo keeps (it starts over when full, and
// grows its slot table on the way): every term stays right, before and after.
TEST(TokenizerMemoTest, ManyDistinctWordsThroughGrowthAndReset) {
  auto t = Make();
  std::vector<icu::UnicodeString> words;
  for (int i = 0; i < 40000; ++i) {
    icu::UnicodeString w;
    for (int v = i; ; v /= 26) {
      w.append(static_cast<char16_t>(u'a' + v % 26));
      if (v < 26) break;
    }
    w.append(static_cast<char16_t>(i % 2 ? u'Q' : u'q'));
    words.push_back(w);
  }
  ExpectFoldedTerms(*t, words);
}

// The memo key holds the lexicon and whether the word is stemmed: the same
// word in another language, or as a number, is not served another's term.
TEST(TokenizerMemoTest, LexiconAndKindAreKeys) {
  auto t = Make();
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8("running talks 1984");
  for (int round = 0; round < 2; ++round) {
    for (const char* lang : {"en", "xx", "en"}) {
      std::vector<Token> out;
      t->Tokenize(text, {0, text.length()}, lang, &out);
      ASSERT_EQ(out.size(), 3u);
      const bool en = std::string(lang) == "en";
      EXPECT_EQ(out[0].term, en ? "run" : "running") << lang;
      EXPECT_EQ(out[1].term, en ? "talk" : "talks") << lang;
      EXPECT_EQ(out[2].term, "1984");
      EXPECT_EQ(out[2].kind, TokenKind::kNumber);
    }
  }
}

// Capitalization of a word whose first letter is outside ASCII, in the BMP
// and as a surrogate pair, tokenized from a range that does not start at 0.
TEST(TokenizerMemoTest, CapitalizationOfNonAsciiFirstLetters) {
  auto t = Make();
  const icu::UnicodeString text =
      icu::UnicodeString::fromUTF8("zz Élan élan \xF0\x90\x90\x80\xF0\x90\x90\xA8x "
                                   "\xF0\x90\x90\xA8x Ǆemal");
  std::vector<Token> out;
  t->Tokenize(text, {3, text.length()}, "xx", &out);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0].range, (TextRange{3, 7}));
  EXPECT_TRUE(out[0].capitalized);   // É
  EXPECT_FALSE(out[1].capitalized);  // é
  EXPECT_TRUE(out[2].capitalized);   // U+10400 DESERET CAPITAL LONG I
  EXPECT_FALSE(out[3].capitalized);  // U+10428 its small letter
  EXPECT_TRUE(out[4].capitalized);   // U+01C4, upper case (its title case is U+01C5)
  EXPECT_EQ(out[2].term, Folded(icu::UnicodeString::fromUTF8("\xF0\x90\x90\x80\xF0\x90\x90\xA8x")));
}

// The word ranges ICU's root word iterator gives text[range] (words and
// numbers only), as the tokenizer's ranges.
std::vector<TextRange> IcuWords(const icu::UnicodeString& text, TextRange range) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  EXPECT_TRUE(U_SUCCESS(status));
  const icu::UnicodeString part(text, range.begin, range.length());
  it->setText(part);
  std::vector<TextRange> out;
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    if (it->getRuleStatus() >= UBRK_WORD_NUMBER) out.push_back({range.begin + start, range.begin + end});
  }
  return out;
}

// Sentences the simple breaker gives up on after some words (a combining
// mark, a Hebrew or CJK character, an emoji late in the sentence): the
// tokens it had made are dropped, ICU's words replace them, and the tokens
// already in the output before the call stay.
TEST(TokenizerMemoTest, BreakerGivingUpMidSentenceLeavesOnlyIcuWords) {
  auto t = Make();
  for (const char* s : {"Talks resume in Geneva, the cafe\u0301 owner says",
                        "Talks resume in Geneva on Monday \u05E9\u05DC\u05D5\u05DD",
                        "Officials met in Tokyo \u653F\u5E9C said on Monday",
                        "The 3.5 percent rise was welcomed \U0001F600 by all"}) {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(s);
    std::vector<Token> out;
    t->Tokenize(text, {0, 5}, "en", &out);  // "Talks" / "Offic" / "The 3"
    const size_t before = out.size();
    ASSERT_GT(before, 0u);
    const std::vector<Token> first(out.begin(), out.end());
    const TextRange rest{6, text.length()};
    t->Tokenize(text, rest, "en", &out);
    const std::vector<TextRange> expected = IcuWords(text, rest);
    ASSERT_EQ(out.size(), before + expected.size()) << s;
    for (size_t i = 0; i < before; ++i) {
      EXPECT_EQ(out[i].range, first[i].range);
      EXPECT_EQ(out[i].term, first[i].term);
    }
    for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(out[before + i].range, expected[i]) << s;
  }
}

}  // namespace
}  // namespace precis
