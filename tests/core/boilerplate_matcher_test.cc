#include "boilerplate_matcher.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "language_data_loader.h"
#include "re2/re2.h"
#include "re2/set.h"

namespace precis {
namespace {

bool Matches(const BoilerplateMatcher& m, const std::string& line) { return m.Matches(line); }

// The reference: one RE2::Set of all patterns, searched unanchored, with
// each line-start pattern written as "^(?:p)" (what the detector used before
// BoilerplateMatcher).
class Reference {
 public:
  Reference(const std::vector<std::string>& patterns,
            const std::vector<std::string>& line_start_patterns) {
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    options.set_max_mem(64 << 20);
    set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (const std::string& p : patterns) EXPECT_GE(set_->Add(p, nullptr), 0) << p;
    for (const std::string& p : line_start_patterns) {
      EXPECT_GE(set_->Add("^(?:" + p + ")", nullptr), 0) << p;
    }
    EXPECT_TRUE(set_->Compile());
  }
  bool Matches(const std::string& line) const { return set_->Match(line, nullptr); }

 private:
  std::unique_ptr<RE2::Set> set_;
};

TEST(BoilerplateMatcherTest, AnywhereAndLineStartPatterns) {
  const std::vector<std::string> patterns = {
      "^\\s*read more\\s*:.*$", "^\\s*©.{0,20}$", "^[^\"]*\\bcontributed\\.$", "unanchored"};
  const std::vector<std::string> line_start = {
      ".{0,20}(?:all rights reserved|tous droits réservés)\\.?$",
      "[^\"]{0,40}\\bmay not be redistributed\\b.*$"};
  auto m = BoilerplateMatcher::Create(patterns, line_start).value();
  EXPECT_TRUE(Matches(*m, "READ MORE: Talks resume"));
  EXPECT_FALSE(Matches(*m, "We read more: books"));
  EXPECT_TRUE(Matches(*m, "© 2022 AP"));
  EXPECT_TRUE(Matches(*m, "AP. ALL RIGHTS RESERVED."));
  EXPECT_TRUE(Matches(*m, "Le Monde. TOUS DROITS RÉSERVÉS"));
  // Line-start patterns are anchored: the count runs from the first byte,
  // not from anywhere in the line.
  EXPECT_FALSE(Matches(*m, "A much longer prefix than twenty. All rights reserved."));
  EXPECT_TRUE(Matches(*m, "This material MAY NOT BE REDISTRIBUTED."));
  EXPECT_FALSE(Matches(*m, "He said \"it may not be redistributed\""));
  EXPECT_TRUE(Matches(*m, "Jane Doe contributed."));
  EXPECT_TRUE(Matches(*m, "an UNANCHORED word"));
  EXPECT_FALSE(Matches(*m, "Nothing to see here."));

  // Either list may be empty.
  auto only_start = BoilerplateMatcher::Create({}, line_start).value();
  EXPECT_TRUE(Matches(*only_start, "AP. All rights reserved."));
  EXPECT_FALSE(Matches(*only_start, "an unanchored word"));
  auto only_anywhere = BoilerplateMatcher::Create(patterns).value();
  EXPECT_FALSE(Matches(*only_anywhere, "AP. All rights reserved."));
  EXPECT_TRUE(Matches(*only_anywhere, "an unanchored word"));
}

TEST(BoilerplateMatcherTest, SingleAnchoredPattern) {
  auto m = BoilerplateMatcher::Create({"^\\s*advertisement\\s*$"}).value();
  EXPECT_TRUE(Matches(*m, "ADVERTISEMENT"));
  EXPECT_FALSE(Matches(*m, "Advertisement revenue fell."));
}

TEST(BoilerplateMatcherTest, BadPatternIsReported) {
  auto m = BoilerplateMatcher::Create({"^ok$", "^(unclosed|x$"});
  ASSERT_FALSE(m.ok());
  EXPECT_NE(std::string(m.status().message()).find("(unclosed"), std::string::npos);
  auto start = BoilerplateMatcher::Create({"^ok$"}, {"x{2,1}"});
  ASSERT_FALSE(start.ok());
  EXPECT_NE(std::string(start.status().message()).find("x{2,1}"), std::string::npos);
}

// The shipped patterns answer exactly as one RE2::Set of them, on furniture
// in several languages and case variants, near misses and article text.
TEST(BoilerplateMatcherTest, SameAnswersAsOneSetOnShippedPatterns) {
  auto resources = LoadLanguageResources();
  ASSERT_TRUE(resources.ok()) << resources.status();
  const std::vector<std::string>& patterns = resources->boilerplate_patterns;
  const std::vector<std::string>& line_start = resources->boilerplate_line_start_patterns;
  ASSERT_FALSE(patterns.empty());
  ASSERT_FALSE(line_start.empty());
  auto m = BoilerplateMatcher::Create(patterns, line_start).value();
  Reference reference(patterns, line_start);

  std::vector<std::string> lines = {
      "·2-min read", "5 minute read", "Reading time: 4 minutes", "Время чтения: 3 мин.",
      "By Jane Smith", "By Monday, the talks had failed.", "Von Anna Müller",
      "Jane Smith, CNN", "Reporting by Jane Doe; Editing by John Roe",
      "CNN's Dave Alsup contributed to this report.",
      "CNN'S DAVE ALSUP CONTRIBUTED TO THIS REPORT.",
      "Dozens of scientists contributed to this report.",
      "\"We did it,\" Jane Doe contributed to this report.",
      "Published 10:32 GMT, 3 January 2022", "Обновлено 3 января 2022, 10:32",
      "Share this article", "Share prices fell", "Subscribe to CNN's newsletter",
      "Follow us on Twitter", "Like us, they did well", "Click here to read more",
      "READ MORE: Japan unveils its plan", "Read more about Anne Frank's cousin.",
      "Advertisement", "Photo: Getty Images", "(Foto: dpa)", "Photo by Jane Doe on Unsplash",
      "AFP via Getty Images", "Image caption The former PM spoke",
      "Our goal is to create a safe and engaging place for users to connect over interests "
      "and passions.",
      "We are temporarily suspending article commenting.", "Comments are closed",
      "Read our community guidelines", "12 comments", "We use cookies to improve your experience",
      "Accept all cookies", "Copyright 2022 The Associated Press. All rights reserved.",
      "© 2022 Reuters", "Alle Rechte vorbehalten.", "TOUS DROITS RÉSERVÉS",
      "Все права защищены", "ВСЕ ПРАВА ЗАЩИЩЕНЫ.",
      "This material may not be published, broadcast, rewritten or redistributed.",
      "THIS MATERIAL MAY NOT BE PUBLISHED, BROADCAST, REWRITTEN OR REDISTRIBUTED.",
      "This article is more than 2 years old", "Your browser does not support the video tag",
      "Loading...", "Topics: Ukraine, Russia", "WASHINGTON (Reuters) -", "Marseille, France (CNN)",
      "Ordinary sentences (like this one) are body text, all rights reserved or not.",
      "The company said all rights reserved by the contract were waived on Monday."};
  std::ifstream in(std::string(PRECIS_TESTDATA_DIR) + "/articles/us-russia-ukraine-talks.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(line);
  }
  int matched = 0;
  for (const std::string& l : lines) {
    EXPECT_EQ(Matches(*m, l), reference.Matches(l)) << l;
    matched += reference.Matches(l);
  }
  EXPECT_GT(matched, 30) << "the lines must exercise the patterns";
}

// A cross-link marker that scraping ran into the linked headline(s) and the
// next sentence is furniture whatever follows it; prose that merely starts
// with the same words is not.
TEST(BoilerplateMatcherTest, CrossLinkMarkerRunIntoTheTextIsFurniture) {
  auto resources = LoadLanguageResources();
  ASSERT_TRUE(resources.ok()) << resources.status();
  auto m = BoilerplateMatcher::Create(resources->boilerplate_patterns,
                                      resources->boilerplate_line_start_patterns)
               .value();
  for (const char* furniture : {
           "Article réservé à nos abonnés Lire aussi Ligue des Champions : à Liverpool, le "
           "football en héritage Qu’importe l’ennui, la revanche est belle pour Salah, héros "
           "malheureux de la finale perdue l’année précédente, qui a ouvert le score.",
           "Article réservé à nos abonnés Lire aussi « Les définitions de l’antisionisme sont "
           "plurielles » Plusieurs de ces manifestants arboraient une kippa.",
           "LIRE AUSSI Faire carrière au Sénégal Sénégal : des prisonniers boulangers Un "
           "photomontage de Macky Sall crée la polémique",
           "A lire aussi : Mohamed Salah : ballon d'or africain 2017 A lire aussi : Ballon d'Or : 2 "
           "Africains parmi les nominés",
           "Lea también: El drama silencioso de las muertes de niños por armas Un año de Sandy "
           "Hook Este tiroteo se produjo dos días antes del primer aniversario de la matanza.",
           "Read moreIn a statement, New Zealand police said: \"It appears that the man was "
           "locked out of his 14th floor apartment.",
           "Lesen Sie auch Wie die Regierung den Haushalt retten will und warum die Opposition "
           "dagegen klagt, obwohl sie selbst einst ähnliche Pläne vorgelegt hatte.",
           "Читайте также: «Новый год в «Лефортово»: полковник-миллиардер Захарченко позавидовал "
           "украинским морякам»"}) {
    EXPECT_TRUE(m->Matches(furniture)) << furniture;
  }
  for (const char* prose : {
           "Read more carefully, and the contract says something else entirely.",
           "Lire aussi les mémoires du général permet de comprendre sa décision.",
           "See also how the markets reacted on Monday.",
           "Readers who want more Details can write to the ministry."}) {
    EXPECT_FALSE(m->Matches(prose)) << prose;
  }
}

}  // namespace
}  // namespace precis
