#include "export_writer.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "field_error.h"
#include "google/protobuf/util/json_util.h"

namespace precis::api {
namespace {

constexpr char kXliffNamespace[] = "urn:oasis:names:tc:xliff:document:2.0";

// XML 1.0 text or attribute value: the five predefined entities, and the
// characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE, U+FFFF)
// dropped. Also right for HTML.
std::string Xml(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(s[i + 2]) == 0xBE ||
             static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
          i += 2;
          break;
        }
        out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// White space runs as one space (placeholder texts are exact source slices;
// the documents show them as in normalized_text).
std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string TypeName(v1::FactType type) {
  const std::string& name = v1::FactType_Name(type);
  return name.empty() ? absl::StrCat(static_cast<int>(type)) : name;
}

std::string Lower(std::string s) {
  absl::AsciiStrToLower(&s);
  return s;
}

std::string Language(const v1::SummarizeResponse& r) {
  return r.language().empty() ? "und" : r.language();
}

const v1::Placeholder* PlaceholderAt(const v1::Sentence& s, int index) {
  return index >= 0 && index < s.placeholders_size() ? &s.placeholders(index) : nullptr;
}

// Markdown inline text: the characters that start markup escaped.
std::string Markdown(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::vector<TemplatePart> SplitTemplate(std::string_view p) {
  std::vector<TemplatePart> parts;
  auto literal = [&](std::string_view s) {
    if (parts.empty() || parts.back().placeholder) parts.push_back({});
    parts.back().text.append(s);
  };
  bool quoted = false;
  size_t i = 0;
  while (i < p.size()) {
    const char c = p[i];
    if (c == '\'') {
      if (i + 1 < p.size() && p[i + 1] == '\'') {
        literal("'");
        i += 2;
      } else if (quoted) {
        quoted = false;
        ++i;
      } else if (i + 1 < p.size() && (p[i + 1] == '{' || p[i + 1] == '}')) {
        quoted = true;
        ++i;
      } else {
        literal("'");
        ++i;
      }
      continue;
    }
    if (c == '{' && !quoted) {
      const size_t end = p.find('}', i);
      int index = -1;
      if (end != std::string_view::npos && end > i + 1 && end - i <= 8) {
        index = 0;
        for (size_t k = i + 1; k < end; ++k) {
          if (p[k] < '0' || p[k] > '9') {
            index = -1;
            break;
          }
          index = index * 10 + (p[k] - '0');
        }
      }
      if (index < 0) return {TemplatePart{false, -1, std::string(p)}};
      TemplatePart part;
      part.placeholder = true;
      part.index = index;
      parts.push_back(std::move(part));
      i = end + 1;
      continue;
    }
    literal(p.substr(i, 1));
    ++i;
  }
  return parts;
}

std::string ToXliff(const v1::SummarizeResponse& r, std::string_view target_locale) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  absl::StrAppend(&out, "<xliff xmlns=\"", kXliffNamespace, "\" version=\"2.0\" srcLang=\"",
                  Xml(Language(r)), "\"");
  if (!target_locale.empty()) absl::StrAppend(&out, " trgLang=\"", Xml(target_locale), "\"");
  absl::StrAppend(&out, ">\n  <file id=\"summary\">\n");
  if (!r.title().empty()) {
    absl::StrAppend(&out, "    <notes>\n      <note category=\"title\">", Xml(r.title()),
                    "</note>\n    </notes>\n");
  }
  for (const v1::Sentence& s : r.summary()) {
    const std::vector<TemplatePart> parts =
        s.template_().empty() ? std::vector<TemplatePart>{{false, -1, s.normalized_text()}}
                              : SplitTemplate(s.template_());
    std::string data;
    std::string source;
    for (const TemplatePart& part : parts) {
      const v1::Placeholder* p = part.placeholder ? PlaceholderAt(s, part.index) : nullptr;
      if (part.placeholder && p == nullptr) continue;
      if (p == nullptr) {
        source += Xml(part.text);
        continue;
      }
      const std::string text = Collapse(p->text());
      const std::string sub = absl::StrCat("precis:", Lower(TypeName(p->type())));
      if (p->translate()) {
        // A name with usual translations: its text stays translatable.
        absl::StrAppend(&source, "<pc id=\"p", p->index(), "\" type=\"other\" subType=\"",
                        sub, "\">", Xml(text), "</pc>");
        continue;
      }
      auto display = p->display().find(std::string(target_locale));
      const std::string& disp =
          display != p->display().end() && !target_locale.empty() ? display->second : text;
      absl::StrAppend(&data, "        <data id=\"d", p->index(), "\">", Xml(text), "</data>\n");
      absl::StrAppend(&source, "<ph id=\"p", p->index(), "\" dataRef=\"d", p->index(),
                      "\" type=\"other\" subType=\"", sub, "\" equiv=\"", Xml(text),
                      "\" disp=\"", Xml(disp), "\"/>");
    }
    absl::StrAppend(&out, "    <unit id=\"s", s.id(), "\">\n");
    if (!data.empty()) {
      absl::StrAppend(&out, "      <originalData>\n", data, "      </originalData>\n");
    }
    absl::StrAppend(&out, "      <segment id=\"s", s.id(), "-1\">\n        <source>", source,
                    "</source>\n      </segment>\n    </unit>\n");
  }
  absl::StrAppend(&out, "  </file>\n</xliff>\n");
  return out;
}

std::string ToHtml(const v1::SummarizeResponse& r) {
  const std::string title = r.title().empty() ? "Summary" : r.title();
  std::string out = absl::StrCat("<!DOCTYPE html>\n<html lang=\"", Xml(Language(r)),
                                 "\">\n<head>\n<meta charset=\"utf-8\">\n<title>", Xml(title),
                                 "</title>\n</head>\n<body>\n<article>\n");
  if (!r.title().empty()) absl::StrAppend(&out, "<h1>", Xml(r.title()), "</h1>\n");
  absl::StrAppend(&out, "<ol class=\"summary\">\n");
  for (const v1::Sentence& s : r.summary()) {
    absl::StrAppend(&out, "<li data-sentence=\"", s.id(), "\">");
    const std::vector<TemplatePart> parts =
        s.template_().empty() ? std::vector<TemplatePart>{{false, -1, s.normalized_text()}}
                              : SplitTemplate(s.template_());
    for (const TemplatePart& part : parts) {
      const v1::Placeholder* p = part.placeholder ? PlaceholderAt(s, part.index) : nullptr;
      if (p == nullptr) {
        if (!part.placeholder) out += Xml(part.text);
        continue;
      }
      const std::string attrs =
          absl::StrCat(" data-type=\"", TypeName(p->type()), "\"",
                       p->value().empty() ? "" : absl::StrCat(" data-value=\"", Xml(p->value()), "\""));
      if (p->translate()) {
        absl::StrAppend(&out, "<span class=\"name\"", attrs, ">", Xml(Collapse(p->text())),
                        "</span>");
      } else {
        absl::StrAppend(&out, "<span translate=\"no\" class=\"notranslate\"", attrs, ">",
                        Xml(Collapse(p->text())), "</span>");
      }
    }
    absl::StrAppend(&out, "</li>\n");
  }
  absl::StrAppend(&out, "</ol>\n");
  if (r.facts_size() > 0) {
    absl::StrAppend(&out, "<h2>Key facts</h2>\n<ul class=\"facts\">\n");
    for (const v1::KeyFact& f : r.facts()) {
      const bool names = f.type() == v1::PLACE || f.type() == v1::ORGANIZATION;
      absl::StrAppend(&out, "<li data-type=\"", TypeName(f.type()), "\" data-value=\"",
                      Xml(f.value()), "\">",
                      names ? "<span class=\"name\">"
                            : "<span translate=\"no\" class=\"notranslate\">",
                      Xml(Collapse(f.text())), "</span></li>\n");
    }
    absl::StrAppend(&out, "</ul>\n");
  }
  absl::StrAppend(&out, "</article>\n</body>\n</html>\n");
  return out;
}

std::string ToMarkdown(const v1::SummarizeResponse& r) {
  std::string out;
  if (!r.title().empty()) absl::StrAppend(&out, "# ", Markdown(r.title()), "\n\n");
  int n = 0;
  for (const v1::Sentence& s : r.summary()) {
    absl::StrAppend(&out, ++n, ". ", Markdown(s.normalized_text()), "\n");
  }
  if (r.summary_size() == 0) {
    absl::StrAppend(&out, "*(empty", r.empty_reason().empty() ? "" : ": ",
                    Markdown(r.empty_reason()), ")*\n");
  }
  if (r.facts_size() > 0) {
    absl::StrAppend(&out, "\n## Key facts\n\n| Type | Text | Value |\n|---|---|---|\n");
    for (const v1::KeyFact& f : r.facts()) {
      std::string value = f.value();
      if (!f.unit().empty()) absl::StrAppend(&value, " ", f.unit());
      absl::StrAppend(&out, "| ", TypeName(f.type()), " | ", Markdown(Collapse(f.text())), " | ",
                      Markdown(value), " |\n");
    }
  }
  return out;
}

std::string ToText(const v1::SummarizeResponse& r) {
  std::string out;
  if (!r.title().empty()) absl::StrAppend(&out, "Title: ", r.title(), "\n");
  absl::StrAppend(&out, "Language: ", r.language().empty() ? "-" : r.language(),
                  absl::StrFormat(" (confidence %.2f)", r.language_confidence()), "\n\n");
  absl::StrAppend(&out, "Summary:\n");
  if (r.summary_size() == 0) {
    absl::StrAppend(&out, "  (empty", r.empty_reason().empty() ? "" : ": " + r.empty_reason(),
                    ")\n");
  }
  int n = 0;
  for (const v1::Sentence& s : r.summary()) {
    absl::StrAppend(&out, absl::StrFormat("%3d. ", ++n), s.normalized_text(), "\n");
  }
  if (r.facts_size() > 0) {
    absl::StrAppend(&out, "\nKey facts:\n");
    for (const v1::KeyFact& f : r.facts()) {
      absl::StrAppend(&out, "  - ", TypeName(f.type()), ": \"", f.text(), "\"");
      if (!f.value().empty() && f.value() != f.text()) absl::StrAppend(&out, " = ", f.value());
      if (!f.unit().empty()) absl::StrAppend(&out, " ", f.unit());
      if (!f.modifier().empty()) absl::StrAppend(&out, " (", f.modifier(), ")");
      for (const auto& [locale, text] : f.display()) {
        absl::StrAppend(&out, " [", locale, ": ", text, "]");
      }
      absl::StrAppend(&out, "\n");
    }
  }
  return out;
}

std::string ToJson(const v1::SummarizeResponse& response) {
  v1::SummarizeResponse copy = response;
  copy.clear_exports();
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(copy, &json, options);
  if (json.empty() || json.back() != '\n') json.push_back('\n');
  return json;
}

absl::Status ValidateExportFormats(const v1::SummarizeRequest& request) {
  for (int i = 0; i < request.export_formats_size(); ++i) {
    const int f = request.export_formats(i);
    if (f == v1::EXPORT_FORMAT_UNSPECIFIED || !v1::ExportFormat_IsValid(f)) {
      return FieldError(absl::StrCat("export_formats[", i, "]"),
                        absl::StrCat("unknown export format ", f));
    }
    // A repeat would only build the same document again: each costs a
    // pass over the response, so repeats are refused rather than served.
    for (int j = 0; j < i; ++j) {
      if (request.export_formats(j) == f) {
        return FieldError(absl::StrCat("export_formats[", i, "]"),
                          absl::StrCat("repeats export_formats[", j, "]"));
      }
    }
  }
  return absl::OkStatus();
}

void AddExports(const v1::SummarizeRequest& request, v1::SummarizeResponse* response) {
  // Every document describes the response as it is before any export is
  // added (JSON leaves `exports` out): take the JSON first, so that it never
  // copies the documents made before it.
  std::string json;
  for (int f : request.export_formats()) {
    if (f == v1::EXPORT_FORMAT_JSON) json = ToJson(*response);
  }
  for (int i = 0; i < request.export_formats_size(); ++i) {
    const auto format = static_cast<v1::ExportFormat>(request.export_formats(i));
    auto add = [&](std::string content, std::string_view media_type, std::string_view locale,
                   std::string_view extension) {
      v1::Export* e = response->add_exports();
      e->set_format(format);
      e->set_locale(std::string(locale));
      e->set_media_type(std::string(media_type));
      e->set_file_name(absl::StrCat("summary", locale.empty() ? "" : ".", std::string(locale), ".", std::string(extension)));
      e->set_content(std::move(content));
    };
    switch (format) {
      case v1::EXPORT_FORMAT_XLIFF:
        if (request.target_locales_size() == 0) {
          add(ToXliff(*response, ""), "application/xliff+xml", "", "xlf");
        }
        for (const std::string& locale : request.target_locales()) {
          add(ToXliff(*response, locale), "application/xliff+xml", locale, "xlf");
        }
        break;
      case v1::EXPORT_FORMAT_HTML:
        add(ToHtml(*response), "text/html; charset=utf-8", "", "html");
        break;
      case v1::EXPORT_FORMAT_MARKDOWN:
        add(ToMarkdown(*response), "text/markdown; charset=utf-8", "", "md");
        break;
      case v1::EXPORT_FORMAT_TEXT:
        add(ToText(*response), "text/plain; charset=utf-8", "", "txt");
        break;
      case v1::EXPORT_FORMAT_JSON:
        add(std::move(json), "application/json", "", "json");
        break;
      default:
        break;
    }
  }
}

}  // namespace precis::api
