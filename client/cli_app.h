// The `precis` command line: argument parsing, input, backend choice and
// output. precis_main.cc only forwards to RunCli, so tests can run the CLI
// in-process too.
//
//   precis summarize [FILE|-]   summary and key facts (stdin by default)
//   precis segment [FILE|-]     sentences and paragraphs
//   precis capabilities         languages, limits, version
//   precis health               grpc.health.v1 status of the server
//   precis batch DIR|FILE.jsonl  many articles -> JSONL (SummarizeStream)
//
// Exit status: 0 ok; 2 usage (bad flags, unreadable FILE); 3 invalid input
// (INVALID_ARGUMENT, RESOURCE_EXHAUSTED for a too-large text, OUT_OF_RANGE,
// or invalid UTF-8 found before sending); 4 server unavailable (UNAVAILABLE,
// DEADLINE_EXCEEDED, an overloaded server's RESOURCE_EXHAUSTED, or health not
// SERVING); 1 anything else. Errors are one line on stderr:
// "precis: error: CODE: message".
#ifndef PRECIS_CLIENT_CLI_APP_H_
#define PRECIS_CLIENT_CLI_APP_H_

#include <iosfwd>

#include "grpcpp/support/status.h"

namespace precis::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInvalidInput = 3;
inline constexpr int kExitUnavailable = 4;

// The exit status for a call that ended with `code` (see above).
int ExitCodeFor(grpc::StatusCode code);

// The one-line error text for `status` (no "precis: error: " prefix).
std::string DescribeError(const grpc::Status& status);

// Runs the CLI. Not thread-safe (CLI11 and one invocation at a time).
int RunCli(int argc, const char* const* argv, std::istream& in,
           std::ostream& out, std::ostream& err);

}  // namespace precis::cli

#endif  // PRECIS_CLIENT_CLI_APP_H_
