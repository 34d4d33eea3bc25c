#include "plan/plan_loader.hpp"

#include <gtest/gtest.h>

#include "core/config_error.hpp"
#include "tests/support/support.hpp"

namespace spaceport {
namespace plan_loader_test {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_plan(text, "plan.json");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(PlanLoader, ReadsTheFleetFormWithComments) {
  const Plan plan = parse_plan(R"({
    // two apps
    "version": 1,
    "migrations": [
      {"name": "web", "source": {"app": "a"}, "target": {"app": "b", "space": "s", "shield": true},
       "domains": ["www.example.com"], "dns": {"max_ttl": 120, "resolvers": ["8.8.8.8"]},
       "health": [{"url": "https://www.example.com/healthz"}],
       "logs": {"max_5xx_ratio": 0.05, "fail_codes": ["H10"], "max_p95_ms": 800},
       "dataclips": [{"name": "rev", "database": "pg-1", "reassigned": true}],
       "data_parity": {"source_url_env": "S", "target_url_env": "T"},
       "accept_data_loss": [{"addon": "redis-1", "reason": "cache"}],
       "waivers": [{"check": "dns.ttl", "subject": "*", "reason": "r", "approved_by": "me",
                    "expires": "2027-01-31"}]},
      /* second */ {"source": {"app": "c"}, "target": {"app": "d", "space": "s"}}
    ]})",
                               "plan.json");
  ASSERT_EQ(plan.migrations.size(), 2U);
  const Migration& m = plan.migrations[0];
  EXPECT_EQ(m.name, "web");
  EXPECT_EQ(m.target.shield, true);
  EXPECT_EQ(m.dns.max_ttl, 120);
  EXPECT_EQ(m.health.at(0).status, 200);
  EXPECT_DOUBLE_EQ(m.logs.max_5xx_ratio, 0.05);
  EXPECT_EQ(m.logs.max_p95_ms, 800);
  EXPECT_EQ(m.dataclips->at(0).database, "pg-1");
  EXPECT_EQ(m.waivers.at(0).expires, "2027-01-31");
  EXPECT_EQ(plan.migrations[1].name, "c");
  EXPECT_EQ(plan.migrations[1].target.shield, std::nullopt);
  EXPECT_FALSE(plan.migrations[1].dataclips.has_value());
  EXPECT_EQ(plan.sha256.size(), 64U);
}

TEST(PlanLoader, ReadsTheSingleMigrationShorthand) {
  const Plan plan =
      parse_plan(R"({"source": {"app": "a"}, "target": {"app": "b", "space": "s"}})", "p.json");
  ASSERT_EQ(plan.migrations.size(), 1U);
  EXPECT_EQ(plan.migrations[0].name, "a");
}

TEST(PlanLoader, UnknownKeyNamesPlaceAndSuggestion) {
  const std::string error = error_of(
      "{\"version\": 1, \"migrations\": [\n  {\"source\": {\"app\": \"a\"},\n   \"target\": "
      "{\"app\": \"b\", \"space\": \"s\"},\n   \"domians\": []}]}");
  EXPECT_EQ(error,
            "plan.json:4:4: unknown key \"domians\" in migrations[0]; did you mean \"domains\"?");
}

TEST(PlanLoader, WrongTypeNamesPlace) {
  EXPECT_EQ(
      error_of(
          R"({"source": {"app": "a"}, "target": {"app": "b", "space": "s", "shield": "yes"}})"),
      "plan.json:1:73: \"shield\" in \"target\" of the plan must be a boolean, not a string");
}

TEST(PlanLoader, MissingFieldIsAnError) {
  EXPECT_EQ(error_of(R"({"source": {"app": "a"}, "target": {"app": "b"}})"),
            "plan.json:1:36: \"target\" of the plan is missing the required key \"space\"");
}

TEST(PlanLoader, SyntaxErrorsHaveLineAndColumn) {
  EXPECT_EQ(error_of("{\n  \"source\": {\"app\": \"a\",}\n}"),
            "plan.json:2:25: invalid JSON: trailing comma before '}'");
  EXPECT_EQ(error_of("{\"a\": 1, \"a\": 2}"),
            "plan.json:1:10: invalid JSON: duplicate key \"a\" (first written at line 1)");
  EXPECT_EQ(error_of(""),
            "plan.json:1:1: invalid JSON: unexpected end of file: a value was expected");
  EXPECT_EQ(error_of("{\"x\": \"unterminated"),
            "plan.json:1:7: invalid JSON: string is not closed with '\"'");
  EXPECT_EQ(error_of(std::string(100, '[')),
            "plan.json:1:66: invalid JSON: nesting is deeper than 64 levels");
}

TEST(PlanLoader, RejectsDangerousOrEmptyPlans) {
  EXPECT_NE(error_of(R"({"source": {"app": "a"}, "target": {"app": "a", "space": "s"}})")
                .find("source and target are the same app"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"version": 1, "migrations": []})").find("nothing to check"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"version": 2, "migrations": []})").find("plan version 1, not 2"),
            std::string::npos);
  EXPECT_NE(
      error_of(
          R"({"migrations": [{"source": {"app": "a"}, "target": {"app": "b", "space": "s"}}]})")
          .find("must say \"version\": 1"),
      std::string::npos);
  EXPECT_NE(error_of(R"({"apps": []})").find("neither \"migrations\" nor"), std::string::npos);
  EXPECT_NE(error_of(R"({"version": 1, "migrations": [
      {"source": {"app": "a"}, "target": {"app": "b", "space": "s"}},
      {"source": {"app": "a"}, "target": {"app": "c", "space": "s"}}]})")
                .find("two migrations are named \"a\""),
            std::string::npos);
}

TEST(PlanLoader, ValidatesValues) {
  const std::string base = R"({"source": {"app": "a"}, "target": {"app": "b", "space": "s"}, )";
  EXPECT_NE(error_of(base + R"("dns": {"max_ttl": 1.5}})").find("whole number"), std::string::npos);
  EXPECT_NE(error_of(base + R"("logs": {"max_5xx_ratio": 2}})").find("between 0 and 1"),
            std::string::npos);
  EXPECT_NE(error_of(base + R"("health": [{"url": "ftp://x"}]})").find("http:// or https://"),
            std::string::npos);
  EXPECT_NE(error_of(base + R"("waivers": [{"check": "c", "subject": "s", "reason": "r",
      "approved_by": "me", "expires": "2027-02-30"}]})")
                .find("\"2027-02-30\" is not a real date (that month has 28 days)"),
            std::string::npos);
  EXPECT_NE(error_of(base + R"("waivers": [{"check": "c", "subject": "s", "reason": "r",
      "approved_by": "me", "expires": "2028-02-29"}]})")
                .find("no error"),
            std::string::npos)
      << "2028 is a leap year";
  EXPECT_NE(error_of(base + R"("waivers": [{"check": "c", "subject": "s", "reason": "r",
      "approved_by": "me", "expires": "2027-13-01"}]})")
                .find("months run from 01 to 12"),
            std::string::npos);
  EXPECT_NE(error_of(base + R"("waivers": [{"check": "c", "subject": "s", "reason": "r",
      "approved_by": "me", "expires": "31/01/2027"}]})")
                .find("YYYY-MM-DD"),
            std::string::npos);
  EXPECT_NE(error_of(base + R"("domains": [""]})").find("must not be empty"), std::string::npos);
  EXPECT_NE(error_of(base + R"("dns": {"resolvers": ["dns.google"]}})")
                .find("\"dns.google\" in \"resolvers\""),
            std::string::npos)
      << error_of(base + R"("dns": {"resolvers": ["dns.google"]}})");
  EXPECT_NE(error_of(base + R"("health": [{"url": "https://u:p@x/"}]})").find("user:password@"),
            std::string::npos);
}

TEST(PlanLoader, DomainsAreOneNameWhateverTheirCaseAndTrailingDot) {
  const Plan plan = parse_plan(
      R"({"source": {"app": "a"}, "target": {"app": "b", "space": "s"},
          "domains": ["WWW.Acme.Test", "api.acme.test.", "*.Shop.Acme.Test."]})",
      "plan.json");
  EXPECT_EQ(*plan.migrations[0].domains,
            (std::vector<std::string>{"www.acme.test", "api.acme.test", "*.shop.acme.test"}));
  EXPECT_EQ(plan.migrations[0].source.written, "a");  // apps keep the plan's spelling
  EXPECT_EQ(plan.migrations[0].source.id, "");        // until a run resolves them
}

TEST(PlanLoader, TheDecommissionGuardsCannotBeWaived) {
  const std::string plan = R"({"source": {"app": "a"}, "target": {"app": "b", "space": "s"},
      "waivers": [{"check": "decommission.shared-addons", "subject": "*", "reason": "r",
                   "approved_by": "me", "expires": "2027-01-31"}]})";
  EXPECT_NE(error_of(plan).find("cannot be waived: the decommission guards are what destroy "
                                "demands"),
            std::string::npos)
      << error_of(plan);
}

TEST(PlanLoader, LogCodesMustBeHerokuCodes) {
  const std::string base = R"({"source": {"app": "a"}, "target": {"app": "b", "space": "s"}, )";
  EXPECT_NE(error_of(base + R"("logs": {"fail_codes": ["H1O"]}})")
                .find("\"H1O\" in \"fail_codes\" of \"logs\" of the plan is not a Heroku error "
                      "code; did you mean \"H10\"?"),
            std::string::npos)
      << error_of(base + R"("logs": {"fail_codes": ["H1O"]}})");
  const Plan plan = parse_plan(base + R"("logs": {"warn_codes": ["H27"]}})", "plan.json");
  EXPECT_FALSE(plan.migrations[0].logs.fail_codes);
  EXPECT_EQ(plan.migrations[0].logs.warn_codes, std::vector<std::string>{"H27"});
}

TEST(PlanLoader, LogFilesAreFoundNextToThePlan) {
  test::TempDir dir;
  const auto path = dir.write("plan.json", R"({"source": {"app": "a"},
      "target": {"app": "b", "space": "s"},
      "logs": {"target_file": "drain/target.log", "source_file": "/var/log/source.log"}})");
  const Plan plan = load_plan(path.string());
  EXPECT_EQ(plan.migrations[0].logs.target_file, (dir.path() / "drain/target.log").string());
  EXPECT_EQ(plan.migrations[0].logs.source_file, "/var/log/source.log");
}

TEST(PlanLoader, NormalizesResolvers) {
  const std::string text = R"({"source": {"app": "a"}, "target": {"app": "b", "space": "s"},
      "dns": {"resolvers": ["8.8.8.8", "[::1]:5353"]}})";
  EXPECT_EQ(parse_plan(text, "plan.json").migrations[0].dns.resolvers,
            (std::vector<std::string>{"8.8.8.8:53", "[::1]:5353"}));
}

}  // namespace
}  // namespace plan_loader_test
}  // namespace spaceport
