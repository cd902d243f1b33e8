#include "evaluator.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "extractive_oracle.h"
#include "ots_ranker.h"
#include "rouge_scorer.h"
#include "summarization_dataset.h"
#include "unicode/uscript.h"

namespace precis::eval {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// The engine accepts at most this many sentences per summary.
constexpr int kMaxBudget = 1000;

bool IsLatinScript(const std::string& language) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode codes[8];
  const int n = uscript_getCode(language.c_str(), codes, 8, &status);
  return U_SUCCESS(status) && n >= 1 && codes[0] == USCRIPT_LATIN;
}

// The sentences of a reference, split by the engine when it is one string
// (so references and systems share a splitter).
std::vector<std::string> ReferenceSentences(const Engine& engine,
                                            const Reference& reference,
                                            const std::string& language) {
  if (!reference.unsplit) return reference.sentences;
  auto seg = engine.Segment(reference.sentences[0], language);
  if (!seg.ok() || seg->sentences.empty()) return reference.sentences;
  std::vector<std::string> out;
  for (const SentenceResult& s : seg->sentences) out.push_back(s.text);
  return out;
}

// `s` as a JSON string literal.
std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += absl::StrFormat("\\u%04x", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string JsonIds(const std::vector<int>& ids) {
  return absl::StrCat("[", absl::StrJoin(ids, ","), "]");
}

// `name` left-aligned in `width` columns (counting code points, not bytes).
std::string PadName(const std::string& name, int width) {
  int columns = 0;
  for (unsigned char c : name) columns += (c & 0xC0) != 0x80;
  return name + std::string(std::max(0, width - columns), ' ');
}

}  // namespace

std::string SentenceBudget::Describe() const {
  if (kind == Kind::kReference) return "reference sentence count";
  return absl::StrCat(sentences, sentences == 1 ? " sentence" : " sentences");
}

SentenceBudget DefaultBudgetFor(std::string_view file_name) {
  SentenceBudget b;
  if (StartsWith(file_name, "en_cnndm_")) {
    b.sentences = 3;
  } else if (StartsWith(file_name, "zh_clts")) {
    b.sentences = 2;  // CLTS references average 2.1 sentences.
  } else if (StartsWith(file_name, "en_bbc_news_summary")) {
    b.kind = SentenceBudget::Kind::kReference;
  } else if (Contains(file_name, "xsum") || Contains(file_name, "xlsum") ||
             Contains(file_name, "orangesum") ||
             Contains(file_name, "mlsum")) {
    // MLSUM references are 14-28 words (1-2 sentences) in these samples:
    // one article sentence is the comparable length.
    b.sentences = 1;
  } else {
    b.sentences = 3;
  }
  return b;
}

double SystemResult::Mean(Metric m) const {
  const auto& v = f1[m];
  if (v.empty()) return 0;
  double s = 0;
  for (double x : v) s += x;
  return s / v.size();
}

double SystemResult::MeanWords() const {
  return f1[kR1].empty() ? 0 : words / f1[kR1].size();
}

double SystemResult::ArticlesPerSecond() const {
  return seconds > 0 ? f1[kR1].size() / seconds : 0;
}

Evaluator::Evaluator(const Engine& engine, EvalOptions options)
    : engine_(engine), options_(std::move(options)) {}

absl::StatusOr<FileReport> Evaluator::EvaluateFile(
    const std::string& path) const {
  auto articles = ReadSummarizationJsonl(path, options_.max_articles);
  if (!articles.ok()) return articles.status();
  if (options_.split != ArticleSplit::kAll) {
    const size_t parity = options_.split == ArticleSplit::kEven ? 0 : 1;
    std::vector<Article> half;
    for (size_t i = parity; i < articles->size(); i += 2) {
      half.push_back(std::move((*articles)[i]));
    }
    *articles = std::move(half);
  }

  FileReport report;
  report.file = std::filesystem::path(path).filename().string();
  report.articles = static_cast<int>(articles->size());
  report.split = options_.split == ArticleSplit::kEven  ? "even half"
                 : options_.split == ArticleSplit::kOdd ? "odd half"
                                                        : "";
  const SentenceBudget budget =
      options_.budget.value_or(DefaultBudgetFor(report.file));
  report.budget = budget.Describe();

  const bool ref_budget = budget.kind == SentenceBudget::Kind::kReference;
  SystemResult precis, lead, ots, oracle;
  precis.name = "Précis";
  lead.name =
      ref_budget ? "Lead-n" : absl::StrCat("Lead-", budget.sentences);
  ots.name = "OTS";
  oracle.name = "Oracle";
  if (!options_.ots) {
    ots.available = false;
    ots.note = "disabled (--no-ots)";
  }

  // One scorer per language (tokenizer and stemmer depend on it).
  std::map<std::string, std::unique_ptr<RougeScorer>> scorers;
  auto scorer_for =
      [&](const std::string& language) -> absl::StatusOr<const RougeScorer*> {
    auto it = scorers.find(language);
    if (it != scorers.end()) return it->second.get();
    RougeOptions ro;
    ro.stem = options_.stem;
    ro.language = language.empty() ? "en" : language;
    switch (options_.tokenizer) {
      case TokenizerChoice::kAscii:
        ro.tokenizer = RougeTokenizer::kAscii;
        break;
      case TokenizerChoice::kIcu:
        ro.tokenizer = RougeTokenizer::kIcu;
        break;
      case TokenizerChoice::kAuto:
        ro.tokenizer = IsLatinScript(ro.language) ? RougeTokenizer::kAscii
                                                  : RougeTokenizer::kIcu;
        break;
    }
    auto scorer = RougeScorer::Create(ro);
    if (!scorer.ok()) return scorer.status();
    return scorers.emplace(language, *std::move(scorer))
        .first->second.get();
  };

  std::set<std::string> languages;
  std::set<std::string> ots_missing;
  double reference_sentences = 0;
  int row = -1;
  for (Article& article : *articles) {
    ++row;
    std::vector<int> precis_ids, lead_ids, ots_ids;
    std::vector<double> ots_grades;
    if (options_.with_title && !article.title.empty()) {
      article.text = absl::StrCat(article.title, "\n\n", article.text);
    }
    languages.insert(article.language);
    auto scorer_or = scorer_for(article.language);
    if (!scorer_or.ok()) return scorer_or.status();
    const RougeScorer& scorer = **scorer_or;
    if (report.tokenizer.empty()) report.tokenizer = scorer.Describe();

    std::vector<std::vector<std::string>> references;
    for (const Reference& r : article.references) {
      references.push_back(ReferenceSentences(engine_, r, article.language));
    }
    reference_sentences += references[0].size();
    const int k = std::clamp(
        ref_budget ? static_cast<int>(references[0].size()) : budget.sentences,
        1, kMaxBudget);

    auto record = [&](SystemResult& system,
                      const std::vector<std::string>& summary) {
      const RougeScores s = scorer.ScoreMulti(references, summary);
      system.f1[kR1].push_back(100 * s.rouge1.f1);
      system.f1[kR2].push_back(100 * s.rouge2.f1);
      system.f1[kRL].push_back(100 * s.rouge_lsum.f1);
      for (const std::string& sentence : summary) {
        system.words += scorer.Tokenize(sentence).size();
      }
    };

    // Précis, in process.
    {
      SummarizeOptions so;
      so.language = article.language;
      so.length = {LengthBudget::Kind::kSentences, static_cast<double>(k)};
      const auto start = Clock::now();
      auto result = engine_.Summarize(article.text, so);
      precis.seconds += SecondsSince(start);
      std::vector<std::string> summary;
      if (result.ok()) {
        for (const SentenceResult& s : result->summary) {
          summary.push_back(s.text);
          precis_ids.push_back(s.id);
        }
      } else {
        ++precis.failures;
        precis.note = std::string(result.status().message());
      }
      record(precis, summary);
    }

    // The shared segmentation.
    const auto seg_start = Clock::now();
    auto segmented = engine_.Segment(article.text, article.language);
    const double seg_seconds = SecondsSince(seg_start);
    std::vector<const SentenceResult*> pool;  // Lead and OTS candidates.
    if (segmented.ok()) {
      for (const SentenceResult& s : segmented->sentences) {
        if (!options_.body_only || s.kind == SentenceKind::kBody) {
          pool.push_back(&s);
        }
      }
    }

    // Lead-k: the first k candidate sentences.
    {
      const auto start = Clock::now();
      std::vector<std::string> summary;
      for (size_t i = 0; i < pool.size() && static_cast<int>(i) < k; ++i) {
        summary.push_back(pool[i]->text);
        lead_ids.push_back(pool[i]->id);
      }
      lead.seconds += seg_seconds + SecondsSince(start);
      if (!segmented.ok()) ++lead.failures;
      record(lead, summary);
    }

    // OTS: its k best-graded candidate sentences, in document order.
    if (options_.ots && ots.available) {
      const auto start = Clock::now();
      std::vector<OtsInputSentence> input;
      for (const SentenceResult* s : pool) {
        input.push_back({s->text, s->paragraph});
      }
      auto scores = OtsSentenceScores(input, article.language);
      std::vector<std::string> summary;
      if (scores.ok()) {
        for (int i : TopKInDocumentOrder(*scores, k)) {
          summary.push_back(pool[i]->text);
          ots_ids.push_back(pool[i]->id);
        }
        ots_grades = *scores;
        ots.seconds += seg_seconds + SecondsSince(start);
        record(ots, summary);
      } else if (scores.status().code() == absl::StatusCode::kUnimplemented) {
        ots.available = false;
        ots.note = std::string(scores.status().message());
      } else if (scores.status().code() == absl::StatusCode::kNotFound) {
        ots_missing.insert(article.language);
      } else {
        ++ots.failures;
        ots.note = std::string(scores.status().message());
        record(ots, summary);
      }
    }

    // Greedy oracle over all sentences (any kind), first reference.
    if (options_.oracle && segmented.ok()) {
      const auto start = Clock::now();
      std::vector<std::string> sentences;
      for (const SentenceResult& s : segmented->sentences) {
        sentences.push_back(s.text);
      }
      std::vector<std::string> summary;
      for (int i : GreedyOracle(scorer, sentences, references[0], k)) {
        summary.push_back(sentences[i]);
      }
      oracle.seconds += SecondsSince(start);
      record(oracle, summary);
    }

    if (options_.dump != nullptr) {
      auto last = [](const SystemResult& s) {
        return s.f1[kR1].empty()
                   ? std::string("null")
                   : absl::StrFormat("[%.2f,%.2f,%.2f]", s.f1[kR1].back(),
                                     s.f1[kR2].back(), s.f1[kRL].back());
      };
      std::string line = absl::StrCat(
          "{\"file\":", JsonString(report.file), ",\"row\":", row,
          ",\"id\":", JsonString(article.id), ",\"k\":", k,
          ",\"precis\":", JsonIds(precis_ids), ",\"precis_rouge\":",
          last(precis), ",\"lead\":", JsonIds(lead_ids),
          ",\"lead_rouge\":", last(lead), ",\"ots\":", JsonIds(ots_ids),
          ",\"reference\":",
          JsonString(absl::StrJoin(references[0], " ")),
          ",\"sentences\":[");
      for (size_t p = 0; p < pool.size(); ++p) {
        const RougeScores s =
            scorer.ScoreMulti(references, {pool[p]->text});
        absl::StrAppendFormat(
            &line,
            "%s{\"id\":%d,\"words\":%d,\"r\":[%.2f,%.2f,%.2f],\"ots\":%s,"
            "\"text\":%s}",
            p == 0 ? "" : ",", pool[p]->id,
            static_cast<int>(scorer.Tokenize(pool[p]->text).size()),
            100 * s.rouge1.f1, 100 * s.rouge2.f1, 100 * s.rouge_lsum.f1,
            p < ots_grades.size() ? absl::StrFormat("%.3f", ots_grades[p])
                                  : std::string("null"),
            JsonString(pool[p]->text));
      }
      *options_.dump << line << "]}\n";
    }
  }

  if (!ots_missing.empty()) {
    ots.note = absl::StrCat("no OTS dictionary for ",
                            absl::StrJoin(ots_missing, ","));
    if (ots.f1[kR1].empty()) ots.available = false;
  }
  report.languages = absl::StrJoin(languages, ",");
  report.mean_reference_sentences =
      report.articles > 0 ? reference_sentences / report.articles : 0;
  for (int m = 0; m < 3; ++m) {
    report.precis_vs_lead[m] =
        ComparePaired(precis.f1[m], lead.f1[m], options_.bootstrap);
  }
  // Quality targets are stated against OTS as well as Lead, so OTS gets the
  // same paired view. Articles without an OTS dictionary have no OTS score,
  // so pairing is only possible when none was left out.
  if (ots.available && ots.f1[kR1].size() == precis.f1[kR1].size()) {
    report.precis_vs_ots.emplace();
    for (int m = 0; m < 3; ++m) {
      (*report.precis_vs_ots)[m] =
          ComparePaired(precis.f1[m], ots.f1[m], options_.bootstrap);
    }
  }
  report.systems.push_back(std::move(precis));
  report.systems.push_back(std::move(lead));
  report.systems.push_back(std::move(ots));
  if (options_.oracle) report.systems.push_back(std::move(oracle));
  return report;
}

std::string FormatFileReport(const FileReport& r) {
  std::string out = absl::StrFormat(
      "== %s%s: %d articles, lang %s, budget %s, reference %.2f sentences, "
      "ROUGE tokenizer %s\n",
      r.file, r.split.empty() ? "" : absl::StrCat(" (", r.split, ")"),
      r.articles, r.languages, r.budget, r.mean_reference_sentences,
      r.tokenizer);
  absl::StrAppendFormat(&out, "   %-8s %6s %6s %6s %7s %9s  %s\n", "system",
                        "R1", "R2", "RL", "words", "art/s", "notes");
  for (const SystemResult& s : r.systems) {
    if (!s.available) {
      absl::StrAppendFormat(&out, "   %s %6s %6s %6s %7s %9s  %s\n",
                            PadName(s.name, 8), "-", "-", "-", "-", "-",
                            s.note);
      continue;
    }
    std::string note = s.note;
    if (s.failures > 0) {
      note = absl::StrCat(s.failures, " failed (scored 0): ", note);
    }
    absl::StrAppendFormat(&out, "   %s %6.2f %6.2f %6.2f %7.1f %9.1f  %s\n",
                          PadName(s.name, 8), s.Mean(kR1), s.Mean(kR2), s.Mean(kRL),
                          s.MeanWords(), s.ArticlesPerSecond(), note);
  }
  auto comparison = [&out](const std::string& baseline,
                           const std::array<PairedComparison, 3>& by_metric) {
    const char* names[] = {"R1", "R2", "RL"};
    absl::StrAppend(&out, "   Précis - ", baseline, " (95% CI):");
    for (int m = 0; m < 3; ++m) {
      const PairedComparison& c = by_metric[m];
      absl::StrAppendFormat(&out, "  %s %+.2f [%+.2f, %+.2f] W/T/L %d/%d/%d",
                            names[m], c.mean_difference, c.ci_low, c.ci_high,
                            c.wins, c.ties, c.losses);
    }
    absl::StrAppend(&out, "\n");
  };
  comparison(r.systems[1].name, r.precis_vs_lead);
  if (r.precis_vs_ots) comparison(r.systems[2].name, *r.precis_vs_ots);
  return out;
}

std::string FormatSummaryTable(const std::vector<FileReport>& reports) {
  bool oracle = false;
  for (const FileReport& r : reports) oracle |= r.systems.size() > 3;
  std::string out =
      "| file | n | budget | tokenizer | Précis R1/R2/RL | Lead R1/R2/RL | "
      "OTS R1/R2/RL |";
  if (oracle) absl::StrAppend(&out, " Oracle R1/R2/RL |");
  absl::StrAppend(&out,
                  " Précis−Lead RL [95% CI] | W/T/L (RL) | Précis words | "
                  "Précis art/s |\n|---|---:|---|---|---|---|---|");
  if (oracle) absl::StrAppend(&out, "---|");
  absl::StrAppend(&out, "---|---|---:|---:|\n");
  auto triple = [](const SystemResult& s) {
    return s.available ? absl::StrFormat("%.2f/%.2f/%.2f", s.Mean(kR1),
                                         s.Mean(kR2), s.Mean(kRL))
                       : std::string("n/a");
  };
  for (const FileReport& r : reports) {
    const PairedComparison& c = r.precis_vs_lead[kRL];
    absl::StrAppendFormat(&out, "| %s | %d | %s | %s | %s | %s | %s |",
                          r.split.empty() ? r.file
                                          : absl::StrCat(r.file, " (", r.split, ")"),
                          r.articles, r.budget, r.tokenizer,
                          triple(r.systems[0]), triple(r.systems[1]),
                          triple(r.systems[2]));
    if (oracle) {
      absl::StrAppend(&out, " ",
                      r.systems.size() > 3 ? triple(r.systems[3]) : "n/a",
                      " |");
    }
    absl::StrAppendFormat(&out, " %+.2f [%+.2f, %+.2f] | %d/%d/%d | %.1f | %.1f |\n",
                          c.mean_difference, c.ci_low, c.ci_high, c.wins,
                          c.ties, c.losses, r.systems[0].MeanWords(),
                          r.systems[0].ArticlesPerSecond());
  }
  return out;
}

}  // namespace precis::eval
