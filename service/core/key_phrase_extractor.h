// KeyPhraseExtractor: the article's top phrases, language-independent.
//
// Candidates are maximal runs (1-4 tokens) of content words inside a
// sentence, broken at stopwords, numbers and punctuation; they are scored
// with RAKE (Rose et al. 2010, "Automatic keyword extraction from individual
// documents": word score = degree / frequency, phrase score = sum of its
// word scores), weighted by how often the phrase recurs and boosted when it
// is in the headline. Phrases contained in a better phrase are dropped.
//
// Thread-safe: a pure function of its input.
#ifndef PRECIS_SERVICE_CORE_KEY_PHRASE_EXTRACTOR_H_
#define PRECIS_SERVICE_CORE_KEY_PHRASE_EXTRACTOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "text_range.h"
#include "tokenizer.h"
#include "unicode/unistr.h"

namespace precis {

struct KeyPhrase {
  TextRange first;  // First occurrence in the normalized text.
  double score = 0;  // In (0, 1], best = 1.
  int32_t count = 0;
};

struct PhraseSentence {
  const Token* begin = nullptr;  // The sentence's tokens [begin, end).
  const Token* end = nullptr;
  // Optional, parallel to [begin, end): an id per token, equal for tokens
  // with equal terms (any non-negative value for content words, which are
  // neither stopwords nor numbers). The engine has them already; without
  // them terms are interned here.
  const int32_t* term_ids = nullptr;
  bool headline = false;
  bool body = false;
};

std::vector<KeyPhrase> ExtractKeyPhrases(const icu::UnicodeString& text,
                                         const std::vector<PhraseSentence>& sentences,
                                         int32_t max_phrases);

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_KEY_PHRASE_EXTRACTOR_H_
