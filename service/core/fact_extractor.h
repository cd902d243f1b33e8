// FactExtractor: typed, normalized facts (dates, times, money, percentages,
// quantities, numbers, names) from a segmented, normalized text.
//
// Input: the normalized text, its sentences (ranges into the text), the
// language, and the reference time and zone that anchor relative dates.
// Output: one Fact per distinct (type, value, unit), with every mention, in
// order of first mention. Ranking and truncation happen in the engine.
//
// Types and values (see fact.h and KeyFact in the proto): DATE (ISO 8601
// day, month, year, ISO week, or "start/end" range; grain; modifier
// early/mid/late, or "relative" when resolved from "on Monday", "yesterday",
// "the following day", "two weeks later", "three years ago", "last year"),
// TIME ("hh:mm"), DURATION ("P2M", "PT3H"), MONEY (exact decimal + ISO 4217),
// PERCENT, QUANTITY (decimal + counted noun; "approx" for "tens of
// thousands"), ORDINAL (integer + the ranked noun: "3rd largest bank" ->
// "3", "largest bank"; "consecutive" for streaks; see ordinal_finder.h for
// when an ordinal is a fact), PERSON / ORGANIZATION / PLACE / NAME (see
// name_finder.h; a word an organization cue marks once is that
// organization in all its mentions).
// Dates without a year take the occurrence nearest to the reference day
// (lower confidence); relative dates need reference_time_ms != 0.
//
// Language data comes from ICU/CLDR wherever it exists (month and weekday
// names, decimal and grouping marks, currency symbols and names, spelled-out
// numbers 1-100, country/region/city names); the rest is hand-written in
// service/data/facts/<lang>.yaml. Keys (all optional; words are matched
// case-insensitively; "map" = string -> string):
//   options              map: capitalized_nouns, inflected_names, uncased,
//                        organization_cue_gap,
//                        month_day_order ("true"), numeric_date_order
//                        (dmy | mdy | empty = ambiguous slashes are skipped)
//   scales               map word -> power of ten (million: "6", 億: "8")
//   currency_symbols     map symbol -> ISO code; merged over all languages
//   ambiguous_currency_symbols  symbols/words read with lower confidence ($)
//   currency_words       map word -> ISO code (CLDR long names are built in)
//   money_connectors     between amount and currency ("d'", "de", "of")
//   percent_words        "per cent", "Prozent" ("%" is built in)
//   day_suffixes, date_connectors, year_words   "10th of", "10 de enero de",
//                        "2022 года"
//   date_prepositions    before a bare month ("in January")
//   year_prepositions    before a bare year ("in 2014"; a bare year is no date)
//   month_modifiers      map phrase -> early | mid | late ("end of", "Anfang")
//   extra_months, extra_weekdays  map form -> 1..12 / 1..7 (ISO), for forms
//                        CLDR lacks ("январе", "среду", "周一")
//   weekday_next, weekday_last    "next Monday", "last Monday"
//   relative_days        map phrase -> day offset from the reference day
//   anchored_days        map phrase -> day offset from the last date
//   relative_periods     map phrase -> Y|M|W + offset ("last year": "Y-1")
//   number_words         map word -> number, added to CLDR spell-out
//   duration_units       map word -> Y M W D H MIN S
//   offset_after, offset_before   after an amount: from the last date
//                        ("two weeks later")
//   offset_ago           before or after an amount: back from the reference
//                        day ("three years ago", "vor drei Jahren")
//   offset_future        before an amount: ahead of it ("in two weeks")
//   time_markers         map after an hour -> am | pm | "" ("p.m.", "Uhr")
//   time_prefixes        map before an hour -> am | pm ("下午")
//   range_connectors     map middle -> opener ("and": "between", "-": "")
//   approx_quantities    map phrase -> value ("tens of thousands": "10000")
//   quantity_connectors  "tens of thousands OF troops", "milhões DE"
//   quantity_units       nouns that count without a plural suffix ("people")
//   plural_suffixes      "s": "14 weather satellites" keeps the modifier
//   classifiers          CJK counter words ("名", "人")
//   noun_classifiers     counters that are the counted noun ("人" = people)
//   number_blockers      a number after these is no fact ("p.", "No.", "#")
//   function_words       never a counted noun; dropped before names
//   person_titles, title_suffixes, organization_words, organization_connectors,
//   organizations, organization_aliases, name_particles, first_names,
//   not_names,
//   places, place_aliases, place_prepositions, demonym_suffixes,
//   possessive_suffixes, elision_prefixes,
//   organization_cues_before, organization_cues_after,
//   organization_cues_possessive, organization_cue_suffixes,
//   options.organization_cue_gap   names, see name_finder.h
//   ordinal_*            ordinals that carry meaning, see ordinal_finder.h
// Languages without a file use the language-free rules (numbers, symbols,
// ISO and CJK dates).
//
// Performance: every table, RE2 program and RE2::Set prefilter is built in
// Create(); per call one UTF-8 copy of each sentence is made.
//
// Thread-safe: Extract() is const; the extractor is immutable after Create.
#ifndef PRECIS_SERVICE_CORE_FACT_EXTRACTOR_H_
#define PRECIS_SERVICE_CORE_FACT_EXTRACTOR_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "fact.h"
#include "language_resources.h"
#include "text_range.h"
#include "unicode/unistr.h"

namespace precis {

struct FactContext {
  std::string language;          // e.g. "en"; unknown languages use rules
                                 // that need no words (numbers, %, symbols).
  int64_t reference_time_ms = 0;  // Unix epoch milliseconds ("now").
  std::string time_zone = "UTC";  // IANA id, already validated.
};

class FactExtractor {
 public:
  // `languages` maps a language code to its fact rules.
  static absl::StatusOr<std::unique_ptr<FactExtractor>> Create(
      const std::map<std::string, FactRulesData>& languages);
  ~FactExtractor();

  // `sentences` are the ranges of the text's sentences, in order; facts are
  // only looked for inside them. `skip` (same size, may be empty) marks
  // sentences to ignore (headline is NOT skipped; boilerplate is).
  std::vector<Fact> Extract(const icu::UnicodeString& text,
                            const std::vector<TextRange>& sentences,
                            const std::vector<bool>& skip,
                            const FactContext& context) const;

 private:
  struct Impl;
  explicit FactExtractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_FACT_EXTRACTOR_H_
