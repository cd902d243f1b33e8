// `precis batch`: many articles -> JSONL, one SummarizeResponse per line
// (proto3 JSON, lowerCamelCase, "requestId" = the item's id; a failed item
// has "error": {"code", "message", "details"} instead of a summary).
//
// Input: a directory (every *.txt file, sorted by name; id = the file name
// without .txt) or a JSONL file (one {"id", "text", ...} object per line; the
// other keys are SummarizeRequest fields in either JSON spelling, e.g.
// "maxSentences"/"max_sentences", "targetLocales"). Remote runs use the
// SummarizeStream RPC with at most `jobs` requests in flight; --local runs
// `jobs` threads over the in-process engine. Output lines come in completion
// order. With `resume`, ids already in the output file are skipped and new
// lines are appended (a partial last line from an interrupted run is cut).
//
// Not thread-safe (one CLI invocation).
#ifndef PRECIS_CLIENT_BATCH_RUNNER_H_
#define PRECIS_CLIENT_BATCH_RUNNER_H_

#include <chrono>
#include <iosfwd>
#include <memory>
#include <string>

#include "backend.h"
#include "grpcpp/channel.h"
#include "precis/v1/precis.pb.h"

namespace precis::cli {

struct BatchOptions {
  std::string input;   // Directory or .jsonl file.
  std::string output;  // "-" = stdout (no resume).
  bool resume = false;
  int jobs = 4;
  // Progress bar on stderr: "auto" (when stderr is a terminal), "always",
  // "never".
  std::string progress = "auto";
  // Applied to every request before the item's own fields.
  v1::SummarizeRequest defaults;
  // Per item (the stream gets this times the number of items).
  std::chrono::milliseconds deadline{30000};
};

// Exactly one of `channel` (remote) or `local` is set. Returns the exit
// status: 0 all items ok, 1 some items failed (their lines say why), 2 usage
// (unreadable input or output), 4 server unavailable.
int RunBatch(const BatchOptions& options, std::shared_ptr<grpc::Channel> channel,
             Backend* local, std::ostream& out, std::ostream& err);

// One progress line, e.g. "[#####     ] 12/40  30%  5.2/s  ETA 0:05".
// Exposed for tests.
std::string ProgressLine(int64_t done, int64_t total, double seconds, int width = 24);

}  // namespace precis::cli

#endif  // PRECIS_CLIENT_BATCH_RUNNER_H_
