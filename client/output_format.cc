#include "output_format.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "export_writer.h"
#include "google/protobuf/util/json_util.h"

namespace precis::cli {
namespace {

// "DATE" for v1::DATE; the enum's value names are the documented API names.
std::string FactTypeName(v1::FactType type) {
  const std::string& name = v1::FactType_Name(type);
  return name.empty() ? absl::StrCat(static_cast<int>(type)) : name;
}

}  // namespace

std::string FormatSummaryText(const v1::SummarizeResponse& r) {
  return api::ToText(r);
}

std::string FormatSegmentText(const v1::SegmentResponse& r) {
  std::string out = absl::StrCat(
      "Language: ", r.language().empty() ? "-" : r.language(),
      absl::StrFormat(" (confidence %.2f)", r.language_confidence()), "\n");
  int paragraph = -1;
  for (const v1::Sentence& s : r.sentences()) {
    if (s.paragraph() != paragraph) {
      absl::StrAppend(&out, "\n");
      paragraph = s.paragraph();
    }
    absl::StrAppend(&out, absl::StrFormat("%3d. ", s.id()), s.normalized_text(),
                    "\n");
  }
  return out;
}

std::string FormatCapabilitiesText(const v1::GetCapabilitiesResponse& r) {
  std::string out = absl::StrCat("Version: ", r.version(), "\n");
  const v1::Limits& l = r.limits();
  absl::StrAppend(&out, "Limits: max_text_bytes=", l.max_text_bytes(),
                  " default_max_sentences=", l.default_max_sentences(),
                  " default_max_facts=", l.default_max_facts(),
                  " max_facts=", l.max_facts(), "\n");
  absl::StrAppend(&out, "Offsets: ", r.offset_units(), "\n");
  absl::StrAppend(&out, "Languages:\n");
  for (const v1::LanguageSupport& lang : r.languages()) {
    absl::StrAppend(&out, "  ", lang.code(), "  ", lang.name());
    std::string features;
    if (lang.detection()) absl::StrAppend(&features, " detection");
    if (lang.sentence_abbreviations()) absl::StrAppend(&features, " abbreviations");
    if (lang.stemming()) absl::StrAppend(&features, " stemming");
    if (lang.stopwords()) absl::StrAppend(&features, " stopwords");
    if (lang.fact_types_size() > 0) {
      absl::StrAppend(&features, " facts:");
      for (int i = 0; i < lang.fact_types_size(); ++i) {
        absl::StrAppend(&features, i == 0 ? "" : ",",
                        FactTypeName(static_cast<v1::FactType>(lang.fact_types(i))));
      }
    }
    if (!features.empty()) absl::StrAppend(&out, "  [", features.substr(1), "]");
    absl::StrAppend(&out, "\n");
  }
  return out;
}

std::string FormatJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string json;
  // Cannot fail for our generated messages (no Any with unknown types).
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  if (json.empty() || json.back() != '\n') json.push_back('\n');
  return json;
}

}  // namespace precis::cli
