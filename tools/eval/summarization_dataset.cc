#include "summarization_dataset.h"

#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace precis::eval {
namespace {

using google::protobuf::Value;

absl::StatusOr<Reference> ToReference(const Value& v) {
  Reference r;
  if (v.kind_case() == Value::kStringValue) {
    r.sentences.push_back(v.string_value());
    r.unsplit = true;
    return r;
  }
  if (v.kind_case() != Value::kListValue) {
    return absl::InvalidArgumentError("a summary must be a string or a list");
  }
  for (const Value& s : v.list_value().values()) {
    if (s.kind_case() != Value::kStringValue) {
      return absl::InvalidArgumentError("summary sentences must be strings");
    }
    if (!s.string_value().empty()) r.sentences.push_back(s.string_value());
  }
  return r;
}

absl::StatusOr<Article> ToArticle(const std::string& line) {
  google::protobuf::Struct row;
  const auto parsed = google::protobuf::util::JsonStringToMessage(line, &row);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid JSON: ", parsed.message().as_string()));
  }
  const auto& f = row.fields();
  auto str = [&f](const char* key) -> std::string {
    auto it = f.find(key);
    return it != f.end() && it->second.kind_case() == Value::kStringValue
               ? it->second.string_value()
               : std::string();
  };
  Article a;
  a.id = str("id");
  a.language = str("lang");
  a.text = str("text");
  a.title = str("title");
  if (a.text.empty()) return absl::InvalidArgumentError("no \"text\"");
  if (auto it = f.find("references");
      it != f.end() && it->second.kind_case() == Value::kListValue) {
    for (const Value& v : it->second.list_value().values()) {
      auto r = ToReference(v);
      if (!r.ok()) return r.status();
      a.references.push_back(*std::move(r));
    }
  } else if (auto it = f.find("summary"); it != f.end()) {
    auto r = ToReference(it->second);
    if (!r.ok()) return r.status();
    a.references.push_back(*std::move(r));
  }
  if (a.references.empty()) {
    return absl::InvalidArgumentError("no \"summary\" or \"references\"");
  }
  return a;
}

}  // namespace

absl::StatusOr<std::vector<Article>> ReadSummarizationJsonl(
    const std::string& path, int max_articles) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::vector<Article> articles;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto article = ToArticle(line);
    if (!article.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", number, ": ", article.status().message()));
    }
    articles.push_back(*std::move(article));
    if (max_articles > 0 && static_cast<int>(articles.size()) >= max_articles) {
      break;
    }
  }
  return articles;
}

}  // namespace precis::eval
