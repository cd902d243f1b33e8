// SimpleSentenceBreaker must give exactly the boundaries of the ICU
// sentence iterator it was built for wherever it accepts a text: checked for
// several locales on every string of up to 5 characters over a
// representative alphabet, on every covered character in context, and on
// the shared summarization corpora (skipped when ../shared is absent).
#include "simple_sentence_breaker.h"

#include <filesystem>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "shared_corpora.h"
#include "unicode/brkiter.h"
#include "unicode/unistr.h"

namespace precis {
namespace {

std::string Utf8(std::u16string_view text) {
  std::string s;
  icu::UnicodeString(false, text.data(), static_cast<int32_t>(text.size())).toUTF8String(s);
  return s;
}

std::string Join(const std::vector<int32_t>& v) {
  std::string s;
  for (int32_t b : v) absl::StrAppend(&s, " ", b);
  return s;
}

class Checker {
 public:
  explicit Checker(const char* locale) : locale_(locale) {
    UErrorCode status = U_ZERO_ERROR;
    icu_.reset(icu::BreakIterator::createSentenceInstance(icu::Locale(locale), status));
    EXPECT_TRUE(U_SUCCESS(status));
    simple_ = SimpleSentenceBreaker::Create(*icu_);
    EXPECT_NE(simple_, nullptr) << locale;
  }

  // True when the simple breaker accepts `text`; then it must agree with ICU.
  bool Matches(std::u16string_view text) {
    std::vector<int32_t> mine;
    if (simple_ == nullptr || !simple_->Break(text, &mine)) return false;
    const int32_t n = static_cast<int32_t>(text.size());
    const icu::UnicodeString s(false, text.data(), n);
    icu_->setText(s);
    std::vector<int32_t> icu;
    for (int32_t b = icu_->next(); b != icu::BreakIterator::DONE && b < n; b = icu_->next()) {
      icu.push_back(b);
    }
    ++checked_;
    EXPECT_EQ(mine, icu) << locale_ << " \"" << Utf8(text.substr(0, 300)) << "\"\n simple:"
                         << Join(mine) << "\n    icu:" << Join(icu);
    return true;
  }

  int checked() const { return checked_; }

  // ICU over the whole text gives the boundaries of ICU over each line (up
  // to and including its line feed) plus one after each line feed: what
  // lets the segmenter hand ICU only the lines the simple breaker refuses.
  bool LinesAreIndependent(std::u16string_view text) {
    const int32_t n = static_cast<int32_t>(text.size());
    std::vector<int32_t> whole, lines;
    const icu::UnicodeString s(false, text.data(), n);
    icu_->setText(s);
    for (int32_t b = icu_->next(); b != icu::BreakIterator::DONE && b < n; b = icu_->next()) {
      whole.push_back(b);
    }
    int32_t start = 0;
    while (start < n) {
      const size_t feed = text.find(u'\n', start);
      const int32_t stop = feed == std::u16string_view::npos ? n : static_cast<int32_t>(feed) + 1;
      const icu::UnicodeString line(false, text.data() + start, stop - start);
      icu_->setText(line);
      for (int32_t b = icu_->next(); b != icu::BreakIterator::DONE && b < stop - start;
           b = icu_->next()) {
        lines.push_back(start + b);
      }
      if (stop < n) lines.push_back(stop);
      start = stop;
    }
    return whole == lines;
  }

 private:
  const char* locale_;
  std::unique_ptr<icu::BreakIterator> icu_;
  std::unique_ptr<SimpleSentenceBreaker> simple_;
  int checked_ = 0;
};

const char* const kLocales[] = {"", "en", "de", "fr", "ru", "el", "es", "tr"};

TEST(SimpleSentenceBreakerTest, NewsParagraphs) {
  Checker check("en");
  const std::u16string text =
      u"Talks resumed on Monday. U.S. officials said (again) that 3.5 million \"won't do.\" "
      u"Why? Nobody knows!! e.g. this stays. \u201cQuoted.\u201d Next one\n"
      u"New paragraph... and more. The end";
  EXPECT_TRUE(check.Matches(text));
}

// The segmenter breaks line by line and gives ICU only the lines the simple
// breaker refuses: that needs ICU's boundaries over a whole text to be those
// of its lines. Checked here on texts mixing covered lines with lines that
// go to ICU (the shared corpora check it again when present).
TEST(SimpleSentenceBreakerTest, LinesAreIndependentOnMixedTexts) {
  const std::u16string texts[] = {
      u"First line. Second one!\n\u653f\u5e9c\u5ba3\u5e03\u3002\u7136\u540e\nBack to Latin. Done.",
      u"Hi.\r\nThere. a.\n b. C",
      u"Emoji \U0001F600 here. Next.\nPlain text. More.\n",
      u"a.\n\u0301b. C d.\n\nE. f",
      u"Para one.\u2029Para two. x\u0085y. Z\n\u05e9\u05dc\u05d5\u05dd. A",
      u"Ends with a feed.\n",
      u"\n\nLeading feeds. Then text.",
  };
  for (const char* locale : {"", "en", "el"}) {
    Checker check(locale);
    for (const std::u16string& text : texts) {
      EXPECT_TRUE(check.LinesAreIndependent(text)) << locale << " \"" << Utf8(text) << "\"";
      size_t start = 0;
      int accepted = 0;
      while (start < text.size()) {
        size_t stop = text.find(u'\n', start);
        stop = stop == std::u16string::npos ? text.size() : stop + 1;
        accepted += check.Matches(std::u16string_view(text).substr(start, stop - start));
        start = stop;
      }
      EXPECT_GT(accepted, 0) << "no line of \"" << Utf8(text) << "\" was covered";
    }
  }
}

TEST(SimpleSentenceBreakerTest, RefusesWhatNeedsIcu) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> root(
      icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
  ASSERT_TRUE(U_SUCCESS(status));
  auto simple = SimpleSentenceBreaker::Create(*root);
  ASSERT_NE(simple, nullptr);
  std::vector<int32_t> out;
  EXPECT_FALSE(simple->Break(u"Cafe\u0301. Next", &out));  // combining mark (SB5)
  EXPECT_FALSE(simple->Break(u"政府宣布。然后", &out));
  EXPECT_FALSE(simple->Break(u"Emoji \U0001F600. Next", &out));
  EXPECT_TRUE(simple->Break(u"Ελλάδα. Россия! Việt Nam.", &out));
  // The CLDR suppressions wrap the rules: not followed here.
  std::unique_ptr<icu::BreakIterator> ss(
      icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
  ASSERT_TRUE(U_SUCCESS(status));
  EXPECT_EQ(SimpleSentenceBreaker::Create(*ss), nullptr);
}

TEST(SimpleSentenceBreakerTest, ExhaustiveShortStrings) {
  const std::u16string alphabet = u"aB1.?)\" ,\n\r-é";
  const int n = static_cast<int>(alphabet.size());
  for (const char* locale : {"", "el"}) {
    Checker check(locale);
    for (int length = 1; length <= 5; ++length) {
      std::vector<int> index(length, 0);
      while (true) {
        std::u16string text;
        for (int i : index) text.push_back(alphabet[i]);
        EXPECT_TRUE(check.Matches(text));
        int k = length - 1;
        while (k >= 0 && ++index[k] == n) index[k--] = 0;
        if (k < 0) break;
      }
    }
    EXPECT_GT(check.checked(), 300000);
  }
}

// Every covered character between terminators, spaces and letters.
TEST(SimpleSentenceBreakerTest, EveryCoveredCharacterInContext) {
  for (const char* locale : kLocales) {
    Checker check(locale);
    int accepted = 0;
    for (char16_t c = 1; c < SimpleSentenceBreaker::kTableSize; ++c) {
      // '#' marks where the character goes.
      const std::u16string_view contexts[] = {u"Ab# Cd. ef", u"ab.# cd",       u"ab. #Cd",
                                              u"ab?## c",    u"x#\n#",         u"1.#5 a. B#",
                                              u"A. # b. #C"};
      bool any = false;
      for (const std::u16string_view context : contexts) {
        std::u16string text(context);
        for (char16_t& u : text) {
          if (u == u'#') u = c;
        }
        any |= check.Matches(text);
      }
      accepted += any;
    }
    EXPECT_GT(accepted, 1800) << locale;
  }
}

// Boundaries() skips ordinary characters four at a time: random texts put
// terminators, separators, refused characters and characters whose units OR
// to more than the table (U+2019 with Cyrillic) at every offset in a block.
TEST(SimpleSentenceBreakerTest, RandomTextsAcrossFourUnitBlocks) {
  const std::u16string ordinary = u"abcdefgh ABCD 0123 ,;:-()\"'\u00E9\u044F\u0416\u03A9\u1E9E";
  const std::u16string special = u".?!\n\r\u2019\u201C\u2026\u20AC\u0301\u4E00\u2029";
  std::mt19937 rng(4);
  std::uniform_int_distribution<int> length(0, 70), pick_ordinary(0, ordinary.size() - 1),
      pick_special(0, special.size() - 1), percent(0, 99);
  for (const char* locale : {"", "en", "ru", "el"}) {
    Checker check(locale);
    for (int round = 0; round < 20000; ++round) {
      const int special_percent = 2 + round % 20;
      std::u16string text;
      for (int k = length(rng); k > 0; --k) {
        text.push_back(percent(rng) < special_percent ? special[pick_special(rng)]
                                                      : ordinary[pick_ordinary(rng)]);
      }
      check.Matches(text);
    }
    EXPECT_GT(check.checked(), 5000) << locale;
  }
}

TEST(SimpleSentenceBreakerTest, SharedCorpora) {
  const std::filesystem::path dir = SummarizationCorpusDir();
  if (dir.empty()) GTEST_SKIP() << "../shared is absent (not beside a fresh clone)";
  int all_lines = 0;
  int all_accepted = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".jsonl") continue;
    int texts = 0;
    int lines = 0;
    int accepted = 0;
    std::unique_ptr<Checker> check;
    std::string language;
    ForEachCorpusText(entry.path(), [&](const std::string& lang, const std::u16string& all) {
      if (check == nullptr) {
        language = lang;
        check = std::make_unique<Checker>(language.c_str());
      }
      ++texts;
      // Whole texts, and line by line (as the segmenter uses it).
      check->Matches(all);
      EXPECT_TRUE(check->LinesAreIndependent(all)) << entry.path() << " text " << texts;
      size_t start = 0;
      while (start < all.size()) {
        size_t stop = all.find(u'\n', start);
        stop = stop == std::u16string::npos ? all.size() : stop + 1;
        ++lines;
        accepted += check->Matches(std::u16string_view(all).substr(start, stop - start));
        start = stop;
      }
    });
    std::cout << entry.path().filename().string() << ": " << accepted << " of " << lines
              << " lines need no ICU\n";
    ASSERT_GT(texts, 0);
    all_lines += lines;
    all_accepted += accepted;
  }
  // Most lines of Latin, Greek and Cyrillic news need no ICU (a model that
  // disagreed with ICU would lose its characters in Create's self-check).
  EXPECT_GT(all_accepted, all_lines * 9 / 10) << all_accepted << " of " << all_lines;
}

}  // namespace
}  // namespace precis
