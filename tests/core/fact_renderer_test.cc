// FactRenderer: ICU renderings of fact values per locale, locale validation,
// and concurrent use of the shared cache.
#include "fact_renderer.h"

#include <string>
#include <thread>
#include <vector>

#include "field_error.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace precis {
namespace {

using ::testing::HasSubstr;

std::string Render(FactType type, std::string_view value, std::string_view locale,
                   std::string_view unit = "") {
  return FactRenderer::Shared().Render(type, value, unit, locale);
}

TEST(FactRendererTest, DaysFollowTheLocalesSkeletonPattern) {
  // The examples of the API documentation.
  EXPECT_EQ(Render(FactType::kDate, "2022-01-10", "de"), "10. Jan. 2022");
  EXPECT_EQ(Render(FactType::kDate, "2022-01-10", "ja"), "2022年1月10日");
  EXPECT_EQ(Render(FactType::kDate, "2022-01-10", "en"), "Jan 10, 2022");
}

TEST(FactRendererTest, CoarserGrainsUseCoarserSkeletons) {
  EXPECT_EQ(Render(FactType::kDate, "2022-01", "en"), "Jan 2022");
  EXPECT_EQ(Render(FactType::kDate, "2022-01", "de"), "Jan. 2022");
  EXPECT_EQ(Render(FactType::kDate, "2022", "ja"), "2022年");
  // ISO week 51 of 2021 is Monday 20 to Sunday 26 December, whatever the
  // locale's own week rules (en-US weeks start on Sunday).
  const std::string week = Render(FactType::kDate, "2021-W51", "en-US");
  EXPECT_THAT(week, HasSubstr("20"));
  EXPECT_THAT(week, HasSubstr("26"));
  EXPECT_THAT(week, HasSubstr("Dec"));
  EXPECT_THAT(Render(FactType::kDate, "2022-Q3", "en"), HasSubstr("Q3"));
}

TEST(FactRendererTest, RangesUseIntervalFormats) {
  const std::string days = Render(FactType::kDate, "2022-01-10/2022-01-12", "en");
  EXPECT_THAT(days, HasSubstr("10"));
  EXPECT_THAT(days, HasSubstr("12"));
  // The shared month and year are written once.
  EXPECT_EQ(days.find("Jan"), days.rfind("Jan")) << days;
  const std::string years = Render(FactType::kDate, "2014/2016", "de");
  EXPECT_THAT(years, HasSubstr("2014"));
  EXPECT_THAT(years, HasSubstr("2016"));
}

TEST(FactRendererTest, TimesUseTheLocalesHourCycle) {
  EXPECT_EQ(Render(FactType::kTime, "14:30", "de"), "14:30");
  EXPECT_THAT(Render(FactType::kTime, "14:30", "en-US"), HasSubstr("2:30"));
  EXPECT_THAT(Render(FactType::kTime, "14:30", "en-US"), HasSubstr("PM"));
}

TEST(FactRendererTest, MoneyIsCompactWhenExact) {
  // U+00A0 between number, scale and symbol in German.
  EXPECT_EQ(Render(FactType::kMoney, "300000000", "de", "USD"), "300\u00a0Mio.\u00a0$");
  EXPECT_EQ(Render(FactType::kMoney, "300000000", "en", "USD"), "$300M");
  EXPECT_EQ(Render(FactType::kMoney, "1250000000", "en", "EUR"), "€1.25B");
  // Not exact in three significant digits: written in full.
  EXPECT_EQ(Render(FactType::kMoney, "1234567", "en", "USD"), "$1,234,567");
  EXPECT_EQ(Render(FactType::kMoney, "4.99", "de", "EUR"), "4,99\u00a0€");
  EXPECT_EQ(Render(FactType::kMoney, "5", "en", "USD"), "$5");
}

TEST(FactRendererTest, PercentNumbersOrdinalsDurations) {
  EXPECT_EQ(Render(FactType::kPercent, "4.5", "de"), "4,5\u00a0%");
  EXPECT_EQ(Render(FactType::kPercent, "4.5", "en"), "4.5%");
  EXPECT_EQ(Render(FactType::kNumber, "10000", "de"), "10.000");
  EXPECT_EQ(Render(FactType::kQuantity, "10000", "fr", "troops"), "10\u202f000");
  EXPECT_EQ(Render(FactType::kNumber, "2000000", "en"), "2M");
  EXPECT_EQ(Render(FactType::kOrdinal, "3", "en"), "3rd");
  EXPECT_EQ(Render(FactType::kOrdinal, "3", "de"), "3.");
  EXPECT_EQ(Render(FactType::kDuration, "P2M", "de"), "2 Monate");
  EXPECT_EQ(Render(FactType::kDuration, "PT3H", "en"), "3 hours");
  const std::string both = Render(FactType::kDuration, "P1Y2M", "en");
  EXPECT_THAT(both, HasSubstr("1 year"));
  EXPECT_THAT(both, HasSubstr("2 months"));
}

TEST(FactRendererTest, NamesAreNotLocalized) {
  EXPECT_EQ(Render(FactType::kPerson, "Sergei Ryabkov", "ja"), "Sergei Ryabkov");
  EXPECT_EQ(Render(FactType::kPlace, "Geneva", "de"), "Geneva");
}

TEST(FactRendererTest, MalformedValuesRenderNothing) {
  EXPECT_EQ(Render(FactType::kDate, "January", "en"), "");
  EXPECT_EQ(Render(FactType::kDate, "2022-13-01", "en"), "");
  EXPECT_EQ(Render(FactType::kMoney, "12", "en", "usd"), "");
  EXPECT_EQ(Render(FactType::kPercent, "4,5", "en"), "");
  EXPECT_EQ(Render(FactType::kDuration, "P", "en"), "");
}

TEST(FactRendererTest, ValidatesLocales) {
  const FactRenderer& r = FactRenderer::Shared();
  EXPECT_TRUE(r.ValidateLocale("de", "target_locales[0]").ok());
  EXPECT_TRUE(r.ValidateLocale("pt-BR", "target_locales[0]").ok());
  EXPECT_TRUE(r.ValidateLocale("zh-Hant-TW", "target_locales[0]").ok());
  EXPECT_TRUE(r.ValidateLocale("en-US-u-nu-arab", "target_locales[0]").ok());

  const absl::Status malformed = r.ValidateLocale("de--DE", "target_locales[1]");
  EXPECT_EQ(malformed.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorField(malformed), "target_locales[1]");
  EXPECT_THAT(malformed.message(), HasSubstr("'de--DE'"));

  const absl::Status unknown = r.ValidateLocale("xq", "target_locales[2]");
  EXPECT_EQ(unknown.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorField(unknown), "target_locales[2]");
  EXPECT_THAT(unknown.message(), HasSubstr("unknown locale 'xq'"));

  EXPECT_FALSE(r.ValidateLocale("de-XY", "f").ok());
  EXPECT_FALSE(r.ValidateLocale("", "f").ok());
  EXPECT_FALSE(r.ValidateLocale("en_US!", "f").ok());
}

TEST(FactRendererTest, ConcurrentCallsAgree) {
  const std::string expected_date = Render(FactType::kDate, "2022-01-10", "fr");
  const std::string expected_money = Render(FactType::kMoney, "300000000", "fr", "USD");
  std::vector<std::thread> threads;
  std::vector<int> mismatches(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        // A locale per thread too, so cache fills race with lookups.
        const char* locales[] = {"fr", "it", "es", "nl", "sv", "pl", "cs", "fi"};
        Render(FactType::kDate, "2021-12-31", locales[(t + i) % 8]);
        if (Render(FactType::kDate, "2022-01-10", "fr") != expected_date ||
            Render(FactType::kMoney, "300000000", "fr", "USD") != expected_money) {
          ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
  EXPECT_FALSE(expected_date.empty());
}

}  // namespace
}  // namespace precis
