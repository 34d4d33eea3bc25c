#include <gtest/gtest.h>

#include "checks/app_logs.hpp"
#include "checks/logs_errors_check.hpp"
#include "checks/logs_source_drained_check.hpp"
#include "probes/log_reader.hpp"
#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace logs_checks_test {
namespace {

LogStats stats_of(const std::string& text) {
  return scan_log_text(text, {});
}

const std::string ok =
    "2026-11-24T10:00:00Z heroku[router]: at=info method=GET path=\"/\" host=a.com "
    "service=20ms status=200\n";
const std::string h12 =
    "2026-11-24T10:00:01Z heroku[router]: at=error code=H12 desc=\"Request timeout\" "
    "method=GET path=\"/\" host=a.com service=30001ms status=503\n";
const std::string h27 =
    "2026-11-24T10:00:02Z heroku[router]: sock=client at=warning code=H27 desc=\"Client "
    "Request Interrupted\" method=POST path=\"/\" host=a.com service=0ms status=499\n";
const std::string h15 =
    "2026-11-24T10:00:03Z heroku[router]: at=error code=H15 desc=\"Idle connection\" "
    "method=GET path=\"/\" host=a.com service=55000ms status=503\n";

std::string many(const std::string& line, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += line;
  }
  return out;
}

TEST(LogsErrorsCheck, DefaultsFailCrashesAndTimeoutsButNotClientCodes) {
  const Migration m = test::migration();
  auto f = evaluate_logs_errors(m, {stats_of(many(ok, 200) + h27), "a file", false});
  EXPECT_EQ(f.outcome, Outcome::pass) << f.message;
  f = evaluate_logs_errors(m, {stats_of(many(ok, 200) + h12), "a file", false});
  EXPECT_EQ(f.outcome, Outcome::fail);
  EXPECT_NE(f.message.find("H12 (Request timeout) ×1 at 2026-11-24T10:00:01Z"), std::string::npos)
      << f.message;
  f = evaluate_logs_errors(m, {stats_of(many(ok, 300) + h15), "a file", false});
  EXPECT_EQ(f.outcome, Outcome::warn) << f.message;
}

TEST(LogsErrorsCheck, PlanCodesReplaceTheDefaults) {
  Migration m = test::migration();
  m.logs.fail_codes = std::vector<std::string>{"H27"};
  m.logs.warn_codes = std::vector<std::string>{};
  auto f = evaluate_logs_errors(m, {stats_of(many(ok, 300) + h27 + h12), "a file", false});
  EXPECT_EQ(f.outcome, Outcome::fail);
  EXPECT_NE(f.message.find("H27"), std::string::npos);
  EXPECT_EQ(f.message.find("H12 ("), std::string::npos) << f.message;
}

TEST(LogsErrorsCheck, RatioAndLatencyThresholds) {
  Migration m = test::migration();
  m.logs.fail_codes = std::vector<std::string>{};
  auto f = evaluate_logs_errors(m, {stats_of(many(ok, 50) + h12), "a file", false});
  EXPECT_EQ(f.outcome, Outcome::fail);
  EXPECT_NE(f.message.find("5xx responses are 1.96% of 51"), std::string::npos) << f.message;
  m.logs.max_5xx_ratio = 0.5;
  m.logs.max_p95_ms = 10;
  f = evaluate_logs_errors(m, {stats_of(many(ok, 50)), "a file", false});
  EXPECT_NE(f.message.find("p95 is 20 ms, above 10 ms"), std::string::npos) << f.message;
}

TEST(LogsErrorsCheck, SaysWhatAPrivateSpaceLogCannotShow) {
  Migration m = test::migration();
  m.logs.fail_codes = std::vector<std::string>{"H10", "R14", "H14"};
  const auto f = evaluate_logs_errors(m, {stats_of(many(ok, 10)), "a file", true});
  EXPECT_EQ(f.outcome, Outcome::pass);
  EXPECT_NE(f.message.find("H14, R14 never appear in a Private Space"), std::string::npos)
      << f.message;
  EXPECT_NE(f.message.find("R15 may be dropped"), std::string::npos);
}

TEST(LogsErrorsCheck, NoLinesWarns) {
  const auto f = evaluate_logs_errors(test::migration(), {stats_of("garbage\n"), "a file", false});
  EXPECT_EQ(f.outcome, Outcome::warn);
  EXPECT_NE(f.message.find("no log lines"), std::string::npos);
}

TEST(LogsSourceDrained, AnyRequestFails) {
  EXPECT_EQ(evaluate_source_drained("old", stats_of(""), "a file").outcome, Outcome::pass);
  const std::string h31 =
      "2026-11-24T10:00:00Z heroku[router]: at=error code=H31 desc=\"Misdirected Request\" "
      "method=GET path=\"/\" host=b.com status=421\n";
  const auto f = evaluate_source_drained("old", stats_of(many(ok, 3) + h31), "a file");
  EXPECT_EQ(f.outcome, Outcome::fail);
  EXPECT_NE(f.message.find("still served 4 requests in a file, for a.com (3), b.com (1)"),
            std::string::npos)
      << f.message;
  EXPECT_NE(f.message.find("(1 H31 Misdirected Request)"), std::string::npos);
}

// A file stands in for a guard's log session only when it reaches from before the window's
// start to within it: 2026-12-03T10:00Z is 1,796,292,000 s after the epoch.
TEST(LogsWindow, AFileMustCoverTheStartOfTheWindow) {
  constexpr std::int64_t s = 1'000'000;
  constexpr std::int64_t ten = 1'796'292'000 * s;
  const std::int64_t start = ten - 15 * 60 * s;
  EXPECT_EQ(window_not_covered(start - s, ten, start, ten), "");
  EXPECT_EQ(window_not_covered(start, start, start, ten), "");
  EXPECT_EQ(window_not_covered(ten - 3 * 60 * s, ten, start, ten),
            "the file covers 2026-12-03T09:57:00.000Z to 2026-12-03T10:00:00.000Z, the window is "
            "2026-12-03T09:45:00.000Z to 2026-12-03T10:00:00.000Z");
  EXPECT_NE(window_not_covered(start - 60 * s, start - s, start, ten), "");  // all before it
  EXPECT_NE(window_not_covered(std::nullopt, std::nullopt, start, ten).find("no timestamped"),
            std::string::npos);
}

}  // namespace
}  // namespace logs_checks_test
}  // namespace spaceport
