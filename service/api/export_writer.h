// Export formats of a summary (SummarizeRequest.export_formats, and the
// CLI's --format): XLIFF 2.0, HTML, Markdown, text and JSON, all built from
// the SummarizeResponse alone (sentence templates and placeholders), so the
// server and `precis --format ...` write the same documents.
//
// Pure functions; thread-safe.
#ifndef PRECIS_SERVICE_API_EXPORT_WRITER_H_
#define PRECIS_SERVICE_API_EXPORT_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "precis/v1/precis.pb.h"

namespace precis::api {

// A piece of a Sentence.template: literal text (MessageFormat quoting
// undone) or a placeholder index.
struct TemplatePart {
  bool placeholder = false;
  int index = -1;
  std::string text;
};

// Splits a template made by the engine ("''" -> "'", "'{'" -> "{", "{3}" ->
// placeholder 3). A malformed template yields one literal part.
std::vector<TemplatePart> SplitTemplate(std::string_view pattern);

// XLIFF 2.0 (urn:oasis:names:tc:xliff:document:2.0), srcLang = the response
// language, trgLang = `target_locale` unless empty. One <file>, one <unit
// id="s{sentence id}"> per summary sentence; each placeholder that must not
// be translated is a <ph> whose dataRef points to its original text in the
// unit's <originalData> (equiv = that text, disp = its rendering for the
// target locale); translatable names are <pc type="other"
// subType="precis:place|organization"> around their text.
std::string ToXliff(const v1::SummarizeResponse& response, std::string_view target_locale);

// An HTML5 document: title, the summary as an ordered list, key facts; values
// and people's names in <span translate="no" class="notranslate">.
std::string ToHtml(const v1::SummarizeResponse& response);

// Markdown: "# title", the summary as a numbered list, a key-fact table.
std::string ToMarkdown(const v1::SummarizeResponse& response);

// The text printed by `precis summarize` (title, language, summary, facts).
std::string ToText(const v1::SummarizeResponse& response);

// The proto3 JSON mapping (pretty, lowerCamelCase), without `exports`.
std::string ToJson(const v1::SummarizeResponse& response);

// INVALID_ARGUMENT (field "export_formats[i]") for UNSPECIFIED or unknown
// values and for a format already asked for.
absl::Status ValidateExportFormats(const v1::SummarizeRequest& request);

// Appends response->exports for request.export_formats: XLIFF once per
// target locale (one document without trgLang when there is none), the
// others once each. `request` must have passed ValidateExportFormats.
void AddExports(const v1::SummarizeRequest& request, v1::SummarizeResponse* response);

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_EXPORT_WRITER_H_
