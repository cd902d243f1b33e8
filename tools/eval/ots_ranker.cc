#include "ots_ranker.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <numeric>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "ots_api.h"

namespace precis::eval {
namespace {

struct ArticleDeleter {
  void operator()(OtsArticle* a) const { ots_free_article(a); }
};

// Where Debian's libots-1 looks for <language>.xml (its DICTIONARY_DIR).
constexpr char kOtsDictionaryDir[] = "/usr/share/ots";

const unsigned char* U(const char* s) {
  return reinterpret_cast<const unsigned char*>(s);
}

}  // namespace

absl::StatusOr<std::vector<double>> OtsSentenceScores(
    const std::vector<OtsInputSentence>& sentences, std::string_view language) {
#if !PRECIS_HAVE_OTS
  (void)sentences;
  (void)language;
  return absl::UnimplementedError(
      "built without libots-1 (apt-get install libots-dev)");
#else
  std::unique_ptr<OtsArticle, ArticleDeleter> article(ots_new_article());
  if (article == nullptr) return absl::InternalError("ots_new_article failed");
  const std::string dictionary(language.substr(0, language.find('-')));
  // Checked first because libxml2 prints a warning for a missing file.
  std::error_code ec;
  if (dictionary.empty() ||
      !std::filesystem::exists(
          absl::StrCat(kOtsDictionaryDir, "/", dictionary, ".xml"), ec) ||
      !ots_load_xml_dictionary(article.get(), U(dictionary.c_str()))) {
    return absl::NotFoundError(
        absl::StrCat("OTS has no dictionary for '", dictionary, "'"));
  }
  // Rebuild exactly what ots_parse_stream would have produced for the
  // sentences laid out as text: whitespace-separated words interleaved with
  // " " words, and a paragraph break as two "\n" words at the start of the
  // next line (ots_grade_structure multiplies such lines by 1.6 and the
  // first line by 2).
  std::vector<OtsSentence*> lines;
  lines.reserve(sentences.size());
  std::string word;
  for (size_t i = 0; i < sentences.size(); ++i) {
    OtsSentence* line = ots_append_line(article.get());
    lines.push_back(line);
    if (i > 0) {
      if (sentences[i].paragraph != sentences[i - 1].paragraph) {
        ots_append_word(line, U("\n"));
        ots_append_word(line, U("\n"));
      } else {
        ots_append_word(line, U(" "));
      }
    }
    bool first = true;
    auto flush = [&] {
      if (word.empty()) return;
      if (!first) ots_append_word(line, U(" "));
      ots_append_word(line, U(word.c_str()));
      word.clear();
      first = false;
    };
    for (char c : sentences[i].text) {
      // ASCII white space separates words (as g_unichar_isspace does for
      // the text OTS normally parses; non-ASCII spaces are rare in news).
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' ||
          c == '\v') {
        flush();
      } else {
        word.push_back(c);
      }
    }
    flush();
  }
  ots_grade_doc(article.get());
  std::vector<double> scores;
  scores.reserve(lines.size());
  for (const OtsSentence* line : lines) {
    scores.push_back(static_cast<double>(line->score));
  }
  return scores;
#endif
}

std::vector<int> TopKInDocumentOrder(const std::vector<double>& scores,
                                     int k) {
  std::vector<int> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return scores[a] > scores[b]; });
  order.resize(std::min<size_t>(order.size(), std::max(k, 0)));
  std::sort(order.begin(), order.end());
  return order;
}

}  // namespace precis::eval
