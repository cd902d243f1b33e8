// RequestLogger: one line per request on stderr, e.g.
//   precisd: request id=42 method=Summarize lang=en bytes=2563 sentences=19
//   summary=3 us=148 status=OK
// (one line). Fields a caller controls (the request id) are escaped so a line
// can never be split or forged. Disabled loggers drop everything.
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

struct RequestLogEntry {
  std::string_view request_id;  // Empty: "-".
  std::string_view method;
  std::string_view language;  // Used for processing, or the hint on error.
  int64_t bytes = 0;          // Text bytes.
  int32_t sentences = 0;      // Sentences in the document.
  int32_t summary = -1;       // Summary sentences; < 0: not printed.
  int64_t micros = 0;         // Wall time in the handler.
  absl::StatusCode code = absl::StatusCode::kOk;
  // Error message (printed when not OK); absl::Status::message()'s type,
  // which is not std::string_view in Debian's abseil build.
  absl::string_view message;
};

class RequestLogger {
 public:
  explicit RequestLogger(bool enabled, std::FILE* out = stderr)
      : enabled_(enabled), out_(out) {}

  void Log(const RequestLogEntry& entry);
  bool enabled() const { return enabled_; }

  // The line Log writes, without the newline (for tests).
  static std::string Format(const RequestLogEntry& entry);

 private:
  const bool enabled_;
  std::FILE* const out_;
  std::mutex mu_;
};

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_REQUEST_LOGGER_H_
