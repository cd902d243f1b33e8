#include "workload.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/message.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "precis/v1/precis.pb.h"

namespace precis::loadgen {
namespace {

constexpr char kServicePath[] = "/precis.v1.SummarizerService/";

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Article {
  std::string text;
  std::string language;
};

absl::Status AppendJsonl(const std::filesystem::path& path, size_t max_rows,
                         std::vector<Article>* articles) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path.string()));
  std::string line;
  size_t taken = 0;
  while (std::getline(in, line) && (max_rows == 0 || taken < max_rows)) {
    if (line.empty()) continue;
    google::protobuf::Struct row;
    if (!google::protobuf::util::JsonStringToMessage(line, &row).ok()) continue;
    const auto& fields = row.fields();
    const auto text = fields.find("text");
    if (text == fields.end() || text->second.string_value().empty()) continue;
    Article a;
    a.text = text->second.string_value();
    const auto lang = fields.find("lang");
    if (lang != fields.end()) a.language = lang->second.string_value();
    articles->push_back(std::move(a));
    ++taken;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Article>> LoadArticles(const WorkloadOptions& o) {
  std::vector<Article> articles;
  if (o.jsonl_paths.empty()) {
    absl::StatusOr<std::string> text = ReadWholeFile(o.text_file);
    if (!text.ok()) return text.status();
    articles.push_back({*std::move(text), ""});
    return articles;
  }
  for (const std::string& p : o.jsonl_paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::directory_iterator(p, ec)) {
        if (e.path().extension() == ".jsonl") files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());  // Deterministic order.
      for (const auto& f : files) {
        absl::Status s = AppendJsonl(f, o.max_articles_per_file, &articles);
        if (!s.ok()) return s;
      }
    } else {
      absl::Status s = AppendJsonl(p, o.max_articles_per_file, &articles);
      if (!s.ok()) return s;
    }
  }
  if (articles.empty()) {
    return absl::InvalidArgumentError("no article with a \"text\" in the JSONL input");
  }
  return articles;
}

grpc::Slice Serialize(const google::protobuf::Message& message) {
  const std::string bytes = message.SerializeAsString();
  return grpc::Slice(bytes);
}

}  // namespace

absl::StatusOr<Method> ParseMethod(const std::string& name) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (n == "summarize") return Method::kSummarize;
  if (n == "segment") return Method::kSegment;
  if (n == "capabilities" || n == "getcapabilities") return Method::kGetCapabilities;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown method \"", name, "\" (summarize, segment, capabilities)"));
}

const char* MethodName(Method method) {
  switch (method) {
    case Method::kSummarize: return "Summarize";
    case Method::kSegment: return "Segment";
    case Method::kGetCapabilities: return "GetCapabilities";
  }
  return "?";
}

absl::StatusOr<Workload> Workload::Build(const WorkloadOptions& options) {
  Workload w;
  w.method_ = options.method;
  w.method_path_ = absl::StrCat(kServicePath, MethodName(options.method));
  if (options.method == Method::kGetCapabilities) {
    w.payloads_.push_back(Serialize(precis::v1::GetCapabilitiesRequest()));
    return w;
  }
  absl::StatusOr<std::vector<Article>> articles = LoadArticles(options);
  if (!articles.ok()) return articles.status();
  for (const Article& a : *articles) {
    const std::string language = options.use_language_hint ? a.language : "";
    if (options.method == Method::kSegment) {
      precis::v1::SegmentRequest r;
      r.set_text(a.text);
      r.set_language(language);
      w.payloads_.push_back(Serialize(r));
    } else {
      precis::v1::SummarizeRequest r;
      r.set_text(a.text);
      r.set_language(language);
      if (options.max_sentences > 0) r.set_max_sentences(options.max_sentences);
      for (const std::string& l : options.target_locales) r.add_target_locales(l);
      w.payloads_.push_back(Serialize(r));
    }
    w.total_bytes_ += a.text.size();
  }
  return w;
}

grpc::ByteBuffer Workload::Request(size_t i) const {
  // Copying a grpc::Slice takes a reference; the bytes are not copied.
  grpc::Slice slice = payloads_[i % payloads_.size()];
  return grpc::ByteBuffer(&slice, 1);
}

std::string Workload::GrpcFramedRequest(size_t i) const {
  const grpc::Slice& slice = payloads_[i % payloads_.size()];
  const uint32_t n = static_cast<uint32_t>(slice.size());
  std::string framed;
  framed.reserve(5 + slice.size());
  framed.push_back('\0');
  for (int shift = 24; shift >= 0; shift -= 8) {
    framed.push_back(static_cast<char>((n >> shift) & 0xff));
  }
  framed.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  return framed;
}

absl::Status Workload::VerifyResponse(const grpc::ByteBuffer& response) const {
  grpc::ByteBuffer copy(response);
  grpc::ProtoBufferReader reader(&copy);
  auto parse = [&reader](google::protobuf::Message* m) {
    return m->ParseFromZeroCopyStream(&reader);
  };
  switch (method_) {
    case Method::kSummarize: {
      precis::v1::SummarizeResponse r;
      if (!parse(&r)) return absl::DataLossError("unparsable SummarizeResponse");
      if (r.summary_size() == 0 && r.empty_reason().empty()) {
        return absl::DataLossError("SummarizeResponse without summary or empty_reason");
      }
      return absl::OkStatus();
    }
    case Method::kSegment: {
      precis::v1::SegmentResponse r;
      if (!parse(&r)) return absl::DataLossError("unparsable SegmentResponse");
      if (r.sentences_size() == 0) {
        return absl::DataLossError("SegmentResponse without sentences");
      }
      return absl::OkStatus();
    }
    case Method::kGetCapabilities: {
      precis::v1::GetCapabilitiesResponse r;
      if (!parse(&r)) return absl::DataLossError("unparsable GetCapabilitiesResponse");
      if (r.languages_size() == 0) {
        return absl::DataLossError("GetCapabilitiesResponse without languages");
      }
      return absl::OkStatus();
    }
  }
  return absl::InternalError("unknown method");
}

}  // namespace precis::loadgen
