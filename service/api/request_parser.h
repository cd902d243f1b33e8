// Parses request messages from the raw bytes of a gRPC call.
//
// Why raw bytes: the C++ protobuf runtime rejects a proto3 `string` field
// holding invalid UTF-8 while parsing, before any handler runs, and gRPC then
// answers a bare INTERNAL/INVALID_ARGUMENT without saying where. The service
// therefore receives the ByteBuffer and, when parsing fails, re-reads the
// bytes as an UnknownFieldSet to find the string field at fault and the byte
// offset of the first bad sequence (the engine's own wording).
//
// Thread-safe.
#ifndef PRECIS_SERVICE_API_REQUEST_PARSER_H_
#define PRECIS_SERVICE_API_REQUEST_PARSER_H_

#include <string_view>

#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "grpcpp/support/byte_buffer.h"

namespace precis::api {

// Parses `bytes` into `message` (cleared first). On failure returns
// INVALID_ARGUMENT: a FieldError naming the string field ("text",
// "target_locales[1]") and byte offset when a string field holds invalid
// UTF-8, else "malformed request".
absl::Status ParseRequest(const grpc::ByteBuffer& bytes,
                          google::protobuf::Message* message);

// The same over a contiguous buffer (tests, the CLI).
absl::Status ParseRequest(std::string_view bytes,
                          google::protobuf::Message* message);

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_REQUEST_PARSER_H_
