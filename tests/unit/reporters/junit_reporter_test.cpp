#include "reporters/junit_reporter.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/support.hpp"
#include "tests/unit/reporters/sample_report.hpp"

namespace spaceport {
namespace junit_reporter_test {
namespace {

std::string junit_of(const Report& report) {
  std::ostringstream out;
  write_junit_report(report, "ci-runner", out);
  return out.str();
}

TEST(JunitReporter, HostileTextValidatesAgainstBothSchemas) {
  test::TempDir dir;
  const auto file = dir.write("report.xml", junit_of(test::hostile_report()));
  for (const char* xsd : {"junit.xsd", "jenkins-xunit-junit-10.xsd"}) {
    const auto result = test::validate_xml(file, xsd);
    EXPECT_EQ(result.exit_code, 0) << xsd << "\n" << result.err;
  }
}

TEST(JunitReporter, MapsOutcomesToElements) {
  const std::string xml = junit_of(test::hostile_report());
  EXPECT_NE(xml.find("<failure type=\"config.parity\""), std::string::npos);
  EXPECT_NE(xml.find("<error type=\"config.parity\""), std::string::npos);
  EXPECT_NE(xml.find("<skipped>skip: "), std::string::npos);
  EXPECT_NE(xml.find("<skipped>waived: "), std::string::npos);
  EXPECT_NE(xml.find("outcome: warn"), std::string::npos);
  EXPECT_NE(xml.find("<testsuite name=\"acme-web.preflight\""), std::string::npos);
  EXPECT_NE(xml.find("<testsuite name=\"acme-api.cutover\""), std::string::npos);
  EXPECT_NE(xml.find("timestamp=\"2026-09-21T14:13:20\""), std::string::npos);
  EXPECT_NE(xml.find("<testsuites name=\"spaceport\" tests=\"6\" failures=\"1\" errors=\"1\""),
            std::string::npos);
  EXPECT_EQ(xml.find('\x1b'), std::string::npos);
  EXPECT_EQ(xml.find("&#27;"), std::string::npos);
}

TEST(JunitReporter, StrictMakesWarningsFailuresAndSaysSo) {
  Report report = test::hostile_report();
  EXPECT_NE(junit_of(report).find("<property name=\"strict\" value=\"false\""), std::string::npos);
  report.run.strict = true;
  const std::string xml = junit_of(report);
  EXPECT_NE(xml.find("<property name=\"strict\" value=\"true\""), std::string::npos);
  // The fail and the warn are both failures: a red job never shows fewer failed tests.
  EXPECT_NE(xml.find("<testsuites name=\"spaceport\" tests=\"6\" failures=\"2\" errors=\"1\""),
            std::string::npos)
      << xml.substr(0, 300);
  EXPECT_NE(xml.find("<failure type=\"config.parity\" message=\"warn (--strict): message "),
            std::string::npos);
  test::TempDir dir;
  const auto file = dir.write("report.xml", xml);
  for (const char* xsd : {"junit.xsd", "jenkins-xunit-junit-10.xsd"}) {
    const auto result = test::validate_xml(file, xsd);
    EXPECT_EQ(result.exit_code, 0) << xsd << "\n" << result.err;
  }
}

TEST(JunitReporter, SecondsHaveExactlyThreeDecimals) {
  EXPECT_EQ(format_junit_seconds(std::chrono::milliseconds(0)), "0.000");
  EXPECT_EQ(format_junit_seconds(std::chrono::milliseconds(7)), "0.007");
  EXPECT_EQ(format_junit_seconds(std::chrono::milliseconds(14'029'255)), "14029.255");
}

}  // namespace
}  // namespace junit_reporter_test
}  // namespace spaceport
