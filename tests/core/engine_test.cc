// Engine tests, including the golden test on the bundled sample article.
#include "engine.h"

#include <memory>
#include <random>
#include <string>
#include <thread>

#include "field_error.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_engine.h"

namespace precis {
namespace {

using ::testing::HasSubstr;

// 2021-12-28T12:00:00Z, when the sample article was published.
constexpr int64_t kSampleReferenceMs = 1640692800000;

class EngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    engine_ = testing::CreateTestEngine().release();
    ASSERT_NE(engine_, nullptr);
    sample_ = new std::string(testing::SampleArticle());
    ASSERT_FALSE(sample_->empty());
  }
  static SummarizeOptions SampleOptions() {
    SummarizeOptions o;
    o.reference_time_ms = kSampleReferenceMs;
    return o;
  }
  // The displayed text of a one-sentence summary of `text` ("" and a test
  // failure when there is none).
  static std::string OneSentenceShown(const std::string& text) {
    SummarizeOptions o;
    o.length = {LengthBudget::Kind::kSentences, 1};
    auto r = engine_->Summarize(text, o);
    EXPECT_TRUE(r.ok()) << r.status();
    if (!r.ok() || r->summary.size() != 1) {
      ADD_FAILURE() << "no one-sentence summary of: " << text;
      return "";
    }
    return r->summary[0].normalized_text;
  }
  // The one-sentence `text` fits max_chars = the code points of its
  // displayed text `shown`, and not one less.
  static void ExpectCharBudgetIsTight(const std::string& text, const std::string& shown) {
    int64_t chars = 0;
    for (char c : shown) chars += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
    SummarizeOptions o;
    o.length = {LengthBudget::Kind::kChars, static_cast<double>(chars)};
    auto exact = engine_->Summarize(text, o);
    ASSERT_TRUE(exact.ok()) << exact.status();
    EXPECT_EQ(exact->summary.size(), 1u) << ::testing::PrintToString(text);
    o.length = {LengthBudget::Kind::kChars, static_cast<double>(chars - 1)};
    auto short_budget = engine_->Summarize(text, o);
    ASSERT_TRUE(short_budget.ok()) << short_budget.status();
    EXPECT_TRUE(short_budget->summary.empty()) << ::testing::PrintToString(text);
  }
  static const Engine* engine_;
  static const std::string* sample_;
};
const Engine* EngineTest::engine_ = nullptr;
const std::string* EngineTest::sample_ = nullptr;

TEST_F(EngineTest, SampleArticleGolden) {
  auto r = engine_->Summarize(*sample_, SampleOptions());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->language, "en");
  EXPECT_GT(r->language_confidence, 0.5);
  EXPECT_EQ(r->title, "US-Russian dialogue over Ukraine set for early January");
  ASSERT_TRUE(r->title_span.has_value());
  EXPECT_EQ(r->title_span->byte_begin, 0);
  ASSERT_EQ(r->summary.size(), 3u);
  bool has_talks = false;
  for (size_t i = 0; i < r->summary.size(); ++i) {
    const SentenceResult& s = r->summary[i];
    if (i > 0) {
      EXPECT_LT(r->summary[i - 1].id, s.id) << "document order";
    }
    EXPECT_EQ(s.kind, SentenceKind::kBody);
    EXPECT_THAT(s.text, ::testing::Not(HasSubstr("min read")));
    EXPECT_THAT(s.text, ::testing::Not(HasSubstr("Our goal is to create")));
    EXPECT_THAT(s.text, ::testing::Not(HasSubstr("commenting")));
    has_talks |= s.text.find("10th of January") != std::string::npos;
    // The span selects exactly the sentence text.
    EXPECT_EQ(sample_->substr(s.span.byte_begin, s.span.byte_end - s.span.byte_begin), s.text);
    EXPECT_GT(s.rank, 0);
  }
  EXPECT_TRUE(has_talks) << "the 10 January talks sentence must be in the summary";

  auto has_fact = [&](FactType type, const std::string& value, const std::string& unit) {
    for (const FactResult& f : r->facts) {
      if (f.type == type && f.value == value && f.unit == unit) return true;
    }
    return false;
  };
  EXPECT_TRUE(has_fact(FactType::kDate, "2022-01-10", ""));
  EXPECT_TRUE(has_fact(FactType::kDate, "2022-01-12", ""));
  EXPECT_TRUE(has_fact(FactType::kMoney, "300000000", "USD"));
  EXPECT_LE(r->facts.size(), 12u);
  for (const FactResult& f : r->facts) {
    EXPECT_EQ(sample_->substr(f.span.byte_begin, f.span.byte_end - f.span.byte_begin), f.text);
    EXPECT_GT(f.confidence, 0.0);
    EXPECT_LE(f.confidence, 1.0);
    EXPECT_FALSE(f.mentions.empty());
  }
  EXPECT_FALSE(r->key_phrases.empty());
  EXPECT_GE(r->stats.sentence_count, 14);
  EXPECT_GE(r->stats.paragraph_count, 12);
}

TEST_F(EngineTest, MissingSpaceIsRestoredForDisplayOnly) {
  auto r = engine_->Segment(*sample_, "");
  ASSERT_TRUE(r.ok()) << r.status();
  bool found = false;
  for (const SentenceResult& s : r->sentences) {
    if (s.text.find("Monday,adding") != std::string::npos) {
      found = true;
      EXPECT_THAT(s.normalized_text, HasSubstr("Monday, adding"));
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(EngineTest, BoilerplateNeverSelectedWhateverTheBudget) {
  for (int k = 1; k <= 30; ++k) {
    SummarizeOptions o = SampleOptions();
    o.length = {LengthBudget::Kind::kSentences, static_cast<double>(k)};
    auto r = engine_->Summarize(*sample_, o);
    ASSERT_TRUE(r.ok());
    EXPECT_LE(r->summary.size(), static_cast<size_t>(k));
    for (const SentenceResult& s : r->summary) {
      EXPECT_EQ(s.kind, SentenceKind::kBody) << s.text;
    }
  }
}


TEST_F(EngineTest, MaxCharsCountsTheDisplayedCodePointsExactly) {
  // White-space runs (tabs, double and ideographic spaces, a leading run
  // inside the text) count as one space; an emoji outside the BMP is one
  // code point. The sentence fits a budget of exactly its displayed length
  // and not one less.
  const std::string text =
      "  The\t\tcommittee  approved \xF0\x9F\x98\x80 the plan\xE3\x80\x80on "
      "Monday after a long debate.  ";
  const std::string shown = OneSentenceShown(text);
  EXPECT_EQ(shown,
            "The committee approved \xF0\x9F\x98\x80 the plan on Monday after a "
            "long debate.");
  ExpectCharBudgetIsTight(text, shown);
}

// max_chars counts exactly what normalized_text shows, on sentences mixing
// runs of visible ASCII with the units the count treats one at a time:
// spaces and tabs in runs, a leading run, no-break and ideographic spaces,
// accented letters and emoji (surrogate pairs).
TEST_F(EngineTest, MaxCharsMatchesTheDisplayedTextOnMixedSentences) {
  const char* pieces[] = {"word",  " ",        "\t\t", "  ",   "\xC3\xA9t\xC3\xA9",
                          "x",     "\xF0\x9F\x98\x80", "~#",  "\xE3\x80\x80",
                          "12,5",  "\xC2\xA0", "ab\xF0\x9F\x98\x80" "cd"};
  std::mt19937 rng(20261128);
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
  for (int round = 0; round < 100; ++round) {
    std::string text = round % 3 == 0 ? "  The" : "The";
    const int n = 3 + round % 17;
    for (int k = 0; k < n; ++k) text += pieces[pick(rng)];
    text += " report.";
    ExpectCharBudgetIsTight(text, OneSentenceShown(text));
  }
}

// max_chars counts printable ASCII (letters, symbols and single or repeated
// spaces) four units at a time; here such text is broken at random places
// by units counted one at a time (tabs, accented letters, no-break and
// ideographic spaces, emoji), so that every kind of unit, a space before a
// block and a space run across two blocks meet every alignment against the
// blocks of four, in sentences of up to ~200 units.
TEST_F(EngineTest, MaxCharsMatchesTheDisplayedTextAtEveryAlignment) {
  const char* pieces[] = {"a",  "b",      " ",           "  ",           "   ",
                          "~",  "#,",     "\t",          "\xC3\xA9",     "\xE3\x80\x80",
                          "\xF0\x9F\x98\x80", "\xC2\xA0", "wordy", "x y", "ab cd"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
  for (int round = 0; round < 150; ++round) {
    std::string text = std::string(round % 5, ' ') + "The";
    const int n = 5 + round % 40;
    for (int k = 0; k < n; ++k) text += pieces[pick(rng)];
    text += " report.";
    ExpectCharBudgetIsTight(text, OneSentenceShown(text));
  }
}

// normalized_text against a plain reference (white-space runs of spaces,
// tabs and ideographic spaces collapsed to one space, leading and trailing
// ones dropped) on random sentences of printable ASCII with single and
// repeated spaces (written four units per step) broken by units written one
// at a time, at every alignment against the blocks of four.
TEST_F(EngineTest, DisplayedTextCollapsesWhiteSpaceAtEveryAlignment) {
  const char* pieces[] = {"a", "b", " ", "  ", "   ", "~", "#,", "\t", "\xC3\xA9", "\xE3\x80\x80",
                          "\xF0\x9F\x98\x80", "wordy", "x y", "ab cd", "q r s t u v"};
  const auto collapse = [](const std::string& text) {
    std::string out;
    bool space = false;
    for (size_t i = 0; i < text.size();) {
      const bool ideographic = text.compare(i, 3, "\xE3\x80\x80") == 0;
      if (text[i] == ' ' || text[i] == '\t' || ideographic) {
        space = true;
        i += ideographic ? 3 : 1;
        continue;
      }
      if (space && !out.empty()) out += ' ';
      space = false;
      out += text[i++];
    }
    return out;
  };
  std::mt19937 rng(11);
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
  for (int round = 0; round < 200; ++round) {
    std::string text = std::string(round % 6, ' ') + "The";
    const int n = 3 + round % 50;
    for (int k = 0; k < n; ++k) text += pieces[pick(rng)];
    text += " report." + std::string(round % 5, ' ');
    EXPECT_EQ(OneSentenceShown(text), collapse(text)) << ::testing::PrintToString(text);
  }
}

// A sentence of ~72,000 printable ASCII units: the count of blocks of four
// is summed in 16-bit lanes and must be flushed before they overflow.
TEST_F(EngineTest, MaxCharsCountsAVeryLongSentence) {
  std::string text = "The";
  for (int k = 0; k < 12000; ++k) text += " ab cd";
  text += " report.";
  ExpectCharBudgetIsTight(text, OneSentenceShown(text));
}

// The displayed text narrows runs of visible ASCII in bulk: runs that meet
// accented letters, symbols outside ASCII, the range's end and collapsed
// white space on either side, with the first and last visible ASCII
// characters ('!' and '~') inside them, all come out as written.
TEST_F(EngineTest, DisplayedTextKeepsAsciiRunsBesideEveryOtherCharacter) {
  const std::string text =
      "\t\xC3\x87" "a~co\xC3\xBBte  12\xE2\x82\xAC\xC3\xA0la\t\tfin~ d\xE2\x80\x99un "
      "\xF0\x9F\x98\x80march\xC3\xA9 \xE3\x80\x80ouvert!";
  EXPECT_EQ(OneSentenceShown(text),
            "\xC3\x87" "a~co\xC3\xBBte 12\xE2\x82\xAC\xC3\xA0la fin~ d\xE2\x80\x99un "
            "\xF0\x9F\x98\x80march\xC3\xA9 ouvert!");
}

TEST_F(EngineTest, LengthBudgetsHoldExactly) {
  for (int words : {5, 20, 40, 80, 200}) {
    SummarizeOptions o = SampleOptions();
    o.length = {LengthBudget::Kind::kWords, static_cast<double>(words)};
    auto r = engine_->Summarize(*sample_, o);
    ASSERT_TRUE(r.ok());
    int total = 0;
    for (const SentenceResult& s : r->summary) {
      // Words as the engine counts them (ICU word break): the sentence alone.
      auto alone = engine_->Summarize(s.text, {});
      ASSERT_TRUE(alone.ok());
      total += alone->stats.word_count;
    }
    EXPECT_LE(total, words) << words;
    if (words >= 40) {
      EXPECT_FALSE(r->summary.empty()) << words;
    }
  }
  for (int chars : {60, 150, 400, 1000}) {
    SummarizeOptions o = SampleOptions();
    o.length = {LengthBudget::Kind::kChars, static_cast<double>(chars)};
    auto r = engine_->Summarize(*sample_, o);
    ASSERT_TRUE(r.ok());
    int64_t total = 0;
    for (const SentenceResult& s : r->summary) {
      for (char c : s.normalized_text) total += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
    }
    EXPECT_LE(total, chars);
  }
  SummarizeOptions tiny = SampleOptions();
  tiny.length = {LengthBudget::Kind::kChars, 10};
  auto r = engine_->Summarize(*sample_, tiny);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->summary.empty());
  EXPECT_THAT(r->empty_reason, HasSubstr("max_chars=10"));

  SummarizeOptions ratio = SampleOptions();
  ratio.length = {LengthBudget::Kind::kRatio, 0.25};
  r = engine_->Summarize(*sample_, ratio);
  ASSERT_TRUE(r.ok());
  EXPECT_GE(r->summary.size(), 2u);
  EXPECT_LE(r->summary.size(), 4u);
}

TEST_F(EngineTest, FieldErrors) {
  struct Case {
    std::string text;
    SummarizeOptions options;
    std::string field;
    absl::StatusCode code = absl::StatusCode::kInvalidArgument;
  };
  std::vector<Case> cases;
  cases.push_back({"", {}, "text"});
  cases.push_back({" \n\t \n", {}, "text"});
  cases.push_back({std::string("bad \xC3\x28 utf8"), {}, "text"});
  SummarizeOptions lang;
  lang.language = "not a tag";
  cases.push_back({"Some text.", lang, "language"});
  for (auto [kind, value, field] :
       std::vector<std::tuple<LengthBudget::Kind, double, std::string>>{
           {LengthBudget::Kind::kSentences, 0, "max_sentences"},
           {LengthBudget::Kind::kSentences, 1001, "max_sentences"},
           {LengthBudget::Kind::kRatio, 0, "ratio"},
           {LengthBudget::Kind::kRatio, 1.5, "ratio"},
           {LengthBudget::Kind::kRatio, std::nan(""), "ratio"},
           {LengthBudget::Kind::kWords, -3, "max_words"},
           {LengthBudget::Kind::kChars, 0, "max_chars"}}) {
    SummarizeOptions o;
    o.length = {kind, value};
    cases.push_back({"Some text.", o, field});
  }
  SummarizeOptions tz;
  tz.time_zone = "Mars/Olympus";
  cases.push_back({"Some text.", tz, "time_zone"});
  SummarizeOptions loc;
  loc.target_locales = {"de", "??"};
  cases.push_back({"Some text.", loc, "target_locales[1]"});
  SummarizeOptions facts;
  facts.max_facts = 100000;
  cases.push_back({"Some text.", facts, "max_facts"});
  for (const Case& c : cases) {
    auto r = engine_->Summarize(c.text, c.options);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.status().code(), c.code) << c.field << ": " << r.status();
    EXPECT_EQ(ErrorField(r.status()), c.field) << r.status();
  }
}

TEST_F(EngineTest, TooLargeIsResourceExhausted) {
  EngineConfig config;
  config.max_text_bytes = 100;
  std::unique_ptr<Engine> engine = testing::CreateTestEngine(config);
  ASSERT_NE(engine, nullptr);
  auto r = engine->Summarize(std::string(101, 'a'), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ErrorField(r.status()), "text");
}

TEST_F(EngineTest, CallControlStopsTheCall) {
  CallControl control;
  control.check = [] { return absl::DeadlineExceededError("deadline passed"); };
  auto r = engine_->Summarize(*sample_, {}, control);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDeadlineExceeded);
}

TEST_F(EngineTest, GluedProfileLineIsBoilerplateNotHeadline) {
  // The opening of a scraped BBC article (en XL-Sum): the byline's name,
  // role and handle lines run into the first sentence.
  const std::string text =
      "Anthony ZurcherNorth America reporter@awzurcheron Twitter With tensions rising "
      "between the US and Iran, the long-term consequences will largely depend on the "
      "nature of Iran's response. If the end result is a US withdrawal from Iraq, the "
      "politics of the situation could be turned on its head. In the short term, there "
      "are already some possible implications for the Democratic primaries.";
  auto r = engine_->Segment(text, "en");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->sentences.size(), 4u);
  EXPECT_EQ(r->sentences[0].text, "Anthony ZurcherNorth America reporter@awzurcheron Twitter");
  EXPECT_EQ(r->sentences[0].kind, SentenceKind::kBoilerplate);
  EXPECT_EQ(r->sentences[1].kind, SentenceKind::kBody);
  EXPECT_THAT(OneSentenceShown(text), ::testing::StartsWith("With tensions rising"));
  // The same line with its separators kept is furniture too.
  auto spaced = engine_->Segment(
      "Anthony Zurcher, North America reporter, @awzurcher on Twitter\n\n" + text.substr(58),
      "en");
  ASSERT_TRUE(spaced.ok()) << spaced.status();
  EXPECT_EQ(spaced->sentences[0].kind, SentenceKind::kBoilerplate) << spaced->sentences[0].text;
}

TEST_F(EngineTest, SegmentCoversParagraphsAndSpans) {
  auto r = engine_->Segment(*sample_, "en");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->language, "en");
  EXPECT_DOUBLE_EQ(r->language_confidence, 1.0);
  ASSERT_FALSE(r->paragraphs.empty());
  EXPECT_EQ(r->paragraphs.front().sentence_begin, 0);
  EXPECT_EQ(r->paragraphs.back().sentence_end, static_cast<int32_t>(r->sentences.size()));
  for (size_t i = 0; i < r->sentences.size(); ++i) {
    const SentenceResult& s = r->sentences[i];
    EXPECT_EQ(s.id, static_cast<int32_t>(i));
    EXPECT_EQ(s.score, 0.0);
    EXPECT_EQ(sample_->substr(s.span.byte_begin, s.span.byte_end - s.span.byte_begin), s.text);
  }
  EXPECT_EQ(r->sentences[0].kind, SentenceKind::kHeadline);
  EXPECT_EQ(r->sentences[1].kind, SentenceKind::kBoilerplate);
  EXPECT_EQ(r->sentences.back().kind, SentenceKind::kBoilerplate);
}

TEST_F(EngineTest, NonBmpSpansInAllUnits) {
  // Emoji and CJK extension B make bytes, code points and UTF-16 differ.
  const std::string text =
      "Launch day 🚀 arrives. The 𠀀 company raised $5 million on Monday. Investors cheered 🎉.";
  auto r = engine_->Segment(text, "en");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->sentences.size(), 3u);
  const SentenceResult& s = r->sentences[1];
  EXPECT_EQ(s.text, "The 𠀀 company raised $5 million on Monday.");
  EXPECT_EQ(s.span.byte_begin, static_cast<int64_t>(text.find("The")));
  EXPECT_EQ(s.span.char_begin, 22);   // "Launch day " 11 + 🚀 1 + " arrives. " 10
  EXPECT_EQ(s.span.utf16_begin, 23);  // 🚀 is two UTF-16 units
  EXPECT_EQ(s.span.char_end - s.span.char_begin, 42);
  EXPECT_EQ(s.span.utf16_end - s.span.utf16_begin, 43);
}

TEST_F(EngineTest, ConcurrentCallsGiveIdenticalResults) {
  auto expected = engine_->Summarize(*sample_, SampleOptions());
  ASSERT_TRUE(expected.ok());
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto r = engine_->Summarize(*sample_, SampleOptions());
        if (!r.ok() || r->summary.size() != expected->summary.size() ||
            r->facts.size() != expected->facts.size()) {
          ++mismatches;
          continue;
        }
        for (size_t k = 0; k < r->summary.size(); ++k) {
          if (r->summary[k].id != expected->summary[k].id) ++mismatches;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST_F(EngineTest, SentencesOpeningWithAQuoteAreDetectedInEveryScript) {
  // The first body sentence opens with a quotation mark of its language;
  // with a large quotation weight a one-sentence summary passes it over,
  // with the weight off the lead prior takes it. The apostrophe of an
  // elision is not a quotation mark.
  auto resources = LoadLanguageResources();
  ASSERT_TRUE(resources.ok()) << resources.status();
  EngineConfig config;
  config.ranker.quotation = 10;
  auto quoting = Engine::Create(config, *resources);
  ASSERT_TRUE(quoting.ok()) << quoting.status();
  config.ranker.quotation = 0;
  auto neutral = Engine::Create(config, *std::move(resources));
  ASSERT_TRUE(neutral.ok()) << neutral.status();
  struct Case {
    const char* text;
    const char* lang;
    bool quote;
  } cases[] = {
      {"\"The talks will resume in Geneva on Monday,\" the minister said. Both delegations "
       "confirmed the date. The agenda covers trade and energy. Observers expect a long week.",
       "en", true},
      {"\u201cThe talks will resume in Geneva on Monday,\u201d the minister said. Both delegations "
       "confirmed the date. The agenda covers trade and energy. Observers expect a long week.",
       "en", true},
      {"\u00ab Les discussions reprendront lundi \u00e0 Gen\u00e8ve \u00bb, a dit le ministre. Les "
       "deux d\u00e9l\u00e9gations ont confirm\u00e9 la date. L'ordre du jour porte sur le commerce. "
       "Les observateurs attendent une longue semaine.",
       "fr", true},
      {"\u201eDie Gespr\u00e4che gehen am Montag in Genf weiter\u201c, sagte der Minister. Beide "
       "Delegationen best\u00e4tigten den Termin. Auf der Tagesordnung stehen Handel und Energie. "
       "Beobachter erwarten eine lange Woche.",
       "de", true},
      {"\u300c\u8ac7\u5224\u306f\u6708\u66dc\u65e5\u306b\u30b8\u30e5\u30cd\u30fc\u30d6"
       "\u3067\u518d\u958b\u3059\u308b\u300d\u3068\u5927\u81e3\u306f\u8ff0\u3079\u305f\u3002"
       "\u4e21\u4ee3\u8868\u56e3\u306f\u65e5\u7a0b\u3092\u78ba\u8a8d\u3057\u305f\u3002"
       "\u8b70\u984c\u306f\u8cbf\u6613\u3068\u30a8\u30cd\u30eb\u30ae\u30fc\u3060\u3002",
       "ja", true},
      {"'Tis the season for talks in Geneva, the minister said on Monday. Both delegations "
       "confirmed the date. The agenda covers trade and energy. Observers expect a long week.",
       "en", false},
  };
  for (const Case& c : cases) {
    SummarizeOptions o;
    o.language = c.lang;
    o.length = {LengthBudget::Kind::kSentences, 1};
    auto plain = (*neutral)->Summarize(c.text, o);
    auto penalised = (*quoting)->Summarize(c.text, o);
    ASSERT_TRUE(plain.ok()) << plain.status();
    ASSERT_TRUE(penalised.ok()) << penalised.status();
    ASSERT_EQ(plain->summary.size(), 1u);
    ASSERT_EQ(penalised->summary.size(), 1u);
    EXPECT_EQ(plain->summary[0].id, 0) << c.text;
    if (c.quote) {
      EXPECT_NE(penalised->summary[0].id, 0) << c.text;
    } else {
      EXPECT_EQ(penalised->summary[0].id, 0) << c.text;
    }
  }
}

TEST_F(EngineTest, MultilingualTexts) {
  struct Case {
    const char* text;
    const char* lang;
  } cases[] = {
      {"Die Regierung hat am Montag neue Gespräche angekündigt. Die Verhandlungen sollen in Genf "
       "stattfinden. Beide Seiten zeigten sich zuversichtlich. Ein Ergebnis wird im Januar "
       "erwartet.",
       "de"},
      {"政府周一宣布了新的谈判。谈判将在日内瓦举行。双方都表示乐观。预计一月份会有结果。", "zh"},
      {"政府は月曜日に新たな交渉を発表した。交渉はジュネーブで行われる。双方とも楽観的だ。", "ja"},
  };
  for (const Case& c : cases) {
    SummarizeOptions o;
    o.length = {LengthBudget::Kind::kSentences, 2};
    auto r = engine_->Summarize(c.text, o);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->language, c.lang);
    EXPECT_EQ(r->summary.size(), 2u) << c.lang;
    EXPECT_GE(r->stats.sentence_count, 3) << c.lang;
  }
}

}  // namespace
}  // namespace precis
