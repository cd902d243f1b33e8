#include "fact_renderer.h"

#include <array>
#include <charconv>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "field_error.h"
#include "unicode/dtitvfmt.h"
#include "unicode/dtptngen.h"
#include "unicode/gregocal.h"
#include "unicode/listformatter.h"
#include "unicode/locid.h"
#include "unicode/measunit.h"
#include "unicode/numberformatter.h"
#include "unicode/rbnf.h"
#include "unicode/region.h"
#include "unicode/smpdtfmt.h"
#include "unicode/timezone.h"

namespace precis {

namespace number = icu::number;

namespace {

// Distinct locales whose formatters stay cached. Tags are validated against
// ICU's data, but extensions (-u-nu-..., -u-ca-...) multiply them; past the
// bound a call builds its own formatters instead of growing the cache.
constexpr size_t kMaxCachedLocales = 256;
// Distinct currencies cached per locale, for the same reason.
constexpr size_t kMaxCachedCurrencies = 64;

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// The shapes of ISO 8601 values the fact extractor emits (fact.h).
enum class DateShape { kYear, kQuarter, kMonth, kWeek, kDay, kDayTime, kTime };
constexpr size_t kDateShapes = 7;

// Skeletons (UTS #35 date field symbols) per shape; the locale's pattern for
// each comes from DateTimePatternGenerator. "j" is the locale's preferred
// hour cycle. Weeks are shown as day ranges (see FormatDate).
constexpr std::array<const char16_t*, kDateShapes> kSkeletons = {
    u"y", u"yQQQ", u"yMMM", u"yMMMd", u"yMMMd", u"yMMMdjmm", u"jmm"};

struct IsoDate {
  DateShape shape = DateShape::kDay;
  int64_t year = 1970;
  int month = 1;
  int day = 1;
  int week = 0;
  int quarter = 0;
  int hour = 0;
  int minute = 0;
};

bool ParseInt(std::string_view s, size_t digits, int64_t* out) {
  if (s.size() != digits) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return std::from_chars(s.data(), s.data() + s.size(), *out).ec == std::errc();
}

bool ParseTime(std::string_view s, IsoDate* d) {
  int64_t h = 0, m = 0;
  if (s.size() < 5 || s[2] != ':' || !ParseInt(s.substr(0, 2), 2, &h) ||
      !ParseInt(s.substr(3, 2), 2, &m) || h > 23 || m > 59) {
    return false;
  }
  // Seconds, if any, are not shown.
  if (s.size() > 5 && (s.size() != 8 || s[5] != ':')) return false;
  d->hour = static_cast<int>(h);
  d->minute = static_cast<int>(m);
  return true;
}

// "2022", "2022-Q1", "2022-01", "2022-W03", "2022-01-10", "2022-01-10T14:30",
// "14:30".
bool ParseIsoDate(std::string_view s, IsoDate* d) {
  *d = IsoDate();
  if (s.size() >= 5 && s[2] == ':') {
    d->shape = DateShape::kTime;
    return ParseTime(s, d);
  }
  int64_t v = 0;
  if (s.size() < 4 || !ParseInt(s.substr(0, 4), 4, &d->year)) return false;
  if (s.size() == 4) {
    d->shape = DateShape::kYear;
    return true;
  }
  if (s[4] != '-' || s.size() < 7) return false;
  if (s[5] == 'Q') {
    if (s.size() != 7 || !ParseInt(s.substr(6, 1), 1, &v) || v < 1 || v > 4) return false;
    d->shape = DateShape::kQuarter;
    d->quarter = static_cast<int>(v);
    d->month = 3 * d->quarter - 2;
    return true;
  }
  if (s[5] == 'W') {
    if (s.size() != 8 || !ParseInt(s.substr(6, 2), 2, &v) || v < 1 || v > 53) return false;
    d->shape = DateShape::kWeek;
    d->week = static_cast<int>(v);
    return true;
  }
  if (!ParseInt(s.substr(5, 2), 2, &v) || v < 1 || v > 12) return false;
  d->month = static_cast<int>(v);
  if (s.size() == 7) {
    d->shape = DateShape::kMonth;
    return true;
  }
  if (s.size() < 10 || s[7] != '-' || !ParseInt(s.substr(8, 2), 2, &v) || v < 1 || v > 31) {
    return false;
  }
  d->day = static_cast<int>(v);
  if (s.size() == 10) {
    d->shape = DateShape::kDay;
    return true;
  }
  if (s[10] != 'T') return false;
  d->shape = DateShape::kDayTime;
  return ParseTime(s.substr(11), d);
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant,
// "chrono-Compatible Low-Level Date Algorithms").
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The instant formatted for a value, in UTC (the formatters use UTC, so the
// calendar fields come out as written).
UDate ToUDate(const IsoDate& d) {
  constexpr double kDayMs = 86400000.0;
  int64_t days = 0;
  if (d.shape == DateShape::kTime) {
    days = 0;
  } else if (d.shape == DateShape::kWeek) {
    // The Thursday of ISO week w: week 1 holds January 4th.
    const int64_t jan4 = DaysFromCivil(d.year, 1, 4);
    const int64_t jan4_weekday = ((jan4 % 7) + 7 + 3) % 7;  // 0 = Monday.
    days = jan4 - jan4_weekday + 3 + 7 * (d.week - 1);
  } else {
    days = DaysFromCivil(d.year, d.month, d.day);
  }
  return days * kDayMs + (d.hour * 60.0 + d.minute) * 60000.0;
}

// Significant digits of a plain decimal string ("300000000" -> 1,
// "1.25" -> 3); -1 when it is not one.
int SignificantDigits(std::string_view s, double* magnitude) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  std::string digits;
  bool dot = false;
  int integer_digits = 0;
  for (char c : s) {
    if (c == '.') {
      if (dot) return -1;
      dot = true;
    } else if (c >= '0' && c <= '9') {
      digits.push_back(c);
      if (!dot) ++integer_digits;
    } else {
      return -1;
    }
  }
  if (digits.empty()) return -1;
  const size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    *magnitude = 0;
    return 1;
  }
  const size_t last = digits.find_last_not_of('0');
  *magnitude = static_cast<double>(integer_digits) - static_cast<double>(first);
  return static_cast<int>(last - first + 1);
}

const std::set<std::string>& AvailableLanguages() {
  static const std::set<std::string>* const languages = [] {
    auto* set = new std::set<std::string>();
    int32_t count = 0;
    const icu::Locale* locales = icu::Locale::getAvailableLocales(count);
    for (int32_t i = 0; i < count; ++i) set->insert(locales[i].getLanguage());
    set->erase("");
    return set;
  }();
  return *languages;
}

}  // namespace

struct FactRenderer::LocaleFormatters {
  struct GuardedDate {
    mutable std::mutex mu;
    std::unique_ptr<icu::SimpleDateFormat> format;
  };
  struct GuardedInterval {
    mutable std::mutex mu;
    std::unique_ptr<icu::DateIntervalFormat> format;
  };

  icu::Locale locale;
  std::array<GuardedDate, kDateShapes> dates;
  std::array<GuardedInterval, kDateShapes> intervals;

  number::LocalizedNumberFormatter number_full;
  number::LocalizedNumberFormatter number_compact;
  number::LocalizedNumberFormatter percent;
  // Duration components P nY nM nW nD T nH nM nS.
  std::array<number::LocalizedNumberFormatter, 7> duration_units;
  mutable std::mutex list_mu;
  std::unique_ptr<icu::ListFormatter> unit_list;
  mutable std::mutex ordinal_mu;
  std::unique_ptr<icu::RuleBasedNumberFormat> ordinal;

  // Per currency code. Formatting is thread-safe; the map is guarded.
  struct Money {
    number::LocalizedNumberFormatter full;      // "4,99 $"
    number::LocalizedNumberFormatter integral;  // "5 $", not "5,00 $"
    number::LocalizedNumberFormatter compact;   // "300 Mio. $"
  };
  mutable std::mutex money_mu;
  mutable std::map<std::string, std::unique_ptr<Money>> money;

  static std::unique_ptr<LocaleFormatters> Build(const icu::Locale& locale);

  std::string FormatDate(std::string_view value) const;
  std::string FormatInterval(DateShape shape, UDate from, UDate to) const;
  std::string FormatNumber(std::string_view value, bool compact_if_exact) const;
  std::string FormatMoney(std::string_view value, std::string_view currency) const;
  std::string FormatPercent(std::string_view value) const;
  std::string FormatOrdinal(std::string_view value) const;
  std::string FormatDuration(std::string_view value) const;
};

std::unique_ptr<FactRenderer::LocaleFormatters> FactRenderer::LocaleFormatters::Build(
    const icu::Locale& locale) {
  auto f = std::make_unique<LocaleFormatters>();
  f->locale = locale;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateTimePatternGenerator> generator(
      icu::DateTimePatternGenerator::createInstance(locale, status));
  for (size_t i = 0; i < kDateShapes && generator != nullptr && U_SUCCESS(status); ++i) {
    UErrorCode s = U_ZERO_ERROR;
    const icu::UnicodeString skeleton(kSkeletons[i]);
    icu::UnicodeString pattern = generator->getBestPattern(skeleton, s);
    if (U_SUCCESS(s)) {
      auto format = std::make_unique<icu::SimpleDateFormat>(pattern, locale, s);
      if (U_SUCCESS(s)) {
        format->setTimeZone(*icu::TimeZone::getGMT());
        f->dates[i].format = std::move(format);
      }
    }
    s = U_ZERO_ERROR;
    std::unique_ptr<icu::DateIntervalFormat> interval(
        icu::DateIntervalFormat::createInstance(skeleton, locale, s));
    if (U_SUCCESS(s) && interval != nullptr) {
      interval->setTimeZone(*icu::TimeZone::getGMT());
      f->intervals[i].format = std::move(interval);
    }
  }

  const auto base = number::NumberFormatter::withLocale(locale);
  f->number_full = base.precision(number::Precision::maxFraction(6));
  // Compact only where it is exact (see FormatNumber): three significant
  // digits cover "300 Mio." and "1,25 Mrd.".
  f->number_compact = base.notation(number::Notation::compactShort())
                          .precision(number::Precision::maxSignificantDigits(3));
  f->percent = base.unit(icu::NoUnit::percent()).precision(number::Precision::maxFraction(6));
  const std::array<icu::MeasureUnit, 7> units = {
      icu::MeasureUnit::getYear(), icu::MeasureUnit::getMonth(), icu::MeasureUnit::getWeek(),
      icu::MeasureUnit::getDay(),  icu::MeasureUnit::getHour(),  icu::MeasureUnit::getMinute(),
      icu::MeasureUnit::getSecond()};
  for (size_t i = 0; i < units.size(); ++i) {
    f->duration_units[i] = base.unit(units[i])
                               .unitWidth(UNUM_UNIT_WIDTH_FULL_NAME)
                               .precision(number::Precision::maxFraction(3));
  }
  status = U_ZERO_ERROR;
  f->unit_list.reset(icu::ListFormatter::createInstance(locale, ULISTFMT_TYPE_UNITS,
                                                        ULISTFMT_WIDTH_WIDE, status));
  if (U_FAILURE(status)) f->unit_list.reset();
  status = U_ZERO_ERROR;
  f->ordinal = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_ORDINAL, locale, status);
  if (U_FAILURE(status)) f->ordinal.reset();
  return f;
}

std::string FactRenderer::LocaleFormatters::FormatDate(std::string_view value) const {
  const size_t slash = value.find('/');
  IsoDate from, to;
  if (slash == std::string_view::npos) {
    if (!ParseIsoDate(value, &from)) return "";
    if (from.shape == DateShape::kWeek) {
      // CLDR's week patterns ("'week' w 'of' Y") are plural-dependent and not
      // reachable through DateTimePatternGenerator; a week reads as its
      // Monday-to-Sunday day range instead ("Dec 20 – 26, 2021").
      const UDate thursday = ToUDate(from);
      constexpr double kDayMs = 86400000.0;
      return FormatInterval(DateShape::kDay, thursday - 3 * kDayMs, thursday + 3 * kDayMs);
    }
    const GuardedDate& g = dates[static_cast<size_t>(from.shape)];
    if (g.format == nullptr) return "";
    icu::UnicodeString out;
    std::lock_guard<std::mutex> lock(g.mu);
    g.format->format(ToUDate(from), out);
    return ToUtf8(out);
  }
  if (!ParseIsoDate(value.substr(0, slash), &from) ||
      !ParseIsoDate(value.substr(slash + 1), &to)) {
    return "";
  }
  // Ends of different precision: the finer skeleton for both; weeks as days.
  DateShape shape = std::max(from.shape, to.shape);
  if (shape == DateShape::kWeek) shape = DateShape::kDay;
  return FormatInterval(shape, ToUDate(from), ToUDate(to));
}

std::string FactRenderer::LocaleFormatters::FormatInterval(DateShape shape, UDate from,
                                                           UDate to) const {
  const GuardedInterval& g = intervals[static_cast<size_t>(shape)];
  if (g.format == nullptr) return "";
  icu::UnicodeString out;
  icu::FieldPosition position;
  UErrorCode status = U_ZERO_ERROR;
  const icu::DateInterval interval(from, to);
  std::lock_guard<std::mutex> lock(g.mu);
  g.format->format(&interval, out, position, status);
  return U_SUCCESS(status) ? ToUtf8(out) : "";
}

std::string FactRenderer::LocaleFormatters::FormatNumber(std::string_view value,
                                                         bool compact_if_exact) const {
  double magnitude = 0;
  const int digits = SignificantDigits(value, &magnitude);
  if (digits < 0) return "";
  UErrorCode status = U_ZERO_ERROR;
  const bool compact = compact_if_exact && magnitude >= 7 && digits <= 3;
  const number::LocalizedNumberFormatter& f = compact ? number_compact : number_full;
  icu::UnicodeString out =
      f.formatDecimal(icu::StringPiece(value.data(), static_cast<int32_t>(value.size())), status)
          .toString(status);
  return U_SUCCESS(status) ? ToUtf8(out) : "";
}

std::string FactRenderer::LocaleFormatters::FormatMoney(std::string_view value,
                                                        std::string_view currency) const {
  double magnitude = 0;
  const int digits = SignificantDigits(value, &magnitude);
  if (digits < 0 || currency.size() != 3) return "";
  for (char c : currency) {
    if (c < 'A' || c > 'Z') return "";
  }
  const std::string code(currency);
  std::unique_ptr<Money> scratch;
  const Money* m = nullptr;
  {
    std::lock_guard<std::mutex> lock(money_mu);
    auto it = money.find(code);
    if (it != money.end()) m = it->second.get();
  }
  if (m == nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString ucode = icu::UnicodeString::fromUTF8(code);
    icu::CurrencyUnit unit(ucode.getTerminatedBuffer(), status);
    if (U_FAILURE(status)) return "";
    const auto base = number::NumberFormatter::withLocale(locale).unit(unit);
    scratch = std::make_unique<Money>(Money{
        base, base.precision(number::Precision::integer()),
        base.notation(number::Notation::compactShort())
            .precision(number::Precision::maxSignificantDigits(3))});
    std::lock_guard<std::mutex> lock(money_mu);
    auto it = money.find(code);
    if (it == money.end() && money.size() < kMaxCachedCurrencies) {
      it = money.emplace(code, std::move(scratch)).first;
    }
    m = it != money.end() ? it->second.get() : scratch.get();
  }
  // Compact only where it is exact; whole amounts without cents.
  const bool compact = magnitude >= 7 && digits <= 3;
  const bool integral = value.find('.') == std::string_view::npos;
  const number::LocalizedNumberFormatter& f =
      compact ? m->compact : (integral ? m->integral : m->full);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out =
      f.formatDecimal(icu::StringPiece(value.data(), static_cast<int32_t>(value.size())), status)
          .toString(status);
  return U_SUCCESS(status) ? ToUtf8(out) : "";
}

std::string FactRenderer::LocaleFormatters::FormatPercent(std::string_view value) const {
  double magnitude = 0;
  if (SignificantDigits(value, &magnitude) < 0) return "";
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out =
      percent.formatDecimal(icu::StringPiece(value.data(), static_cast<int32_t>(value.size())),
                            status)
          .toString(status);
  return U_SUCCESS(status) ? ToUtf8(out) : "";
}

std::string FactRenderer::LocaleFormatters::FormatOrdinal(std::string_view value) const {
  int64_t n = 0;
  if (value.empty() || value.size() > 18 || !ParseInt(value, value.size(), &n) ||
      ordinal == nullptr) {
    return FormatNumber(value, false);
  }
  icu::UnicodeString out;
  std::lock_guard<std::mutex> lock(ordinal_mu);
  ordinal->format(n, out);
  return ToUtf8(out);
}

std::string FactRenderer::LocaleFormatters::FormatDuration(std::string_view value) const {
  // P[nY][nM][nW][nD][T[nH][nM][nS]]; amounts may have a fraction.
  if (value.size() < 3 || value[0] != 'P') return "";
  std::vector<icu::UnicodeString> parts;
  bool time = false;
  size_t i = 1;
  while (i < value.size()) {
    if (value[i] == 'T') {
      if (time) return "";
      time = true;
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < value.size() && ((value[i] >= '0' && value[i] <= '9') || value[i] == '.')) ++i;
    if (i == start || i == value.size()) return "";
    const std::string_view amount = value.substr(start, i - start);
    int unit = -1;
    switch (value[i]) {
      case 'Y': unit = time ? -1 : 0; break;
      case 'M': unit = time ? 5 : 1; break;
      case 'W': unit = time ? -1 : 2; break;
      case 'D': unit = time ? -1 : 3; break;
      case 'H': unit = time ? 4 : -1; break;
      case 'S': unit = time ? 6 : -1; break;
      default: break;
    }
    if (unit < 0) return "";
    ++i;
    UErrorCode status = U_ZERO_ERROR;
    parts.push_back(
        duration_units[unit]
            .formatDecimal(icu::StringPiece(amount.data(), static_cast<int32_t>(amount.size())),
                           status)
            .toString(status));
    if (U_FAILURE(status)) return "";
  }
  if (parts.empty()) return "";
  if (parts.size() == 1 || unit_list == nullptr) return ToUtf8(parts.front());
  icu::UnicodeString out;
  UErrorCode status = U_ZERO_ERROR;
  std::lock_guard<std::mutex> lock(list_mu);
  unit_list->format(parts.data(), static_cast<int32_t>(parts.size()), out, status);
  return U_SUCCESS(status) ? ToUtf8(out) : "";
}

FactRenderer& FactRenderer::Shared() {
  static FactRenderer* const renderer = new FactRenderer();
  return *renderer;
}

FactRenderer::FactRenderer() = default;
FactRenderer::~FactRenderer() = default;

absl::Status FactRenderer::ValidateLocale(std::string_view tag, std::string_view field) const {
  const std::string quoted = absl::StrCat("'", std::string(tag), "'");
  if (tag.empty() || tag.size() > 128) {
    return FieldError(field, absl::StrCat("malformed BCP-47 locale tag ", quoted));
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(
      icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())), status);
  if (U_FAILURE(status) || locale.isBogus()) {
    return FieldError(field, absl::StrCat("malformed BCP-47 locale tag ", quoted));
  }
  if (!AvailableLanguages().contains(locale.getLanguage())) {
    return FieldError(field, absl::StrCat("unknown locale ", quoted,
                                          ": no ICU locale data for its language"));
  }
  if (locale.getCountry()[0] != '\0') {
    UErrorCode region_status = U_ZERO_ERROR;
    icu::Region::getInstance(locale.getCountry(), region_status);
    if (U_FAILURE(region_status)) {
      return FieldError(field, absl::StrCat("unknown locale ", quoted, ": unknown region '",
                                            locale.getCountry(), "'"));
    }
  }
  return absl::OkStatus();
}

const FactRenderer::LocaleFormatters* FactRenderer::Formatters(
    std::string_view tag, std::unique_ptr<LocaleFormatters>* scratch) const {
  std::string key(tag);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second.get();
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(key, status);
  if (U_FAILURE(status)) return nullptr;
  // Built outside the lock (a few milliseconds of ICU data loading) so other
  // locales are not held up; a racing builder's copy is dropped.
  std::unique_ptr<LocaleFormatters> built = LocaleFormatters::Build(locale);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second.get();
  if (cache_.size() >= kMaxCachedLocales) {
    *scratch = std::move(built);
    return scratch->get();
  }
  return cache_.emplace(std::move(key), std::move(built)).first->second.get();
}

std::string FactRenderer::Render(FactType type, std::string_view value, std::string_view unit,
                                 std::string_view tag) const {
  switch (type) {
    case FactType::kPerson:
    case FactType::kOrganization:
    case FactType::kPlace:
    case FactType::kName:
    case FactType::kUnspecified:
      return std::string(value);
    default:
      break;
  }
  std::unique_ptr<LocaleFormatters> scratch;
  const LocaleFormatters* f = Formatters(tag, &scratch);
  if (f == nullptr) return "";
  switch (type) {
    case FactType::kDate:
    case FactType::kTime:
      return f->FormatDate(value);
    case FactType::kMoney:
      return f->FormatMoney(value, unit);
    case FactType::kPercent:
      return f->FormatPercent(value);
    case FactType::kQuantity:
    case FactType::kNumber:
      return f->FormatNumber(value, /*compact_if_exact=*/true);
    case FactType::kOrdinal:
      return f->FormatOrdinal(value);
    case FactType::kDuration:
      return f->FormatDuration(value);
    default:
      return std::string(value);
  }
}

}  // namespace precis
