#include "server_config.h"

#include <climits>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "status_macros.h"
#include "yaml-cpp/yaml.h"

namespace precis {
namespace {

// Largest accepted max_text_bytes: gRPC messages are capped at 2 GiB and the
// server admits up to twice the limit (see precis_server.cc).
constexpr int64_t kMaxTextBytesCeiling = int64_t{256} << 20;

// Largest connection timing: gRPC takes these in int milliseconds, so about
// 24.8 days; a larger value is refused rather than silently clamped.
constexpr double kMaxConnectionSeconds = INT_MAX / 1000;

// Builds error messages with the source name and the node's position.
class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  std::string Where(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return source_;
    return absl::StrCat(source_, ":", mark.line + 1, ":", mark.column + 1);
  }

  absl::Status Error(const YAML::Node& node, std::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrCat(Where(node), ": ", absl::string_view(what.data(), what.size())));
  }

  // `node` must be a map (or absent/null) whose keys are all in `allowed`.
  absl::Status CheckMap(const YAML::Node& node, std::string_view section,
                        std::initializer_list<const char*> allowed) const {
    if (!node || node.IsNull()) return absl::OkStatus();
    if (!node.IsMap()) {
      return Error(node, absl::StrCat("section '", std::string(section),
                                      "' must be a map"));
    }
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      bool known = false;
      for (const char* a : allowed) known = known || key == a;
      if (!known) {
        return Error(entry.first,
                     absl::StrCat("unknown key '", key, "' in ",
                                  section.empty() ? std::string("top level")
                                                  : absl::StrCat("section '", std::string(section), "'"),
                                  " (allowed: ", absl::StrJoin(allowed, ", "),
                                  ")"));
      }
    }
    return absl::OkStatus();
  }

  // Reads `map[key]` into *out when present; checks [lo, hi].
  template <typename T>
  absl::Status Get(const YAML::Node& map, const char* key, T lo, T hi,
                   T* out) const {
    if (!map || map.IsNull()) return absl::OkStatus();
    const YAML::Node node = map[key];
    if (!node) return absl::OkStatus();
    T value;
    if (!node.IsScalar() || !YAML::convert<T>::decode(node, value)) {
      return Error(node, absl::StrCat("'", key, "' must be ", TypeName<T>()));
    }
    if constexpr (std::is_floating_point_v<T>) {
      if (!std::isfinite(value)) {
        return Error(node, absl::StrCat("'", key, "' must be finite"));
      }
    }
    if constexpr (!std::is_same_v<T, bool>) {
      if (value < lo || value > hi) {
        return Error(node, absl::StrCat("'", key, "' must be in [", lo, ", ",
                                        hi, "], got ", node.Scalar()));
      }
    }
    *out = value;
    return absl::OkStatus();
  }

  absl::Status GetString(const YAML::Node& map, const char* key,
                         std::string* out, bool allow_empty = false) const {
    if (!map || map.IsNull()) return absl::OkStatus();
    const YAML::Node node = map[key];
    if (!node) return absl::OkStatus();
    if (!node.IsScalar() || (node.Scalar().empty() && !allow_empty)) {
      return Error(node, absl::StrCat("'", key, "' must be a non-empty string"));
    }
    *out = node.Scalar();
    return absl::OkStatus();
  }

 private:
  template <typename T>
  static const char* TypeName() {
    if constexpr (std::is_same_v<T, bool>) {
      return "true or false";
    } else if constexpr (std::is_integral_v<T>) {
      return "an integer";
    } else {
      return "a number";
    }
  }

  std::string source_;
};

absl::StatusOr<ServerConfig> ParseRoot(const YAML::Node& root,
                                       const Reader& r) {
  ServerConfig config;
  if (!root || root.IsNull()) return config;  // Empty file: all defaults.
  RETURN_IF_ERROR(r.CheckMap(root, "",
                             {"server", "limits", "engine", "metrics", "tls"}));

  const YAML::Node server = root["server"];
  RETURN_IF_ERROR(r.CheckMap(
      server, "server",
      {"listen", "worker_threads", "reflection", "log_requests", "log_format",
       "shutdown_drain_seconds", "shutdown_grace_seconds",
       "max_connection_age_seconds", "max_connection_age_grace_seconds",
       "keepalive_time_seconds", "keepalive_timeout_seconds"}));
  RETURN_IF_ERROR(r.GetString(server, "listen", &config.listen_address));
  RETURN_IF_ERROR(
      r.Get<int>(server, "worker_threads", 0, 1024, &config.worker_threads));
  RETURN_IF_ERROR(
      r.Get<bool>(server, "reflection", false, true, &config.reflection));
  RETURN_IF_ERROR(
      r.Get<bool>(server, "log_requests", false, true, &config.log_requests));
  if (server && server.IsMap() && server["log_format"]) {
    std::string format;
    RETURN_IF_ERROR(r.GetString(server, "log_format", &format));
    if (format != "text" && format != "json") {
      return r.Error(server["log_format"],
                     absl::StrCat("'log_format' must be text or json, got ",
                                  format));
    }
    config.log_json = format == "json";
  }
  RETURN_IF_ERROR(r.Get<double>(server, "shutdown_drain_seconds", 0,
                                       3600, &config.shutdown_drain_seconds));
  RETURN_IF_ERROR(r.Get<double>(server, "shutdown_grace_seconds", 0,
                                       3600, &config.shutdown_grace_seconds));
  // Upper bounds keep every value representable as gRPC's int milliseconds.
  RETURN_IF_ERROR(r.Get<double>(server, "max_connection_age_seconds", 0,
                                kMaxConnectionSeconds,
                                &config.max_connection_age_seconds));
  RETURN_IF_ERROR(r.Get<double>(server, "max_connection_age_grace_seconds", 0,
                                kMaxConnectionSeconds,
                                &config.max_connection_age_grace_seconds));
  // gRPC caps keepalive pings below 10 s for clients; a server pinging more
  // often than once a second only burns CPU.
  RETURN_IF_ERROR(r.Get<double>(server, "keepalive_time_seconds", 1,
                                kMaxConnectionSeconds,
                                &config.keepalive_time_seconds));
  RETURN_IF_ERROR(r.Get<double>(server, "keepalive_timeout_seconds", 1,
                                kMaxConnectionSeconds,
                                &config.keepalive_timeout_seconds));

  EngineConfig& engine = config.engine;
  const YAML::Node limits = root["limits"];
  RETURN_IF_ERROR(r.CheckMap(
      limits, "limits",
      {"max_in_flight_calls", "max_call_seconds", "stream_window",
       "max_text_bytes", "default_max_sentences", "default_max_facts",
       "max_facts"}));
  RETURN_IF_ERROR(r.Get<int64_t>(limits, "max_in_flight_calls", 0, 1000000,
                                 &config.max_in_flight_calls));
  RETURN_IF_ERROR(r.Get<double>(limits, "max_call_seconds", 0, 3600,
                                &config.max_call_seconds));
  RETURN_IF_ERROR(
      r.Get<int>(limits, "stream_window", 0, 4096, &config.stream_window));
  RETURN_IF_ERROR(r.Get<int64_t>(limits, "max_text_bytes", 1,
                                        kMaxTextBytesCeiling,
                                        &engine.max_text_bytes));
  RETURN_IF_ERROR(r.Get<int32_t>(limits, "default_max_sentences", 1,
                                        1000, &engine.default_max_sentences));
  RETURN_IF_ERROR(r.Get<int32_t>(limits, "max_facts", 0, 1000,
                                        &engine.max_facts_limit));
  RETURN_IF_ERROR(r.Get<int32_t>(limits, "default_max_facts", 0,
                                        engine.max_facts_limit,
                                        &engine.default_max_facts));
  if (engine.default_max_facts > engine.max_facts_limit) {
    return r.Error(limits, absl::StrCat("'default_max_facts' (",
                                        engine.default_max_facts,
                                        ") exceeds 'max_facts' (",
                                        engine.max_facts_limit, ")"));
  }

  const YAML::Node metrics = root["metrics"];
  RETURN_IF_ERROR(r.CheckMap(metrics, "metrics", {"listen"}));
  RETURN_IF_ERROR(r.GetString(metrics, "listen", &config.metrics_listen,
                              /*allow_empty=*/true));
  if (!config.metrics_listen.empty() &&
      config.metrics_listen.rfind(':') == std::string::npos) {
    return r.Error(metrics["listen"],
                   "'listen' must be host:port (\"\" turns metrics off)");
  }

  const YAML::Node tls = root["tls"];
  RETURN_IF_ERROR(r.CheckMap(tls, "tls",
                             {"cert_file", "key_file", "client_ca_file",
                              "require_client_cert"}));
  ServerConfig::Tls& t = config.tls;
  RETURN_IF_ERROR(r.GetString(tls, "cert_file", &t.cert_file, true));
  RETURN_IF_ERROR(r.GetString(tls, "key_file", &t.key_file, true));
  RETURN_IF_ERROR(r.GetString(tls, "client_ca_file", &t.client_ca_file, true));
  RETURN_IF_ERROR(r.Get<bool>(tls, "require_client_cert", false, true,
                              &t.require_client_cert));
  if (t.cert_file.empty() != t.key_file.empty()) {
    return r.Error(tls, "'cert_file' and 'key_file' must be set together");
  }
  if (!t.client_ca_file.empty() && t.cert_file.empty()) {
    return r.Error(tls, "'client_ca_file' needs 'cert_file' and 'key_file'");
  }
  if (t.require_client_cert && t.client_ca_file.empty()) {
    return r.Error(tls, "'require_client_cert' needs 'client_ca_file'");
  }

  const YAML::Node engine_node = root["engine"];
  RETURN_IF_ERROR(
      r.CheckMap(engine_node, "engine", {"max_key_phrases", "ranker"}));
  RETURN_IF_ERROR(r.Get<int32_t>(engine_node, "max_key_phrases", 0, 100,
                                        &engine.max_key_phrases));
  if (engine_node && engine_node.IsMap()) {
    const YAML::Node ranker = engine_node["ranker"];
    // Every RankerWeights field, its key and its accepted range.
    RankerWeights& w = engine.ranker;
    struct Weight {
      const char* key;
      double* value;
      double lo, hi;
    };
    constexpr double kMaxWeight = 100;
    const Weight weights[] = {
        {"centrality", &w.centrality, 0, kMaxWeight},
        {"centrality_beta", &w.centrality_beta, 0, 1},
        {"centrality_lambda_before", &w.centrality_lambda_before, -kMaxWeight,
         kMaxWeight},
        {"centrality_lambda_after", &w.centrality_lambda_after, -kMaxWeight,
         kMaxWeight},
        {"salience", &w.salience, 0, kMaxWeight},
        {"position", &w.position, 0, kMaxWeight},
        {"position_decay", &w.position_decay, 0, 10},
        {"headline", &w.headline, 0, kMaxWeight},
        {"facts", &w.facts, 0, kMaxWeight},
        {"length", &w.length, 0, kMaxWeight},
        {"length_saturation_words", &w.length_saturation_words, 1, 1000},
        {"length_saturation_sentences", &w.length_saturation_sentences, 0, 1000},
        {"coverage_lead", &w.coverage_lead, 0, 1},
        {"coverage_full", &w.coverage_full, 0, 1},
        {"mmr_lambda", &w.mmr_lambda, 0, 1},
        {"dependent_discount", &w.dependent_discount, 0, 1},
        {"quotation", &w.quotation, 0, kMaxWeight},
    };
    if (ranker && !ranker.IsNull()) {
      if (!ranker.IsMap()) {
        return r.Error(ranker, "section 'engine.ranker' must be a map");
      }
      for (const auto& entry : ranker) {
        const std::string key = entry.first.Scalar();
        bool known = false;
        for (const Weight& weight : weights) known = known || key == weight.key;
        if (!known) {
          std::vector<std::string> allowed;
          for (const Weight& weight : weights) allowed.push_back(weight.key);
          return r.Error(entry.first,
                         absl::StrCat("unknown key '", key,
                                      "' in section 'engine.ranker' (allowed: ",
                                      absl::StrJoin(allowed, ", "), ")"));
        }
      }
      for (const Weight& weight : weights) {
        RETURN_IF_ERROR(
            r.Get<double>(ranker, weight.key, weight.lo, weight.hi, weight.value));
      }
    }
  }
  return config;
}

}  // namespace

absl::StatusOr<ServerConfig> ParseServerConfig(std::string_view yaml_text,
                                               std::string_view source_name) {
  const Reader reader(source_name);
  // yaml-cpp reports syntax and conversion errors by throwing; they stop here.
  try {
    const YAML::Node root = YAML::Load(std::string(yaml_text));
    if (root && !root.IsNull() && !root.IsMap()) {
      return reader.Error(root, "the configuration must be a YAML map");
    }
    return ParseRoot(root, reader);
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(
        std::string(source_name), ":", e.mark.line + 1, ":", e.mark.column + 1,
        ": invalid YAML: ", e.msg));
  }
}

std::string DescribeConfig(const ServerConfig& c) {
  return absl::StrCat(
      "worker_threads=", c.worker_threads == 0 ? std::string("auto")
                                              : absl::StrCat(c.worker_threads),
      " max_text_bytes=", c.engine.max_text_bytes,
      " default_max_sentences=", c.engine.default_max_sentences,
      " default_max_facts=", c.engine.default_max_facts,
      " reflection=", c.reflection ? "on" : "off",
      " log_requests=", c.log_requests ? "on" : "off",
      " log_format=", c.log_json ? "json" : "text",
      " max_in_flight_calls=",
      c.max_in_flight_calls == 0 ? std::string("auto")
                                 : absl::StrCat(c.max_in_flight_calls),
      " max_call_seconds=",
      c.max_call_seconds == 0 ? std::string("unlimited")
                              : absl::StrCat(c.max_call_seconds),
      " metrics=", c.metrics_listen.empty() ? std::string("off") : c.metrics_listen,
      " tls=",
      !c.tls.enabled()               ? "off"
      : c.tls.require_client_cert    ? "mutual"
      : !c.tls.client_ca_file.empty() ? "on (client certificates verified)"
                                      : "on",
      " shutdown_grace_seconds=", c.shutdown_grace_seconds,
      " shutdown_drain_seconds=", c.shutdown_drain_seconds,
      " max_connection_age_seconds=",
      c.max_connection_age_seconds == 0
          ? std::string("unlimited")
          : absl::StrCat(c.max_connection_age_seconds),
      " max_connection_age_grace_seconds=", c.max_connection_age_grace_seconds,
      " keepalive_time_seconds=", c.keepalive_time_seconds,
      " keepalive_timeout_seconds=", c.keepalive_timeout_seconds);
}

absl::StatusOr<TlsFiles> LoadTlsFiles(const ServerConfig::Tls& tls) {
  auto read = [](const char* key, const std::string& path,
                 std::string* out) -> absl::Status {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return absl::NotFoundError(
          absl::StrCat("tls.", key, ": cannot read '", path, "'"));
    }
    std::ostringstream text;
    text << in.rdbuf();
    *out = text.str();
    if (out->find("-----BEGIN ") == std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("tls.", key, ": '", path, "' holds no PEM data"));
    }
    return absl::OkStatus();
  };
  TlsFiles files;
  RETURN_IF_ERROR(read("cert_file", tls.cert_file, &files.cert_chain));
  RETURN_IF_ERROR(read("key_file", tls.key_file, &files.private_key));
  if (!tls.client_ca_file.empty()) {
    RETURN_IF_ERROR(read("client_ca_file", tls.client_ca_file, &files.client_ca));
  }
  return files;
}

absl::StatusOr<ServerConfig> LoadServerConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot read config file '", path, "'"));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseServerConfig(text.str(), path);
}

}  // namespace precis
