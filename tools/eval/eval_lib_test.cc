// Tests of the evaluation pieces other than ROUGE: paired bootstrap, OTS
// grading, the greedy oracle, the JSONL reader and the budget rules.
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "engine.h"
#include "language_data_loader.h"
#include "evaluator.h"
#include "extractive_oracle.h"
#include "gtest/gtest.h"
#include "ots_ranker.h"
#include "paired_bootstrap.h"
#include "rouge_scorer.h"
#include "summarization_dataset.h"

namespace precis::eval {
namespace {

TEST(PairedBootstrapTest, CountsAndIntervalAroundTheMean) {
  const std::vector<double> a = {1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<double> b = {0, 2, 1, 5, 4, 6, 5, 9};
  const PairedComparison c = ComparePaired(a, b);
  EXPECT_EQ(c.wins, 4);  // Articles 0, 2, 4, 6.
  EXPECT_EQ(c.ties, 2);
  EXPECT_EQ(c.losses, 2);
  EXPECT_DOUBLE_EQ(c.mean_difference, (1 + 0 + 2 - 1 + 1 + 0 + 2 - 1) / 8.0);
  EXPECT_LE(c.ci_low, c.mean_difference);
  EXPECT_GE(c.ci_high, c.mean_difference);
  EXPECT_LT(c.ci_low, c.ci_high);
  // Bounded by the smallest and largest single difference.
  EXPECT_GE(c.ci_low, -1.0);
  EXPECT_LE(c.ci_high, 2.0);
  // Same seed, same interval.
  const PairedComparison again = ComparePaired(a, b);
  EXPECT_EQ(again.ci_low, c.ci_low);
  EXPECT_EQ(again.ci_high, c.ci_high);
}

TEST(PairedBootstrapTest, IdenticalSystemsHaveAZeroWidthInterval) {
  const std::vector<double> a = {0.3, 0.5, 0.9};
  const PairedComparison c = ComparePaired(a, a);
  EXPECT_EQ(c.ties, 3);
  EXPECT_DOUBLE_EQ(c.ci_low, 0);
  EXPECT_DOUBLE_EQ(c.ci_high, 0);
}

TEST(OtsRankerTest, GradesSentencesAboutTheArticlesTopicHigher) {
  const std::vector<std::string> text = {
      "The weather was mild.",
      "Volcano experts said the volcano eruption forced volcano evacuations.",
      "Officials met on Tuesday.",
      "The volcano had been quiet before the eruption.",
  };
  std::vector<OtsInputSentence> input;
  for (const std::string& s : text) input.push_back({s, 0});
  auto scores = OtsSentenceScores(input, "en");
  if (scores.status().code() == absl::StatusCode::kUnimplemented) {
    GTEST_SKIP() << scores.status();
  }
  ASSERT_TRUE(scores.ok()) << scores.status();
  ASSERT_EQ(scores->size(), text.size());
  EXPECT_GT((*scores)[1], (*scores)[2]);
  EXPECT_GT((*scores)[3], (*scores)[2]);
  EXPECT_EQ(TopKInDocumentOrder(*scores, 2), (std::vector<int>{1, 3}));
  EXPECT_EQ(OtsSentenceScores(input, "zh").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(OtsRankerTest, TopKKeepsDocumentOrderAndBreaksTiesEarlier) {
  EXPECT_EQ(TopKInDocumentOrder({1, 5, 5, 0, 7}, 3),
            (std::vector<int>{1, 2, 4}));
  EXPECT_EQ(TopKInDocumentOrder({2, 2, 2}, 1), (std::vector<int>{0}));
  EXPECT_EQ(TopKInDocumentOrder({1, 2}, 5), (std::vector<int>{0, 1}));
}

TEST(ExtractiveOracleTest, PicksTheSentencesThatMatchTheReference) {
  RougeOptions options;
  options.stem = true;
  auto scorer = RougeScorer::Create(options);
  ASSERT_TRUE(scorer.ok());
  const std::vector<std::string> sentences = {
      "Markets opened flat on Monday.",
      "The central bank raised interest rates by half a point.",
      "Analysts had expected a smaller rise.",
      "Later, bank shares climbed.",
  };
  const std::vector<std::string> reference = {
      "Central bank raises interest rates by half a point.",
      "Bank shares climbed."};
  EXPECT_EQ(GreedyOracle(**scorer, sentences, reference, 2),
            (std::vector<int>{1, 3}));
  // Stops early when no sentence adds overlap.
  EXPECT_EQ(GreedyOracle(**scorer, sentences, {"zzz qqq"}, 3),
            (std::vector<int>{}));
}

TEST(SummarizationDatasetTest, ReadsListAndStringSummaries) {
  const std::string path =
      ::testing::TempDir() + "/eval_lib_test_dataset.jsonl";
  {
    std::ofstream out(path);
    out << R"({"id":"a","lang":"en","text":"One. Two.","summary":["One."]})"
        << "\n\n"
        << R"({"id":"b","lang":"fr","text":"Un.","summary":"Un. Deux."})"
        << "\n";
  }
  auto articles = ReadSummarizationJsonl(path);
  ASSERT_TRUE(articles.ok()) << articles.status();
  ASSERT_EQ(articles->size(), 2u);
  EXPECT_EQ((*articles)[0].language, "en");
  EXPECT_FALSE((*articles)[0].references[0].unsplit);
  EXPECT_EQ((*articles)[0].references[0].sentences,
            (std::vector<std::string>{"One."}));
  EXPECT_TRUE((*articles)[1].references[0].unsplit);
  EXPECT_EQ(ReadSummarizationJsonl(path, 1)->size(), 1u);

  {
    std::ofstream out(path);
    out << R"({"id":"c","lang":"en","summary":["x"]})" << "\n";
  }
  const auto bad = ReadSummarizationJsonl(path);
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(":1:"), std::string::npos);
  std::remove(path.c_str());
}

TEST(EvaluatorTest, DefaultBudgets) {
  EXPECT_EQ(DefaultBudgetFor("en_cnndm_test_first100_raw.jsonl").sentences, 3);
  EXPECT_EQ(DefaultBudgetFor("en_bbc_news_summary.jsonl").kind,
            SentenceBudget::Kind::kReference);
  EXPECT_EQ(DefaultBudgetFor("en_xsum_pyrxsum100.jsonl").sentences, 1);
  EXPECT_EQ(DefaultBudgetFor("ja_xlsum_hfdummy15.jsonl").sentences, 1);
  EXPECT_EQ(DefaultBudgetFor("fr_orangesum_abstract300.jsonl").sentences, 1);
  EXPECT_EQ(DefaultBudgetFor("other.jsonl").sentences, 3);
}

// The engine with the default configuration and the bundled language data.
absl::StatusOr<std::unique_ptr<Engine>> DefaultEngine() {
  auto resources = LoadLanguageResources();
  if (!resources.ok()) return resources.status();
  return Engine::Create(EngineConfig{}, *std::move(resources));
}

TEST(EvaluatorTest, DumpsOneLinePerArticleWithWhatEachSystemTook) {
  const std::string path =
      ::testing::TempDir() + "/eval_lib_test_dump.jsonl";
  {
    std::ofstream out(path);
    out << R"({"id":"a","lang":"en","text":"The council approved the new bridge on Monday. )"
           R"(The bridge will cost 40 million euros. Work starts in May.",)"
           R"("summary":["The council approved a new bridge."]})"
        << "\n"
        << R"({"id":"b","lang":"en","text":"Rain fell all day. Rivers rose.",)"
           R"("summary":["Rivers rose after rain."]})"
        << "\n";
  }
  auto engine = DefaultEngine();
  ASSERT_TRUE(engine.ok()) << engine.status();
  std::ostringstream dump;
  EvalOptions options;
  options.ots = false;
  options.budget = SentenceBudget{SentenceBudget::Kind::kFixed, 1};
  options.dump = &dump;
  auto report = Evaluator(**engine, options).EvaluateFile(path);
  std::remove(path.c_str());
  ASSERT_TRUE(report.ok()) << report.status();

  std::istringstream lines(dump.str());
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_NE(rows[0].find(R"("id":"a")"), std::string::npos);
  EXPECT_NE(rows[1].find(R"("id":"b")"), std::string::npos);
  // Lead-1 took the first sentence (id 0); the scores shown are the ones
  // the report averaged.
  EXPECT_NE(rows[0].find(R"("lead":[0])"), std::string::npos);
  const double lead_r1 = report->systems[1].f1[kR1][0];
  char expected[64];
  std::snprintf(expected, sizeof(expected), R"("lead_rouge":[%.2f,)", lead_r1);
  EXPECT_NE(rows[0].find(expected), std::string::npos) << rows[0];
  // Every candidate sentence is listed with its text.
  EXPECT_NE(rows[0].find("Work starts in May."), std::string::npos);
  EXPECT_NE(rows[1].find(R"("text":"Rivers rose.")"), std::string::npos);
}

TEST(EvaluatorTest, ComparesPrecisWithOtsWhenOtsGradedEveryArticle) {
  const std::string path = ::testing::TempDir() + "/eval_lib_test_ots.jsonl";
  {
    std::ofstream out(path);
    out << R"({"id":"a","lang":"en","text":"The council approved the new bridge on Monday. )"
           R"(The bridge will cost 40 million euros. Work on the bridge starts in May.",)"
           R"("summary":["The council approved a new bridge."]})"
        << "\n"
        << R"({"id":"b","lang":"en","text":"Rain fell all day in the valley. Rivers rose fast. )"
           R"(The rain is expected to stop on Friday.",)"
           R"("summary":["Rivers rose after rain."]})"
        << "\n";
  }
  auto engine = DefaultEngine();
  ASSERT_TRUE(engine.ok()) << engine.status();
  EvalOptions options;
  options.budget = SentenceBudget{SentenceBudget::Kind::kFixed, 1};
  auto report = Evaluator(**engine, options).EvaluateFile(path);
  ASSERT_TRUE(report.ok()) << report.status();
  options.ots = false;
  auto without_ots = Evaluator(**engine, options).EvaluateFile(path);
  std::remove(path.c_str());
  ASSERT_TRUE(without_ots.ok()) << without_ots.status();
  if (!report->systems[2].available) GTEST_SKIP() << "no OTS: " << report->systems[2].note;

  // The comparison is over the report's own per-article scores.
  ASSERT_TRUE(report->precis_vs_ots.has_value());
  for (Metric m : {kR1, kR2, kRL}) {
    const std::vector<double>& p = report->systems[0].f1[m];
    const std::vector<double>& o = report->systems[2].f1[m];
    ASSERT_EQ(p.size(), 2u);
    ASSERT_EQ(o.size(), 2u);
    const PairedComparison& c = (*report->precis_vs_ots)[m];
    EXPECT_NEAR(c.mean_difference, (p[0] - o[0] + p[1] - o[1]) / 2, 1e-9);
    EXPECT_EQ(c.wins + c.ties + c.losses, 2);
  }
  const std::string text = FormatFileReport(*report);
  EXPECT_NE(text.find("Précis - Lead-1 (95% CI):"), std::string::npos) << text;
  EXPECT_NE(text.find("Précis - OTS (95% CI):"), std::string::npos) << text;

  // --no-ots: no OTS scores, so no comparison and no line for it.
  EXPECT_FALSE(without_ots->precis_vs_ots.has_value());
  EXPECT_EQ(FormatFileReport(*without_ots).find("Précis - OTS"), std::string::npos);
}

}  // namespace
}  // namespace precis::eval
