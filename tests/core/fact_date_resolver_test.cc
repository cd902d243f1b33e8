// DateResolver: civil-day arithmetic and relative-date resolution.
#include "date_resolver.h"

#include <climits>
#include <cstdio>
#include <string>

#include "gtest/gtest.h"

namespace precis {
namespace {

// 2021-12-28T12:00:00Z, a Tuesday.
constexpr int64_t kTuesday = 1640692800000;

TEST(FactDateResolverTest, CivilRoundTrip) {
  for (int64_t d = -800000; d <= 800000; d += 997) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(d)), d);
  }
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(FormatIsoDay(CivilFromDays(DaysFromCivil({2024, 2, 28}) + 1)), "2024-02-29");
  EXPECT_EQ(IsoWeekday(DaysFromCivil({2021, 12, 28})), 2);  // Tuesday
  EXPECT_FALSE(IsValidDay({2022, 2, 29}));
  EXPECT_TRUE(IsValidDay({2000, 2, 29}));
  EXPECT_FALSE(IsValidDay({1900, 2, 29}));
}

// The formatters write what printf's "%04d-%02d-%02d" family writes, for
// any value (negative and five-digit years included).
TEST(FactDateResolverTest, FormatsLikePrintf) {
  auto printf_day = [](int y, int m, int d) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
    return std::string(buf);
  };
  for (int y : {-12345, -1000, -999, -10, -1, 0, 1, 9, 10, 99, 999, 1000, 2024, 9999, 10000,
                123456, INT_MAX, INT_MIN}) {
    for (int m : {0, 1, 9, 10, 12, 13, 100, -1}) {
      EXPECT_EQ(FormatIsoDay({y, m, 7}), printf_day(y, m, 7));
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%04d-%02d", y, m);
      EXPECT_EQ(FormatIsoMonth(y, m), buf);
    }
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%04d", y);
    EXPECT_EQ(FormatIsoYear(y), buf);
  }
  EXPECT_EQ(FormatIsoDay({2022, 1, 13}), "2022-01-13");
  EXPECT_EQ(FormatIsoWeek({2021, 1, 3}), "2020-W53");  // week-year of its Thursday
  EXPECT_EQ(FormatIsoWeek({2022, 1, 13}), "2022-W02");
}

TEST(FactDateResolverTest, ReferenceDayInZone) {
  EXPECT_EQ(DateResolver(kTuesday, "UTC").reference(), (CivilDay{2021, 12, 28}));
  // 12:00Z is 01:00 the next day in Auckland (UTC+13 in summer).
  EXPECT_EQ(DateResolver(kTuesday, "Pacific/Auckland").reference(), (CivilDay{2021, 12, 29}));
  EXPECT_FALSE(DateResolver(0, "UTC").has_reference());
}

TEST(FactDateResolverTest, InferYear) {
  const DateResolver r(kTuesday, "UTC");
  EXPECT_EQ(r.InferYear(1, 10), 2022);
  EXPECT_EQ(r.InferYear(12, 3), 2021);
  EXPECT_EQ(r.InferYear(7, 15), 2021);
  EXPECT_EQ(r.InferYear(6, 0), 2021);  // June: 6 months either way; ties go to the past
  EXPECT_EQ(r.InferYear(3, 0), 2022);
  EXPECT_EQ(r.InferYear(9, 0), 2021);
  EXPECT_FALSE(DateResolver(0, "UTC").InferYear(1, 10).has_value());
}

TEST(FactDateResolverTest, Weekdays) {
  const DateResolver r(kTuesday, "UTC");
  EXPECT_EQ(FormatIsoDay(*r.ResolveWeekday(1, 0)), "2021-12-27");   // Monday
  EXPECT_EQ(FormatIsoDay(*r.ResolveWeekday(2, 0)), "2021-12-28");   // today
  EXPECT_EQ(FormatIsoDay(*r.ResolveWeekday(2, -1)), "2021-12-21");  // last Tuesday
  EXPECT_EQ(FormatIsoDay(*r.ResolveWeekday(2, 1)), "2022-01-04");   // next Tuesday
  EXPECT_EQ(FormatIsoDay(*r.ResolveWeekday(3, 0)), "2021-12-22");   // Wednesday
  EXPECT_EQ(FormatIsoDay(*r.Offset(-1)), "2021-12-27");
}

}  // namespace
}  // namespace precis
