#include "boilerplate_detector.h"

#include "gtest/gtest.h"

namespace precis {
namespace {

TEST(BoilerplateDetectorTest, HeadlinePatternsLabelsAndFooters) {
  auto d = BoilerplateDetector::Create({"^\\W*\\d+[ -]min(ute)? read$", "^our goal is to create a safe"})
               .value();
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      "Talks set for January\n"               // 0 headline
      "·2-min read\n"                         // 1 pattern
      "Officials met on Monday. They agreed.\n"  // 2, 3 body
      "Related coverage\n"                    // 4 short label
      "Our goal is to create a safe place. We suspended comments.");  // 5, 6 footer
  Segmentation seg;
  auto add = [&](const char* s, int paragraph) {
    int32_t at = text.indexOf(icu::UnicodeString::fromUTF8(s));
    ASSERT_GE(at, 0) << s;
    seg.sentences.push_back(
        {{at, at + icu::UnicodeString::fromUTF8(s).length()}, paragraph});
  };
  add("Talks set for January", 0);
  add("·2-min read", 1);
  add("Officials met on Monday.", 2);
  add("They agreed.", 2);
  add("Related coverage", 3);
  add("Our goal is to create a safe place.", 4);
  add("We suspended comments.", 4);
  seg.paragraphs.resize(5);
  std::vector<int32_t> words = {4, 3, 4, 2, 2, 8, 3};
  auto kinds = d->Classify(text, seg, words);
  EXPECT_EQ(kinds[0], SentenceKind::kHeadline);
  EXPECT_EQ(kinds[1], SentenceKind::kBoilerplate);
  EXPECT_EQ(kinds[2], SentenceKind::kBody);
  EXPECT_EQ(kinds[3], SentenceKind::kBody);
  EXPECT_EQ(kinds[4], SentenceKind::kBoilerplate);
  EXPECT_EQ(kinds[5], SentenceKind::kBoilerplate);
  EXPECT_EQ(kinds[6], SentenceKind::kBoilerplate) << "whole footer paragraph";
}

TEST(BoilerplateDetectorTest, TerminalPunctuation) {
  icu::UnicodeString t = icu::UnicodeString::fromUTF8("He said “yes.” Done 完了。 No");
  EXPECT_TRUE(BoilerplateDetector::EndsWithTerminal(t, {0, 14}));
  EXPECT_TRUE(BoilerplateDetector::EndsWithTerminal(t, {15, 23}));
  EXPECT_FALSE(BoilerplateDetector::EndsWithTerminal(t, {24, 26}));
}

TEST(BoilerplateDetectorTest, BadPatternIsReported) {
  auto d = BoilerplateDetector::Create({"(unclosed"});
  ASSERT_FALSE(d.ok());
  EXPECT_NE(std::string(d.status().message()).find("(unclosed"), std::string::npos);
}

}  // namespace
}  // namespace precis
