#include "batch_runner.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/client_context.h"
#include "precis/v1/precis.grpc.pb.h"
#include "cli_app.h"
#include "proto_convert.h"
#include "utf8_validation.h"

namespace precis::cli {
namespace {

// A JSON number id as text, in the shortest form that reads back as the same
// number ("1234567", "2.5"), not StrCat's six significant digits
// ("1.23457e+06"), which would merge distinct ids and make --resume skip
// items.
std::string NumberId(double v) {
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), v);
  return error == std::errc() ? std::string(buffer, end) : absl::StrFormat("%.17g", v);
}

namespace fs = std::filesystem;
namespace pb = google::protobuf;

struct Item {
  std::string id;
  // The request, or why the item cannot be sent (reported as its line).
  grpc::Status status;
  v1::SummarizeRequest request;
};

// The items of a directory or a JSONL file, read one at a time.
class ItemSource {
 public:
  static std::unique_ptr<ItemSource> Open(const std::string& input, std::string* error) {
    auto s = std::unique_ptr<ItemSource>(new ItemSource());
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      for (const auto& entry : fs::directory_iterator(input, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".txt") {
          s->files_.push_back(entry.path());
        }
      }
      std::sort(s->files_.begin(), s->files_.end());
      s->total_ = static_cast<int64_t>(s->files_.size());
      s->directory_ = true;
      return s;
    }
    s->jsonl_.open(input, std::ios::binary);
    if (!s->jsonl_) {
      *error = absl::StrCat("cannot read batch input '", input, "'");
      return nullptr;
    }
    std::string line;
    while (std::getline(s->jsonl_, line)) s->total_ += !IsBlank(line);
    s->jsonl_.clear();
    s->jsonl_.seekg(0);
    return s;
  }

  int64_t total() const { return total_; }

  // False at the end.
  bool Next(const v1::SummarizeRequest& defaults, Item* item) {
    *item = Item();
    item->request = defaults;
    if (directory_) {
      if (next_file_ >= files_.size()) return false;
      const fs::path& path = files_[next_file_++];
      item->id = path.stem().string();
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in) {
        item->status = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                    absl::StrCat("cannot read '", path.string(), "'"));
      }
      SetText(text.str(), item);
      return true;
    }
    std::string line;
    do {
      if (!std::getline(jsonl_, line)) return false;
      ++line_number_;
    } while (IsBlank(line));
    item->id = absl::StrCat("line-", line_number_);
    pb::Struct object;
    pb::util::JsonParseOptions strict;
    if (!pb::util::JsonStringToMessage(line, &object, strict).ok()) {
      item->status = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                  absl::StrCat("line ", line_number_, ": not a JSON object"));
      return true;
    }
    auto& fields = *object.mutable_fields();
    if (auto it = fields.find("id"); it != fields.end()) {
      if (it->second.has_string_value()) {
        item->id = it->second.string_value();
      } else if (it->second.has_number_value()) {
        item->id = NumberId(it->second.number_value());
      }
      fields.erase(it);
    }
    std::string rest;
    (void)pb::util::MessageToJsonString(object, &rest);
    v1::SummarizeRequest own;
    const auto parsed = pb::util::JsonStringToMessage(rest, &own);
    if (!parsed.ok()) {
      item->status = grpc::Status(
          grpc::StatusCode::INVALID_ARGUMENT,
          absl::StrCat("line ", line_number_, ": ", std::string(parsed.message())));
      return true;
    }
    item->request.MergeFrom(own);
    item->request.set_request_id(item->id);
    return true;
  }

 private:
  ItemSource() = default;

  static bool IsBlank(const std::string& line) {
    return line.find_first_not_of(" \t\r") == std::string::npos;
  }

  void SetText(std::string text, Item* item) {
    if (item->status.ok()) {
      if (absl::Status utf8 = api::ValidateUtf8Field("text", text); !utf8.ok()) {
        item->status = api::ToGrpcStatus(utf8);
      }
    }
    item->request.set_text(std::move(text));
    item->request.set_request_id(item->id);
  }

  bool directory_ = false;
  std::vector<fs::path> files_;
  size_t next_file_ = 0;
  std::ifstream jsonl_;
  int64_t line_number_ = 0;
  int64_t total_ = 0;
};

std::string JsonLine(const v1::SummarizeResponse& response) {
  std::string json;
  (void)pb::util::MessageToJsonString(response, &json);
  json.push_back('\n');
  return json;
}

v1::SummarizeResponse ErrorResponse(const std::string& id, const grpc::Status& status) {
  v1::SummarizeResponse r;
  r.set_request_id(id);
  if (std::optional<google::rpc::Status> details = api::RpcStatusOf(status)) {
    *r.mutable_error() = *details;
  } else {
    r.mutable_error()->set_code(static_cast<int>(status.error_code()));
    r.mutable_error()->set_message(status.error_message());
  }
  return r;
}

// Ids already in `path`; cuts a partial last line (no final newline).
std::set<std::string> DoneIds(const std::string& path) {
  std::set<std::string> ids;
  std::ifstream in(path, std::ios::binary);
  if (!in) return ids;
  std::ostringstream all;
  all << in.rdbuf();
  in.close();
  std::string text = all.str();
  const size_t last = text.rfind('\n');
  const size_t keep = last == std::string::npos ? 0 : last + 1;
  if (keep != text.size()) {
    std::error_code ec;
    fs::resize_file(path, keep, ec);
    text.resize(keep);
  }
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    pb::Struct object;
    if (!pb::util::JsonStringToMessage(line, &object).ok()) continue;
    auto it = object.fields().find("requestId");
    if (it != object.fields().end() && it->second.has_string_value()) {
      ids.insert(it->second.string_value());
    }
  }
  return ids;
}

// Progress on stderr, at most ten times a second.
class Progress {
 public:
  Progress(bool enabled, int64_t total, std::ostream& err)
      : enabled_(enabled), total_(total), err_(err), start_(Clock::now()) {}

  void Update(int64_t done, bool final = false) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    err_ << "\r" << ProgressLine(done, total_, seconds) << (final ? "\n" : "") << std::flush;
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  int64_t total_;
  std::ostream& err_;
  Clock::time_point start_;
  Clock::time_point last_{};
};

}  // namespace

std::string ProgressLine(int64_t done, int64_t total, double seconds, int width) {
  const double fraction = total > 0 ? std::min(1.0, static_cast<double>(done) / total) : 1.0;
  const int filled = static_cast<int>(fraction * width);
  const double rate = seconds > 0 ? done / seconds : 0;
  std::string eta = "--:--";
  if (rate > 0) {
    const int64_t left = static_cast<int64_t>((total - done) / rate + 0.5);
    eta = absl::StrFormat("%d:%02d", left / 60, left % 60);
  }
  return absl::StrFormat("[%s%s] %d/%d %3.0f%% %.1f/s ETA %s", std::string(filled, '#'),
                         std::string(width - filled, ' '), done, total, fraction * 100, rate,
                         eta);
}

int RunBatch(const BatchOptions& options, std::shared_ptr<grpc::Channel> channel,
             Backend* local, std::ostream& out, std::ostream& err) {
  std::string error;
  std::unique_ptr<ItemSource> source = ItemSource::Open(options.input, &error);
  if (source == nullptr) {
    err << "precis: error: " << error << "\n";
    return 2;
  }
  const bool to_stdout = options.output.empty() || options.output == "-";
  if (options.resume && to_stdout) {
    err << "precis: error: --resume needs --output FILE\n";
    return 2;
  }
  std::set<std::string> done_ids;
  if (options.resume) done_ids = DoneIds(options.output);
  std::ofstream file;
  if (!to_stdout) {
    file.open(options.output, std::ios::binary | (options.resume ? std::ios::app : std::ios::trunc));
    if (!file) {
      err << "precis: error: cannot write '" << options.output << "'\n";
      return 2;
    }
  }
  std::ostream& sink = to_stdout ? out : file;
  const bool show = options.progress == "always" ||
                    (options.progress == "auto" && isatty(STDERR_FILENO) && &err == &std::cerr);
  Progress progress(show, source->total(), err);

  std::mutex mu;  // Guards sink, counters.
  int64_t finished = 0, failed = 0, skipped = 0;
  auto emit = [&](const v1::SummarizeResponse& r) {
    std::lock_guard<std::mutex> lock(mu);
    sink << JsonLine(r);
    sink.flush();
    ++finished;
    failed += r.has_error();
    progress.Update(finished + skipped);
  };
  const int jobs = std::max(1, options.jobs);
  grpc::Status call_status;

  if (local != nullptr) {
    std::mutex source_mu;
    std::vector<std::thread> threads;
    for (int t = 0; t < jobs; ++t) {
      threads.emplace_back([&] {
        for (;;) {
          Item item;
          {
            std::lock_guard<std::mutex> lock(source_mu);
            if (!source->Next(options.defaults, &item)) return;
            if (done_ids.contains(item.id)) {
              std::lock_guard<std::mutex> count(mu);
              ++skipped;
              continue;
            }
          }
          if (!item.status.ok()) {
            emit(ErrorResponse(item.id, item.status));
            continue;
          }
          v1::SummarizeResponse response;
          grpc::Status s = local->Summarize(item.request, &response);
          emit(s.ok() ? response : ErrorResponse(item.id, s));
        }
      });
    }
    for (std::thread& t : threads) t.join();
  } else {
    auto stub = v1::SummarizerService::NewStub(channel);
    grpc::ClientContext context;
    // The stream's deadline covers every item; capped at a year from now,
    // so that many items times a long per-item deadline cannot overflow the
    // clock.
    constexpr std::chrono::milliseconds kMaxStream = std::chrono::hours(24 * 365);
    const int64_t items = std::max<int64_t>(1, source->total());
    const std::chrono::milliseconds stream_deadline =
        options.deadline.count() > kMaxStream.count() / items ? kMaxStream
                                                               : options.deadline * items;
    context.set_deadline(std::chrono::system_clock::now() + stream_deadline);
    auto stream = stub->SummarizeStream(&context);
    std::condition_variable cv;
    int in_flight = 0;
    bool reader_done = false;
    std::thread writer([&] {
      Item item;
      while (source->Next(options.defaults, &item)) {
        if (done_ids.contains(item.id)) {
          std::lock_guard<std::mutex> lock(mu);
          ++skipped;
          continue;
        }
        if (!item.status.ok()) {
          emit(ErrorResponse(item.id, item.status));
          continue;
        }
        {
          // Flow control on our side too: no more than `jobs` unanswered.
          std::unique_lock<std::mutex> lock(mu);
          cv.wait(lock, [&] { return in_flight < jobs || reader_done; });
          if (reader_done) break;
          ++in_flight;
        }
        if (!stream->Write(item.request)) break;
      }
      stream->WritesDone();
    });
    v1::SummarizeResponse response;
    while (stream->Read(&response)) {
      emit(response);
      std::lock_guard<std::mutex> lock(mu);
      --in_flight;
      cv.notify_all();
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      reader_done = true;
      cv.notify_all();
    }
    writer.join();
    call_status = stream->Finish();
  }
  progress.Update(finished + skipped, /*final=*/true);
  err << "precis: batch: " << finished - failed << " ok, " << failed << " failed, " << skipped
      << " skipped\n";
  if (!call_status.ok()) {
    err << "precis: error: " << DescribeError(call_status) << "\n";
    return call_status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                   call_status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED
               ? 4
               : 1;
  }
  return failed > 0 ? 1 : 0;
}

}  // namespace precis::cli
