// FactRenderer: a fact's normalized value written for readers of a locale,
// with ICU's CLDR data (KeyFact.display).
//
//   DATE      ISO day/month/year/week/quarter, or a range "a/b": the
//             DateTimePatternGenerator pattern for the skeleton of its grain
//             (yMMMd, yMMM, y, yQQQ); ranges and ISO weeks ("2021-W51",
//             Monday to Sunday) with DateIntervalFormat ("10.–12. Jan.
//             2022"). "2022-01-10" ->
//             "10. Jan. 2022" (de), "2022年1月10日" (ja).
//   TIME      "hh:mm" -> skeleton jmm ("2:30 PM", "14:30"); with a date, yMMMdjmm.
//   MONEY     NumberFormatter with the ISO 4217 unit; compact ("300 Mio. $")
//             when the amount is at least a million and compact notation
//             shows it exactly (at most three significant digits).
//   PERCENT   NumberFormatter percent unit ("4,5 %").
//   NUMBER, QUANTITY  the number (compact under the same rule as money); a
//             quantity's counted noun is text to translate, not rendered.
//   ORDINAL   RuleBasedNumberFormat ordinal ("3rd", "3.").
//   DURATION  ISO 8601 duration -> unit amounts in full ("2 Monate"),
//             joined with the locale's unit list pattern.
//   names     the canonical name unchanged (names are not localized here).
//
// Formatters are built once per locale, at the first call that needs that
// locale, and cached for the life of the process (bounded; beyond the bound
// a locale's formatters are built for the call and dropped).
//
// Thread-safe: the cache is guarded by a mutex; the date formatters, which
// ICU does not make safe for concurrent use, are each guarded by their own.
#ifndef PRECIS_SERVICE_CORE_FACT_RENDERER_H_
#define PRECIS_SERVICE_CORE_FACT_RENDERER_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "fact.h"

namespace precis {

class FactRenderer {
 public:
  // The process-wide renderer (its cache is shared by every engine).
  static FactRenderer& Shared();

  FactRenderer();
  ~FactRenderer();
  FactRenderer(const FactRenderer&) = delete;
  FactRenderer& operator=(const FactRenderer&) = delete;

  // OK when `tag` is a well-formed BCP-47 tag whose language ICU has locale
  // data for (and whose region, if any, ICU knows). Otherwise
  // INVALID_ARGUMENT made with FieldError(field, ...) naming the tag.
  absl::Status ValidateLocale(std::string_view tag, std::string_view field) const;

  // `value` rendered for `tag` (which must pass ValidateLocale), or "" when
  // the value is not in the documented form for its type.
  std::string Render(FactType type, std::string_view value, std::string_view unit,
                     std::string_view tag) const;

  struct LocaleFormatters;  // Defined in the .cc.

 private:
  // The cached formatters for a validated tag; `scratch` owns them when the
  // cache is full.
  const LocaleFormatters* Formatters(std::string_view tag,
                                     std::unique_ptr<LocaleFormatters>* scratch) const;

  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, std::unique_ptr<LocaleFormatters>> cache_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_FACT_RENDERER_H_
