// RequestLogger: one line per request on stderr, as text or JSON.
//
//   text: precisd: request id=7f3a... item=42 method=Summarize lang=en
//         bytes=2563 sentences=19 summary=3 facts=7 us=148 status=OK
//   json: {"ts":"2026-11-28T02:41:52.123456Z","level":"info","msg":"request",
//          "request_id":"7f3a...","item_id":"42","method":"Summarize",
//          "status":"OK","code":0,"latency_us":148,"bytes":2563,
//          "language":"en","sentences":19,"summary":3,"facts":7}
// (each one line). `request_id` is the call's id (the client's x-request-id
// metadata, else generated; see RequestIdFor); `item_id` is the
// SummarizeRequest.request_id field when set. Fields a caller controls are
// escaped so a line can never be split or forged; JSON strings are always
// valid UTF-8. Disabled loggers drop requests (Event lines still print).
//
// Thread-safe: each line is written with a single fwrite under a mutex.
#ifndef PRECIS_SERVICE_API_REQUEST_LOGGER_H_
#define PRECIS_SERVICE_API_REQUEST_LOGGER_H_

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace precis::api {

enum class LogFormat { kText, kJson };

struct RequestLogEntry {
  std::string_view request_id;  // The call's id. Empty: "-".
  std::string_view item_id;     // SummarizeRequest.request_id; may be empty.
  std::string_view method;
  std::string_view language;  // Used for processing, or the hint on error.
  int64_t bytes = 0;          // Text bytes.
  int32_t sentences = 0;      // Sentences in the document.
  int32_t summary = -1;       // Summary sentences; < 0: not printed.
  int32_t facts = -1;         // Facts returned; < 0: not printed.
  int64_t micros = 0;         // Arrival to answer, queueing included.
  absl::StatusCode code = absl::StatusCode::kOk;
  // Error message (printed when not OK); absl::Status::message()'s type,
  // which is not std::string_view in Debian's abseil build.
  absl::string_view message;
};

class RequestLogger {
 public:
  explicit RequestLogger(bool enabled, LogFormat format = LogFormat::kText,
                         std::FILE* out = stderr)
      : enabled_(enabled), format_(format), out_(out) {}

  void Log(const RequestLogEntry& entry);
  bool enabled() const { return enabled_; }
  LogFormat format() const { return format_; }

  // A server event (start-up, shutdown, warnings) in the same format:
  // "precisd: <message>" or {"ts":..,"level":..,"msg":..}. `level` is
  // "info", "warn" or "error". Printed even when requests are not logged.
  void Event(std::string_view level, std::string_view message);

  // The lines Log writes, without the newline (for tests).
  static std::string Format(const RequestLogEntry& entry);
  static std::string FormatJson(const RequestLogEntry& entry);
  static std::string FormatEventJson(std::string_view level,
                                     std::string_view message);

 private:
  void Write(std::string line);

  const bool enabled_;
  const LogFormat format_;
  std::FILE* const out_;
  std::mutex mu_;
};

// Appends `value` as a JSON string (quotes included): ", \ and control
// characters escaped, ill-formed UTF-8 replaced by U+FFFD.
void AppendJsonString(std::string_view value, std::string* out);

// The call's request id: the client's `x-request-id` metadata value when it
// is 1..128 printable ASCII characters (no spaces), otherwise a new random
// 128-bit id as 32 lowercase hex digits.
std::string RequestIdFor(std::string_view client_value);

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_REQUEST_LOGGER_H_
