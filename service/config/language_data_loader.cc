#include "language_data_loader.h"

#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "status_macros.h"
#include "yaml-cpp/yaml.h"

namespace precis {
namespace {

absl::Status FileError(const std::string& path, const std::string& what) {
  return absl::InvalidArgumentError(absl::StrCat("service/data/", path, ": ", what));
}

// Rejects keys outside `allowed`: a typo in a data file must not silently
// drop data.
absl::Status CheckKeys(const std::string& path, const YAML::Node& node,
                       const std::set<std::string>& allowed) {
  if (!node.IsMap()) return FileError(path, "expected a mapping at top level");
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    if (!allowed.contains(key)) {
      return FileError(path, absl::StrCat("unknown key '", key, "'"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> StringList(const std::string& path,
                                                    const YAML::Node& node,
                                                    const std::string& key) {
  std::vector<std::string> out;
  if (!node || node.IsNull()) return out;
  if (!node.IsSequence()) {
    return FileError(path, absl::StrCat("'", key, "' must be a list of strings"));
  }
  out.reserve(node.size());
  for (const auto& item : node) {
    if (!item.IsScalar()) {
      return FileError(path, absl::StrCat("'", key, "' must hold only strings"));
    }
    out.push_back(item.as<std::string>());
  }
  return out;
}

// "segmentation/en.yaml" -> ("segmentation", "en").
bool SplitDataPath(std::string_view path, std::string_view* dir,
                   std::string_view* code) {
  const size_t slash = path.find('/');
  if (slash == std::string_view::npos) return false;
  *dir = path.substr(0, slash);
  std::string_view file = path.substr(slash + 1);
  constexpr std::string_view kSuffix = ".yaml";
  if (file.size() <= kSuffix.size() || file.substr(file.size() - kSuffix.size()) != kSuffix ||
      file.find('/') != std::string_view::npos) {
    return false;
  }
  *code = file.substr(0, file.size() - kSuffix.size());
  return true;
}

absl::Status LoadSegmentation(const std::string& path, const YAML::Node& root,
                              SegmentationData* out) {
  RETURN_IF_ERROR(CheckKeys(path, root,
                            {"cldr_suppressions", "abbreviations", "title_abbreviations"}));
  if (root["cldr_suppressions"]) {
    out->cldr_suppressions = root["cldr_suppressions"].as<bool>();
  }
  ASSIGN_OR_RETURN(out->abbreviations,
                   StringList(path, root["abbreviations"], "abbreviations"));
  ASSIGN_OR_RETURN(out->title_abbreviations,
                   StringList(path, root["title_abbreviations"], "title_abbreviations"));
  return absl::OkStatus();
}

absl::Status LoadLexicon(const std::string& path, const YAML::Node& root,
                         LexiconData* out) {
  RETURN_IF_ERROR(CheckKeys(path, root, {"stemmer", "stopwords", "dependent_openers"}));
  if (root["stemmer"] && !root["stemmer"].IsNull()) {
    out->stemmer = root["stemmer"].as<std::string>();
  }
  ASSIGN_OR_RETURN(out->stopwords, StringList(path, root["stopwords"], "stopwords"));
  ASSIGN_OR_RETURN(out->dependent_openers,
                   StringList(path, root["dependent_openers"], "dependent_openers"));
  return absl::OkStatus();
}

absl::Status LoadFacts(const std::string& path, const YAML::Node& root,
                       FactRulesData* out) {
  if (root.IsNull()) return absl::OkStatus();
  if (!root.IsMap()) return FileError(path, "expected a mapping at top level");
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    const YAML::Node& value = kv.second;
    if (value.IsSequence()) {
      ASSIGN_OR_RETURN(out->lists[key], StringList(path, value, key));
    } else if (value.IsMap()) {
      auto& map = out->maps[key];
      for (const auto& entry : value) {
        if (!entry.second.IsScalar()) {
          return FileError(path, absl::StrCat("'", key, "' must map strings to strings"));
        }
        map[entry.first.as<std::string>()] = entry.second.as<std::string>();
      }
    } else {
      return FileError(path, absl::StrCat("'", key, "' must be a list or a mapping"));
    }
  }
  return absl::OkStatus();
}

absl::Status LoadLanguages(const std::string& path, const YAML::Node& root,
                           LanguageResources* out) {
  RETURN_IF_ERROR(CheckKeys(path, root, {"languages", "boilerplate_patterns", "boilerplate_line_start_patterns"}));
  const YAML::Node& languages = root["languages"];
  if (!languages || !languages.IsSequence()) {
    return FileError(path, "'languages' must be a list of {code, name}");
  }
  for (const auto& entry : languages) {
    RETURN_IF_ERROR(CheckKeys(path, entry, {"code", "name"}));
    if (!entry["code"]) return FileError(path, "a language without 'code'");
    LanguageData& data = out->languages[entry["code"].as<std::string>()];
    data.code = entry["code"].as<std::string>();
    if (entry["name"]) data.name = entry["name"].as<std::string>();
  }
  ASSIGN_OR_RETURN(out->boilerplate_patterns,
                   StringList(path, root["boilerplate_patterns"], "boilerplate_patterns"));
  ASSIGN_OR_RETURN(out->boilerplate_line_start_patterns,
                   StringList(path, root["boilerplate_line_start_patterns"],
                              "boilerplate_line_start_patterns"));
  return absl::OkStatus();
}

absl::Status LoadFile(const EmbeddedFile& embedded, LanguageResources* out) {
  struct {
    std::string path;
    std::string_view contents;
  } file{std::string(embedded.path), embedded.contents};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(file.contents));
  } catch (const YAML::Exception& e) {
    return FileError(file.path, absl::StrCat("invalid YAML: ", e.what()));
  }
  try {
    if (file.path == "languages.yaml") return LoadLanguages(file.path, root, out);
    std::string_view dir, code;
    if (!SplitDataPath(file.path, &dir, &code)) {
      return FileError(file.path, "unexpected data file");
    }
    LanguageData& data = out->languages[std::string(code)];
    if (data.code.empty()) data.code = std::string(code);
    if (dir == "segmentation") return LoadSegmentation(file.path, root, &data.segmentation);
    if (dir == "lexicon") return LoadLexicon(file.path, root, &data.lexicon);
    if (dir == "facts") return LoadFacts(file.path, root, &data.facts);
    return FileError(file.path, "unexpected data directory");
  } catch (const YAML::Exception& e) {
    // Type conversion errors (e.g. a map where a string was expected).
    return FileError(file.path, absl::StrCat("bad value: ", e.what()));
  }
}

}  // namespace

absl::StatusOr<LanguageResources> LoadLanguageResources(
    const std::vector<EmbeddedFile>& files) {
  LanguageResources resources;
  for (const EmbeddedFile& file : files) {
    if (file.path.size() < 5 || file.path.substr(file.path.size() - 5) != ".yaml") continue;
    RETURN_IF_ERROR(LoadFile(file, &resources));
  }
  return resources;
}

absl::StatusOr<LanguageResources> LoadLanguageResources() {
  return LoadLanguageResources(EmbeddedDataFiles());
}

}  // namespace precis
