#include "request_logger.h"

#include <sys/time.h>

#include <ctime>
#include <random>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "utf8_validation.h"

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

// RFC 3339 UTC with microseconds, e.g. 2026-11-28T02:41:52.123456Z.
std::string Timestamp() {
  timeval tv;
  gettimeofday(&tv, nullptr);
  tm utc;
  gmtime_r(&tv.tv_sec, &utc);
  char buf[40];
  const size_t n = std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(buf + n, sizeof(buf) - n, ".%06ldZ",
                static_cast<long>(tv.tv_usec));
  return buf;
}

const char* LevelOf(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return "info";
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kDataLoss:
    case absl::StatusCode::kUnimplemented:
      return "error";
    default:
      return "warn";
  }
}

void AppendJsonField(std::string_view key, std::string_view value,
                     std::string* out) {
  absl::StrAppend(out, ",\"", absl::string_view(key.data(), key.size()),
                  "\":");
  AppendJsonString(value, out);
}

}  // namespace

void AppendJsonString(std::string_view value, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t i = 0;
  while (i < value.size()) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c >= 0x80) {
      // Copy the longest well-formed UTF-8 run; replace one bad byte.
      std::string_view rest = value.substr(i);
      const std::optional<size_t> bad = FindInvalidUtf8(rest);
      size_t good = bad.value_or(rest.size());
      // Only the non-ASCII prefix is copied verbatim here; ASCII bytes go
      // through the escaping below.
      size_t run = 0;
      while (run < good && static_cast<unsigned char>(rest[run]) >= 0x80) ++run;
      if (run == 0) {
        out->append("\xEF\xBF\xBD");  // U+FFFD
        ++i;
      } else {
        out->append(rest.data(), run);
        i += run;
      }
      continue;
    }
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out->push_back('"');
}

std::string RequestIdFor(std::string_view client_value) {
  bool usable = !client_value.empty() && client_value.size() <= 128;
  for (char c : client_value) {
    usable = usable && c > 0x20 && c < 0x7f;
  }
  if (usable) return std::string(client_value);
  // Per-thread generator: no lock, no syscall after the first call.
  thread_local std::mt19937_64 rng{[] {
    std::random_device device;
    return (static_cast<uint64_t>(device()) << 32) ^ device();
  }()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (int half = 0; half < 2; ++half) {
    uint64_t bits = rng();
    for (int k = 0; k < 16; ++k) {
      id[half * 16 + k] = kHex[bits & 15];
      bits >>= 4;
    }
  }
  return id;
}

std::string RequestLogger::Format(const RequestLogEntry& e) {
  std::string line = absl::StrCat("precisd: request id=", SafeToken(e.request_id, 128));
  if (!e.item_id.empty()) absl::StrAppend(&line, " item=", SafeToken(e.item_id, 64));
  absl::StrAppend(&line, " method=", std::string(e.method),
                  " lang=", SafeToken(e.language, 35), " bytes=", e.bytes,
                  " sentences=", e.sentences);
  if (e.summary >= 0) absl::StrAppend(&line, " summary=", e.summary);
  if (e.facts >= 0) absl::StrAppend(&line, " facts=", e.facts);
  absl::StrAppend(&line, " us=", e.micros, " status=",
                  absl::StatusCodeToString(e.code));
  if (e.code != absl::StatusCode::kOk) {
    absl::StrAppend(&line, " error=\"", absl::CHexEscape(e.message.substr(0, 200)),
                    "\"");
  }
  return line;
}

std::string RequestLogger::FormatJson(const RequestLogEntry& e) {
  std::string line = absl::StrCat("{\"ts\":\"", Timestamp(), "\",\"level\":\"",
                                  LevelOf(e.code), "\",\"msg\":\"request\"");
  line.reserve(line.size() + 256);
  AppendJsonField("request_id", e.request_id.substr(0, 128), &line);
  if (!e.item_id.empty()) {
    AppendJsonField("item_id", e.item_id.substr(0, 128), &line);
  }
  AppendJsonField("method", e.method, &line);
  absl::StrAppend(&line, ",\"status\":\"", absl::StatusCodeToString(e.code),
                  "\",\"code\":", static_cast<int>(e.code),
                  ",\"latency_us\":", e.micros, ",\"bytes\":", e.bytes);
  AppendJsonField("language", e.language.substr(0, 35), &line);
  absl::StrAppend(&line, ",\"sentences\":", e.sentences);
  if (e.summary >= 0) absl::StrAppend(&line, ",\"summary\":", e.summary);
  if (e.facts >= 0) absl::StrAppend(&line, ",\"facts\":", e.facts);
  if (e.code != absl::StatusCode::kOk) {
    const absl::string_view m = e.message.substr(0, 200);
    AppendJsonField("error", std::string_view(m.data(), m.size()), &line);
  }
  line.push_back('}');
  return line;
}

std::string RequestLogger::FormatEventJson(std::string_view level,
                                           std::string_view message) {
  std::string line = absl::StrCat("{\"ts\":\"", Timestamp(), "\"");
  AppendJsonField("level", level, &line);
  AppendJsonField("msg", message, &line);
  line.push_back('}');
  return line;
}

void RequestLogger::Log(const RequestLogEntry& entry) {
  if (!enabled_) return;
  Write(format_ == LogFormat::kJson ? FormatJson(entry) : Format(entry));
}

void RequestLogger::Event(std::string_view level, std::string_view message) {
  if (format_ == LogFormat::kJson) {
    Write(FormatEventJson(level, message));
  } else {
    std::string line = "precisd: ";
    if (level != "info") absl::StrAppend(&line, std::string(level), ": ");
    line.append(message.data(), message.size());
    Write(std::move(line));
  }
}

void RequestLogger::Write(std::string line) {
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace precis::api
