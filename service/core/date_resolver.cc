#include "date_resolver.h"

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "unicode/timezone.h"
#include "unicode/unistr.h"

namespace precis {

// Hinnant's days_from_civil / civil_from_days: exact for the proleptic
// Gregorian calendar over the whole int range we use.
int64_t DaysFromCivil(const CivilDay& d) {
  int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (d.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDay CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  CivilDay out;
  out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  out.year = static_cast<int>(yoe + era * 400 + (out.month <= 2 ? 1 : 0));
  return out;
}

int IsoWeekday(int64_t days) {
  // 1970-01-01 was a Thursday (4).
  int64_t w = (days + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
    return 29;
  }
  return kDays[month - 1];
}

bool IsValidDay(const CivilDay& d) {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= DaysInMonth(d.year, d.month);
}

CivilDay AddMonths(const CivilDay& d, int months) {
  int index = d.year * 12 + (d.month - 1) + months;
  CivilDay out;
  out.year = index >= 0 ? index / 12 : (index - 11) / 12;
  out.month = index - out.year * 12 + 1;
  out.day = std::min(d.day, DaysInMonth(out.year, out.month));
  return out;
}

namespace {

// Appends `v` as printf's "%0<width>d" does (a minus sign counts towards
// the width; wider numbers keep every digit). Dates are formatted per
// mention, and snprintf's format parsing cost more than the rest of the
// resolution.
void AppendPadded(int64_t v, int width, std::string* out) {
  uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (v < 0) {
    out->push_back('-');
    --width;
  }
  for (int k = n; k < width; ++k) out->push_back('0');
  while (n > 0) out->push_back(digits[--n]);
}

}  // namespace

std::string FormatIsoWeek(const CivilDay& d) {
  // ISO 8601 week: the week (Monday first) holding the year's first
  // Thursday is week 1; a day belongs to the week-year of its Thursday.
  const int64_t days = DaysFromCivil(d);
  const int64_t thursday = days - IsoWeekday(days) + 4;
  const CivilDay t = CivilFromDays(thursday);
  const int week = static_cast<int>((thursday - DaysFromCivil({t.year, 1, 1})) / 7) + 1;
  std::string out;
  AppendPadded(t.year, 4, &out);
  out += "-W";
  AppendPadded(week, 2, &out);
  return out;
}

std::string FormatIsoDay(const CivilDay& d) {
  std::string out;
  AppendPadded(d.year, 4, &out);
  out.push_back('-');
  AppendPadded(d.month, 2, &out);
  out.push_back('-');
  AppendPadded(d.day, 2, &out);
  return out;
}

std::string FormatIsoMonth(int year, int month) {
  std::string out;
  AppendPadded(year, 4, &out);
  out.push_back('-');
  AppendPadded(month, 2, &out);
  return out;
}

std::string FormatIsoYear(int year) {
  std::string out;
  AppendPadded(year, 4, &out);
  return out;
}

DateResolver::DateResolver(int64_t reference_time_ms, std::string_view time_zone) {
  if (reference_time_ms == 0) return;
  int32_t offset_ms = 0;
  if (!time_zone.empty() && time_zone != "UTC" && time_zone != "Etc/UTC") {
    // One zone per call: creating it costs a few µs, far less than a
    // process-wide cache with locking would save at our call rates.
    std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(
        icu::UnicodeString::fromUTF8(icu::StringPiece(time_zone.data(),
                                                      time_zone.size()))));
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    zone->getOffset(static_cast<UDate>(reference_time_ms), false, raw, dst, status);
    if (U_SUCCESS(status)) offset_ms = raw + dst;
  }
  int64_t local_ms = reference_time_ms + offset_ms;
  int64_t days = local_ms / 86400000;
  if (local_ms % 86400000 < 0) --days;
  reference_ = CivilFromDays(days);
}

std::optional<int> DateResolver::InferYear(int month, int day) const {
  if (!reference_) return std::nullopt;
  const CivilDay& ref = *reference_;
  const int64_t ref_days = DaysFromCivil(ref);
  int best_year = ref.year;
  int64_t best_distance = -1;
  for (int year = ref.year - 1; year <= ref.year + 1; ++year) {
    int64_t distance;
    if (day > 0) {
      CivilDay c{year, month, day};
      if (!IsValidDay(c)) continue;  // 29 February
      distance = std::llabs(DaysFromCivil(c) - ref_days);
    } else {
      // A month: distance in months between the month and the reference.
      distance = std::llabs((year * 12 + month) - (ref.year * 12 + ref.month));
    }
    if (best_distance < 0 || distance < best_distance) {
      best_distance = distance;
      best_year = year;
    }
  }
  if (best_distance < 0) return std::nullopt;
  return best_year;
}

std::optional<CivilDay> DateResolver::ResolveWeekday(int weekday,
                                                     int direction) const {
  if (!reference_ || weekday < 1 || weekday > 7) return std::nullopt;
  const int64_t ref_days = DaysFromCivil(*reference_);
  const int ref_weekday = IsoWeekday(ref_days);
  int64_t delta;
  if (direction > 0) {
    delta = (weekday - ref_weekday + 7) % 7;
    if (delta == 0) delta = 7;
  } else {
    delta = -((ref_weekday - weekday + 7) % 7);
    if (direction < 0 && delta == 0) delta = -7;
  }
  return CivilFromDays(ref_days + delta);
}

std::optional<CivilDay> DateResolver::Offset(int days) const {
  if (!reference_) return std::nullopt;
  return CivilFromDays(DaysFromCivil(*reference_) + days);
}

}  // namespace precis
