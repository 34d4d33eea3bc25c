#include "reporters/json_reporter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "tests/support/support.hpp"
#include "tests/unit/reporters/sample_report.hpp"

namespace spaceport {
namespace json_reporter_test {
namespace {

TEST(JsonReporter, HostileTextGivesValidJsonThatMatchesTheSchema) {
  std::ostringstream out;
  write_json_report(test::hostile_report(), out);
  const auto parsed = nlohmann::json::parse(out.str());  // throws on invalid JSON or UTF-8
  EXPECT_EQ(parsed["schema"], "spaceport.report/2");
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

TEST(JsonReporter, TheStreamedReportIsTheDocumentWithAMemberOrAResultALine) {
  // write_json_report writes members and results one at a time; read back, it is the whole
  // document, and each top-level member and each result is one line (grep and diff find them).
  for (auto report : {test::hostile_report(), Report{}}) {
    std::ostringstream out;
    write_json_report(report, out);
    const std::string text = out.str();
    const auto document = report_to_json(report);
    const auto undecodable_replaced = nlohmann::json::parse(
        document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    EXPECT_EQ(nlohmann::json::parse(text), undecodable_replaced);
    const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    const std::size_t results = report.results.size();
    EXPECT_EQ(lines, 2 + document.size() + (results == 0 ? 0 : results + 1)) << text;
  }
}

TEST(JsonReporter, SaysWhoRanItHowAndWithWhichExitCode) {
  Report report = test::hostile_report();
  report.tool_commit = "0123456789abcdef0123456789abcdef01234567";
  report.run.command_line = {"check", "--plan", "p.json", "--phase", "preflight", "--strict"};
  report.run.phases = {Phase::preflight, Phase::cutover};
  report.run.strict = true;
  report.run.exit_code = 1;
  report.run.account = {{"id", "u-1"}, {"email", "ops@acme.test"}};
  report.run.ci = {{"system", "github-actions"},
                   {"run_id", "42"},
                   {"url", "https://github.com/acme/infra/actions/runs/42"}};
  std::ostringstream out;
  write_json_report(report, out);
  const auto parsed = nlohmann::json::parse(out.str());
  EXPECT_EQ(parsed["tool"]["commit"], report.tool_commit);
  EXPECT_EQ(parsed["run"]["strict"], true);
  EXPECT_EQ(parsed["run"]["exit_code"], 1);
  EXPECT_EQ(parsed["run"]["phases"], nlohmann::json::array({"preflight", "cutover"}));
  EXPECT_EQ(parsed["run"]["command_line"][5], "--strict");
  EXPECT_EQ(parsed["run"]["account"]["email"], "ops@acme.test");
  EXPECT_EQ(parsed["run"]["ci"]["run_id"], "42");
  test::TempDir dir;
  const auto result = test::validate_report(dir.write("report.json", out.str()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST(JsonReporter, AVersionOneReportStillHasItsSchema) {
  // Readers of older reports keep the schema they were written against.
  auto document = report_to_json(test::hostile_report());
  document.erase("run");
  document["tool"].erase("commit");
  document["api"] = {{"url", document["api"]["url"]}};
  document["schema"] = "spaceport.report/1";
  test::TempDir dir;
  const auto file = dir.write(
      "report.json", document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  const auto result = test::validate_report(file, "reporters/report-1.schema.json");
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
}  // namespace json_reporter_test
}  // namespace spaceport
