#include "cli_app.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "backend.h"
#include "batch_runner.h"
#include "google/protobuf/util/time_util.h"
#include "output_format.h"
#include "proto_convert.h"
#include "utf8_validation.h"

namespace precis::cli {
namespace {

// Flags shared by the subcommands (CLI11 `fallthrough` lets them follow the
// subcommand name).
struct GlobalFlags {
  std::string server = "localhost:50051";
  bool local = false;
  std::string format = "text";
  double deadline_seconds = 30;
  TlsOptions tls;
};

struct SummarizeFlags {
  std::string input = "-";
  std::optional<int32_t> sentences;
  std::optional<double> ratio;
  std::optional<int32_t> words;
  std::optional<int32_t> chars;
  std::string language;
  std::string reference_time;
  std::string time_zone;
  std::vector<std::string> target_locales;
  int32_t max_facts = 0;
  std::string request_id;
};

// Reads FILE, or stdin for "-". nullopt (and an error line) when unreadable.
std::optional<std::string> ReadInput(const std::string& path, std::istream& in,
                                     std::ostream& err) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(in),
                       std::istreambuf_iterator<char>());
  }
  // A directory opens as a stream on Linux and then reads as nothing: only
  // a regular file (or what a symlink points at) is input.
  std::error_code ec;
  std::ifstream file;
  if (std::filesystem::is_regular_file(path, ec)) file.open(path, std::ios::binary);
  std::ostringstream text;
  if (file.is_open()) text << file.rdbuf();
  if (!file.is_open() || file.bad()) {
    err << "precis: error: cannot read input file '" << path << "'\n";
    return std::nullopt;
  }
  return text.str();
}

std::string OneLine(std::string s) {
  absl::StrReplaceAll({{"\r\n", " "}, {"\n", " "}, {"\r", " "}}, &s);
  return s;
}

int ReportError(const grpc::Status& status, std::ostream& err) {
  err << "precis: error: " << DescribeError(status) << "\n";
  // An overloaded server is unavailable for now, not an invalid input.
  if (IsOverloaded(status)) return kExitUnavailable;
  return ExitCodeFor(status.error_code());
}

std::chrono::milliseconds Deadline(const GlobalFlags& flags) {
  return std::chrono::milliseconds(
      static_cast<int64_t>(std::llround(flags.deadline_seconds * 1000)));
}

}  // namespace

int ExitCodeFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return kExitOk;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
    case grpc::StatusCode::OUT_OF_RANGE:
      return kExitInvalidInput;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return kExitUnavailable;
    default:
      return kExitFailure;
  }
}

std::string DescribeError(const grpc::Status& status) {
  static const char* const kNames[] = {
      "OK",        "CANCELLED",         "UNKNOWN",        "INVALID_ARGUMENT",
      "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
      "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
      "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
      "UNAUTHENTICATED"};
  const int code = static_cast<int>(status.error_code());
  std::string line = (code >= 0 && code <= 16)
                         ? std::string(kNames[code])
                         : absl::StrCat("code ", code);
  absl::StrAppend(&line, ": ", status.error_message());
  // The message normally starts with the field; name it when it does not.
  if (std::optional<google::rpc::BadRequest> bad = api::BadRequestOf(status)) {
    for (const auto& v : bad->field_violations()) {
      if (status.error_message().rfind(v.field(), 0) != 0) {
        absl::StrAppend(&line, " (field ", v.field(), ")");
      }
    }
  }
  // gRPC's transport refuses very large messages before the service sees
  // them, with a terse message and no details.
  if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED &&
      status.error_details().empty()) {
    absl::StrAppend(&line,
                    " (the text exceeds the server's size limit; see "
                    "`precis capabilities`)");
  }
  return OneLine(std::move(line));
}

int RunCli(int argc, const char* const* argv, std::istream& in,
           std::ostream& out, std::ostream& err) {
  CLI::App app{"precis — extractive summaries and key facts from a Précis server"};
  app.set_version_flag("--version", std::string("precis ") + PRECIS_VERSION);
  app.require_subcommand(1);
  GlobalFlags global;
  app.add_option("--server", global.server, "precisd address host:port")
      ->capture_default_str();
  app.add_flag("--local", global.local,
               "Run the engine in this process instead of calling a server "
               "(same conversion, same output)");
  app.add_option("--format", global.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "xliff", "html", "markdown"}))
      ->capture_default_str();
  // Bounded to a year: a clock time point counts nanoseconds, and a far
  // larger deadline would overflow it.
  app.add_option("--deadline", global.deadline_seconds,
                 "Call deadline in seconds (0.001 to 31536000)")
      ->check(CLI::Range(0.001, 31536000.0))
      ->capture_default_str();
  app.add_flag("--tls", global.tls.enabled,
               "Connect over TLS (verified against the system's CAs unless "
               "--ca is given)");
  app.add_option("--ca", global.tls.ca_file,
                 "PEM CA certificate(s) to verify the server (implies --tls)")
      ->check(CLI::ExistingFile);
  app.add_option("--cert", global.tls.cert_file,
                 "PEM client certificate for mutual TLS (implies --tls; needs "
                 "--key)")
      ->check(CLI::ExistingFile);
  app.add_option("--key", global.tls.key_file,
                 "PEM private key of --cert")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-server-name", global.tls.server_name,
                 "Name to verify in the server certificate instead of the "
                 "--server host (e.g. through a port-forward; implies --tls)");

  SummarizeFlags sf;
  CLI::App* summarize = app.add_subcommand(
      "summarize", "Summarize an article (summary sentences and key facts)");
  summarize->fallthrough();
  summarize->add_option("input", sf.input, "Input file, or - for stdin")
      ->capture_default_str();
  CLI::Option* o_sentences =
      summarize->add_option("--sentences", sf.sentences,
                            "At most N sentences (1..1000)");
  CLI::Option* o_ratio = summarize->add_option(
      "--ratio", sf.ratio, "At most this fraction of the sentences, (0, 1]");
  CLI::Option* o_words =
      summarize->add_option("--words", sf.words, "At most N words in total");
  CLI::Option* o_chars = summarize->add_option(
      "--chars", sf.chars, "At most N characters in total");
  o_sentences->excludes(o_ratio, o_words, o_chars);
  o_ratio->excludes(o_words, o_chars);
  o_words->excludes(o_chars);
  summarize->add_option("--lang", sf.language,
                        "BCP-47 language hint (default: detect)");
  summarize->add_option("--reference-time", sf.reference_time,
                        "\"Now\" for relative dates, RFC 3339 "
                        "(e.g. 2022-01-10T12:00:00Z)");
  summarize->add_option("--time-zone", sf.time_zone,
                        "IANA time zone for --reference-time (default UTC)");
  // One value per occurrence: "--target-locale de FILE" must not read FILE
  // as a second locale.
  summarize
      ->add_option("--target-locale", sf.target_locales,
                   "Render facts for this BCP-47 locale (repeatable)")
      ->allow_extra_args(false);
  summarize->add_option("--max-facts", sf.max_facts,
                        "At most N facts (0 = server default)")
      ->check(CLI::NonNegativeNumber);
  summarize->add_option("--request-id", sf.request_id,
                        "Id echoed in the response and the server log");
  std::string out_dir;
  summarize->add_option("--out-dir", out_dir,
                        "With --format xliff and several --target-locale: "
                        "write summary.<locale>.xlf per locale here");

  std::string segment_input = "-";
  std::string segment_language;
  CLI::App* segment = app.add_subcommand(
      "segment", "Split a text into paragraphs and sentences");
  segment->fallthrough();
  segment->add_option("input", segment_input, "Input file, or - for stdin")
      ->capture_default_str();
  segment->add_option("--lang", segment_language,
                      "BCP-47 language hint (default: detect)");

  CLI::App* capabilities = app.add_subcommand(
      "capabilities", "List languages, limits and the server version");
  capabilities->fallthrough();
  std::string health_service;
  CLI::App* health = app.add_subcommand(
      "health", "Check the server's grpc.health.v1 status (exit 0 if SERVING)");
  health->fallthrough();
  health->add_option("--service", health_service,
                     "Service to check (default: the whole server)");

  BatchOptions batch_options;
  std::optional<int32_t> batch_sentences;
  std::string batch_language;
  std::vector<std::string> batch_locales;
  CLI::App* batch = app.add_subcommand(
      "batch",
      "Summarize many articles (a directory of .txt files or a JSONL file of "
      "{\"id\", \"text\", ...}) into JSONL, over SummarizeStream");
  batch->fallthrough();
  batch->add_option("input", batch_options.input, "Directory or .jsonl file")
      ->required();
  batch->add_option("--output,-o", batch_options.output,
                    "JSONL output file (default: stdout)");
  batch->add_flag("--resume", batch_options.resume,
                  "Skip ids already in --output and append");
  batch->add_option("--jobs,-j", batch_options.jobs,
                    "Requests in flight (threads with --local)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  batch->add_option("--progress", batch_options.progress,
                    "Progress bar on stderr: auto (if a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  batch->add_option("--sentences", batch_sentences,
                    "Default summary length in sentences");
  batch->add_option("--lang", batch_language, "Default BCP-47 language hint");
  batch->add_option("--target-locale", batch_locales,
                    "Render facts for this locale (repeatable)")
      ->allow_extra_args(false);

  // Subcommand help does not list the parent's options; name them.
  for (CLI::App* sub : {summarize, segment, capabilities, health, batch}) {
    sub->footer(
        "Common options (see precis --help): --server HOST:PORT "
        "(default localhost:50051), --local, --format "
        "text|json|xliff|html|markdown (the last three: summarize only; "
        "batch always writes JSONL and takes no --format), "
        "--deadline SECONDS (default 30), --tls, --ca FILE, --cert FILE, "
        "--key FILE, --tls-server-name NAME.\n"
        "Exit status: 0 ok, 2 usage, 3 invalid input, 4 server unavailable, "
        "1 other error.");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    err << "precis: error: " << OneLine(e.what()) << " (see --help)\n";
    return kExitUsage;
  }

  const bool json = global.format == "json";
  const bool document = !json && global.format != "text";
  if (document && !summarize->parsed()) {
    err << "precis: error: --format " << global.format
        << " is for summarize only (see --help)\n";
    return kExitUsage;
  }
  const std::chrono::milliseconds deadline = Deadline(global);
  if (global.local && global.tls.active()) {
    err << "precis: error: --local runs no connection; drop the TLS flags\n";
    return kExitUsage;
  }
  std::shared_ptr<grpc::Channel> channel;
  if (!global.local) {
    absl::StatusOr<std::shared_ptr<grpc::Channel>> made =
        MakeChannel(global.server, global.tls);
    if (!made.ok()) {
      err << "precis: error: " << made.status().message() << "\n";
      return kExitUsage;
    }
    channel = *std::move(made);
  }

  if (health->parsed()) {
    if (global.local) {
      err << "precis: error: health needs a server; --local is not supported\n";
      return kExitUsage;
    }
    ServingStatus serving = ServingStatus::kUnknown;
    grpc::Status status =
        CheckHealth(channel, health_service, deadline, &serving);
    if (!status.ok()) return ReportError(status, err);
    if (json) {
      out << "{\n  \"status\": \"" << ServingStatusName(serving) << "\"\n}\n";
    } else {
      out << ServingStatusName(serving) << "\n";
    }
    if (serving == ServingStatus::kServing) return kExitOk;
    err << "precis: error: " << global.server << " is "
        << ServingStatusName(serving) << "\n";
    return kExitUnavailable;
  }

  if (batch->parsed()) {
    if (json || document) {
      err << "precis: error: batch always writes JSONL; drop --format\n";
      return kExitUsage;
    }
    if (batch_sentences) batch_options.defaults.set_max_sentences(*batch_sentences);
    batch_options.defaults.set_language(batch_language);
    for (const std::string& l : batch_locales) {
      batch_options.defaults.add_target_locales(l);
    }
    batch_options.deadline = deadline;
    if (global.local) {
      absl::StatusOr<std::unique_ptr<Backend>> local =
          MakeLocalBackend(EngineConfig(), deadline);
      if (!local.ok()) return ReportError(api::ToGrpcStatus(local.status()), err);
      return RunBatch(batch_options, nullptr, local->get(), out, err);
    }
    return RunBatch(batch_options, channel, nullptr, out, err);
  }

  std::unique_ptr<Backend> backend;
  if (global.local) {
    absl::StatusOr<std::unique_ptr<Backend>> local =
        MakeLocalBackend(EngineConfig(), deadline);
    if (!local.ok()) {
      return ReportError(api::ToGrpcStatus(local.status()), err);
    }
    backend = *std::move(local);
  } else {
    backend = MakeRemoteBackend(channel, deadline);
  }

  if (capabilities->parsed()) {
    v1::GetCapabilitiesResponse response;
    grpc::Status status = backend->GetCapabilities(&response);
    if (!status.ok()) return ReportError(status, err);
    out << (json ? FormatJson(response) : FormatCapabilitiesText(response));
    return kExitOk;
  }

  if (segment->parsed()) {
    std::optional<std::string> text = ReadInput(segment_input, in, err);
    if (!text.has_value()) return kExitUsage;
    if (absl::Status utf8 = api::ValidateUtf8Field("text", *text); !utf8.ok()) {
      return ReportError(api::ToGrpcStatus(utf8), err);
    }
    v1::SegmentRequest request;
    request.set_text(*std::move(text));
    request.set_language(segment_language);
    v1::SegmentResponse response;
    grpc::Status status = backend->Segment(request, &response);
    if (!status.ok()) return ReportError(status, err);
    out << (json ? FormatJson(response) : FormatSegmentText(response));
    return kExitOk;
  }

  // summarize
  std::optional<std::string> text = ReadInput(sf.input, in, err);
  if (!text.has_value()) return kExitUsage;
  if (absl::Status utf8 = api::ValidateUtf8Field("text", *text); !utf8.ok()) {
    return ReportError(api::ToGrpcStatus(utf8), err);
  }
  v1::SummarizeRequest request;
  request.set_text(*std::move(text));
  request.set_language(sf.language);
  if (sf.sentences) request.set_max_sentences(*sf.sentences);
  if (sf.ratio) request.set_ratio(*sf.ratio);
  if (sf.words) request.set_max_words(*sf.words);
  if (sf.chars) request.set_max_chars(*sf.chars);
  if (!sf.reference_time.empty() &&
      !google::protobuf::util::TimeUtil::FromString(
          sf.reference_time, request.mutable_reference_time())) {
    err << "precis: error: --reference-time: not an RFC 3339 timestamp: '"
        << sf.reference_time << "'\n";
    return kExitUsage;
  }
  request.set_time_zone(sf.time_zone);
  for (const std::string& locale : sf.target_locales) {
    request.add_target_locales(locale);
  }
  request.set_max_facts(sf.max_facts);
  request.set_request_id(sf.request_id);
  v1::ExportFormat export_format = v1::EXPORT_FORMAT_UNSPECIFIED;
  if (global.format == "xliff") export_format = v1::EXPORT_FORMAT_XLIFF;
  if (global.format == "html") export_format = v1::EXPORT_FORMAT_HTML;
  if (global.format == "markdown") export_format = v1::EXPORT_FORMAT_MARKDOWN;
  if (export_format == v1::EXPORT_FORMAT_XLIFF && sf.target_locales.size() > 1 &&
      out_dir.empty()) {
    err << "precis: error: --format xliff with several --target-locale writes "
           "one document per locale: give --out-dir DIR\n";
    return kExitUsage;
  }
  if (export_format != v1::EXPORT_FORMAT_UNSPECIFIED) {
    request.add_export_formats(export_format);
  }
  v1::SummarizeResponse response;
  grpc::Status status = backend->Summarize(request, &response);
  if (!status.ok()) return ReportError(status, err);
  if (export_format == v1::EXPORT_FORMAT_UNSPECIFIED) {
    out << (json ? FormatJson(response) : FormatSummaryText(response));
    return kExitOk;
  }
  if (!out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    for (const v1::Export& e : response.exports()) {
      const std::filesystem::path path = std::filesystem::path(out_dir) / e.file_name();
      std::ofstream file(path, std::ios::binary);
      file << e.content();
      if (!file) {
        err << "precis: error: cannot write '" << path.string() << "'\n";
        return kExitFailure;
      }
      out << path.string() << "\n";
    }
    return kExitOk;
  }
  for (const v1::Export& e : response.exports()) out << e.content();
  return kExitOk;
}

}  // namespace precis::cli
