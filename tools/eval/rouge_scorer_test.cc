// Reproduces every ROUGE-1.5.5 value of ../shared/data/rouge-testvectors
// (Google rouge_score's test inputs) and checks tokenizer and multi-reference
// behaviour on small hand-computed cases.
#include "rouge_scorer.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace precis::eval {
namespace {

const std::string kVectorDir =
    std::string(PRECIS_SHARED_DIR) + "/data/rouge-testvectors";

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

std::vector<std::string> FileLines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::unique_ptr<RougeScorer> MakeScorer(bool stem) {
  RougeOptions options;
  options.stem = stem;
  auto scorer = RougeScorer::Create(options);
  EXPECT_TRUE(scorer.ok()) << scorer.status();
  return *std::move(scorer);
}

RougeScore Pick(const RougeScores& s, const std::string& metric) {
  if (metric == "rouge1") return s.rouge1;
  if (metric == "rouge2") return s.rouge2;
  if (metric == "rougeL") return s.rouge_l;
  if (metric.rfind("rougeLsum", 0) == 0) return s.rouge_lsum;
  ADD_FAILURE() << "unknown metric " << metric;
  return {};
}

// Published values have 4-7 decimals; agreement to the 4th decimal.
constexpr double kTolerance = 5e-5;

TEST(RougeScorerTest, ReproducesRouge155TestVectors) {
  std::string json, prediction, target, prediction_multi, target_multi;
  if (!ReadFile(kVectorDir + "/expected.json", json)) {
    GTEST_SKIP() << "no ROUGE test vectors at " << kVectorDir
                 << " (../shared is not present)";
  }
  ASSERT_TRUE(ReadFile(kVectorDir + "/prediction.txt", prediction));
  ASSERT_TRUE(ReadFile(kVectorDir + "/target.txt", target));
  ASSERT_TRUE(ReadFile(kVectorDir + "/prediction_multi.0.txt", prediction_multi));
  ASSERT_TRUE(ReadFile(kVectorDir + "/target_multi.0.txt", target_multi));
  const std::vector<std::string> predictions = FileLines(prediction);
  const std::vector<std::string> targets = FileLines(target);
  ASSERT_EQ(predictions.size(), targets.size());

  google::protobuf::Struct root;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &root).ok());
  const auto& cases = root.fields().at("cases").list_value().values();
  ASSERT_GT(cases.size(), 0);

  const auto plain = MakeScorer(false);
  const auto stemmed = MakeScorer(true);
  int checked = 0;
  for (int i = 0; i < cases.size(); ++i) {
    const auto& fields = cases[i].struct_value().fields();
    const std::string metric = fields.at("metric").string_value();
    const bool stem = fields.contains("stem") && fields.at("stem").bool_value();
    const RougeScorer& scorer = stem ? *stemmed : *plain;
    SCOPED_TRACE(::testing::Message() << "case " << i << " " << metric
                                      << (stem ? " stemmed" : ""));
    RougeScores scores;
    if (fields.contains("pair")) {
      const int pair = static_cast<int>(fields.at("pair").number_value());
      ASSERT_LT(pair, static_cast<int>(targets.size()));
      scores = scorer.Score(targets[pair], predictions[pair]);
    } else if (fields.contains("file_pair")) {
      const auto& names = fields.at("file_pair").list_value().values();
      ASSERT_EQ(names[0].string_value(), "target_multi.0.txt");
      ASSERT_EQ(names[1].string_value(), "prediction_multi.0.txt");
      scores = scorer.Score(target_multi, prediction_multi);
    } else {
      ASSERT_TRUE(fields.contains("inline"));
      const auto& io = fields.at("inline").struct_value().fields();
      scores = scorer.Score(io.at("target").string_value(),
                            io.at("prediction").string_value());
    }
    const RougeScore got = Pick(scores, metric);
    EXPECT_NEAR(got.recall, fields.at("R").number_value(), kTolerance);
    EXPECT_NEAR(got.precision, fields.at("P").number_value(), kTolerance);
    EXPECT_NEAR(got.f1, fields.at("F").number_value(), kTolerance);
    ++checked;
  }
  EXPECT_EQ(checked, cases.size());
}

TEST(RougeScorerTest, AsciiTokenizerFollowsRougeScore) {
  const auto plain = MakeScorer(false);
  EXPECT_EQ(plain->Tokenize("Hello, World! It's 2-for-1 at Café"),
            (std::vector<std::string>{"hello", "world", "it", "s", "2", "for",
                                      "1", "at", "caf"}));
  const auto stemmed = MakeScorer(true);
  // Only tokens longer than 3 characters are stemmed.
  EXPECT_EQ(stemmed->Tokenize("running cats ran"),
            (std::vector<std::string>{"run", "cat", "ran"}));
  EXPECT_EQ(stemmed->Tokenize("was has"),
            (std::vector<std::string>{"was", "has"}));
  // The original Porter algorithm (ROUGE-1.5.5's), not Porter2, which keeps
  // "generous" (the test vectors do not tell the two apart).
  EXPECT_EQ(stemmed->Tokenize("generously"),
            (std::vector<std::string>{"gener"}));
}

TEST(RougeScorerTest, IcuTokenizerKeepsNonLatinWords) {
  RougeOptions options;
  options.tokenizer = RougeTokenizer::kIcu;
  options.language = "ru";
  auto russian = RougeScorer::Create(options);
  ASSERT_TRUE(russian.ok()) << russian.status();
  EXPECT_EQ((*russian)->Tokenize("Привет, Мир! 42."),
            (std::vector<std::string>{"привет", "мир", "42"}));

  options.language = "zh";
  auto chinese = RougeScorer::Create(options);
  ASSERT_TRUE(chinese.ok()) << chinese.status();
  const std::vector<std::string> tokens = (*chinese)->Tokenize("我们在北京。");
  ASSERT_GE(tokens.size(), 2u);  // Dictionary-based words, no punctuation.
  std::string joined;
  for (const std::string& t : tokens) joined += t;
  EXPECT_EQ(joined, "我们在北京");
  // The ASCII tokenizer would have nothing to compare.
  EXPECT_TRUE(MakeScorer(false)->Tokenize("我们在北京。").empty());
}

TEST(RougeScorerTest, IcuStemsWithTheLanguagesSnowballStemmer) {
  RougeOptions options;
  options.tokenizer = RougeTokenizer::kIcu;
  options.language = "fr";
  options.stem = true;
  auto french = RougeScorer::Create(options);
  ASSERT_TRUE(french.ok()) << french.status();
  const auto a = (*french)->Tokenize("Les élections présidentielles");
  const auto b = (*french)->Tokenize("les élection présidentielle");
  EXPECT_EQ(a, b);
  EXPECT_NE((*french)->Describe().find("snowball"), std::string::npos);
}

TEST(RougeScorerTest, MultiReferenceBestAndPooled) {
  RougeOptions options;
  auto best = RougeScorer::Create(options);
  options.multi_reference = MultiReferenceMode::kPooled;
  auto pooled = RougeScorer::Create(options);
  ASSERT_TRUE(best.ok() && pooled.ok());
  const std::vector<std::vector<std::string>> references = {{"a b"},
                                                            {"c d"}};
  const std::vector<std::string> candidate = {"a b"};
  // The first reference matches exactly.
  EXPECT_DOUBLE_EQ((*best)->ScoreMulti(references, candidate).rouge1.f1, 1.0);
  // Pooled: 2 hits over 4 reference and 4 candidate unigrams.
  const RougeScore p = (*pooled)->ScoreMulti(references, candidate).rouge1;
  EXPECT_DOUBLE_EQ(p.recall, 0.5);
  EXPECT_DOUBLE_EQ(p.precision, 0.5);
  EXPECT_DOUBLE_EQ((*best)->ScoreMulti({}, candidate).rouge1.f1, 0.0);
}

TEST(RougeScorerTest, SummaryLevelLcsNeverCreditsATokenTwice) {
  const auto plain = MakeScorer(false);
  // Both candidate sentences contain "a b"; the reference only once.
  const RougeScores s = plain->Score("a b", "a b\na b");
  EXPECT_DOUBLE_EQ(s.rouge_lsum.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.rouge_lsum.precision, 0.5);
  EXPECT_DOUBLE_EQ(plain->Score("", "a").rouge_lsum.f1, 0.0);
}

TEST(RougeScorerTest, LcsAndNGramPrimitives) {
  const std::vector<int32_t> a = {1, 2, 3, 4, 5}, b = {1, 3, 5, 2};
  EXPECT_EQ(LcsLength(a, b), 3);
  const RougeCounts bigrams = NGramOverlap(a, b, 2);
  EXPECT_EQ(bigrams.hits, 0);
  EXPECT_EQ(bigrams.reference_total, 4);
  EXPECT_EQ(bigrams.candidate_total, 3);
  const std::vector<int32_t> repeated = {7, 7, 7};
  EXPECT_EQ(NGramOverlap(repeated, std::vector<int32_t>{7}, 1).hits, 1);
}

}  // namespace
}  // namespace precis::eval
