// Shared by the libFuzzer targets in tests/fuzz: the language resources and
// components built once per process, a deterministic reader of the fuzz
// input's option bytes, and invariant checks that abort (so libFuzzer
// records the input) when an output range leaves the text.
//
// Not thread-safe (libFuzzer runs one input at a time per process).
#ifndef PRECIS_TESTS_FUZZ_FUZZ_UTIL_H_
#define PRECIS_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "language_data_loader.h"
#include "language_resources.h"
#include "normalized_text.h"
#include "source_span.h"
#include "text_range.h"

// Aborts with the failed condition: a fuzz finding.
#define FUZZ_CHECK(cond)                                                    \
  do {                                                                      \
    if (!(cond)) {                                                          \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__,      \
                   __LINE__, #cond);                                        \
      std::abort();                                                         \
    }                                                                       \
  } while (0)

namespace precis::fuzz {

// The embedded language data, loaded once.
inline const LanguageResources& Resources() {
  static const LanguageResources* resources = [] {
    auto loaded = LoadLanguageResources();
    if (!loaded.ok()) {
      std::fprintf(stderr, "LoadLanguageResources: %s\n",
                   std::string(loaded.status().message()).c_str());
      std::abort();
    }
    return new LanguageResources(*std::move(loaded));
  }();
  return *resources;
}

// Language tags to pick from: every language with data, plus tags that take
// the language-independent paths.
inline const std::vector<std::string>& LanguageChoices() {
  static const std::vector<std::string>* choices = [] {
    auto* v = new std::vector<std::string>{"", "und", "xx", "en-US", "zh-Hant", "th"};
    for (const auto& [code, data] : Resources().languages) v->push_back(code);
    return v;
  }();
  return *choices;
}

// Consumes option bytes from the front of the input; what remains is text.
// A short input gives zeros, so every input is a valid (options, text) pair.
class InputReader {
 public:
  InputReader(const uint8_t* data, size_t size)
      : data_(reinterpret_cast<const char*>(data)), size_(size) {}
  uint8_t Byte() {
    if (pos_ >= size_) return 0;
    return static_cast<uint8_t>(data_[pos_++]);
  }
  std::string_view Rest() const {
    return pos_ >= size_ ? std::string_view() : std::string_view(data_ + pos_, size_ - pos_);
  }
  const std::string& Language() {
    const auto& choices = LanguageChoices();
    return choices[Byte() % choices.size()];
  }

 private:
  const char* data_;
  size_t size_;
  size_t pos_ = 0;
};

// Code point and UTF-16 offsets at every character boundary of a valid UTF-8
// text (-1 inside a character).
struct OffsetTable {
  explicit OffsetTable(std::string_view text)
      : cp(text.size() + 1, -1), utf16(text.size() + 1, -1) {
    int64_t c = 0, u = 0;
    size_t i = 0;
    while (i < text.size()) {
      cp[i] = c;
      utf16[i] = u;
      const auto b = static_cast<unsigned char>(text[i]);
      const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      ++c;
      u += len == 4 ? 2 : 1;
      i += len;
    }
    FUZZ_CHECK(i == text.size());
    cp[text.size()] = c;
    utf16[text.size()] = u;
  }
  std::vector<int64_t> cp;
  std::vector<int64_t> utf16;
};

// A span lies inside the source in all three units, on character
// boundaries, with the units agreeing.
inline void CheckSpan(std::string_view source, const OffsetTable& table,
                      const SourceSpan& s) {
  const auto size = static_cast<int64_t>(source.size());
  FUZZ_CHECK(0 <= s.byte_begin && s.byte_begin <= s.byte_end && s.byte_end <= size);
  FUZZ_CHECK(table.cp[s.byte_begin] >= 0 && table.cp[s.byte_end] >= 0);
  FUZZ_CHECK(s.char_begin == table.cp[s.byte_begin]);
  FUZZ_CHECK(s.char_end == table.cp[s.byte_end]);
  FUZZ_CHECK(s.utf16_begin == table.utf16[s.byte_begin]);
  FUZZ_CHECK(s.utf16_end == table.utf16[s.byte_end]);
}

// A normalized range lies inside the normalized text and maps back to a
// valid source span.
inline void CheckRange(const NormalizedText& text, const OffsetTable& table,
                       const TextRange& r) {
  FUZZ_CHECK(0 <= r.begin && r.begin <= r.end && r.end <= text.text().length());
  CheckSpan(text.source(), table, text.ToSourceSpan(r));
  const std::string_view slice = text.SourceSlice(r);
  if (!slice.empty()) {
    FUZZ_CHECK(slice.data() >= text.source().data());
    FUZZ_CHECK(slice.data() + slice.size() <= text.source().data() + text.source().size());
  }
}

// Reference UTF-8 check (RFC 3629: no overlongs, no surrogates, nothing
// above U+10FFFF), written independently of the code under test.
inline bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    size_t len;
    uint32_t cp;
    if (b < 0x80) {
      ++i;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
      cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      cp = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      cp = b & 0x07;
    } else {
      return false;
    }
    if (i + len > text.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

}  // namespace precis::fuzz

#endif  // PRECIS_TESTS_FUZZ_FUZZ_UTIL_H_
