// DateResolver: proleptic Gregorian day arithmetic and the resolution of
// incomplete or relative dates against a reference day (the article's
// publication day in its time zone).
//
// Day arithmetic uses days since 1970-01-01 (H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms", 2013), so no ICU Calendar is needed per fact;
// ICU is only used once per call to turn the reference instant into a local
// day (ReferenceDay).
//
// Value type; thread-compatible (const methods are thread-safe).
#ifndef PRECIS_SERVICE_CORE_DATE_RESOLVER_H_
#define PRECIS_SERVICE_CORE_DATE_RESOLVER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace precis {

struct CivilDay {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  friend bool operator==(const CivilDay&, const CivilDay&) = default;
};

// Days since 1970-01-01 and back.
int64_t DaysFromCivil(const CivilDay& d);
CivilDay CivilFromDays(int64_t days);
// ISO weekday of a day count: 1 = Monday ... 7 = Sunday.
int IsoWeekday(int64_t days);
// Days in the month (leap years included).
int DaysInMonth(int year, int month);
// True when the day exists ("2022-02-30" does not).
bool IsValidDay(const CivilDay& d);

// The day `months` calendar months later (or earlier), clamped to the end
// of the month (31 January + 1 month = 28/29 February).
CivilDay AddMonths(const CivilDay& d, int months);

// ISO 8601 strings: "2022-01-10", "2022-01", "2022", "2021-W52".
std::string FormatIsoDay(const CivilDay& d);
std::string FormatIsoMonth(int year, int month);
std::string FormatIsoYear(int year);
std::string FormatIsoWeek(const CivilDay& d);

class DateResolver {
 public:
  // `reference_time_ms` == 0 means "unknown": nothing relative resolves.
  // `time_zone` is an IANA id; an unknown id falls back to UTC.
  DateResolver(int64_t reference_time_ms, std::string_view time_zone);

  bool has_reference() const { return reference_.has_value(); }
  // The reference day (only when has_reference()).
  const CivilDay& reference() const { return *reference_; }

  // The year for a day-of-year or month written without one: the
  // occurrence nearest to the reference day (so "10 January" read in late
  // December is next January, "3 December" read in January is last
  // December; a tie goes to the past, as news mostly report what happened).
  // `day` == 0 for a month alone.
  std::optional<int> InferYear(int month, int day) const;

  // A weekday name (1..7, ISO) relative to the reference day: direction 0 =
  // the most recent such day on or before the reference (news are mostly
  // past tense: "said on Monday"), -1 = strictly before ("last Monday"),
  // +1 = strictly after ("next Monday").
  std::optional<CivilDay> ResolveWeekday(int weekday, int direction) const;

  // The reference day plus `days`.
  std::optional<CivilDay> Offset(int days) const;

 private:
  std::optional<CivilDay> reference_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_DATE_RESOLVER_H_
