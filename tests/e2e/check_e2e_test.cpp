// End-to-end: the real spaceport binary against the real fake-heroku server.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "tests/e2e/e2e.hpp"
#include "tests/support/support.hpp"

namespace spaceport {
namespace check_e2e_test {
namespace {

using nlohmann::json;
using test::check;
using test::CheckRun;
using test::FakeHeroku;
using test::result;
using test::run_spaceport;
using test::TempDir;

TEST(CheckEndToEnd, AMigrationThatIsReadyPassesWithExitZero) {
  FakeHeroku fake(test::base_scenario());
  const CheckRun run = check(fake, test::base_plan());
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
  EXPECT_EQ(result(run, "app.source", "old-app")["outcome"], "pass");
  EXPECT_EQ(result(run, "app.target", "new-app")["outcome"], "pass");
  EXPECT_EQ(result(run, "space.target", "shield-space")["outcome"], "pass");
  EXPECT_EQ(result(run, "config.parity", "API_SECRET")["outcome"], "pass");
  EXPECT_EQ(result(run, "config.parity", "DATABASE_URL")["outcome"], "skip");
  EXPECT_EQ(run.report["summary"]["fail"], 0);
  EXPECT_EQ(run.report["api"]["url"], fake.url());
}

TEST(CheckEndToEnd, TargetOutsideTheSpaceFailsNamingBothSpaces) {
  json scenario = test::base_scenario();
  scenario["apps"][1]["space"] = "other-space";
  FakeHeroku fake(scenario);
  const CheckRun run = check(fake, test::base_plan());
  EXPECT_EQ(run.process.exit_code, 1);
  const json r = result(run, "app.target", "new-app");
  EXPECT_EQ(r["outcome"], "fail");
  EXPECT_NE(r["message"].get<std::string>().find("is in space \"other-space\", not in the plan's "
                                                 "target space \"shield-space\""),
            std::string::npos);
  EXPECT_NE(run.junit.find("<failure type=\"app.target\""), std::string::npos);
}

TEST(CheckEndToEnd, EachCheckFailsForItsOwnReason) {
  json scenario = test::base_scenario();
  scenario["spaces"][0]["state"] = "allocating";
  scenario["apps"][1]["config_vars"].erase("API_SECRET");
  scenario["apps"][0]["name"] = "renamed-app";
  scenario["addons"] = json::array();
  FakeHeroku fake(scenario);
  const CheckRun run = check(fake, test::base_plan());
  EXPECT_EQ(run.process.exit_code, 1);
  EXPECT_EQ(result(run, "app.source", "old-app")["outcome"], "fail");
  EXPECT_EQ(result(run, "space.target", "shield-space")["outcome"], "fail");
  // The source is gone, so config parity cannot be decided: error, never pass.
  EXPECT_EQ(result(run, "config.parity", "old-app")["outcome"], "error");
}

TEST(CheckEndToEnd, MissingConfigKeyFailsAndDifferentValueWarns) {
  json scenario = test::base_scenario();
  scenario["apps"][1]["config_vars"].erase("API_SECRET");
  scenario["apps"][1]["config_vars"]["RAILS_ENV"] = "staging";
  FakeHeroku fake(scenario);
  const CheckRun run = check(fake, test::base_plan(), {"--only", "config.parity"});
  EXPECT_EQ(run.process.exit_code, 1);
  EXPECT_EQ(result(run, "config.parity", "API_SECRET")["outcome"], "fail");
  EXPECT_EQ(result(run, "config.parity", "RAILS_ENV")["outcome"], "warn");
  EXPECT_EQ(run.report["summary"]["total"], 5);
}

TEST(CheckEndToEnd, StrictTurnsWarningsIntoFailure) {
  json scenario = test::base_scenario();
  scenario["apps"][1]["config_vars"]["RAILS_ENV"] = "staging";
  FakeHeroku fake(scenario);
  EXPECT_EQ(check(fake, test::base_plan()).process.exit_code, 0);
  EXPECT_EQ(check(fake, test::base_plan(), {"--strict"}).process.exit_code, 1);
}

TEST(CheckEndToEnd, SecretsNeverReachAnyOutput) {
  json scenario = test::base_scenario();
  scenario["apps"][1]["config_vars"]["API_SECRET"] = "another-s3cr3t-b77e";  // differs: warn
  FakeHeroku fake(scenario);
  const CheckRun run = check(fake, test::base_plan());
  const std::string everything =
      run.process.out + run.process.err + run.report.dump() + run.junit + run.markdown;
  ASSERT_FALSE(run.junit.empty());
  ASSERT_FALSE(run.markdown.empty());
  for (const std::string secret : {"s3cr3t-value-91c4e", "another-s3cr3t-b77e", "test-token-7d1f",
                                   "postgres://u:p@host/db1"}) {
    EXPECT_EQ(everything.find(secret), std::string::npos) << secret;
  }
  EXPECT_EQ(result(run, "config.parity", "API_SECRET")["outcome"], "warn");
}

TEST(CheckEndToEnd, EachDistinctRequestIsSentOnceAndNothingIsChanged) {
  json scenario = test::base_scenario();
  scenario["apps"].push_back({{"name", "old-app-2"}});
  scenario["apps"].push_back({{"name", "new-app-2"}, {"space", "shield-space"}});
  json plan = test::base_plan();
  plan["migrations"].push_back({{"name", "second"},
                                {"source", {{"app", "old-app-2"}}},
                                {"target", {{"app", "new-app-2"}, {"space", "shield-space"}}}});
  FakeHeroku fake(scenario);
  const CheckRun run = check(fake, plan, {"--concurrency", "8"}, {"all"});
  ASSERT_EQ(run.report["results"].size(), run.report["summary"]["total"]);
  // Four checks read the space for two migrations; it was asked for once.
  EXPECT_EQ(fake.count("GET", "/spaces/shield-space"), 1);
  int pages = 0;
  int sessions = 0;
  for (const auto& request : fake.requests()) {
    const std::string path = request["path"];
    EXPECT_EQ(fake.count(request["method"], path), 1) << request.dump();
    if (request["method"] == "POST") {
      // The one non-GET: opening a log session, which only lets the client read logs.
      EXPECT_TRUE(path.rfind("/apps/", 0) == 0 && path.size() > 13 &&
                  path.substr(path.size() - 13) == "/log-sessions")
          << request.dump();
      EXPECT_TRUE(request["authorized"].get<bool>());
      ++sessions;
      continue;
    }
    EXPECT_EQ(request["method"], "GET") << request.dump();
    if (path.rfind("/static/", 0) == 0 || path.rfind("/log-streams/", 0) == 0) {
      // The maintenance page and the log streams are fetched without the Heroku token.
      EXPECT_FALSE(request["has_authorization"].get<bool>()) << request.dump();
      pages += path.rfind("/static/", 0) == 0 ? 1 : 0;
      continue;
    }
    EXPECT_TRUE(request["authorized"].get<bool>());
    EXPECT_EQ(request["accept"], "application/vnd.heroku+json; version=3");
  }
  EXPECT_EQ(pages, 1);
  EXPECT_EQ(sessions, 4);  // the source and the target of two migrations
}

TEST(CheckEndToEnd, FollowsRangePagingToTheEnd) {
  json scenario = test::base_scenario();
  scenario["page_size"] = 1;
  // A second attachment on old-app makes its attachment list two pages long.
  scenario["addons"][1]["attachments"] = json::array({{{"app", "old-app"}, {"name", "REPLICA"}}});
  scenario["apps"][0]["config_vars"]["REPLICA_URL"] = "postgres://u:p@10.1.0.9/db2";
  FakeHeroku fake(scenario);
  const CheckRun run = check(fake, test::base_plan(), {"--only", "config.parity"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out;
  EXPECT_EQ(result(run, "config.parity", "REPLICA_URL")["outcome"], "skip");
  EXPECT_EQ(result(run, "config.parity", "DATABASE_URL")["outcome"], "skip");
  std::vector<std::string> ranges;
  for (const auto& request : fake.requests()) {
    if (request["path"] == test::app_path("old-app", "/addon-attachments")) {
      ranges.push_back(request["range"]);
    }
  }
  ASSERT_EQ(ranges.size(), 2U);
  EXPECT_EQ(ranges[0], "id ..; max=1000;");
  EXPECT_EQ(ranges[1].rfind("]", 0), 0U) << ranges[1];
}

TEST(CheckEndToEnd, ReportsAreValidAgainstTheirSchemas) {
  json scenario = test::base_scenario();
  scenario["apps"][1]["config_vars"].erase("API_SECRET");
  FakeHeroku fake(scenario);
  TempDir dir;
  const CheckRun run = check(fake, test::base_plan());
  const auto junit = dir.write("r.xml", run.junit);
  for (const char* xsd : {"junit.xsd", "jenkins-xunit-junit-10.xsd"}) {
    const auto validation = test::validate_xml(junit, xsd);
    EXPECT_EQ(validation.exit_code, 0) << xsd << validation.err;
  }
  const auto report = dir.write("r.json", run.report.dump());
  const auto validation = test::validate_report(report);
  EXPECT_EQ(validation.exit_code, 0) << validation.err;
}

/// --github and --gitlab-codequality, checked line by line against the JSON report of the same
/// run: workflow commands and nothing else, in order of importance (undecided checks, failed
/// guards, other failures, warnings) within GitHub's 10 errors and 10 warnings, each pointing at
/// the plan (`plan_file`, relative to GITHUB_WORKSPACE) and the result's line; a notice for the
/// rest; the step summary the Markdown report; a Code Quality issue per problem with GitLab's
/// documented fields.
void expect_ci_outputs(const json& report, const std::string& out, const TempDir& dir,
                       const std::string& plan_file) {
  std::vector<std::pair<int, json>> problems;
  for (const auto& r : report["results"]) {
    const std::string outcome = r["outcome"];
    if (outcome == "fail" || outcome == "error" || outcome == "warn") {
      const int rank = outcome == "error"                                  ? 0
                       : outcome == "fail" && r["phase"] == "decommission" ? 1
                       : outcome == "fail"                                 ? 2
                                                                           : 3;
      problems.emplace_back(rank, r);
    }
  }
  std::stable_sort(problems.begin(), problems.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> expected;
  int errors = 0;
  int warnings = 0;
  for (const auto& [rank, r] : problems) {
    const bool warning = r["outcome"] == "warn";
    int& shown = warning ? warnings : errors;
    if (shown == 10) {
      continue;
    }
    ++shown;
    std::string title = r["check"].get<std::string>() + "[" + r["subject"].get<std::string>() + "]";
    for (auto at = title.find(':'); at != std::string::npos; at = title.find(':', at)) {
      title.replace(at, 1, "%3A");
    }
    EXPECT_GE(r.value("plan_line", 0), 1) << r.dump();
    expected.push_back((warning ? "::warning file=" : "::error file=") + plan_file +
                       ",line=" + std::to_string(r.value("plan_line", 0)) + ",title=" + title +
                       "::" + r["migration"].get<std::string>() + " (" +
                       r["phase"].get<std::string>() + ", " + r["outcome"].get<std::string>() +
                       "): " + r["message"].get<std::string>());
  }
  const std::size_t left_out = problems.size() - expected.size();
  if (left_out > 0) {
    expected.push_back("::notice title=spaceport::" + std::to_string(left_out) +
                       " more problems are not annotated (GitHub shows 10 errors and 10 warnings "
                       "per step): see the step summary and the reports for all " +
                       std::to_string(problems.size()));
  }
  std::vector<std::string> annotations;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    // Standard output is the runner's command channel under --github: annotations alone.
    EXPECT_EQ(line.rfind("::", 0), 0U) << "not an annotation on standard output: " << line;
    annotations.push_back(line);
  }
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(annotations, expected);
  EXPECT_EQ(test::read_file(dir.path() / "summary.md"), test::read_file(dir.path() / "r.md"));

  const json issues = json::parse(test::read_file(dir.path() / "codequality.json"));
  ASSERT_EQ(issues.size(), problems.size());
  std::set<std::string> fingerprints;
  for (const auto& issue : issues) {
    EXPECT_TRUE(issue["description"].is_string() &&
                !issue["description"].get<std::string>().empty());
    EXPECT_TRUE(issue["check_name"].is_string());
    EXPECT_EQ(issue["fingerprint"].get<std::string>().size(), 64U);
    fingerprints.insert(issue["fingerprint"].get<std::string>());
    const std::set<std::string> severities{"info", "minor", "major", "critical", "blocker"};
    EXPECT_EQ(severities.count(issue["severity"].get<std::string>()), 1U) << issue.dump();
    EXPECT_EQ(issue["location"]["path"], plan_file);
    EXPECT_GE(issue["location"]["lines"]["begin"].get<int>(), 1);
  }
  EXPECT_EQ(fingerprints.size(), issues.size());  // one per problem
}

/// What scripts/sandbox runs: fake-heroku over the sandbox scenario, the fixture DNS, and an
/// HTTPS site for the domains; run() checks every phase with the sandbox plan, as edited.
class Sandbox {
 public:
  Sandbox()
      : m_scenario(
            json::parse(test::read_file(test::source_dir() / "fixtures/sandbox/scenario.json"),
                        nullptr, true, true)),
        m_fake(m_scenario),
        m_pki(test::make_test_pki(m_dir)),
        m_site(m_scenario, m_pki.valid),
        m_port(m_site.url().substr(m_site.url().rfind(':') + 1)) {}

  const std::string& port() const { return m_port; }
  const TempDir& dir() const { return m_dir; }

  /// The sandbox plan with its {{site_port}} filled in, as JSON.
  json plan() const {
    std::string text = test::read_file(test::source_dir() / "fixtures/sandbox/plan.json");
    for (auto at = text.find("{{site_port}}"); at != std::string::npos;
         at = text.find("{{site_port}}")) {
      text.replace(at, 13, m_port);
    }
    return json::parse(text, nullptr, true, true);
  }

  /// check --phase all with the CI outputs, the reports in dir(); `name` keeps runs apart.
  CheckRun run(const json& the_plan, const std::string& name = "r") const {
    const auto plan_path = m_dir.write(name + "-plan.json", the_plan.dump(2));
    const auto at = [&](const std::string& file) { return (m_dir.path() / file).string(); };
    CheckRun run;
    run.process = test::run_process({test::spaceport_binary(),
                                     "check",
                                     "--plan",
                                     plan_path.string(),
                                     "--phase",
                                     "all",
                                     "--api-url",
                                     m_fake.url(),
                                     "--data-api-url",
                                     m_fake.url(),
                                     "--json",
                                     at(name + ".json"),
                                     "--authoritative",
                                     m_dns.ns1(),
                                     "--resolver",
                                     m_dns.resolver(),
                                     "--tls-port",
                                     m_port,
                                     "--ca-file",
                                     m_pki.ca.string(),
                                     "--github",
                                     "--gitlab-codequality",
                                     at("codequality.json"),
                                     "--markdown",
                                     at(name + ".md"),
                                     "--html",
                                     at(name + ".html")},
                                    {{"HEROKU_API_KEY", "sandbox-token"},
                                     {"NO_COLOR", "1"},
                                     {"GITHUB_ACTIONS", "true"},
                                     {"GITHUB_WORKSPACE", m_dir.path().string()},
                                     {"GITHUB_STEP_SUMMARY", at("summary.md")}});
    const std::string report = test::read_file(m_dir.path() / (name + ".json"));
    run.report = report.empty() ? json() : json::parse(report);
    return run;
  }

 private:
  json m_scenario;
  FakeHeroku m_fake;
  test::DnsServers m_dns;
  TempDir m_dir;
  test::TestPki m_pki;
  FakeHeroku m_site;
  std::string m_port;
};

TEST(CheckEndToEnd, TheBundledSandboxShowsAMigrationInProgress) {
  const Sandbox sandbox;
  const CheckRun run = sandbox.run(sandbox.plan());
  const auto& process = run.process;
  const TempDir& dir = sandbox.dir();
  const std::string& port = sandbox.port();
  EXPECT_EQ(process.exit_code, 1) << process.out << process.err;
  // A realistic migration in progress: most checks pass, some warn, some fail, none errors.
  EXPECT_EQ(result(run, "app.target", "acme-web-ps")["outcome"], "pass");
  EXPECT_EQ(result(run, "maintenance.page", "acme-web")["outcome"], "warn");
  EXPECT_EQ(result(run, "addons.availability", "postgresql-curved-12345")["outcome"], "warn");
  EXPECT_EQ(result(run, "addons.availability", "searchbox-sturdy-11235")["outcome"], "fail");
  EXPECT_EQ(result(run, "addons.availability", "fixie-rounded-24601")["outcome"], "warn");
  EXPECT_EQ(result(run, "formation.sizes", "worker")["outcome"], "pass");
  EXPECT_EQ(result(run, "config.parity", "SENDGRID_API_KEY")["outcome"], "fail");
  EXPECT_EQ(result(run, "config.parity", "WEB_CONCURRENCY")["outcome"], "warn");
  EXPECT_EQ(result(run, "addons.reprovisioned", "redis-rigid-67890")["outcome"], "fail");
  EXPECT_EQ(result(run, "addons.reprovisioned", "postgresql-curved-12345")["outcome"], "pass");
  EXPECT_EQ(result(run, "domains.moved", "www.acme.test")["outcome"], "pass");
  EXPECT_EQ(result(run, "domains.moved", "api.acme.test")["outcome"], "fail");
  EXPECT_EQ(result(run, "dns.ttl", "www.acme.test")["outcome"], "pass");
  EXPECT_EQ(result(run, "dns.ttl", "api.acme.test")["outcome"], "fail");
  EXPECT_EQ(result(run, "dns.target", "www.acme.test")["outcome"], "pass");
  EXPECT_EQ(result(run, "dns.target", "api.acme.test")["outcome"], "fail");
  EXPECT_EQ(result(run, "tls.certificate", "www.acme.test")["outcome"], "pass");
  EXPECT_EQ(result(run, "http.health", "https://www.acme.test:" + port + "/healthz")["outcome"],
            "pass");
  EXPECT_EQ(result(run, "dns.ttl-restored", "www.acme.test")["outcome"], "warn");
  EXPECT_EQ(result(run, "logs.errors", "acme-web-ps")["outcome"], "pass");
  EXPECT_EQ(result(run, "data.follower", "postgresql-curved-12345")["outcome"], "pass");
  EXPECT_EQ(result(run, "data.promoted", "postgresql-shield-24680")["outcome"], "fail");
  EXPECT_EQ(result(run, "dataclips.reassigned", "weekly signups")["outcome"], "fail");
  EXPECT_EQ(result(run, "decommission.data-addons", "redis-rigid-67890")["outcome"], "fail");
  EXPECT_EQ(result(run, "decommission.dns", "api.acme.test")["outcome"], "fail");
  EXPECT_EQ(result(run, "decommission.dns", "www.acme.test")["outcome"], "pass");
  EXPECT_EQ(result(run, "logs.source-drained", "acme-web")["outcome"], "fail");
  EXPECT_EQ(result(run, "release.parity", "acme-web-ps")["outcome"], "pass");
  EXPECT_EQ(result(run, "formation.scaled", "web")["outcome"], "pass");
  EXPECT_EQ(run.report["summary"]["error"], 0);
  EXPECT_GE(run.report["summary"]["pass"], 10);
  expect_ci_outputs(run.report, process.out, dir, "r-plan.json");
  for (const std::string secret : {"SG.sandbox-not-a-real-key", "sandbox-secret-key-base-4f1c9a",
                                   "sandbox-db-password", "sandbox-token", "sandbox-fixie-password",
                                   "sandbox-search-password", "/pages/maintenance"}) {
    EXPECT_EQ((process.out + process.err + run.report.dump()).find(secret), std::string::npos);
    EXPECT_EQ(test::read_file(dir.path() / "r.html").find(secret), std::string::npos);
  }
  // The sandbox's HTML report, in a real browser: its verdict and counts, a quiet console.
  const auto view = test::open_in_browser("file://" + (dir.path() / "r.html").string());
  ASSERT_EQ(view.process.exit_code, 0) << view.log;
  EXPECT_NE(view.dom.find(">failed (exit 1)<"), std::string::npos);
  EXPECT_NE(
      view.dom.find("\u2713 " + std::to_string(run.report["summary"]["pass"].get<int>()) + " pass"),
      std::string::npos);
  EXPECT_EQ(view.log.find("Refused"), std::string::npos) << view.log;
  EXPECT_EQ(view.log.find("Uncaught"), std::string::npos) << view.log;
  const auto shot = test::screenshot(dir.path() / "r.html",
                                     test::artifacts_dir() / "sandbox-report.png", 1280, 1100);
  EXPECT_EQ(shot.exit_code, 0) << shot.err;
}

TEST(CheckEndToEnd, TheSandboxGivesTheSameVerdictsWithEveryAppNamedById) {
  const Sandbox sandbox;
  const json by_name = sandbox.plan();
  json by_id = by_name;
  for (auto& m : by_id["migrations"]) {
    for (const char* side : {"source", "target"}) {
      m[side]["app"] = test::fake_app_id(m[side]["app"].get<std::string>());
    }
  }
  const CheckRun named = sandbox.run(by_name, "by-name");
  const CheckRun ided = sandbox.run(by_id, "by-id");
  test::expect_same_verdicts(named, ided);
  // Results and messages name the apps by their names either way.
  for (const auto& r : ided.report["results"]) {
    EXPECT_EQ(r["message"].get<std::string>().find(test::fake_app_id("acme-web")),
              std::string::npos)
        << r["message"];
  }
  // The evidence keeps both: the app's id and name, and the spelling the plan used.
  const json source = result(ided, "app.source", "acme-web")["evidence"];
  EXPECT_EQ(source["as_written"], test::fake_app_id("acme-web"));
  EXPECT_EQ(source["name"], "acme-web");
}

}  // namespace
}  // namespace check_e2e_test
}  // namespace spaceport

namespace spaceport {
namespace check_e2e_test {
namespace {

TEST(CheckEndToEnd, WaiversWaiveExpireAndAreReportedWhenUnmatched) {
  json scenario = test::base_scenario();
  scenario["apps"][0]["config_vars"]["NEW_RELIC_KEY"] = "nr-secret-1";
  scenario["apps"][0]["config_vars"]["SENTRY_DSN"] = "https://sentry-secret@o1.example/2";
  FakeHeroku fake(scenario);
  json plan = test::base_plan();
  plan["migrations"][0]["waivers"] = {
      {{"check", "config.parity"},
       {"subject", "NEW_RELIC_*"},
       {"reason", "New Relic is replaced by the space's OpenTelemetry drain"},
       {"approved_by", "cto@acme.example"},
       {"expires", "2099-12-31"}},
      {{"check", "config.parity"},
       {"subject", "SENTRY_DSN"},
       {"reason", "Sentry moves next quarter"},
       {"approved_by", "vp@acme.example"},
       {"expires", "2020-01-31"}},
      {{"check", "formation.sizes"},
       {"subject", "worker"},
       {"reason", "no worker yet"},
       {"approved_by", "ops@acme.example"},
       {"expires", "2099-12-31"}}};
  const CheckRun run = check(fake, plan, {"--only", "config.parity,formation.sizes"});
  EXPECT_EQ(run.process.exit_code, 1);  // the expired waiver leaves a failure
  const json waived = result(run, "config.parity", "NEW_RELIC_KEY");
  EXPECT_EQ(waived["outcome"], "waived");
  EXPECT_NE(waived["message"].get<std::string>().find("waived until 2099-12-31 by "
                                                      "cto@acme.example"),
            std::string::npos);
  const json expired = result(run, "config.parity", "SENTRY_DSN");
  EXPECT_EQ(expired["outcome"], "fail");
  EXPECT_NE(expired["message"].get<std::string>().find("expired on 2020-01-31"), std::string::npos);
  EXPECT_EQ(run.report["summary"]["waived"], 1);
  ASSERT_EQ(run.report["waivers"].size(), 3U);
  EXPECT_EQ(run.report["waivers"][0]["status"], "applied");
  EXPECT_EQ(run.report["waivers"][1]["status"], "expired");
  EXPECT_EQ(run.report["waivers"][2]["status"], "unmatched");
  EXPECT_NE(run.process.out.find("Waiver unmatched: formation.sizes [worker]"), std::string::npos)
      << run.process.out;
  EXPECT_NE(run.process.out.find("WAIVED"), std::string::npos);
  EXPECT_NE(run.markdown.find("| unmatched |"), std::string::npos);
  EXPECT_NE(run.junit.find("waived"), std::string::npos);
  TempDir dir;
  const auto validation = test::validate_report(dir.write("r.json", run.report.dump()));
  EXPECT_EQ(validation.exit_code, 0) << validation.err;
  EXPECT_EQ((run.process.out + run.report.dump()).find("nr-secret-1"), std::string::npos);
}

}  // namespace
}  // namespace check_e2e_test
}  // namespace spaceport

namespace spaceport {
namespace check_e2e_test {
namespace {

TEST(CheckEndToEnd, AnEvidenceBundleVerifiesHoldsNoSecretAndIsNeverOverwritten) {
  FakeHeroku fake(test::base_scenario());
  TempDir dir;
  const auto evidence = dir.path() / "evidence";
  for (int run = 0; run < 2; ++run) {
    const CheckRun r = check(fake, test::base_plan(), {"--evidence", evidence.string()}, {"all"});
    EXPECT_NE(r.process.out.find("evidence bundle: " + evidence.string()), std::string::npos)
        << r.process.out << r.process.err;
  }
  std::vector<std::filesystem::path> bundles;
  for (const auto& entry : std::filesystem::directory_iterator(evidence)) {
    bundles.push_back(entry.path());
  }
  ASSERT_EQ(bundles.size(), 2U);  // the second run made its own
  for (const auto& bundle : bundles) {
    const auto verify = test::run_process(
        {"/bin/sh", "-c", "cd '" + bundle.string() + "' && sha256sum -c --strict SHA256SUMS"});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    for (const char* name : {"report.json", "junit.xml", "report.md", "plan.json", "requests.jsonl",
                             "account.json", "tool.json"}) {
      EXPECT_NE(verify.out.find(std::string(name) + ": OK"), std::string::npos) << name;
    }
    EXPECT_EQ(json::parse(test::read_file(bundle / "account.json"))["email"], "ops@example.com");
    const std::string requests = test::read_file(bundle / "requests.jsonl");
    EXPECT_NE(requests.find("\"method\":\"GET\",\"request_id\""), std::string::npos);
    EXPECT_NE(requests.find(test::app_path("old-app", "/config-vars")), std::string::npos);
    EXPECT_NE(requests.find("the log session stream of new-app"), std::string::npos);
    std::string everything;
    for (const auto& file : std::filesystem::directory_iterator(bundle)) {
      everything += test::read_file(file.path());
    }
    for (const std::string secret : {"s3cr3t-value-91c4e", "test-token-7d1f", "/static/maintenance",
                                     "postgres://u:p@", "/log-streams/"}) {
      EXPECT_EQ(everything.find(secret), std::string::npos) << secret;
    }
  }
}

}  // namespace
}  // namespace check_e2e_test
}  // namespace spaceport
