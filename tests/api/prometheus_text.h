// A strict parser of the Prometheus text exposition format 0.0.4 for tests
// (header-only; used by tests/api and tests/integration): HELP/TYPE lines,
// samples `name{label="value",...} value`, label escapes, and the rules a
// scraper enforces (valid names, one TYPE per family, declared before its
// samples, no duplicate series, histogram buckets cumulative and ending in
// +Inf equal to _count).
#ifndef PRECIS_TESTS_API_PROMETHEUS_TEXT_H_
#define PRECIS_TESTS_API_PROMETHEUS_TEXT_H_

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace precis::testing {

struct PromSample {
  std::string name;
  std::vector<std::pair<std::string, std::string>> labels;
  double value = 0;
};

struct PromText {
  std::map<std::string, std::string> types;  // family -> counter|gauge|...
  std::vector<PromSample> samples;

  // The value of the series `name` whose labels include every pair in
  // `labels`; NaN when there is none, or more than one.
  double Get(std::string_view name,
             const std::vector<std::pair<std::string, std::string>>& labels = {}) const {
    double found = std::nan("");
    int n = 0;
    for (const PromSample& s : samples) {
      if (s.name != name) continue;
      bool all = true;
      for (const auto& want : labels) {
        bool has = false;
        for (const auto& l : s.labels) has = has || l == want;
        all = all && has;
      }
      if (all) {
        found = s.value;
        ++n;
      }
    }
    return n == 1 ? found : std::nan("");
  }
};

inline bool IsMetricName(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       c == '_' || c == ':';
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

inline bool ParseValue(std::string_view s, double* out) {
  if (s == "+Inf") { *out = INFINITY; return true; }
  if (s == "-Inf") { *out = -INFINITY; return true; }
  if (s == "NaN") { *out = NAN; return true; }
  const std::string copy(s);
  char* end = nullptr;
  *out = std::strtod(copy.c_str(), &end);
  return !copy.empty() && end == copy.c_str() + copy.size();
}

// The family a sample belongs to (histogram and summary suffixes removed
// when the base name is declared so).
inline std::string FamilyOf(const std::string& name, const PromText& t) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string_view sv(suffix);
    if (name.size() > sv.size() &&
        name.compare(name.size() - sv.size(), sv.size(), sv) == 0) {
      const std::string base = name.substr(0, name.size() - sv.size());
      auto it = t.types.find(base);
      if (it != t.types.end() &&
          (it->second == "histogram" || it->second == "summary")) {
        return base;
      }
    }
  }
  return name;
}

// Parses and validates `text`; on failure returns false with `error` set.
inline bool ParsePrometheusText(std::string_view text, PromText* out,
                                std::string* error) {
  PromText t;
  std::set<std::string> series;
  size_t line_no = 0;
  if (!text.empty() && text.back() != '\n') {
    *error = "the exposition must end with a newline";
    return false;
  }
  while (!text.empty()) {
    ++line_no;
    const size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol + 1);
    auto fail = [&](const std::string& why) {
      *error = "line " + std::to_string(line_no) + ": " + why + ": " +
               std::string(line);
      return false;
    };
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (line.substr(0, 7) == "# TYPE ") {
        const std::string_view rest = line.substr(7);
        const size_t sp = rest.find(' ');
        if (sp == std::string_view::npos) return fail("malformed TYPE");
        const std::string name(rest.substr(0, sp));
        const std::string type(rest.substr(sp + 1));
        if (!IsMetricName(name)) return fail("bad metric name");
        if (type != "counter" && type != "gauge" && type != "histogram" &&
            type != "summary" && type != "untyped") {
          return fail("bad type");
        }
        if (t.types.count(name) != 0) return fail("second TYPE");
        for (const PromSample& s : t.samples) {
          if (FamilyOf(s.name, t) == name) return fail("TYPE after samples");
        }
        t.types[name] = type;
      } else if (line.substr(0, 7) == "# HELP ") {
        const std::string_view rest = line.substr(7);
        if (!IsMetricName(rest.substr(0, rest.find(' ')))) {
          return fail("bad HELP name");
        }
      }
      continue;  // Other comments are allowed.
    }
    PromSample s;
    size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
    s.name = std::string(line.substr(0, i));
    if (!IsMetricName(s.name)) return fail("bad metric name");
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (i < line.size() && line[i] != '}') {
        size_t eq = line.find('=', i);
        if (eq == std::string_view::npos) return fail("label without =");
        const std::string label(line.substr(i, eq - i));
        if (!IsMetricName(label) || label.find(':') != std::string::npos) {
          return fail("bad label name");
        }
        i = eq + 1;
        if (i >= line.size() || line[i] != '"') return fail("unquoted label");
        ++i;
        std::string value;
        while (i < line.size() && line[i] != '"') {
          if (line[i] == '\\') {
            if (i + 1 >= line.size()) return fail("dangling escape");
            const char e = line[i + 1];
            if (e == 'n') value += '\n';
            else if (e == '\\' || e == '"') value += e;
            else return fail("bad escape");
            i += 2;
          } else {
            value += line[i++];
          }
        }
        if (i >= line.size()) return fail("unterminated label value");
        ++i;  // closing quote
        s.labels.emplace_back(label, value);
        if (i < line.size() && line[i] == ',') ++i;
      }
      if (i >= line.size()) return fail("unterminated labels");
      ++i;  // '}'
    }
    if (i >= line.size() || line[i] != ' ') return fail("no value");
    std::string_view value = line.substr(i + 1);
    const size_t sp = value.find(' ');
    if (sp != std::string_view::npos) value = value.substr(0, sp);  // timestamp
    if (!ParseValue(value, &s.value)) return fail("bad value");
    const std::string family = FamilyOf(s.name, t);
    if (t.types.count(family) == 0) return fail("sample before its TYPE");
    std::string key = s.name + "{";
    for (const auto& [k, v] : s.labels) key += k + "=" + v + ",";
    if (!series.insert(key).second) return fail("duplicate series");
    t.samples.push_back(std::move(s));
  }
  // Histograms: per label set (le excluded), buckets non-decreasing in le
  // order of appearance, the last is +Inf and equals _count.
  for (const auto& [family, type] : t.types) {
    if (type != "histogram") continue;
    std::map<std::string, std::vector<std::pair<double, double>>> buckets;
    std::map<std::string, double> counts;
    for (const PromSample& s : t.samples) {
      std::string key;
      double le = NAN;
      for (const auto& [k, v] : s.labels) {
        if (k == "le") {
          if (!ParseValue(v, &le)) {
            *error = family + ": bad le";
            return false;
          }
        } else {
          key += k + "=" + v + ",";
        }
      }
      if (s.name == family + "_bucket") buckets[key].emplace_back(le, s.value);
      if (s.name == family + "_count") counts[key] = s.value;
    }
    for (const auto& [key, list] : buckets) {
      for (size_t b = 1; b < list.size(); ++b) {
        if (!(list[b].first > list[b - 1].first) ||
            list[b].second < list[b - 1].second) {
          *error = family + "{" + key + "}: buckets not cumulative";
          return false;
        }
      }
      if (list.empty() || !std::isinf(list.back().first) ||
          counts.count(key) == 0 || counts[key] != list.back().second) {
        *error = family + "{" + key + "}: +Inf bucket missing or != _count";
        return false;
      }
    }
  }
  *out = std::move(t);
  return true;
}

}  // namespace precis::testing

#endif  // PRECIS_TESTS_API_PROMETHEUS_TEXT_H_
