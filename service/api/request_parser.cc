#include "request_parser.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "field_error.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/unknown_field_set.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "utf8_validation.h"

namespace precis::api {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

// Explains why `bytes` did not parse as `message`'s type: the first string
// field (by wire order) with invalid UTF-8, else a generic error.
absl::Status DiagnoseParseFailure(const std::string& bytes,
                                  const google::protobuf::Message& message) {
  UnknownFieldSet fields;
  if (fields.ParseFromString(bytes)) {
    const google::protobuf::Descriptor* descriptor = message.GetDescriptor();
    std::vector<int> repeated_index(
        static_cast<size_t>(descriptor->field_count()), 0);
    for (int i = 0; i < fields.field_count(); ++i) {
      const UnknownField& field = fields.field(i);
      if (field.type() != UnknownField::TYPE_LENGTH_DELIMITED) continue;
      const FieldDescriptor* fd = descriptor->FindFieldByNumber(field.number());
      if (fd == nullptr || fd->type() != FieldDescriptor::TYPE_STRING) {
        continue;
      }
      std::string name = fd->name();
      if (fd->is_repeated()) {
        int& index = repeated_index[static_cast<size_t>(fd->index())];
        absl::StrAppend(&name, "[", index++, "]");
      }
      absl::Status status = ValidateUtf8Field(name, field.length_delimited());
      if (!status.ok()) return status;
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "malformed request: not a valid ", message.GetTypeName(), " message"));
}

}  // namespace

absl::Status ParseRequest(const grpc::ByteBuffer& bytes,
                          google::protobuf::Message* message) {
  message->Clear();
  // ByteBuffer copies share the slices (reference counted): no byte copy.
  grpc::ByteBuffer copy(bytes);
  {
    grpc::ProtoBufferReader reader(&copy);
    if (reader.status().ok() && message->ParseFromZeroCopyStream(&reader)) {
      return absl::OkStatus();
    }
  }
  // The rare failure path may copy.
  std::vector<grpc::Slice> slices;
  std::string flat;
  if (bytes.Dump(&slices).ok()) {
    for (const grpc::Slice& slice : slices) {
      flat.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
    }
  }
  message->Clear();
  return DiagnoseParseFailure(flat, *message);
}

absl::Status ParseRequest(std::string_view bytes,
                          google::protobuf::Message* message) {
  message->Clear();
  if (message->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::OkStatus();
  }
  message->Clear();
  return DiagnoseParseFailure(std::string(bytes), *message);
}

}  // namespace precis::api
