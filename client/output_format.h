// Renders responses for the terminal (text) or for programs (json).
//
// JSON is the standard proto3 JSON mapping (google::protobuf::util::
// MessageToJsonString): lowerCamelCase field names ("normalizedText",
// "processingUs"), enums as names ("DATE"), int64 as strings, fields with
// default values omitted; pretty-printed, one document per invocation.
//
// Pure functions; thread-safe.
#ifndef PRECIS_CLIENT_OUTPUT_FORMAT_H_
#define PRECIS_CLIENT_OUTPUT_FORMAT_H_

#include <string>

#include "google/protobuf/message.h"
#include "precis/v1/precis.pb.h"

namespace precis::cli {

// Title, language, the summary (normalized_text) as a numbered list, then
// "Key facts:" (type, text, value, unit, renderings) — api::ToText.
std::string FormatSummaryText(const v1::SummarizeResponse& response);
// Language, then every sentence numbered by id, a blank line between
// paragraphs.
std::string FormatSegmentText(const v1::SegmentResponse& response);
std::string FormatCapabilitiesText(const v1::GetCapabilitiesResponse& response);

// The proto3 JSON mapping, with a final newline.
std::string FormatJson(const google::protobuf::Message& message);

}  // namespace precis::cli

#endif  // PRECIS_CLIENT_OUTPUT_FORMAT_H_
