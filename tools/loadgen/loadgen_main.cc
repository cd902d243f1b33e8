// precis-loadgen: load generator for precisd (gRPC, async, C++).
//
//   precis-loadgen --target HOST:PORT [--method summarize|segment|capabilities]
//                  [--concurrency N | --rate CALLS_PER_S] [--channels C]
//                  [--threads T] [--duration S] [--warmup S]
//                  [--text FILE | --articles-jsonl PATH...] [--verify]
//                  [--server-pid PID [--sample-interval S] [--max-rss-growth F]]
//                  [--sigterm-after S] [--json] [--progress]
//
// Prints calls/s, latency percentiles of successful calls (p50/p90/p99/p99.9),
// and errors by status code. With --server-pid it samples the server's
// resident memory (soak) and prints a verdict; with --sigterm-after it sends
// SIGTERM to the server mid-run and counts the calls sent before it that
// failed (a graceful shutdown fails none).
//
// Exit status: 0 no failed call (and the soak/shutdown verdict passed),
// 1 failed calls or verdict failed, 2 usage, 3 could not run.
#include <signal.h>
#include <sys/types.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "load_generator.h"
#include "process_times.h"
#include "rss_sampler.h"
#include "workload.h"

namespace {

using precis::loadgen::LatencyHistogram;
using precis::loadgen::LoadResult;
using precis::loadgen::Outcome;
using precis::loadgen::RssGrowth;
using precis::loadgen::RssSample;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitCannotRun = 3;

struct Flags {
  std::string target = "127.0.0.1:50051";
  std::string method = "summarize";
  std::string text_file = PRECIS_DEFAULT_ARTICLE;
  std::vector<std::string> jsonl;
  size_t max_articles = 0;
  bool language_hint = false;
  int max_sentences = 0;
  std::vector<std::string> target_locales;
  int concurrency = 16;
  double rate = 0;
  int channels = 2;
  int threads = 2;
  double duration = 10;
  double warmup = 1;
  double deadline = 10;
  double connect_timeout = 10;
  int max_in_flight = 20000;
  bool verify = false;
  int server_pid = 0;
  double sample_interval = 5;
  double max_rss_growth = 0.10;
  double sigterm_after = 0;
  bool json = false;
  bool progress = false;
  std::string write_request;
  std::string json_out;
};

double Micros(int64_t nanos) { return nanos / 1000.0; }

std::string ErrorsText(const Outcome& o) {
  if (o.errors.empty()) return "0";
  std::string s = absl::StrCat(o.failed(), " (");
  bool first = true;
  for (const auto& [kind, n] : o.errors) {
    absl::StrAppend(&s, first ? "" : ", ", kind, " ", n);
    first = false;
  }
  return s + ")";
}

google::protobuf::Value Number(double v) {
  google::protobuf::Value value;
  value.set_number_value(v);
  return value;
}

google::protobuf::Value Text(const std::string& v) {
  google::protobuf::Value value;
  value.set_string_value(v);
  return value;
}

google::protobuf::Value Boolean(bool v) {
  google::protobuf::Value value;
  value.set_bool_value(v);
  return value;
}

google::protobuf::Value ObjectValue(const google::protobuf::Struct& s) {
  google::protobuf::Value value;
  *value.mutable_struct_value() = s;
  return value;
}

google::protobuf::Struct OutcomeJson(const Outcome& o) {
  google::protobuf::Struct s;
  auto& f = *s.mutable_fields();
  f["ok"] = Number(o.ok);
  f["failed"] = Number(o.failed());
  google::protobuf::Struct errors;
  for (const auto& [kind, n] : o.errors) (*errors.mutable_fields())[kind] = Number(n);
  f["errors"] = ObjectValue(errors);
  google::protobuf::Struct examples;
  for (const auto& [kind, m] : o.error_examples) {
    (*examples.mutable_fields())[kind] = Text(m);
  }
  f["error_examples"] = ObjectValue(examples);
  return s;
}

google::protobuf::Struct LatencyJson(const LatencyHistogram& h) {
  google::protobuf::Struct s;
  auto& f = *s.mutable_fields();
  f["count"] = Number(h.count());
  f["p50"] = Number(Micros(h.Quantile(0.50)));
  f["p90"] = Number(Micros(h.Quantile(0.90)));
  f["p99"] = Number(Micros(h.Quantile(0.99)));
  f["p999"] = Number(Micros(h.Quantile(0.999)));
  f["min"] = Number(Micros(h.min()));
  f["max"] = Number(Micros(h.max()));
  f["mean"] = Number(h.mean() / 1000.0);
  return s;
}

struct Report {
  const Flags& flags;
  const precis::loadgen::Workload& workload;
  const LoadResult& result;
  const std::vector<RssSample>& samples;
  std::optional<RssGrowth> growth;
  bool sigterm_sent = false;
  bool pass = true;
  std::vector<std::string> verdict_reasons;
};

double CallsPerSecond(const LoadResult& r) {
  return r.measured_seconds > 0 ? (r.measured.ok + r.measured.failed()) / r.measured_seconds : 0;
}

double OkPerSecond(const LoadResult& r) {
  return r.measured_seconds > 0 ? r.measured.ok / r.measured_seconds : 0;
}

void PrintText(const Report& rep) {
  const Flags& f = rep.flags;
  const LoadResult& r = rep.result;
  const std::string mode =
      f.rate > 0 ? absl::StrFormat("open loop %.0f calls/s", f.rate)
                 : absl::StrFormat("closed loop %d in flight", f.concurrency);
  std::printf("precis-loadgen: %s -> %s, %s, %d channel(s), %d thread(s), "
              "%.0f s + %.0f s warm-up, %zu distinct request(s), %.0f B of text on average\n",
              precis::loadgen::MethodName(rep.workload.method()), f.target.c_str(),
              mode.c_str(), f.channels, f.threads, f.duration, f.warmup,
              rep.workload.size(),
              static_cast<double>(rep.workload.total_bytes()) / rep.workload.size());
  std::printf("calls/s      %.1f  (OK %.1f/s; %lld OK, %lld failed in %.2f s measured)\n",
              CallsPerSecond(r), OkPerSecond(r), static_cast<long long>(r.measured.ok),
              static_cast<long long>(r.measured.failed()), r.measured_seconds);
  const LatencyHistogram& h = r.latency;
  std::printf("latency us   p50 %.0f  p90 %.0f  p99 %.0f  p99.9 %.0f  max %.0f  mean %.0f%s\n",
              Micros(h.Quantile(0.5)), Micros(h.Quantile(0.9)),
              Micros(h.Quantile(0.99)), Micros(h.Quantile(0.999)), Micros(h.max()),
              h.mean() / 1000.0,
              f.rate > 0 ? "  (from scheduled send time)" : "");
  if (f.rate > 0) {
    std::printf("send lag us  p50 %.0f  p99 %.0f  max %.0f  not sent (client backlog) %lld\n",
                Micros(r.send_lag.Quantile(0.5)), Micros(r.send_lag.Quantile(0.99)),
                Micros(r.send_lag.max()), static_cast<long long>(r.not_sent));
  }
  std::printf("errors       %s  (whole run before any SIGTERM, warm-up included)\n",
              ErrorsText(r.before_event).c_str());
  for (const auto& [kind, m] : r.before_event.error_examples) {
    std::printf("  e.g. %s: %s\n", kind.c_str(), m.c_str());
  }
  if (!rep.samples.empty()) {
    std::printf("server RSS   ");
    for (const RssSample& s : rep.samples) {
      std::printf("%.0fs:%.1fMiB ", s.at_seconds, s.rss_kb / 1024.0);
    }
    std::printf("\n");
    if (rep.growth) {
      std::printf("RSS growth   baseline %.1f MiB (after %.0f s warm-up), max %.1f MiB "
                  "(%+.1f%%), final %.1f MiB (%+.1f%%), %d samples\n",
                  rep.growth->baseline_kb / 1024.0, f.warmup, rep.growth->max_kb / 1024.0,
                  rep.growth->max_growth * 100, rep.growth->final_kb / 1024.0,
                  rep.growth->final_growth * 100, rep.growth->samples);
    }
  }
  if (rep.sigterm_sent) {
    std::printf("SIGTERM      sent at %.2f s; calls sent before it: %lld OK, failed %s; "
                "of these in flight at SIGTERM (drained): %lld OK, failed %s; "
                "sent after it: %lld OK, failed %s\n",
                r.event_at_seconds, static_cast<long long>(r.before_event.ok),
                ErrorsText(r.before_event).c_str(),
                static_cast<long long>(r.in_flight_at_event.ok),
                ErrorsText(r.in_flight_at_event).c_str(),
                static_cast<long long>(r.after_event.ok),
                ErrorsText(r.after_event).c_str());
  }
  if (f.server_pid > 0 || rep.sigterm_sent) {
    std::printf("verdict      %s", rep.pass ? "PASS" : "FAIL");
    for (const std::string& why : rep.verdict_reasons) std::printf("; %s", why.c_str());
    std::printf("\n");
  }
}

std::string JsonReport(const Report& rep) {
  const Flags& fl = rep.flags;
  const LoadResult& r = rep.result;
  google::protobuf::Struct root;
  auto& f = *root.mutable_fields();
  f["method"] = Text(precis::loadgen::MethodName(rep.workload.method()));
  f["target"] = Text(fl.target);
  f["mode"] = Text(fl.rate > 0 ? "open_loop" : "closed_loop");
  if (fl.rate > 0) {
    f["rate"] = Number(fl.rate);
  } else {
    f["concurrency"] = Number(fl.concurrency);
  }
  f["channels"] = Number(fl.channels);
  f["threads"] = Number(fl.threads);
  f["duration_s"] = Number(fl.duration);
  f["warmup_s"] = Number(fl.warmup);
  f["distinct_requests"] = Number(rep.workload.size());
  f["mean_text_bytes"] =
      Number(static_cast<double>(rep.workload.total_bytes()) / rep.workload.size());
  f["measured_s"] = Number(r.measured_seconds);
  f["calls_per_second"] = Number(CallsPerSecond(r));
  f["ok_per_second"] = Number(OkPerSecond(r));
  f["measured"] = ObjectValue(OutcomeJson(r.measured));
  f["latency_us"] = ObjectValue(LatencyJson(r.latency));
  f["before_sigterm"] = ObjectValue(OutcomeJson(r.before_event));
  f["errors"] = Number(r.before_event.failed());
  if (fl.rate > 0) {
    f["send_lag_us"] = ObjectValue(LatencyJson(r.send_lag));
    f["not_sent"] = Number(r.not_sent);
  }
  if (!rep.samples.empty()) {
    google::protobuf::Value list;
    for (const RssSample& s : rep.samples) {
      google::protobuf::Struct o;
      (*o.mutable_fields())["t_s"] = Number(s.at_seconds);
      (*o.mutable_fields())["rss_kb"] = Number(s.rss_kb);
      (*o.mutable_fields())["ok"] = Number(s.ok);
      (*o.mutable_fields())["failed"] = Number(s.failed);
      *list.mutable_list_value()->add_values() = ObjectValue(o);
    }
    f["rss_samples"] = list;
  }
  if (rep.growth) {
    google::protobuf::Struct g;
    auto& gf = *g.mutable_fields();
    gf["baseline_kb"] = Number(rep.growth->baseline_kb);
    gf["max_kb"] = Number(rep.growth->max_kb);
    gf["final_kb"] = Number(rep.growth->final_kb);
    gf["max_growth"] = Number(rep.growth->max_growth);
    gf["final_growth"] = Number(rep.growth->final_growth);
    f["rss_growth"] = ObjectValue(g);
  }
  if (rep.sigterm_sent) {
    f["sigterm_at_s"] = Number(r.event_at_seconds);
    f["after_sigterm"] = ObjectValue(OutcomeJson(r.after_event));
    f["in_flight_at_sigterm"] = ObjectValue(OutcomeJson(r.in_flight_at_event));
  }
  f["pass"] = Boolean(rep.pass);
  google::protobuf::Value reasons;
  for (const std::string& why : rep.verdict_reasons) {
    *reasons.mutable_list_value()->add_values() = Text(why);
  }
  f["verdict_reasons"] = reasons;
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(root, &out, options);
  return out;
}

bool ProcessAlive(int pid) { return precis::loadgen::ReadResidentKilobytes(pid).ok(); }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"precis-loadgen — gRPC load generator for precisd"};
  Flags fl;
  app.add_option("--target", fl.target, "Server host:port")->capture_default_str();
  app.add_option("--method", fl.method, "summarize, segment or capabilities")
      ->capture_default_str();
  app.add_option("--text", fl.text_file, "Article to send (Summarize, Segment)")
      ->check(CLI::ExistingFile)
      ->capture_default_str();
  app.add_option("--articles-jsonl", fl.jsonl,
                 "JSONL files or directories of *.jsonl ({\"text\",\"lang\"} rows); "
                 "the articles are sent in turn (overrides --text)");
  app.add_option("--max-articles", fl.max_articles,
                 "At most this many rows per JSONL file (0 = all)");
  app.add_flag("--language-hint", fl.language_hint,
               "Send each JSONL row's \"lang\" as the language hint");
  app.add_option("--sentences", fl.max_sentences,
                 "SummarizeRequest.max_sentences (0 = server default)");
  app.add_option("--target-locale", fl.target_locales, "SummarizeRequest.target_locales");
  app.add_option("--concurrency,-c", fl.concurrency,
                 "Closed loop: calls kept in flight")->capture_default_str();
  app.add_option("--rate,-r", fl.rate,
                 "Open loop: calls per second on a fixed schedule (latency from the "
                 "scheduled send time); overrides --concurrency");
  app.add_option("--channels", fl.channels, "Channels (TCP connections)")
      ->capture_default_str();
  app.add_option("--threads", fl.threads, "Completion-queue threads")->capture_default_str();
  app.add_option("--duration,-d", fl.duration, "Measured seconds (after the warm-up)")
      ->capture_default_str();
  app.add_option("--warmup", fl.warmup, "Warm-up seconds (not measured)")
      ->capture_default_str();
  app.add_option("--deadline", fl.deadline, "Per-call deadline in seconds")
      ->capture_default_str();
  app.add_option("--connect-timeout", fl.connect_timeout,
                 "Seconds to wait for every channel to connect")
      ->capture_default_str();
  app.add_option("--max-in-flight", fl.max_in_flight,
                 "Open loop: calls not sent while this many are outstanding")
      ->capture_default_str();
  app.add_flag("--verify", fl.verify,
               "Parse every OK response with the generated types and check it");
  app.add_option("--server-pid", fl.server_pid,
                 "Sample this process's VmRSS (soak) and judge its growth");
  app.add_option("--sample-interval", fl.sample_interval, "Seconds between RSS samples")
      ->capture_default_str();
  app.add_option("--max-rss-growth", fl.max_rss_growth,
                 "Soak verdict: largest allowed RSS growth after warm-up (0.10 = 10%)")
      ->capture_default_str();
  app.add_option("--sigterm-after", fl.sigterm_after,
                 "Send SIGTERM to --server-pid this many seconds after the start "
                 "(warm-up included); load goes on until the server has exited");
  app.add_flag("--json", fl.json, "Print the report as JSON");
  app.add_option("--json-out", fl.json_out,
                 "Also write the JSON report to this file (text on stdout)");
  app.add_flag("--progress", fl.progress, "Print a line per sample interval on stderr");
  app.add_option("--write-request", fl.write_request,
                 "Write the first request as a gRPC-framed HTTP/2 body (5-byte "
                 "prefix + serialized message) to this file and exit (for h2load)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (fl.sigterm_after > 0 && fl.server_pid <= 0) {
    std::cerr << "precis-loadgen: error: --sigterm-after needs --server-pid" << std::endl;
    return kExitUsage;
  }
  if (fl.sample_interval <= 0) fl.sample_interval = 1;

  absl::StatusOr<precis::loadgen::Method> method = precis::loadgen::ParseMethod(fl.method);
  if (!method.ok()) {
    std::cerr << "precis-loadgen: error: " << method.status().message() << std::endl;
    return kExitUsage;
  }
  precis::loadgen::WorkloadOptions wo;
  wo.method = *method;
  wo.text_file = fl.text_file;
  wo.jsonl_paths = fl.jsonl;
  wo.max_articles_per_file = fl.max_articles;
  wo.use_language_hint = fl.language_hint;
  wo.max_sentences = fl.max_sentences;
  wo.target_locales = fl.target_locales;
  absl::StatusOr<precis::loadgen::Workload> workload = precis::loadgen::Workload::Build(wo);
  if (!workload.ok()) {
    std::cerr << "precis-loadgen: error: " << workload.status().message() << std::endl;
    return kExitCannotRun;
  }

  if (!fl.write_request.empty()) {
    std::ofstream out(fl.write_request, std::ios::binary);
    out << workload->GrpcFramedRequest(0);
    out.close();
    if (!out) {
      std::cerr << "precis-loadgen: error: cannot write " << fl.write_request << std::endl;
      return kExitCannotRun;
    }
    std::cout << workload->method_path() << std::endl;
    return kExitOk;
  }

  precis::loadgen::LoadOptions lo;
  lo.target = fl.target;
  lo.channels = fl.channels;
  lo.threads = fl.threads;
  lo.concurrency = fl.concurrency;
  lo.rate = fl.rate;
  lo.deadline_seconds = fl.deadline;
  lo.max_in_flight = fl.max_in_flight;
  lo.connect_timeout_seconds = fl.connect_timeout;
  lo.verify = fl.verify;
  auto generator = precis::loadgen::LoadGenerator::Create(lo, &*workload);
  if (!generator.ok()) {
    std::cerr << "precis-loadgen: error: " << generator.status().message() << std::endl;
    return kExitUsage;
  }
  if (absl::Status s = (*generator)->Start(); !s.ok()) {
    std::cerr << "precis-loadgen: error: " << s.message() << std::endl;
    return kExitCannotRun;
  }

  // The control loop: warm-up, samples, SIGTERM, end.
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&t0] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  std::vector<RssSample> samples;
  precis::loadgen::Progress last;
  double next_sample = 0;
  bool measuring = false;
  double last_sample_at = -1;
  bool sigterm_sent = false;
  const double end = fl.warmup + fl.duration;
  std::optional<precis::loadgen::ProcessTimes> last_times;
  double last_times_at = 0;
  auto take_sample = [&](double t) {
    const precis::loadgen::Progress p = (*generator)->progress();
    RssSample s;
    s.at_seconds = t;
    last_sample_at = t;
    s.ok = p.ok - last.ok;
    s.failed = p.failed - last.failed;
    last = p;
    std::string server;
    if (fl.server_pid > 0 && !sigterm_sent) {
      absl::StatusOr<int64_t> rss = precis::loadgen::ReadResidentKilobytes(fl.server_pid);
      if (rss.ok()) {
        s.rss_kb = *rss;
        samples.push_back(s);
        server = absl::StrFormat(", RSS %.1f MiB", s.rss_kb / 1024.0);
      }
      // The server's CPU and runnable wait over the interval: a stall with
      // little of either was outside the server's reach (the VM paused).
      absl::StatusOr<precis::loadgen::ProcessTimes> times =
          precis::loadgen::ReadProcessTimes(fl.server_pid);
      const double interval = t - last_times_at;
      if (times.ok() && last_times.has_value() && interval > 0) {
        absl::StrAppendFormat(&server, ", server CPU %.2f cores, runnable wait %.0f ms",
                              (times->cpu_seconds - last_times->cpu_seconds) / interval,
                              std::max(0.0, times->runnable_seconds -
                                                last_times->runnable_seconds) * 1e3);
      }
      if (times.ok()) {
        last_times = *times;
        last_times_at = t;
      }
    }
    if (fl.progress) {
      std::fprintf(stderr, "[%6.1fs] %lld OK, %lld failed, %lld in flight, max latency %.1f ms%s\n",
                   t, static_cast<long long>(s.ok), static_cast<long long>(s.failed),
                   static_cast<long long>(p.in_flight),
                   (*generator)->TakeMaxLatencyMicros() / 1e3, server.c_str());
    }
  };
  while (true) {
    const double t = elapsed();
    if (!measuring && t >= fl.warmup) {
      (*generator)->BeginMeasurement();
      measuring = true;
      take_sample(t);  // The RSS baseline.
      next_sample = t + fl.sample_interval;
    }
    if (!sigterm_sent && fl.sigterm_after > 0 && t >= fl.sigterm_after) {
      (*generator)->MarkEvent();
      kill(fl.server_pid, SIGTERM);
      sigterm_sent = true;
    }
    if (t >= next_sample) {
      take_sample(t);
      next_sample += fl.sample_interval;
    }
    // After SIGTERM the load goes on until the server is gone (the drain is
    // what is being tested), within the run's duration.
    if (sigterm_sent && !ProcessAlive(fl.server_pid)) break;
    if (t >= end) {
      if (t - last_sample_at > 0.1) take_sample(t);  // The final RSS.
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const LoadResult result = (*generator)->Stop();

  Report rep{fl, *workload, result, samples, std::nullopt, false, true, {}};
  rep.sigterm_sent = sigterm_sent;
  if (fl.server_pid > 0) rep.growth = precis::loadgen::ComputeRssGrowth(samples, fl.warmup);
  if (result.before_event.failed() > 0) {
    rep.pass = false;
    rep.verdict_reasons.push_back(
        absl::StrCat(result.before_event.failed(),
                     sigterm_sent ? " call(s) sent before SIGTERM failed"
                                  : " call(s) failed"));
  } else {
    rep.verdict_reasons.push_back(sigterm_sent ? "no call sent before SIGTERM failed"
                                               : "no failed call");
  }
  if (result.not_sent > 0) {
    rep.pass = false;
    rep.verdict_reasons.push_back(
        absl::StrCat(result.not_sent, " scheduled call(s) not sent (client backlog)"));
  }
  if (fl.server_pid > 0 && !sigterm_sent) {
    if (!rep.growth) {
      rep.pass = false;
      rep.verdict_reasons.push_back("fewer than 2 RSS samples after warm-up");
    } else if (rep.growth->max_growth >= fl.max_rss_growth) {
      rep.pass = false;
      rep.verdict_reasons.push_back(absl::StrFormat(
          "RSS grew %.1f%% after warm-up (limit %.0f%%)", rep.growth->max_growth * 100,
          fl.max_rss_growth * 100));
    } else {
      rep.verdict_reasons.push_back(absl::StrFormat(
          "RSS growth %.1f%% < %.0f%%", rep.growth->max_growth * 100,
          fl.max_rss_growth * 100));
    }
  }
  if (sigterm_sent && ProcessAlive(fl.server_pid)) {
    rep.pass = false;
    rep.verdict_reasons.push_back("server still running at the end of the run");
  }
  if (fl.json) {
    std::printf("%s", JsonReport(rep).c_str());
  } else {
    PrintText(rep);
  }
  if (!fl.json_out.empty()) {
    std::ofstream out(fl.json_out, std::ios::binary);
    out << JsonReport(rep);
    if (!out) std::cerr << "precis-loadgen: error: cannot write " << fl.json_out << std::endl;
  }
  return rep.pass ? kExitOk : kExitFailed;
}
