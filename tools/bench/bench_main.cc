// precis-bench: in-process engine throughput.
//
// For the bundled sample article and for every ../shared/data/summarization
// *.jsonl file present, runs Engine::Summarize over the articles for at least
// --seconds per round, --rounds times, and prints the median articles/s and
// MB/s (single thread: the engine's per-core speed). Also times Segment alone
// (normalization + segmentation + tokenization + boilerplate), the floor the
// ranking, selection and facts add to.
//
// --dump FILE writes every result (summaries, facts, phrases, spans, and a
// Segment with language detection) as text instead, one block per article:
// diff two dumps to check that an optimization changed no output.
#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "engine.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "language_data_loader.h"

namespace {

struct Corpus {
  std::string name;
  std::vector<std::string> texts;
  std::vector<std::string> langs;
  size_t bytes = 0;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Corpus LoadJsonl(const std::filesystem::path& path, size_t max_articles) {
  Corpus c;
  c.name = path.filename().string();
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line) && c.texts.size() < max_articles) {
    google::protobuf::Struct row;
    if (!google::protobuf::util::JsonStringToMessage(line, &row).ok()) continue;
    const auto& f = row.fields();
    auto text = f.find("text");
    if (text == f.end() || text->second.string_value().empty()) continue;
    c.texts.push_back(text->second.string_value());
    auto lang = f.find("lang");
    c.langs.push_back(lang == f.end() ? "" : lang->second.string_value());
    c.bytes += c.texts.back().size();
  }
  return c;
}

std::string SpanText(const precis::SourceSpan& s) {
  return std::to_string(s.byte_begin) + "-" + std::to_string(s.byte_end) + "/" +
         std::to_string(s.char_begin) + "-" + std::to_string(s.char_end) + "/" +
         std::to_string(s.utf16_begin) + "-" + std::to_string(s.utf16_end);
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

// Writes everything Summarize (with the file's language) and Segment (with
// detection) return for each article of `corpora` to `out`.
void Dump(const precis::Engine& engine, const std::vector<Corpus>& corpora, std::ostream& out) {
  for (const Corpus& c : corpora) {
    for (size_t i = 0; i < c.texts.size(); ++i) {
      out << "== " << c.name << " #" << i << "\n";
      precis::SummarizeOptions o;
      o.language = c.langs[i];
      o.reference_time_ms = 1640692800000;
      auto r = engine.Summarize(c.texts[i], o);
      if (!r.ok()) {
        out << "error " << r.status() << "\n";
      } else {
        out << "lang " << r->language << " " << Num(r->language_confidence) << "\n";
        out << "title " << r->title << " "
            << (r->title_span ? SpanText(*r->title_span) : std::string("-")) << "\n";
        for (const auto& s : r->summary) {
          out << "sent " << s.id << " " << Num(s.score) << " " << s.rank << " " << s.paragraph
              << " " << static_cast<int>(s.kind) << " " << SpanText(s.span) << " |" << s.text
              << "| |" << s.normalized_text << "| |" << s.message_template << "| "
              << s.placeholders.size() << "\n";
        }
        for (const auto& f : r->facts) {
          out << "fact " << static_cast<int>(f.type) << " |" << f.text << "| " << f.value << " "
              << f.unit << " " << f.sentence_id << " " << SpanText(f.span) << " "
              << Num(f.confidence) << " " << f.mentions.size() << " " << f.modifier << "\n";
        }
        for (const auto& k : r->key_phrases) {
          out << "phrase |" << k.text << "| " << Num(k.score) << " " << k.count << " "
              << SpanText(k.span) << "\n";
        }
        out << "stats " << r->stats.sentence_count << " " << r->stats.paragraph_count << " "
            << r->stats.char_count << " " << r->stats.word_count << " " << r->empty_reason
            << "\n";
      }
      auto seg = engine.Segment(c.texts[i], "");
      if (!seg.ok()) {
        out << "segment error " << seg.status() << "\n";
        continue;
      }
      out << "segment " << seg->language << " " << Num(seg->language_confidence) << " "
          << seg->sentences.size() << " " << seg->paragraphs.size() << "\n";
      for (const auto& s : seg->sentences) {
        out << " s " << SpanText(s.span) << " " << static_cast<int>(s.kind) << " "
            << s.paragraph << " |" << s.normalized_text << "|\n";
      }
    }
  }
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// Memory written between articles with --evict, so that each call starts
// with its data out of L1d and L2 (and its code out of L2), closer to how a
// server's engine thread finds them after gRPC's threads, other calls and
// the kernel have run on its core (a hot loop over one article keeps the
// engine's tables in L1/L2 and flatters it).
class CacheEvictor {
 public:
  explicit CacheEvictor(size_t kib) : buffer_(kib * 1024) {}
  bool on() const { return !buffer_.empty(); }
  void Evict() {
    // One write per cache line; the sum keeps the loop from being dropped.
    for (size_t i = 0; i < buffer_.size(); i += 64) buffer_[i] = static_cast<char>(buffer_[i] + 1);
    sink_ = sink_ + buffer_[buffer_.size() / 2];
  }

 private:
  std::vector<char> buffer_;
  volatile int sink_ = 0;
};

// Runs `fn` over the corpus repeatedly for `seconds`; returns articles/s.
// With an evictor, only the calls are timed, not the eviction between them.
template <typename Fn>
double Round(const Corpus& c, double seconds, size_t iterations, CacheEvictor& evictor,
             Fn fn) {
  using Clock = std::chrono::steady_clock;
  size_t done = 0;
  const auto start = Clock::now();
  double elapsed = 0;
  double in_calls = 0;
  do {
    for (size_t i = 0; i < c.texts.size(); ++i) {
      if (evictor.on()) {
        evictor.Evict();
        const auto t0 = Clock::now();
        fn(c.texts[i], c.langs[i]);
        in_calls += std::chrono::duration<double>(Clock::now() - t0).count();
      } else {
        fn(c.texts[i], c.langs[i]);
      }
      ++done;
    }
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (iterations > 0 ? done < iterations : elapsed < seconds);
  return done / (evictor.on() ? in_calls : elapsed);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"precis-bench: in-process Précis throughput (one thread)"};
  double seconds = 1.0;
  int rounds = 5;
  size_t max_articles = 200;
  std::string shared = std::string(PRECIS_SOURCE_DIR) + "/../shared";
  bool use_hint = true;
  size_t iterations = 0;
  app.add_option("--seconds", seconds, "Minimum seconds per round")->check(CLI::PositiveNumber);
  app.add_option("--rounds", rounds, "Rounds; the median is reported")->check(CLI::PositiveNumber);
  app.add_option("--max-articles", max_articles, "Articles per data file");
  app.add_option("--shared", shared, "The shared data folder");
  app.add_option("--iterations", iterations,
                 "Articles per round instead of --seconds (for callgrind: "
                 "valgrind --tool=callgrind --toggle-collect='precis::Engine::Summarize*')");
  size_t evict_kib = 0;
  app.add_option("--evict", evict_kib,
                 "Write this many KiB of other memory before each article (e.g. 8192: more "
                 "than L2), timing only the calls: the engine's data out of L1d/L2 and its "
                 "code out of L2, closer to a loaded server than a hot loop over one article");
  app.add_flag("!--detect", use_hint, "Detect the language instead of passing the file's");
  std::vector<std::string> only;
  app.add_option("--only", only,
                 "Measure only the corpora whose name contains one of these strings "
                 "('sample' for the bundled article)");
  std::string dump;
  app.add_option("--dump", dump,
                 "Write every result to this file instead of timing (diff two dumps to check "
                 "that a change kept the output)");
  CLI11_PARSE(app, argc, argv);

  auto resources = precis::LoadLanguageResources();
  if (!resources.ok()) {
    std::cerr << "precis-bench: " << resources.status() << "\n";
    return 1;
  }
  auto engine = precis::Engine::Create(precis::EngineConfig{}, *std::move(resources));
  if (!engine.ok()) {
    std::cerr << "precis-bench: " << engine.status() << "\n";
    return 1;
  }

  std::vector<Corpus> corpora;
  Corpus sample;
  sample.name = "sample article (us-russia-ukraine-talks.txt)";
  sample.texts.push_back(
      ReadFile(std::string(PRECIS_SOURCE_DIR) + "/tests/testdata/articles/us-russia-ukraine-talks.txt"));
  sample.langs.push_back("");
  sample.bytes = sample.texts[0].size();
  corpora.push_back(sample);
  const std::filesystem::path data = std::filesystem::path(shared) / "data" / "summarization";
  if (std::filesystem::is_directory(data)) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(data)) {
      if (e.path().extension() == ".jsonl") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) corpora.push_back(LoadJsonl(f, max_articles));
  } else {
    std::cout << "(no " << data << ": only the sample article is measured)\n";
  }

  if (!only.empty()) {
    std::erase_if(corpora, [&](const Corpus& c) {
      return std::none_of(only.begin(), only.end(), [&](const std::string& o) {
        return c.name.find(o) != std::string::npos;
      });
    });
  }
  if (!dump.empty()) {
    std::ofstream out(dump, std::ios::binary);
    Dump(**engine, corpora, out);
    return out.good() ? 0 : 1;
  }

  // Which library malloc resolves to (tcmalloc when PRECIS_TCMALLOC linked
  // it, as precisd does), so numbers are compared like with like.
  Dl_info malloc_info{};
  void* (*malloc_fn)(size_t) = &malloc;
  const char* allocator = dladdr(reinterpret_cast<void*>(malloc_fn), &malloc_info) != 0 &&
                                  malloc_info.dli_fname != nullptr
                              ? malloc_info.dli_fname
                              : "unknown";
  std::printf("malloc from %s\n", std::filesystem::path(allocator).filename().c_str());
  std::printf("%-48s %6s %9s %12s %9s %12s %8s\n", "corpus", "docs", "avg KB", "summarize/s",
              "MB/s", "segment/s", "rank+facts");
  CacheEvictor evictor(evict_kib);
  if (evictor.on()) std::printf("caches evicted before each article (%zu KiB written)\n", evict_kib);
  for (const Corpus& c : corpora) {
    if (c.texts.empty()) continue;
    std::vector<double> full, seg;
    for (int r = 0; r < rounds; ++r) {
      full.push_back(Round(c, seconds, iterations, evictor, [&](const std::string& t, const std::string& lang) {
        precis::SummarizeOptions o;
        if (use_hint) o.language = lang;
        o.reference_time_ms = 1640692800000;
        auto res = (*engine)->Summarize(t, o);
        if (!res.ok()) std::cerr << res.status() << "\n";
      }));
      seg.push_back(Round(c, seconds, iterations, evictor, [&](const std::string& t, const std::string& lang) {
        auto res = (*engine)->Segment(t, use_hint ? lang : "");
        if (!res.ok()) std::cerr << res.status() << "\n";
      }));
    }
    const double per_s = Median(full);
    const double seg_s = Median(seg);
    const double avg = static_cast<double>(c.bytes) / c.texts.size();
    // Share of the time spent after segmentation/tokenization.
    const double extra = seg_s > 0 ? 1.0 - per_s / seg_s : 0;
    std::printf("%-48s %6zu %9.1f %12.0f %9.2f %12.0f %7.0f%%\n", c.name.c_str(), c.texts.size(),
                avg / 1024, per_s, per_s * avg / 1e6, seg_s, 100 * extra);
  }
  return 0;
}
