#include "request_logger.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace precis::api {
namespace {

// Request ids are caller-controlled: cap and C-escape them (also spaces, so
// the line stays `key=value` tokens).
std::string SafeToken(std::string_view value, size_t max_len) {
  if (value.empty()) return "-";
  const std::string_view head = value.substr(0, max_len);
  std::string s = absl::CHexEscape(absl::string_view(head.data(), head.size()));
  absl::StrReplaceAll({{" ", "\\x20"}}, &s);
  if (value.size() > max_len) s += "...";
  return s;
}

}  // namespace

std::string RequestLogger::Format(const RequestLogEntry& e) {
  std::string line = absl::StrCat(
      "precisd: request id=", SafeToken(e.request_id, 64), " method=", std::string(e.method),
      " lang=", SafeToken(e.language, 35), " bytes=", e.bytes,
      " sentences=", e.sentences);
  if (e.summary >= 0) absl::StrAppend(&line, " summary=", e.summary);
  absl::StrAppend(&line, " us=", e.micros, " status=",
                  absl::StatusCodeToString(e.code));
  if (e.code != absl::StatusCode::kOk) {
    absl::StrAppend(&line, " error=\"", absl::CHexEscape(e.message.substr(0, 200)),
                    "\"");
  }
  return line;
}

void RequestLogger::Log(const RequestLogEntry& entry) {
  if (!enabled_) return;
  std::string line = Format(entry);
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace precis::api
