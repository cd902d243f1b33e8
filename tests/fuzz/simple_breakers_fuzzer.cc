// libFuzzer target: SimpleWordBreaker and SimpleSentenceBreaker against the
// ICU iterators they stand in for. Whenever either accepts a text its result
// must equal ICU's (the root word iterator; the sentence iterator of the
// language chosen by the first input byte), else abort.
//
// Input bytes after the first become UTF-16 units so that most inputs stay
// within what the breakers cover: ASCII bytes are themselves (seed articles
// read as text), 0x80-0xBF pick one of 64 characters from the covered
// classes (and a few refused ones), and 0xC0-0xFF with the next byte give
// any code point below the breakers' table size.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "simple_sentence_breaker.h"
#include "simple_word_breaker.h"
#include "unicode/brkiter.h"
#include "unicode/unistr.h"

namespace {

constexpr char16_t kSpecials[64] = {
    u'é', u'É', u'ß', u'ø', u'İ', u'ı', u'ł', u'ǆ', u'α', u'Ω', u'ς', u'Ж', u'я', u'ё', u'ẞ', u'ệ',
    u'’', u'‘', u'“', u'”', u'„', u'«', u'»', u'‹', u'—', u'–', u'…', u'·', u'․', u'‧', u'‿', u'⁀',
    u'¡', u'¿', u';', u'\u0387', u'։', u'‼', u'⁇', u'⁈', u'¶', u'§', u'†', u'€', u'£', u'¥', u'₹', u'%',
    0x00A0,   0x2028,   0x2029,   0x0085,   0x000B,   0x000C,   0x2002,   0x200A,
    0x00AD,   0x0301,   0x200B,   0x200D,   0x2060,   0x02BC,   0x0332,   0x05D0};

struct Iterators {
  std::unique_ptr<icu::BreakIterator> words;
  std::vector<std::unique_ptr<icu::BreakIterator>> sentences;
  std::vector<std::unique_ptr<precis::SimpleSentenceBreaker>> simple;
};

const char* const kLocales[] = {"", "en", "el", "de", "fr", "ru", "tr", "hy"};

Iterators& Get() {
  static Iterators* its = [] {
    auto* i = new Iterators;
    UErrorCode status = U_ZERO_ERROR;
    i->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    FUZZ_CHECK(U_SUCCESS(status));
    for (const char* locale : kLocales) {
      i->sentences.emplace_back(
          icu::BreakIterator::createSentenceInstance(icu::Locale(locale), status));
      FUZZ_CHECK(U_SUCCESS(status));
      i->simple.push_back(precis::SimpleSentenceBreaker::Create(*i->sentences.back()));
      FUZZ_CHECK(i->simple.back() != nullptr);
    }
    return i;
  }();
  return *its;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using precis::SimpleSentenceBreaker;
  using precis::SimpleWordBreaker;
  if (size == 0) return 0;
  Iterators& its = Get();
  const size_t locale = data[0] % its.sentences.size();
  std::u16string text;
  for (size_t i = 1; i < size; ++i) {
    const uint8_t b = data[i];
    if (b < 0x80) {
      text.push_back(b);
    } else if (b < 0xC0) {
      text.push_back(kSpecials[b - 0x80]);
    } else if (i + 1 < size) {
      text.push_back(((b & 0x3F) << 8 | data[++i]) % SimpleSentenceBreaker::kTableSize);
    }
  }
  const int32_t n = static_cast<int32_t>(text.size());
  const icu::UnicodeString alias(false, text.data(), n);

  std::vector<SimpleWordBreaker::Word> words;
  if (SimpleWordBreaker::Break(text, &words)) {
    icu::BreakIterator& it = *its.words;
    it.setText(alias);
    size_t k = 0;
    int32_t start = it.first();
    for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
      if (it.getRuleStatus() < UBRK_WORD_NUMBER) continue;
      FUZZ_CHECK(k < words.size());
      FUZZ_CHECK(words[k].begin == start && words[k].end == end);
      FUZZ_CHECK(words[k].status == it.getRuleStatus());
      ++k;
    }
    FUZZ_CHECK(k == words.size());
  }

  std::vector<int32_t> boundaries;
  if (its.simple[locale]->Break(text, &boundaries)) {
    icu::BreakIterator& it = *its.sentences[locale];
    it.setText(alias);
    size_t k = 0;
    for (int32_t b = it.next(); b != icu::BreakIterator::DONE && b < n; b = it.next()) {
      FUZZ_CHECK(k < boundaries.size() && boundaries[k] == b);
      ++k;
    }
    FUZZ_CHECK(k == boundaries.size());
  }
  return 0;
}
