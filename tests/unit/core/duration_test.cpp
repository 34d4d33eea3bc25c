#include "core/duration.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace duration_test {
namespace {

using std::chrono::milliseconds;

TEST(ParseDuration, ReadsUnitsAndPlainSeconds) {
  EXPECT_EQ(parse_duration("250ms"), milliseconds(250));
  EXPECT_EQ(parse_duration("30s"), milliseconds(30'000));
  EXPECT_EQ(parse_duration("2m"), milliseconds(120'000));
  EXPECT_EQ(parse_duration("1h"), milliseconds(3'600'000));
  EXPECT_EQ(parse_duration("1.5"), milliseconds(1'500));
}

TEST(ParseDuration, RejectsNonsense) {
  EXPECT_EQ(parse_duration(""), std::nullopt);
  EXPECT_EQ(parse_duration("-1s"), std::nullopt);
  EXPECT_EQ(parse_duration("10 parsecs"), std::nullopt);
  EXPECT_EQ(parse_duration("s"), std::nullopt);
  EXPECT_EQ(parse_duration("1e400"), std::nullopt);
}

TEST(ParseDuration, ReadsCompoundsFromTheLargestUnitDown) {
  EXPECT_EQ(parse_duration("1m30s"), milliseconds(90'000));
  EXPECT_EQ(parse_duration("1h30m"), milliseconds(5'400'000));
  EXPECT_EQ(parse_duration("2s500ms"), milliseconds(2'500));
  EXPECT_EQ(parse_duration("0s"), milliseconds(0));
  EXPECT_EQ(parse_duration("30s1m"), std::nullopt);
  EXPECT_EQ(parse_duration("1m1m"), std::nullopt);
  EXPECT_EQ(parse_duration("1m30"), std::nullopt);
  EXPECT_EQ(parse_duration("1m 30s"), std::nullopt);
}

TEST(Rfc3339, ReadsWhatItWrites) {
  const auto time =
      std::chrono::system_clock::time_point(std::chrono::milliseconds(1'790'000'000'123));
  EXPECT_EQ(parse_rfc3339(format_rfc3339(time)), time);
  EXPECT_EQ(parse_rfc3339("2026-09-21T14:13:20Z"),
            std::chrono::system_clock::time_point(std::chrono::seconds(1'790'000'000)));
  EXPECT_EQ(parse_rfc3339("2026-09-21T14:13:20+02:00"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("yesterday"), std::nullopt);
  // Found by fuzz_report_json: a year the clock cannot hold overflowed it (UBSan).
  EXPECT_EQ(parse_rfc3339("1014-01-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("99999-01-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-09-21T14:13:20.-12Z"), std::nullopt);
}

TEST(FormatDuration, IsShortAndExact) {
  EXPECT_EQ(format_duration(milliseconds(250)), "250ms");
  EXPECT_EQ(format_duration(milliseconds(1'250)), "1.250s");
  EXPECT_EQ(format_duration(milliseconds(30'000)), "30s");
  EXPECT_EQ(format_duration(milliseconds(120'000)), "2m");
}

}  // namespace
}  // namespace duration_test
}  // namespace spaceport
