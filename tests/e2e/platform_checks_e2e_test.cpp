// End-to-end: each Platform API check of the catalogue driven to every outcome by a scenario,
// through the real spaceport binary and the real fake-heroku.
#include <functional>

#include "tests/e2e/e2e.hpp"

namespace spaceport {
namespace platform_checks_e2e_test {
namespace {

using nlohmann::json;
using test::fault;

struct Case {
  const char* name;
  const char* phase;
  const char* check;
  const char* subject;
  const char* outcome;
  const char* message_part;
  std::function<void(json&)> change;  // applied to cutover_scenario() for cutover checks
};

void PrintTo(const Case& c, std::ostream* out) {
  *out << c.name;
}

json& app(json& scenario, const std::string& name) {
  return test::named(scenario, "apps", name);
}

class PlatformCheck : public testing::TestWithParam<Case> {};

TEST_P(PlatformCheck, ReachesItsOutcome) {
  const Case& c = GetParam();
  json scenario =
      std::string(c.phase) == "cutover" ? test::cutover_scenario() : test::base_scenario();
  scenario["faults"] = json::array();
  if (c.change) {
    c.change(scenario);
  }
  test::FakeHeroku fake(scenario);
  const test::CheckRun run = test::check(fake, test::base_plan(), {"--only", c.check}, {c.phase});
  const json r = test::result(run, c.check, c.subject);
  EXPECT_EQ(r["outcome"], c.outcome) << r.dump(2);
  EXPECT_NE(r.value("message", "").find(c.message_part), std::string::npos) << r["message"];
  const std::string outcome = c.outcome;
  const int expected_exit = outcome == "fail" ? 1 : outcome == "error" ? 3 : 0;
  EXPECT_EQ(run.process.exit_code, expected_exit) << run.process.out << run.process.err;
}

INSTANTIATE_TEST_SUITE_P(
    Checks, PlatformCheck,
    testing::Values(
        // maintenance.page (https passing: AMaintenancePageServedOverHttpsPasses below)
        Case{"MaintenancePageOverHttpWarns", "preflight", "maintenance.page", "old-app", "warn",
             "answers HTTP 200 but over plain http", nullptr},
        Case{"MaintenancePageMissingFails", "preflight", "maintenance.page", "old-app", "fail",
             "MAINTENANCE_PAGE_URL is not set",
             [](json& s) { app(s, "old-app")["config_vars"].erase("MAINTENANCE_PAGE_URL"); }},
        Case{"MaintenancePageNotFoundFails", "preflight", "maintenance.page", "old-app", "fail",
             "answered HTTP 404",
             [](json& s) { s["pages"]["/static/maintenance.html"]["status"] = 404; }},
        Case{"MaintenancePageUnreachableFails", "preflight", "maintenance.page", "old-app", "fail",
             "could not be fetched: could not connect",
             [](json& s) {
               app(s, "old-app")["config_vars"]["MAINTENANCE_PAGE_URL"] = "http://127.0.0.1:9/x";
             }},
        Case{"MaintenancePageApiErrorErrors", "preflight", "maintenance.page", "old-app", "error",
             "answered 503", [](json& s) { fault(s, test::app_path("old-app", "/config-vars")); }},
        // addons.availability
        Case{"AddonInsideTheSpacePasses", "preflight", "addons.availability", "postgresql-old-1",
             "pass", "installable inside space",
             [](json& s) { s["addons"][0]["plan"] = "heroku-postgresql:shield-0"; }},
        Case{"AddonOutsideTheSpaceWarns", "preflight", "addons.availability", "postgresql-old-1",
             "warn", "heroku-postgresql:shield-0 is installable inside the space", nullptr},
        Case{"AddonNotInTheRegionFails", "preflight", "addons.availability", "postgresql-old-1",
             "fail", "not offered in region virginia",
             [](json& s) {
               s["addon_services"][0]["regions"] = json::array({{{"region", "us"}}});
             }},
        Case{"StaticIpAddonWarnsWithTheSpaceIps", "preflight", "addons.availability", "fixie-old",
             "warn", "stable outbound IPs (203.0.113.10, 203.0.113.11)",
             [](json& s) {
               s["addon_services"].push_back({{"name", "fixie"},
                                              {"plans", json::array({{{"name", "tricycle"}}})},
                                              {"regions", json::array({{{"region", "us"}}})}});
               s["addons"].push_back(
                   {{"name", "fixie-old"}, {"app", "old-app"}, {"plan", "fixie:tricycle"}});
             }},
        Case{"AddonPlansApiErrorErrors", "preflight", "addons.availability", "old-app", "error",
             "answered 500",
             [](json& s) { fault(s, "/addon-services/heroku-postgresql/plans", 500); }},
        // formation.sizes
        Case{"ShieldSizesPass", "preflight", "formation.sizes", "web", "pass", "a Shield size",
             nullptr},
        Case{"CommonRuntimeSizeFails", "preflight", "formation.sizes", "web", "fail",
             "heroku ps:type web=Shield-S -a new-app",
             [](json& s) { app(s, "new-app")["formation"][0]["size"] = "Standard-2X"; }},
        Case{"NoFormationIsSkipped", "preflight", "formation.sizes", "new-app", "skip",
             "no process types yet",
             [](json& s) { app(s, "new-app")["formation"] = json::array(); }},
        Case{"FormationApiErrorErrors", "preflight", "formation.sizes", "new-app", "error",
             "answered 503", [](json& s) { fault(s, test::app_path("new-app", "/formation")); }},
        // addons.reprovisioned
        Case{"OwnAddonPasses", "cutover", "addons.reprovisioned", "postgresql-old-1", "pass",
             "owns its own heroku-postgresql add-on postgresql-new-1", nullptr},
        Case{"AttachedSourceAddonFails", "cutover", "addons.reprovisioned", "postgresql-old-1",
             "fail", "destroying the source would delete it",
             [](json& s) {
               s["addons"].erase(1);
               s["addons"][0]["attachments"] =
                   json::array({{{"app", "new-app"}, {"name", "DATABASE"}}});
             }},
        Case{"AddonsApiErrorErrors", "cutover", "addons.reprovisioned", "old-app", "error",
             "answered 503", [](json& s) { fault(s, test::app_path("new-app", "/addons")); }},
        // domains.moved
        Case{"MovedDomainPasses", "cutover", "domains.moved", "www.example.test", "pass",
             "ACM certificate issued", nullptr},
        Case{"DomainWithSniCertificatePasses", "cutover", "domains.moved", "www.example.test",
             "pass", "SNI endpoint tokyo-2931 (*.example.test)",
             [](json& s) {
               app(s, "new-app")["domains"][0]["acm_status"] = nullptr;
               app(s, "new-app")["sni_endpoints"] = json::array(
                   {{{"name", "tokyo-2931"}, {"cert_domains", json::array({"*.example.test"})}}});
             }},
        Case{"DomainStillOnSourceFails", "cutover", "domains.moved", "www.example.test", "fail",
             "still a domain of \"old-app\"",
             [](json& s) { app(s, "old-app")["domains"] = app(s, "new-app")["domains"]; }},
        Case{"DomainWithoutCertificateFails", "cutover", "domains.moved", "www.example.test",
             "fail", "ACM status is \"failing\" (Failing CCA check)",
             [](json& s) {
               app(s, "new-app")["domains"][0]["acm_status"] = "failing";
               app(s, "new-app")["domains"][0]["acm_status_reason"] = "Failing CCA check";
             }},
        Case{"DomainsApiErrorErrors", "cutover", "domains.moved", "new-app", "error",
             "answered 503", [](json& s) { fault(s, test::app_path("new-app", "/domains")); }},
        // release.parity
        Case{"SameCodePasses", "cutover", "release.parity", "new-app", "pass",
             "same stack and buildpacks", nullptr},
        Case{"OtherCommitFails", "cutover", "release.parity", "new-app", "fail",
             "runs commit 0000000000000000000000000000000000000bad but the source runs",
             [](json& s) {
               app(s, "new-app")["commit"] = "0000000000000000000000000000000000000bad";
             }},
        Case{"UnknownCommitWarns", "cutover", "release.parity", "new-app", "warn",
             "has no slug commit recorded",
             [](json& s) {
               app(s, "old-app")["releases"] =
                   json::array({{{"version", 41}}, {{"version", 42}, {"commit", nullptr}}});
             }},
        Case{"ReleasesApiErrorErrors", "cutover", "release.parity", "new-app", "error",
             "answered 503", [](json& s) { fault(s, test::app_path("new-app", "/releases")); }},
        // maintenance.target-off
        Case{"TargetServingPasses", "cutover", "maintenance.target-off", "new-app", "pass",
             "not in maintenance mode", nullptr},
        Case{"TargetInMaintenanceFails", "cutover", "maintenance.target-off", "new-app", "fail",
             "heroku maintenance:off -a new-app",
             [](json& s) { app(s, "new-app")["maintenance"] = true; }},
        Case{"TargetAppApiErrorErrors", "cutover", "maintenance.target-off", "new-app", "error",
             "answered 503", [](json& s) { fault(s, "/apps/new-app"); }},
        // formation.scaled
        Case{"ScaledTargetPasses", "cutover", "formation.scaled", "web", "pass",
             "runs web=2 (the source runs 2)", nullptr},
        Case{"UnderScaledTargetFails", "cutover", "formation.scaled", "web", "fail",
             "heroku ps:scale web=2 -a new-app",
             [](json& s) { app(s, "new-app")["formation"][0]["quantity"] = 1; }},
        Case{"WebAtZeroInMaintenanceFails", "cutover", "formation.scaled", "web", "fail",
             "routing proxy lives on the web dynos",
             [](json& s) {
               app(s, "new-app")["formation"][0]["quantity"] = 0;
               app(s, "new-app")["maintenance"] = true;
             }},
        Case{"SourceFormationApiErrorErrors", "cutover", "formation.scaled", "new-app", "error",
             "answered 503", [](json& s) { fault(s, test::app_path("old-app", "/formation")); }}),
    [](const testing::TestParamInfo<Case>& each) { return std::string(each.param.name); });

TEST(PlatformChecks, AMaintenancePageServedOverHttpsPasses) {
  test::TempDir dir;
  const auto certificate = test::make_test_certificate(dir);
  json pages = test::base_scenario();
  pages["apps"] = json::array();
  pages["spaces"] = json::array();
  pages["addons"] = json::array();
  test::FakeHeroku page_server(pages, certificate);
  ASSERT_EQ(page_server.url().rfind("https://", 0), 0U);

  json scenario = test::base_scenario();
  app(scenario, "old-app")["config_vars"]["MAINTENANCE_PAGE_URL"] =
      page_server.url() + "/static/maintenance.html";
  test::FakeHeroku fake(scenario);
  const test::CheckRun run =
      test::check(fake, test::base_plan(),
                  {"--only", "maintenance.page", "--ca-file", certificate.certificate.string()});
  const json r = test::result(run, "maintenance.page", "old-app");
  EXPECT_EQ(r["outcome"], "pass") << r.dump(2);
  EXPECT_NE(r["message"].get<std::string>().find("answers HTTP 200 over https"), std::string::npos);
  EXPECT_EQ(run.process.exit_code, 0);
  EXPECT_EQ(page_server.count("GET", "/static/maintenance.html"), 1);

  // Without the CA the certificate cannot be verified: a fail that says so, never a pass.
  const test::CheckRun untrusted =
      test::check(fake, test::base_plan(), {"--only", "maintenance.page"});
  const json u = test::result(untrusted, "maintenance.page", "old-app");
  EXPECT_EQ(u["outcome"], "fail");
  EXPECT_NE(u["message"].get<std::string>().find("could not be verified"), std::string::npos) << u;
}

TEST(PlatformChecks, AReadyCutoverPassesEveryCutoverCheck) {
  test::FakeHeroku fake(test::cutover_scenario());
  const test::CheckRun run = test::check(fake, test::base_plan(), {}, {"cutover"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out;
  // Nothing fails, warns or errors; what does not apply (no dataclips, no database URLs) skips.
  EXPECT_EQ(run.report["summary"]["total"].get<int>(),
            run.report["summary"]["pass"].get<int>() + run.report["summary"]["skip"].get<int>())
      << run.process.out;
  EXPECT_EQ(run.report["summary"]["skip"], 2) << run.process.out;
}

}  // namespace
}  // namespace platform_checks_e2e_test
}  // namespace spaceport
