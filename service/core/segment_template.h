// Translation-ready summary sentences: each sentence's display text as an
// ICU MessageFormat template in which every fact, number and name is a
// numbered placeholder ("Talks are set for {0} in {1}."), plus the
// placeholders themselves (original text, span, fact reference, locale
// renderings). A machine-translation step translates the template; the
// client re-inserts the values (MessageFormat with display[locale] or text).
//
// Pure functions over the engine's analysis; thread-safe.
#ifndef PRECIS_SERVICE_CORE_SEGMENT_TEMPLATE_H_
#define PRECIS_SERVICE_CORE_SEGMENT_TEMPLATE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "fact.h"
#include "normalized_text.h"
#include "summary.h"
#include "text_range.h"
#include "unicode/unistr.h"

namespace precis {

// `text[range]` as a MessageFormat pattern literal: apostrophes doubled,
// runs of braces quoted ('{'), white space collapsed exactly as in
// SentenceResult::normalized_text, with `placeholders` (sorted, disjoint,
// inside `range`) written as {0}, {1}, ... in order. Formatting the result
// with the placeholders' collapsed texts as arguments gives back the
// collapsed sentence.
std::string BuildMessageTemplate(const icu::UnicodeString& text, TextRange range,
                                 const std::vector<TextRange>& placeholders);

// Numbers written with digits (any script) in `text[range]`: maximal runs of
// digits joined by single group or decimal separators ("1,500", "4.5"),
// not glued to letters ("G7", "COVID-19" are names, not numbers).
std::vector<TextRange> FindNumbers(const icu::UnicodeString& text, TextRange range);

// Fills, for the finished `result`:
//  - FactResult::display for every target locale, and
//  - SentenceResult::message_template and placeholders for every summary
//    sentence, from all `facts` found (not only the listed ones).
// `sentences` are all sentence ranges by id; result->facts[i] was made from
// kept[i]. Fails with INVALID_ARGUMENT (field "target_locales[i]") for a
// locale FactRenderer::ValidateLocale rejects.
absl::Status AddTranslationData(const NormalizedText& text,
                                const std::vector<TextRange>& sentences,
                                const std::vector<Fact>& facts,
                                const std::vector<const Fact*>& kept,
                                const std::vector<std::string>& locales,
                                SummaryResult* result);

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_SEGMENT_TEMPLATE_H_
