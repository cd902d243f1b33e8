// SimpleWordBreaker must give exactly what ICU's root word break iterator
// gives wherever it accepts a text: checked for every covered character in
// several contexts, for every short string over a representative alphabet,
// and on the shared summarization corpora (skipped when ../shared is absent).
#include "simple_word_breaker.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "shared_corpora.h"
#include "unicode/brkiter.h"
#include "unicode/unistr.h"

namespace precis {
namespace {

using Words = std::vector<SimpleWordBreaker::Word>;

// Words and numbers (status >= UBRK_WORD_NUMBER) as ICU finds them.
Words IcuWords(icu::BreakIterator& it, const std::u16string& text) {
  icu::UnicodeString alias(false, text.data(), static_cast<int32_t>(text.size()));
  it.setText(alias);
  Words out;
  int32_t start = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
    if (it.getRuleStatus() >= UBRK_WORD_NUMBER) out.push_back({start, end, it.getRuleStatus()});
  }
  return out;
}

std::string Utf8(std::u16string_view text) {
  std::string s;
  icu::UnicodeString(false, text.data(), static_cast<int32_t>(text.size())).toUTF8String(s);
  return s;
}

// Up to 30 units either side of `at`, with the code units in hex.
std::string Excerpt(std::u16string_view text, size_t at) {
  const size_t begin = at > 30 ? at - 30 : 0;
  const std::u16string_view part = text.substr(begin, 60);
  std::string hex;
  for (char16_t u : part) {
    char buf[8];
    std::snprintf(buf, sizeof buf, " %04X", static_cast<unsigned>(u));
    hex += buf;
  }
  return absl::StrCat("\"", Utf8(part), "\" (", hex, " )");
}

std::string Show(std::u16string_view text, const SimpleWordBreaker::Word& w) {
  return absl::StrCat("\"", Utf8(text.substr(w.begin, w.end - w.begin)), "\" [", w.begin, ",",
                      w.end, ") status ", w.status);
}

// `context` with each '#' replaced by `c`.
std::u16string Fill(std::u16string_view context, char16_t c) {
  std::u16string text(context);
  for (char16_t& u : text) {
    if (u == u'#') u = c;
  }
  return text;
}

class SimpleWordBreakerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    UErrorCode status = U_ZERO_ERROR;
    icu_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    ASSERT_TRUE(U_SUCCESS(status));
  }

  // True when SimpleWordBreaker accepts `text`; then its words must be ICU's.
  bool Matches(const std::u16string& text) {
    Words simple;
    if (!SimpleWordBreaker::Break(text, &simple)) return false;
    const Words icu = IcuWords(*icu_, text);
    ++checked_;
    for (size_t i = 0; i < std::max(simple.size(), icu.size()); ++i) {
      const bool same = i < simple.size() && i < icu.size() && simple[i].begin == icu[i].begin &&
                        simple[i].end == icu[i].end && simple[i].status == icu[i].status;
      if (same) continue;
      ADD_FAILURE() << "first difference in " << Excerpt(text, i < icu.size() ? icu[i].begin : 0)
                    << "\n  simple: " << (i < simple.size() ? Show(text, simple[i]) : "none")
                    << "\n     icu: " << (i < icu.size() ? Show(text, icu[i]) : "none");
      break;
    }
    return true;
  }
  std::unique_ptr<icu::BreakIterator> icu_;
  int checked_ = 0;
};

TEST_F(SimpleWordBreakerTest, NewsSentence) {
  const std::u16string text = u"On Jan. 5, U.S. officials said 3,500.75 troops' pay_rate rose 2.5% — “isn’t it?”";
  Words words;
  ASSERT_TRUE(SimpleWordBreaker::Break(text, &words));
  std::vector<std::u16string> got;
  for (const auto& w : words) got.push_back(text.substr(w.begin, w.end - w.begin));
  const std::vector<std::u16string> want = {u"On",     u"Jan",    u"5",   u"U.S",      u"officials",
                                            u"said",   u"3,500.75", u"troops", u"pay_rate", u"rose",
                                            u"2.5",    u"isn’t",  u"it"};
  EXPECT_EQ(got, want);
  EXPECT_EQ(words[2].status / 100, UBRK_WORD_NUMBER / 100);
  EXPECT_EQ(words[1].status / 100, UBRK_WORD_LETTER / 100);
  EXPECT_TRUE(Matches(text));
}

TEST_F(SimpleWordBreakerTest, RefusesWhatNeedsIcu) {
  Words words;
  EXPECT_FALSE(SimpleWordBreaker::Break(u"cafe\u0301", &words));   // combining mark (WB4)
  EXPECT_FALSE(SimpleWordBreaker::Break(u"soft\u00ADhyphen", &words));  // format character
  EXPECT_FALSE(SimpleWordBreaker::Break(u"政府宣布", &words));        // dictionary script
  EXPECT_FALSE(SimpleWordBreaker::Break(u"שלום", &words));            // Hebrew letters
  EXPECT_FALSE(SimpleWordBreaker::Break(u"a\U0001F600", &words));     // surrogate pair
  EXPECT_TRUE(SimpleWordBreaker::Break(u"Ελλάδα Россия Việt", &words));
}

// The class table spans all 65,536 UTF-16 units (no range check per unit):
// every unit from U+20D0 up, surrogates included, must still be refused,
// alone and inside a word, and so be left to ICU.
TEST_F(SimpleWordBreakerTest, RefusesEveryUnitAboveTheCoveredRange) {
  Words words;
  int refused = 0;
  for (char32_t c = 0x20D0; c <= 0xFFFF; ++c) {
    const char16_t u = static_cast<char16_t>(c);
    const std::u16string alone(1, u);
    const std::u16string inside = std::u16string(u"ab") + u + u"cd";
    refused += !SimpleWordBreaker::Break(alone, &words) && !SimpleWordBreaker::Break(inside, &words);
  }
  EXPECT_EQ(refused, 0x10000 - 0x20D0);
}

// Every covered character between letters, digits and spaces, doubled, and
// beside ExtendNumLet: where it is accepted, ICU must agree.
TEST_F(SimpleWordBreakerTest, EveryCoveredCharacterInContext) {
  int accepted = 0;
  for (char16_t c = 1; c < 0x20D0; ++c) {
    // '#' marks where the character goes.
    const std::u16string_view contexts[] = {
        u"a#b", u"1#2", u"a#1", u"1#a", u"#a",  u"a#",   u"#",   u"##x",
        u"x##", u"_#_", u"a.#", u"#.a", u"1,#", u"#,1",  u"a##b"};
    bool any = false;
    for (const std::u16string_view context : contexts) any |= Matches(Fill(context, c));
    accepted += any;
  }
  // ASCII, Latin-1, Latin Extended, IPA, Greek, Cyrillic, general punctuation
  // and currency symbols: about 1,900 characters.
  EXPECT_GT(accepted, 1800);
}

// All strings up to 5 characters over one character of each class (and a
// few variants): every chain of joins and breaks.
TEST_F(SimpleWordBreakerTest, ExhaustiveShortStrings) {
  const std::u16string alphabet = u"aZ1.,:;'’_ -·é";
  const int n = static_cast<int>(alphabet.size());
  for (int length = 1; length <= 5; ++length) {
    std::vector<int> index(length, 0);
    while (true) {
      std::u16string text;
      for (int i : index) text.push_back(alphabet[i]);
      EXPECT_TRUE(Matches(text)) << Excerpt(text, 0);
      int k = length - 1;
      while (k >= 0 && ++index[k] == n) index[k--] = 0;
      if (k < 0) break;
    }
  }
  EXPECT_GT(checked_, 500000);
}

// Every line of the shared summarization corpora (news in 11 languages).
TEST_F(SimpleWordBreakerTest, SharedCorpora) {
  const std::filesystem::path dir = SummarizationCorpusDir();
  if (dir.empty()) GTEST_SKIP() << "../shared is absent (not beside a fresh clone)";
  int lines = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".jsonl") continue;
    int file_lines = 0;
    int file_accepted = 0;
    ForEachCorpusText(entry.path(), [&](const std::string&, const std::u16string& all) {
      size_t start = 0;
      while (start < all.size()) {
        size_t stop = all.find(u'\n', start);
        if (stop == std::u16string::npos) stop = all.size();
        if (stop > start) {
          ++file_lines;
          file_accepted += Matches(all.substr(start, stop - start));
        }
        start = stop + 1;
      }
    });
    std::cout << entry.path().filename().string() << ": " << file_accepted << " of " << file_lines
              << " lines need no ICU\n";
    lines += file_lines;
  }
  ASSERT_GT(lines, 1000);
  // Most lines of Latin, Greek and Cyrillic news need no ICU.
  EXPECT_GT(checked_, lines / 2) << checked_ << " of " << lines << " lines accepted";
}

}  // namespace
}  // namespace precis
