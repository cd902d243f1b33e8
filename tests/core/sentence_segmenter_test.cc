#include "sentence_segmenter.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "language_data_loader.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"
#include "unicode/utf16.h"

namespace precis {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The segmenter over the embedded language data (service/data).
const SentenceSegmenter& Embedded() {
  static const SentenceSegmenter* segmenter = [] {
    auto resources = LoadLanguageResources();
    EXPECT_TRUE(resources.ok()) << resources.status();
    auto s = SentenceSegmenter::Create(*resources);
    EXPECT_TRUE(s.ok()) << s.status();
    return s->release();
  }();
  return *segmenter;
}

std::string Utf8(const icu::UnicodeString& text, TextRange r) {
  std::string out;
  text.tempSubStringBetween(r.begin, r.end).toUTF8String(out);
  return out;
}

// Checks the output contract and returns the sentences as UTF-8.
std::vector<std::string> Check(const icu::UnicodeString& text, const Segmentation& seg) {
  std::vector<std::string> out;
  int32_t last_end = 0;
  for (const SegmentedSentence& s : seg.sentences) {
    EXPECT_FALSE(s.range.empty());
    EXPECT_GE(s.range.begin, last_end) << "overlap or out of order";
    EXPECT_LE(s.range.end, text.length());
    EXPECT_FALSE(u_isUWhiteSpace(text.char32At(s.range.begin))) << "not trimmed";
    EXPECT_FALSE(u_isUWhiteSpace(text.char32At(s.range.end - 1))) << "not trimmed";
    EXPECT_FALSE(U16_IS_TRAIL(text.charAt(s.range.begin))) << "splits a surrogate pair";
    EXPECT_GE(s.paragraph, 0);
    EXPECT_LT(s.paragraph, static_cast<int>(seg.paragraphs.size()));
    if (s.paragraph >= 0 && s.paragraph < static_cast<int>(seg.paragraphs.size())) {
      EXPECT_TRUE(seg.paragraphs[s.paragraph].Contains(s.range))
          << "sentence outside its paragraph";
    }
    last_end = s.range.end;
    out.push_back(Utf8(text, s.range));
  }
  for (size_t i = 1; i < seg.paragraphs.size(); ++i) {
    EXPECT_LT(seg.paragraphs[i - 1].end, seg.paragraphs[i].begin);
  }
  // No text is lost: every non-space unit lies in a sentence.
  int32_t visible = 0, covered = 0;
  for (int32_t i = 0; i < text.length(); ++i) visible += !u_isUWhiteSpace(text.charAt(i));
  for (const SegmentedSentence& s : seg.sentences) {
    for (int32_t i = s.range.begin; i < s.range.end; ++i) {
      covered += !u_isUWhiteSpace(text.charAt(i));
    }
  }
  EXPECT_EQ(covered, visible) << "text outside every sentence";
  return out;
}

std::vector<std::string> Sentences(const SentenceSegmenter& segmenter, std::string_view utf8,
                                   std::string_view language) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  return Check(text, segmenter.Segment(text, language));
}

std::vector<std::string> Sentences(std::string_view utf8, std::string_view language = "en") {
  return Sentences(Embedded(), utf8, language);
}

TEST(SentenceSegmenterTest, EmptyAndWhitespaceOnlyInputGiveNothing) {
  for (const char* text : {"", " ", "\n\n", " \t \n  \n "}) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    const Segmentation seg = Embedded().Segment(u, "en");
    EXPECT_THAT(seg.sentences, IsEmpty()) << "'" << text << "'";
    EXPECT_THAT(seg.paragraphs, IsEmpty()) << "'" << text << "'";
  }
}

// Lines the simple sentence breaker covers and lines it leaves to ICU
// (Chinese, an emoji, a combining mark) in one text: each gets its own
// boundaries, with offsets into the whole text.
TEST(SentenceSegmenterTest, MixedScriptLinesAreEachBrokenRight) {
  EXPECT_THAT(Sentences("Talks resumed on Monday. Officials agreed.\n\n"
                        "\xe6\x94\xbf\xe5\xba\x9c\xe5\xae\xa3\xe5\xb8\x83\xe3\x80\x82"
                        "\xe8\xb0\x88\xe5\x88\xa4\xe6\x81\xa2\xe5\xa4\x8d\xe3\x80\x82\n\n"
                        "Fans cheered \xf0\x9f\x98\x80 loudly. The end came.\n\n"
                        "Cafe\xcc\x81 owners left. Others stayed."),
              ElementsAre("Talks resumed on Monday.", "Officials agreed.",
                          "\xe6\x94\xbf\xe5\xba\x9c\xe5\xae\xa3\xe5\xb8\x83\xe3\x80\x82",
                          "\xe8\xb0\x88\xe5\x88\xa4\xe6\x81\xa2\xe5\xa4\x8d\xe3\x80\x82",
                          "Fans cheered \xf0\x9f\x98\x80 loudly.", "The end came.",
                          "Cafe\xcc\x81 owners left.", "Others stayed."));
}

TEST(SentenceSegmenterTest, TitlesNeverEndASentence) {
  EXPECT_THAT(Sentences("Dr. Smith met Gen. Jones and Sen. Warren at noon. They talked."),
              ElementsAre("Dr. Smith met Gen. Jones and Sen. Warren at noon.", "They talked."));
  EXPECT_THAT(Sentences("Hola Srta. Ledesma. Soy el Lic. Naser Pastoriza.", "es"),
              ElementsAre("Hola Srta. Ledesma.", "Soy el Lic. Naser Pastoriza."));
}

TEST(SentenceSegmenterTest, AbbreviationEndsASentenceOnlyBeforeASentenceStarter) {
  EXPECT_THAT(Sentences("On Monday, U.S. President Joe Biden signed the bill."),
              ElementsAre("On Monday, U.S. President Joe Biden signed the bill."));
  EXPECT_THAT(Sentences("I live in the U.S. How about you?"),
              ElementsAre("I live in the U.S.", "How about you?"));
  EXPECT_THAT(Sentences("They closed the deal with Pitt, Briggs & Co. It closed yesterday."),
              ElementsAre("They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."));
  EXPECT_THAT(Sentences("Shares of Acme Inc. rose. Apple Corp. Chairman Tim spoke."),
              ElementsAre("Shares of Acme Inc. rose.", "Apple Corp. Chairman Tim spoke."));
  EXPECT_THAT(Sentences("At 5 a.m. the talks began. Please turn to p. 55 now."),
              ElementsAre("At 5 a.m. the talks began.", "Please turn to p. 55 now."));
}

TEST(SentenceSegmenterTest, WorksWithHandMadeDataAndNoStarters) {
  SegmentationData en;
  en.title_abbreviations = {"Dr"};
  en.abbreviations = {"Inc"};
  auto segmenter = SentenceSegmenter::Create({{"en", en}});
  ASSERT_TRUE(segmenter.ok()) << segmenter.status();
  EXPECT_TRUE((*segmenter)->HasLanguage("en"));
  EXPECT_TRUE((*segmenter)->HasLanguage("en-GB"));
  EXPECT_FALSE((*segmenter)->HasLanguage("de"));
  // Without sentence starters an abbreviation before a capital never splits.
  EXPECT_THAT(Sentences(**segmenter, "Dr. Who works at Acme Inc. The end.", "en"),
              ElementsAre("Dr. Who works at Acme Inc. The end."));
  EXPECT_THAT(Sentences(**segmenter, "It rained. We left.", "en"),
              ElementsAre("It rained.", "We left."));
}

TEST(SentenceSegmenterTest, Initials) {
  EXPECT_THAT(Sentences("My name is Jonas E. Smith. J. R. R. Tolkien wrote it."),
              ElementsAre("My name is Jonas E. Smith.", "J. R. R. Tolkien wrote it."));
  EXPECT_THAT(Sentences("We make a good team, you and I. Did you see Albert I. Jones?"),
              ElementsAre("We make a good team, you and I.", "Did you see Albert I. Jones?"));
  EXPECT_THAT(Sentences("Письмо подписал А. И. Семенов. Он согласен.", "ru"),
              ElementsAre("Письмо подписал А. И. Семенов.", "Он согласен."));
  // A language without data still gets initials.
  EXPECT_THAT(Sentences("Tekst napisał J. K. Nowak. Koniec.", "xx"),
              ElementsAre("Tekst napisał J. K. Nowak.", "Koniec."));
}

TEST(SentenceSegmenterTest, NumbersAndDecimals) {
  EXPECT_THAT(Sentences("She has $100.00 in her bag. Prices rose 3.5 percent in 2021. "
                        "That was 1,000.5 more."),
              ElementsAre("She has $100.00 in her bag.", "Prices rose 3.5 percent in 2021.",
                          "That was 1,000.5 more."));
  EXPECT_THAT(Sentences("She has $100.00. It is in her bag."),
              ElementsAre("She has $100.00.", "It is in her bag."));
  // A sentence may start with a number after a plain word.
  EXPECT_THAT(Sentences("Hij schoot toen de raketten kwamen. 81 procent was raak.", "nl"),
              ElementsAre("Hij schoot toen de raketten kwamen.", "81 procent was raak."));
}

TEST(SentenceSegmenterTest, OrdinalDatesInLanguagesWithOrdinalPeriod) {
  EXPECT_THAT(Sentences("Die Abstimmung vom 12. Juni war knapp. Das Ergebnis kam spät.", "de"),
              ElementsAre("Die Abstimmung vom 12. Juni war knapp.", "Das Ergebnis kam spät."));
  EXPECT_THAT(Sentences("Spoločnosť bola založená 7. Apríla 2020. Potom rástla.", "sk"),
              ElementsAre("Spoločnosť bola založená 7. Apríla 2020.", "Potom rástla."));
  // A year before a capital still ends a German sentence.
  EXPECT_THAT(Sentences("Er wurde 1990 geboren. Er lebt in Berlin.", "de"),
              ElementsAre("Er wurde 1990 geboren.", "Er lebt in Berlin."));
  // "vor." is no abbreviation (ICU's CLDR list would join these).
  EXPECT_THAT(Sentences("Der Bericht liegt vor. Die Zahlen sind gut.", "de"),
              ElementsAre("Der Bericht liegt vor.", "Die Zahlen sind gut."));
}

TEST(SentenceSegmenterTest, Quotes) {
  EXPECT_THAT(Sentences("She turned to him, \"This is great.\" She held the book out."),
              ElementsAre("She turned to him, \"This is great.\"", "She held the book out."));
  EXPECT_THAT(Sentences("She turned to him, \"This is great.\" she said."),
              ElementsAre("She turned to him, \"This is great.\" she said."));
  EXPECT_THAT(Sentences("\"Stop!\" he shouted. \"Who?\" she asked."),
              ElementsAre("\"Stop!\" he shouted.", "\"Who?\" she asked."));
  EXPECT_THAT(Sentences("She works at Yahoo! in the accounting department."),
              ElementsAre("She works at Yahoo! in the accounting department."));
  EXPECT_THAT(Sentences("„Ich habe heute keine Zeit“, sagte sie: „Und keine Lust.“ Wir gehen.",
                        "de"),
              ElementsAre("„Ich habe heute keine Zeit“, sagte sie: „Und keine Lust.“",
                          "Wir gehen."));
}

TEST(SentenceSegmenterTest, QuoteClosedByCommaStaysWithItsAttribution) {
  EXPECT_THAT(Sentences("„Prieskumy beriem na ľahkú váhu. V podstate ma to nezaujíma,“ "
                        "reagoval Matovič. Potom odišiel.",
                        "sk"),
              ElementsAre("„Prieskumy beriem na ľahkú váhu. V podstate ma to nezaujíma,“ "
                          "reagoval Matovič.",
                          "Potom odišiel."));
  EXPECT_THAT(Sentences("\"We won. We will win again,\" he said. Fans cheered."),
              ElementsAre("\"We won. We will win again,\" he said.", "Fans cheered."));
  EXPECT_THAT(Sentences("„Wir sind bereit. Wir kämpfen“, sagte er. Dann ging er.", "de"),
              ElementsAre("„Wir sind bereit. Wir kämpfen“, sagte er.", "Dann ging er."));
  // Also across a hard-wrapped line.
  EXPECT_THAT(Sentences("Fans cheered in the streets of the capital when \"We won the\n"
                        "match. We will win again,\" he said. Others left the stadium.\n"
                        "Nobody stayed."),
              ElementsAre("Fans cheered in the streets of the capital when \"We won the\n"
                          "match. We will win again,\" he said.",
                          "Others left the stadium.", "Nobody stayed."));
  // A quote ending a sentence of its own still splits.
  EXPECT_THAT(Sentences("He said: \"We won. We will win again.\" Fans cheered."),
              ElementsAre("He said: \"We won.", "We will win again.\"", "Fans cheered."));
  // A book title in 《》 is never split.
  EXPECT_THAT(Sentences("我们明天一起去看《摔跤吧！爸爸》好吗？好！", "zh"),
              ElementsAre("我们明天一起去看《摔跤吧！爸爸》好吗？", "好！"));
}

TEST(SentenceSegmenterTest, PlainWordBeforeAPeriodEndsASentence) {
  // Hyphenated words and words before a closing quote are plain words.
  EXPECT_THAT(Sentences("Sie kam nach Auschwitz-Birkenau. Lisa Miková kam 1922 zur Welt.", "de"),
              ElementsAre("Sie kam nach Auschwitz-Birkenau.", "Lisa Miková kam 1922 zur Welt."));
  EXPECT_THAT(Sentences("Das ist das \"Epizentrum unseres Lebens\". Tatsächlich steht sie.", "de"),
              ElementsAre("Das ist das \"Epizentrum unseres Lebens\".", "Tatsächlich steht sie."));
  // Lower-case multi-period abbreviations such as "т.д." usually end a
  // sentence; listed ones ("e.g.") do not.
  EXPECT_THAT(Sentences("Здесь душно и т.д. Абсолютно профессиональный вердикт.", "ru"),
              ElementsAre("Здесь душно и т.д.", "Абсолютно профессиональный вердикт."));
  EXPECT_THAT(Sentences("Use a tool, e.g. Smith's hammer."),
              ElementsAre("Use a tool, e.g. Smith's hammer."));
  // Russian does not write ordinals with a period, German does.
  EXPECT_THAT(Sentences("Проснулся я часам к 12. Живу рядом.", "ru"),
              ElementsAre("Проснулся я часам к 12.", "Живу рядом."));
  EXPECT_THAT(Sentences("Das war im 21. Jahrhundert so.", "de"),
              ElementsAre("Das war im 21. Jahrhundert so."));
}

TEST(SentenceSegmenterTest, MissedStarts) {
  // An ellipsis may open a sentence.
  EXPECT_THAT(Sentences("81 procent was raak. ...en toen barste de hel los.", "nl"),
              ElementsAre("81 procent was raak.", "...en toen barste de hel los."));
  // A missing space after a period between words (raw, unnormalized text).
  EXPECT_THAT(Sentences("Ресейдiң жағдайы.XVIII ғасырдың бiрiншi ширегi.", "kk"),
              ElementsAre("Ресейдiң жағдайы.", "XVIII ғасырдың бiрiншi ширегi."));
  EXPECT_THAT(Sentences("Her email is Jane.Doe@example.com. I sent her an email."),
              ElementsAre("Her email is Jane.Doe@example.com.", "I sent her an email."));
}

TEST(SentenceSegmenterTest, ProfileLineGluedToTheFirstSentenceIsCutOff) {
  // A scraped BBC byline: name, role and handle lines joined with nothing.
  EXPECT_THAT(
      Sentences("Anthony ZurcherNorth America reporter@awzurcheron Twitter With tensions "
                "rising, the consequences depend on Iran's response."),
      ElementsAre("Anthony ZurcherNorth America reporter@awzurcheron Twitter",
                  "With tensions rising, the consequences depend on Iran's response."));
  EXPECT_THAT(Sentences("Jane DoePolitical editor@janedoe on X The vote was close."),
              ElementsAre("Jane DoePolitical editor@janedoe on X", "The vote was close."));
  // A handle in running text stays there: a space before the "@", a
  // lower-case word or a longer word after the platform, no platform.
  EXPECT_THAT(Sentences("The Pentagon said @CENTCOM on Twitter Monday that it had struck."),
              ElementsAre("The Pentagon said @CENTCOM on Twitter Monday that it had struck."));
  EXPECT_THAT(Sentences("Fans of the show@bbc on Twitter said they were pleased. It rained."),
              ElementsAre("Fans of the show@bbc on Twitter said they were pleased.", "It rained."));
  EXPECT_THAT(Sentences("She posted as jane@jane on Xbox Live during the match."),
              ElementsAre("She posted as jane@jane on Xbox Live during the match."));
  EXPECT_THAT(Sentences("Write to desk@desk on Monday Morning Edition's page."),
              ElementsAre("Write to desk@desk on Monday Morning Edition's page."));
  EXPECT_THAT(Sentences("Mail jane@example.com on Twitter Tuesday."),
              ElementsAre("Mail jane@example.com on Twitter Tuesday."));
}

TEST(SentenceSegmenterTest, Ellipses) {
  EXPECT_THAT(Sentences("I never meant that.... She left the store."),
              ElementsAre("I never meant that....", "She left the store."));
  EXPECT_THAT(Sentences("The thing is . . . I didn't mean it."),
              ElementsAre("The thing is . . . I didn't mean it."));
  EXPECT_THAT(Sentences("\"Bohr [...] used the analogy [...]\" (Smith 55)."),
              ElementsAre("\"Bohr [...] used the analogy [...]\" (Smith 55)."));
}

TEST(SentenceSegmenterTest, HardWrappedLinesAreJoined) {
  const std::string text =
      "Russia's Deputy Foreign Minister Sergei Ryabkov confirmed those\n"
      "dates on Tuesday and said he hoped the talks with the United\n"
      "States in Geneva would launch a process. Such guarantees are a\n"
      "longstanding demand of Moscow.";
  EXPECT_THAT(Sentences(text),
              ElementsAre("Russia's Deputy Foreign Minister Sergei Ryabkov confirmed those\n"
                          "dates on Tuesday and said he hoped the talks with the United\n"
                          "States in Geneva would launch a process.",
                          "Such guarantees are a\nlongstanding demand of Moscow."));
}

TEST(SentenceSegmenterTest, HeadlineAndReadTimeLinesAreTheirOwnSentences) {
  const std::string text =
      "US-Russian dialogue over Ukraine set for early January\n"
      "·2-min read\n"
      "US and Russian officials are set to hold security talks on the 10th of January to "
      "discuss concerns over their respective military activities.";
  const auto s = Sentences(text);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "US-Russian dialogue over Ukraine set for early January");
  EXPECT_EQ(s[1], "·2-min read");
  // A short line ending with an abbreviation is a line of its own too; a
  // wrapped one goes on.
  EXPECT_THAT(Sentences("Results of Acme Inc.\n"
                        "Shares rose after the company reported higher sales in Europe and Asia.\n"
                        "The chief executive of the group, Jane Smith, who ran Acme for the U.S.\n"
                        "Government office, said so."),
              ElementsAre("Results of Acme Inc.",
                          "Shares rose after the company reported higher sales in Europe and Asia.",
                          "The chief executive of the group, Jane Smith, who ran Acme for the U.S.\n"
                          "Government office, said so."));
  // Two lines only: a title above one line of text.
  EXPECT_THAT(Sentences("Breaking: talks collapse in Geneva after hours\nOfficials left."),
              ElementsAre("Breaking: talks collapse in Geneva after hours", "Officials left."));
}

TEST(SentenceSegmenterTest, LineEndingWithColonOrBeforeListItemEndsASentence) {
  EXPECT_THAT(Sentences("The plan has three parts that matter for the markets:\n"
                        "1. Talks start on Monday in Geneva\n"
                        "2. NATO meets on Wednesday in Brussels\n"
                        "- Sanctions follow if talks fail"),
              ElementsAre("The plan has three parts that matter for the markets:",
                          "1. Talks start on Monday in Geneva",
                          "2. NATO meets on Wednesday in Brussels",
                          "- Sanctions follow if talks fail"));
}

TEST(SentenceSegmenterTest, InlineNumberedLists) {
  EXPECT_THAT(Sentences("1. The first item 2. The second item"),
              ElementsAre("1. The first item", "2. The second item"));
  EXPECT_THAT(Sentences("1.) The first item. 2.) The second item."),
              ElementsAre("1.) The first item.", "2.) The second item."));
  EXPECT_THAT(Sentences("• 9. The first item • 10. The second item"),
              ElementsAre("• 9. The first item", "• 10. The second item"));
  EXPECT_THAT(Sentences("a. The first item b. The second item c. The third item"),
              ElementsAre("a. The first item", "b. The second item", "c. The third item"));
}

TEST(SentenceSegmenterTest, ParagraphsSplitAtBlankLines) {
  const std::string text = "First one. Second one.\n \nThird one.\n\n\n  Fourth one.  ";
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  const Segmentation seg = Embedded().Segment(u, "en");
  ASSERT_EQ(seg.paragraphs.size(), 3u);
  EXPECT_EQ(Utf8(u, seg.paragraphs[0]), "First one. Second one.");
  EXPECT_EQ(Utf8(u, seg.paragraphs[2]), "Fourth one.");
  EXPECT_THAT(Check(u, seg),
              ElementsAre("First one.", "Second one.", "Third one.", "Fourth one."));
  std::vector<int> paragraph;
  for (const auto& s : seg.sentences) paragraph.push_back(s.paragraph);
  EXPECT_THAT(paragraph, ElementsAre(0, 0, 1, 2));
}

TEST(SentenceSegmenterTest, CjkFullWidthTerminators) {
  EXPECT_THAT(Sentences("これはペンです。それはマーカーです！本当？", "ja"),
              ElementsAre("これはペンです。", "それはマーカーです！", "本当？"));
  EXPECT_THAT(Sentences("我们明天去上海。好！", "zh"), ElementsAre("我们明天去上海。", "好！"));
  // An opening bracket after a terminator opens the next sentence.
  EXPECT_THAT(Sentences("越抹越黑！《环球时报》颠倒黑白。", "zh"),
              ElementsAre("越抹越黑！", "《环球时报》颠倒黑白。"));
}

std::string ReadArticle();

TEST(SentenceSegmenterTest, ThaiLaoKhmerSentencesEndAtSpaces) {
  // Thai has no sentence punctuation: a space between Thai words ends one.
  EXPECT_THAT(Sentences("ผมชื่อสมชาย ผมอยู่กรุงเทพ", "th"),
              ElementsAre("ผมชื่อสมชาย", "ผมอยู่กรุงเทพ"));
  // By script, whatever the language tag says.
  EXPECT_THAT(Sentences("ผมชื่อสมชาย ผมอยู่กรุงเทพ", "xx"),
              ElementsAre("ผมชื่อสมชาย", "ผมอยู่กรุงเทพ"));
  EXPECT_THAT(Sentences("ຂ້ອຍຊື່ສົມໃຈ ຂ້ອຍຢູ່ວຽງຈັນ", "lo"),
              ElementsAre("ຂ້ອຍຊື່ສົມໃຈ", "ຂ້ອຍຢູ່ວຽງຈັນ"));
  EXPECT_THAT(Sentences("ខ្ញុំទៅផ្សារព្រឹកនេះ គាត់ទៅសាលារៀន", "km"),
              ElementsAre("ខ្ញុំទៅផ្សារព្រឹកនេះ", "គាត់ទៅសាលារៀន"));
  // Khmer written with the khan: its spaces separate phrases.
  EXPECT_THAT(Sentences("ខ្ញុំទៅផ្សារព្រឹកនេះ គាត់ទៅសាលារៀន។ យើងញ៉ាំបាយ។", "km"),
              ElementsAre("ខ្ញុំទៅផ្សារព្រឹកនេះ គាត់ទៅសាលារៀន។", "យើងញ៉ាំបាយ។"));
  // Not at a space around numbers or Latin words, after the repetition
  // mark "ๆ", or next to a short piece (a title before a name).
  for (const char* whole : {"ราคาสินค้า 100 บาทต่อชิ้นครับ", "ผมใช้โทรศัพท์ iPhone ทุกวันเลย",
                            "มีสินค้าต่างๆ นานาให้เลือกซื้อ", "นาย สมชายใจดีมาก",
                            "ผมชื่อสมชายใจดี ครับ"}) {
    EXPECT_THAT(Sentences(whole, "th"), ElementsAre(whole));
  }
  // Lines and paragraphs still end sentences; each piece is checked.
  EXPECT_THAT(Sentences("วันนี้อากาศดีมาก เราไปเที่ยวทะเลกัน\n\nพรุ่งนี้ฝนจะตก", "th"),
              ElementsAre("วันนี้อากาศดีมาก", "เราไปเที่ยวทะเลกัน", "พรุ่งนี้ฝนจะตก"));
}

TEST(SentenceSegmenterTest, CaselessTextSplitsAtPeriodsButNotAfterAbbreviations) {
  // Lowercased text (NLP corpora): no capital tells where a sentence starts.
  EXPECT_THAT(Sentences("the talks will resume next week. officials said the u.s. and russia "
                        "would meet in geneva. dr. smith met gen. jones at 5 p.m. on monday. "
                        "the letter was signed by peter m. smith and j. r. jones. it rained."),
              ElementsAre("the talks will resume next week.",
                          "officials said the u.s. and russia would meet in geneva.",
                          "dr. smith met gen. jones at 5 p.m. on monday.",
                          "the letter was signed by peter m. smith and j. r. jones.",
                          "it rained."));
  // Listed abbreviations match case-insensitively ("Inc", "Jan").
  EXPECT_THAT(Sentences("shares of acme inc. rose in jan. and feb. by 3.5 percent. "
                        "prices rose in 2021. 81 percent agreed."),
              ElementsAre("shares of acme inc. rose in jan. and feb. by 3.5 percent.",
                          "prices rose in 2021.", "81 percent agreed."));
  // Exclamations and quotes: a bare "!" ends a sentence, except after one
  // letter; a quote closed by a comma stays with its attribution.
  EXPECT_THAT(Sentences("she works at yahoo! she loves it. p! nk sang. \"stop!\" he shouted. "
                        "\"we won. we will win again,\" he said. \"it is over.\" fans cheered."),
              ElementsAre("she works at yahoo!", "she loves it.", "p! nk sang.",
                          "\"stop!\" he shouted.", "\"we won. we will win again,\" he said.",
                          "\"it is over.\"", "fans cheered."));
  // Ordinal dates in a language that writes them "12.".
  EXPECT_THAT(Sentences("die abstimmung vom 12. juni war knapp. das ergebnis kam spät.", "de"),
              ElementsAre("die abstimmung vom 12. juni war knapp.", "das ergebnis kam spät."));
  // A missing space before a stopword (joined paragraphs), not in domains.
  EXPECT_THAT(Sentences("the vote was held in paris.the result came late. see cnn.com or "
                        "bbc.co.uk for more."),
              ElementsAre("the vote was held in paris.", "the result came late.",
                          "see cnn.com or bbc.co.uk for more."));
  // Georgian letters are all lower case (ICU alone keeps this whole).
  EXPECT_THAT(Sentences("ეს ძალიან კარგი ამბავია. ის გუშინ თბილისში წავიდა.", "ka"),
              ElementsAre("ეს ძალიან კარგი ამბავია.", "ის გუშინ თბილისში წავიდა."));
  // Ellipses and web addresses are not sentence ends.
  EXPECT_THAT(Sentences("he paused... and went on to visit cnn.com on monday. then he left."),
              ElementsAre("he paused... and went on to visit cnn.com on monday.",
                          "then he left."));
}

TEST(SentenceSegmenterTest, TokenizedCaselessText) {
  // Penn-Treebank-style tokens: " ." ends a sentence, `` '' are quotes.
  EXPECT_THAT(Sentences("washington ( cnn ) the talks will resume . officials said so . "
                        "`` we won . '' he said ."),
              ElementsAre("washington ( cnn ) the talks will resume .", "officials said so .",
                          "`` we won . ''", "he said ."));
}

TEST(SentenceSegmenterTest, CasedTextKeepsItsRules) {
  // With capitals present, a lower-case word after a period continues the
  // sentence (an unlisted abbreviation), as before.
  EXPECT_THAT(Sentences("The Talks in Geneva will resume. officials said so."),
              ElementsAre("The Talks in Geneva will resume. officials said so."));
}

TEST(SentenceSegmenterTest, LowercasedNewsArticleSplitsLikeItsCasedOriginal) {
  const std::string article = ReadArticle();
  std::string lower = article;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  const auto cased = Sentences(article);
  const auto caseless = Sentences(lower);
  // Most sentences come out the same, lowercased; none is lost.
  ASSERT_GE(cased.size(), 14u);
  int same = 0;
  for (std::string s : cased) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    same += std::find(caseless.begin(), caseless.end(), s) != caseless.end();
  }
  EXPECT_GE(same * 10, static_cast<int>(cased.size()) * 9) << same << " of " << cased.size();
  EXPECT_GE(caseless.size() * 10, cased.size() * 9);
  EXPECT_LE(caseless.size(), cased.size() + 2);
}

TEST(SentenceSegmenterTest, Emoji) {
  EXPECT_THAT(Sentences("We won 🎉! Great day 👍. See you 👋🏽"),
              ElementsAre("We won 🎉!", "Great day 👍.", "See you 👋🏽"));
}

TEST(SentenceSegmenterTest, ScriptConventions) {
  // Armenian typed with ':' for the full stop '։'.
  EXPECT_THAT(Sentences("Ի՞նչ ես մտածում: Ոչինչ:", "hy"),
              ElementsAre("Ի՞նչ ես մտածում:", "Ոչինչ:"));
  // Greek ';' is a question mark.
  EXPECT_THAT(Sentences("Πού είναι οι τουαλέτες; Τις Κυριακές δε δουλεύει.", "el"),
              ElementsAre("Πού είναι οι τουαλέτες;", "Τις Κυριακές δε δουλεύει."));
  // Elsewhere ':' and ';' go on.
  EXPECT_THAT(Sentences("He said: Go home; Now."), ElementsAre("He said: Go home; Now."));
}

TEST(SentenceSegmenterTest, RandomTextKeepsTheOutputContract) {
  // Pieces that exercise every rule, glued at random (fixed seed).
  const std::vector<std::string> pieces = {
      "Dr", "U.S", "J", "12", "Juni", "It", "the", "\u00ab", "\u00bb", "\"", "\u201e",
      "\u201c", "\u300a", "\u300b", "(", ")", "[", "...", ".", ". ", "!", "?", ",", ":",
      " ", "  ", "\n", "\n\n", " \n", "1.", "a)", "\u2022", "- ", "\u3002", "\U0001F600",
      "\u00b7", "etc", "\u0561", "\u0589", ";", "\u202a", "x", "\u0e1c\u0e21\u0e0a\u0e37\u0e48\u0e2d",
      "\u0e46", "\u17a2\u17d2\u1793\u1780", "\u17d4", "``", "''", " . "};
  std::mt19937 rng(42);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    for (const char* language : {"en", "de", "hy", "el", "zh", "th", "xx"}) {
      const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
      Check(u, Embedded().Segment(u, language));
      if (HasFailure()) {
        ADD_FAILURE() << "language " << language << " text '" << text << "'";
        return;
      }
    }
  }
}

std::string ReadArticle() {
  std::ifstream in(PRECIS_TESTDATA_DIR "/articles/us-russia-ukraine-talks.txt");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(SentenceSegmenterTest, ScrapedNewsArticle) {
  const std::string article = ReadArticle();
  ASSERT_FALSE(article.empty());
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(article);
  const Segmentation seg = Embedded().Segment(text, "en");
  const auto s = Check(text, seg);
  ASSERT_GE(s.size(), 14u);
  EXPECT_EQ(s[0], "US-Russian dialogue over Ukraine set for early January");
  EXPECT_EQ(s[1], "·2-min read");
  EXPECT_EQ(seg.sentences[1].paragraph, 1);
  EXPECT_THAT(s, testing::Contains(
                     "The US administration has promised economic sanctions if Russia "
                     "attacks Ukraine."));
  EXPECT_THAT(s, testing::Contains(testing::StartsWith(
                     "On Monday, U.S. President Joe Biden signed into law")));
  EXPECT_THAT(s, testing::Contains(testing::StartsWith("A spokesperson for the Biden")));
  for (const std::string& sentence : s) {
    EXPECT_NE(sentence.find_first_not_of(" "), std::string::npos);
    EXPECT_EQ(sentence.find("\n\n"), std::string::npos) << sentence;
  }
  // Every paragraph ends a sentence; the article has 14 of them.
  EXPECT_EQ(seg.paragraphs.size(), 14u);
}

// Greedy word wrap of every paragraph (blank-line separated) at `width`.
std::string Wrap(const std::string& text, size_t width) {
  std::string out, line;
  std::istringstream paragraphs(text);
  std::string row;
  auto flush_line = [&]() {
    if (!line.empty()) out += line + "\n";
    line.clear();
  };
  while (std::getline(paragraphs, row)) {
    if (row.find_first_not_of(" ") == std::string::npos) {
      flush_line();
      out += "\n";
      continue;
    }
    std::istringstream words(row);
    std::string word;
    while (words >> word) {
      if (!line.empty() && line.size() + 1 + word.size() > width) flush_line();
      line += (line.empty() ? "" : " ") + word;
    }
  }
  flush_line();
  return out;
}

std::vector<std::string> CollapseWhitespace(std::vector<std::string> sentences) {
  for (std::string& s : sentences) {
    std::replace(s.begin(), s.end(), '\n', ' ');
  }
  return sentences;
}

TEST(SentenceSegmenterTest, HardWrappedArticleSegmentsLikeTheOriginal) {
  const std::string article = ReadArticle();
  const auto expected = Sentences(article);
  for (size_t width : {50, 60, 72, 90}) {
    const std::string wrapped = Wrap(article, width);
    ASSERT_NE(wrapped.find('\n'), std::string::npos);
    EXPECT_EQ(CollapseWhitespace(Sentences(wrapped)), expected) << "width " << width;
  }
}

TEST(SentenceSegmenterTest, ConcurrentCallsAgree) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(ReadArticle());
  const Segmentation expected = Embedded().Segment(text, "en");
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        const Segmentation got = Embedded().Segment(text, i % 2 ? "en" : "de");
        if (i % 2 && (got.sentences.size() != expected.sentences.size() ||
                      got.paragraphs != expected.paragraphs)) {
          ++mismatches[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_THAT(mismatches, ElementsAre(0, 0, 0, 0));
}

// The segmenter's ASCII fast paths (IsSpace, IsUpper, IsLower) answer
// without ICU below U+0080; they must be ICU's answers there.
TEST(SentenceSegmenterTest, AsciiFastPathsAreIcusProperties) {
  for (UChar32 c = 0; c < 0x80; ++c) {
    EXPECT_EQ(static_cast<bool>(u_isUWhiteSpace(c)), c == ' ' || (c >= 0x09 && c <= 0x0D)) << c;
    EXPECT_EQ(u_isupper(c) || u_istitle(c), c >= 'A' && c <= 'Z') << c;
    EXPECT_EQ(static_cast<bool>(u_islower(c)), c >= 'a' && c <= 'z') << c;
  }
}

}  // namespace
}  // namespace precis
