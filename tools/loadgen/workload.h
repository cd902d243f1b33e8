// Workload: the requests a load run sends, serialized once up front.
//
// Requests are built with the generated precis.v1 messages and kept as
// serialized gRPC slices; the load generator sends them through the generic
// stub, so per-call client cost is a reference-count increment instead of a
// protobuf serialization (the client shares the machine with the server).
// VerifyResponse() parses a response with the generated types when asked.
//
// Immutable after Build(); safe to share between threads.
#ifndef PRECIS_TOOLS_LOADGEN_WORKLOAD_H_
#define PRECIS_TOOLS_LOADGEN_WORKLOAD_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/slice.h"

namespace precis::loadgen {

enum class Method { kSummarize, kSegment, kGetCapabilities };

struct WorkloadOptions {
  Method method = Method::kSummarize;
  // One article read whole from this file (Summarize, Segment)...
  std::string text_file;
  // ...or the "text" of every row of these JSONL files (directories: every
  // *.jsonl inside), sent in turn. Takes precedence over text_file.
  std::vector<std::string> jsonl_paths;
  // At most this many articles per JSONL file (0 = all).
  size_t max_articles_per_file = 0;
  // Send each JSONL row's "lang" as the language hint.
  bool use_language_hint = false;
  // SummarizeRequest.length = max_sentences when > 0 (else server default).
  int max_sentences = 0;
  std::vector<std::string> target_locales;
};

class Workload {
 public:
  static absl::StatusOr<Workload> Build(const WorkloadOptions& options);

  // Full method path, e.g. "/precis.v1.SummarizerService/Summarize".
  const std::string& method_path() const { return method_path_; }
  Method method() const { return method_; }
  size_t size() const { return payloads_.size(); }
  size_t total_bytes() const { return total_bytes_; }
  // The i-th request (i modulo size()), sharing the serialized bytes.
  grpc::ByteBuffer Request(size_t i) const;
  // The i-th request as a gRPC length-prefixed message (1 byte compressed
  // flag = 0, 4 bytes big-endian length, the serialized request): an HTTP/2
  // request body for tools like h2load and curl.
  std::string GrpcFramedRequest(size_t i) const;
  // OK when `response` parses as the method's response type and is
  // plausible (Summarize: at least one summary sentence or an empty_reason;
  // Segment: at least one sentence; GetCapabilities: at least one language).
  absl::Status VerifyResponse(const grpc::ByteBuffer& response) const;

 private:
  Method method_ = Method::kSummarize;
  std::string method_path_;
  std::vector<grpc::Slice> payloads_;
  size_t total_bytes_ = 0;
};

// "summarize", "segment", "capabilities" (or "getcapabilities").
absl::StatusOr<Method> ParseMethod(const std::string& name);
const char* MethodName(Method method);

}  // namespace precis::loadgen

#endif  // PRECIS_TOOLS_LOADGEN_WORKLOAD_H_
