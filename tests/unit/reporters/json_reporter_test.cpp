#include "reporters/json_reporter.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/support.hpp"
#include "tests/unit/reporters/sample_report.hpp"

namespace spaceport {
namespace {

TEST(JsonReporter, HostileTextGivesValidJsonThatMatchesTheSchema) {
  std::ostringstream out;
  write_json_report(test::hostile_report(), out);
  const auto parsed = nlohmann::json::parse(out.str());  // throws on invalid JSON or UTF-8
  EXPECT_EQ(parsed["schema"], "spaceport.report/1");
  EXPECT_EQ(parsed["summary"]["total"], 6);
  EXPECT_EQ(parsed["summary"]["waived"], 1);
  EXPECT_EQ(parsed["started_at"], "2026-09-21T14:13:20.000Z");
  EXPECT_EQ(parsed["results"][1]["outcome"], "fail");
  EXPECT_EQ(parsed["results"][1]["duration_ms"], 1507);

  test::TempDir dir;
  const auto file = dir.write("report.json", out.str());
  const auto result = test::validate_report(file);
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST(JsonReporter, TheSchemaRejectsAReportMissingAField) {
  auto document = report_to_json(test::hostile_report());
  document["results"][0].erase("attempts");
  test::TempDir dir;
  const auto file = dir.write(
      "report.json", document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  const auto result = test::validate_report(file);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("'attempts' is a required property"), std::string::npos);
}

}  // namespace
}  // namespace spaceport
