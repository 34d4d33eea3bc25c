// End-to-end: the ways into and out of CI that used to lose verdicts (issue 25). Each test runs
// the real binary; most against fake-heroku.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "tests/e2e/e2e.hpp"
#include "tests/support/support.hpp"

namespace spaceport::test {
namespace ci_gate_e2e_test {
namespace {

std::vector<std::string> check_args(const FakeHeroku& fake, const std::filesystem::path& plan) {
  std::vector<std::string> args{"check",     "--plan",   plan.string(),    "--phase", "preflight",
                                "--api-url", fake.url(), "--data-api-url", fake.url()};
  args.insert(args.end(), k_skip_dns_checks.begin(), k_skip_dns_checks.end());
  return args;
}

std::vector<std::string> plus(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST(CiGate, AnOptionIsNeverTakenAsTheValueOfTheOneBefore) {
  const FakeHeroku fake(base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", base_plan().dump());
  const auto args = check_args(fake, plan);
  // `--json --strict` used to write a file named "--strict", drop strict mode and pass the gate.
  const auto json_strict = run_spaceport(plus(args, {"--json", "--strict"}));
  EXPECT_EQ(json_strict.exit_code, 2);
  EXPECT_NE(json_strict.err.find("--json needs a file name; \"--strict\" is an option"),
            std::string::npos)
      << json_strict.err;
  EXPECT_FALSE(std::filesystem::exists("--strict"));
  const auto junit_github = run_spaceport(plus(args, {"--junit", "--github"}));
  EXPECT_EQ(junit_github.exit_code, 2);
  EXPECT_NE(junit_github.err.find("--junit needs a file name; \"--github\" is an option"),
            std::string::npos)
      << junit_github.err;
  const auto evidence_verbose = run_spaceport(plus(args, {"--evidence", "-v"}));
  EXPECT_EQ(evidence_verbose.exit_code, 2);
  EXPECT_NE(evidence_verbose.err.find("--evidence needs a directory"), std::string::npos)
      << evidence_verbose.err;
  const auto last = run_spaceport(plus(args, {"--markdown"}));
  EXPECT_NE(last.err.find("--markdown needs a file name"), std::string::npos) << last.err;
  const auto timeout = run_spaceport(plus(args, {"--timeout", "--quiet"}));
  EXPECT_NE(timeout.err.find("--timeout needs a duration; \"--quiet\" is an option"),
            std::string::npos)
      << timeout.err;
  const auto destroy = run_spaceport({"destroy", "--plan", plan.string(), "--app", "--confirm",
                                      "old-app", "--api-url", fake.url()});
  EXPECT_EQ(destroy.exit_code, 2);
  EXPECT_NE(destroy.err.find("--app needs a name; \"--confirm\" is an option"), std::string::npos)
      << destroy.err;
  EXPECT_TRUE(fake.requests().empty());
  // "-" is standard output, and a file of such a name can still be written as a path.
  const auto to_stdout = run_spaceport(plus(args, {"--json", "-", "--strict"}));
  EXPECT_EQ(to_stdout.exit_code, 1) << to_stdout.err;  // the scenario's warnings, under --strict
  EXPECT_EQ(nlohmann::json::parse(to_stdout.out)["run"]["strict"], true);
  const auto odd_name = run_spaceport(plus(args, {"--json", (dir.path() / "--strict").string()}));
  EXPECT_EQ(odd_name.exit_code, 0) << odd_name.err;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "--strict"));
}

TEST(CiGate, AMalformedOrUnsupportedUrlIsAUsageErrorBeforeAnyRequest) {
  const FakeHeroku fake(base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", base_plan().dump());
  const std::vector<std::string> base{"check", "--plan", plan.string(), "--phase", "preflight"};
  const struct {
    std::vector<std::string> args;
    std::map<std::string, std::optional<std::string>> env;
    const char* named;
  } cases[] = {
      {{"--api-url", "not a url", "--data-api-url", fake.url()}, {}, "--api-url \"not a url\""},
      {{"--api-url", "htp://x", "--data-api-url", fake.url()}, {}, "--api-url \"htp://x\""},
      {{"--api-url", fake.url(), "--data-api-url", "https://data.exa mple.test"},
       {},
       "--data-api-url"},
      {{"--data-api-url", fake.url()}, {{"HEROKU_HOST", "not a url"}}, "(HEROKU_HOST)"},
      {{"--api-url", fake.url()}, {{"HEROKU_DATA_HOST", "data$host"}}, "(HEROKU_DATA_HOST)"},
  };
  for (const auto& c : cases) {
    const auto r = run_spaceport(plus(base, c.args), c.env);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(c.named), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("is not an http:// or https:// URL with a host"), std::string::npos)
        << r.err;
  }
  EXPECT_TRUE(fake.requests().empty());
}

TEST(CiGate, VerboseShowsEachRequestAndDnsQueryAsItHappensWithoutSecrets) {
  json scenario = base_scenario();
  scenario["faults"] = json::array(
      {{{"path", "/apps/old-app"}, {"kind", "rate_limit"}, {"retry_after", 0}, {"times", 1}}});
  const FakeHeroku fake(scenario);
  TempDir dir;
  const auto plan = dir.write("plan.json", base_plan().dump());
  const std::vector<std::string> args{"check",
                                      "--plan",
                                      plan.string(),
                                      "--phase",
                                      "preflight",
                                      "--api-url",
                                      fake.url(),
                                      "--data-api-url",
                                      fake.url(),
                                      "--only",
                                      "app.source,config.parity,dns.ttl",
                                      "--resolver",
                                      "127.0.0.1:1",
                                      "--authoritative",
                                      "127.0.0.1:1",
                                      "--timeout",
                                      "2s"};
  const auto verbose = run_spaceport(plus(args, {"-v"}));
  const auto quiet = run_spaceport(args);
  EXPECT_EQ(quiet.err.find("spaceport: http GET"), std::string::npos) << quiet.err;
  const std::string& err = verbose.err;
  EXPECT_NE(err.find("spaceport: http GET " + fake.url() + "/account -> 200 (Request-Id "),
            std::string::npos)
      << err;
  // The retried request: once answered 429, then again as attempt 2.
  EXPECT_NE(err.find("spaceport: http GET " + fake.url() + "/apps/old-app -> 429"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find(", attempt 2\n"), std::string::npos) << err;
  EXPECT_NE(err.find("spaceport: dns A www.example.test @127.0.0.1:1 -> "), std::string::npos)
      << err;
  EXPECT_NE(err.find("/config-vars -> 200"), std::string::npos) << err;
  // The token and the config vars' values (base scenario) never appear.
  for (const char* secret : {"test-token-7d1f", "postgres://", "hunter2"}) {
    EXPECT_EQ(err.find(secret), std::string::npos) << secret;
  }
}

/// A plan as a person writes it: comments, one thing per line, a domain spelt otherwise than the
/// API spells it.
constexpr const char* k_plan_text = R"(// The plan of the move, kept in the repository.
{
  "version": 1,
  "migrations": [
    {
      "name": "old-app",
      "source": { "app": "old-app" },
      "target": { "app": "new-app", "space": "shield-space", "shield": true },
      "domains": [
        "OLD.acme.test."
      ],
      "dataclips": []
    }
  ]
}
)";

TEST(CiGate, AnnotationsAndCodeQualityPointAtThePlanLineInTheWorkspace) {
  json scenario = base_scenario();
  scenario["apps"][1]["config_vars"].erase("API_SECRET");
  const FakeHeroku fake(scenario);
  TempDir workspace;
  std::filesystem::create_directories(workspace.path() / "deploy");
  const auto plan = workspace.write("deploy/plan.json", k_plan_text);
  const auto quality = workspace.path() / "codequality.json";
  const auto args = plus(check_args(fake, plan), {"--phase", "cutover", "--github",
                                                  "--gitlab-codequality", quality.string()});
  const auto r = run_spaceport(args, {{"GITHUB_ACTIONS", "true"},
                                      {"GITHUB_WORKSPACE", workspace.path().string()},
                                      {"GITHUB_STEP_SUMMARY", std::nullopt}});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  // The domain's result at its line, the config var's at its migration's.
  EXPECT_NE(r.out.find("::error file=deploy/plan.json,line=10,title=domains.moved[old.acme.test]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("::error file=deploy/plan.json,line=5,title=config.parity[API_SECRET]"),
            std::string::npos)
      << r.out;
  std::set<std::pair<std::string, int>> locations;
  for (const auto& issue : nlohmann::json::parse(read_file(quality))) {
    locations.emplace(issue["location"]["path"], issue["location"]["lines"]["begin"]);
  }
  EXPECT_EQ(locations.count({"deploy/plan.json", 10}), 1U);
  EXPECT_EQ(locations.count({"deploy/plan.json", 5}), 1U);
  // GitLab's project directory serves as well.
  const auto gitlab = run_spaceport(args, {{"CI_PROJECT_DIR", workspace.path().string()},
                                           {"GITLAB_CI", "true"},
                                           {"GITHUB_ACTIONS", std::nullopt}});
  for (const auto& issue : nlohmann::json::parse(read_file(quality))) {
    EXPECT_EQ(issue["location"]["path"], "deploy/plan.json");
    EXPECT_GE(issue["location"]["lines"]["begin"].get<int>(), 5);
  }
}

TEST(CiGate, TheReportRecordsTheChangeAndEachVerdictsRequestIds) {
  const FakeHeroku fake(base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", base_plan().dump());
  const auto report_path = dir.path() / "r.json";
  const auto args = plus(check_args(fake, plan), {"--json", report_path.string()});
  const auto github =
      run_spaceport(args, {{"GITHUB_ACTIONS", "true"},
                           {"GITHUB_RUN_ID", "42"},
                           {"GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567"},
                           {"GITHUB_REF", "refs/pull/7/merge"},
                           {"GITHUB_ACTOR", "octocat"}});
  ASSERT_EQ(github.exit_code, 0) << github.err;
  const json report = json::parse(read_file(report_path));
  const json& ci = report["run"]["ci"];
  EXPECT_EQ(ci["commit"], "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(ci["ref"], "refs/pull/7/merge");
  EXPECT_EQ(ci["actor"], "octocat");
  EXPECT_EQ(validate_report(report_path).exit_code, 0);
  // Every Request-Id a result names is one fake-heroku gave, for a request it answered.
  std::set<std::string> answered;
  for (const auto& request : fake.requests()) {
    answered.insert(request["request_id"].get<std::string>());
  }
  std::size_t traced = 0;
  for (const auto& result : report["results"]) {
    if (result["check"] == "app.source" || result["check"] == "config.parity") {
      ASSERT_TRUE(result["evidence"].contains("request_ids")) << result.dump();
    }
    for (const auto& id : result["evidence"].value("request_ids", json::array())) {
      EXPECT_EQ(answered.count(id.get<std::string>()), 1U) << id;
      ++traced;
    }
  }
  EXPECT_GT(traced, 0U);
  const auto gitlab = run_spaceport(args, {{"GITLAB_CI", "true"},
                                           {"CI_PIPELINE_ID", "9"},
                                           {"CI_COMMIT_SHA", "fedcba"},
                                           {"CI_COMMIT_REF_NAME", "main"},
                                           {"GITLAB_USER_LOGIN", "ops"}});
  const json gitlab_ci = json::parse(read_file(report_path))["run"]["ci"];
  EXPECT_EQ(gitlab_ci["system"], "gitlab-ci");
  EXPECT_EQ(gitlab_ci["commit"], "fedcba");
  EXPECT_EQ(gitlab_ci["ref"], "main");
  EXPECT_EQ(gitlab_ci["actor"], "ops");
}

TEST(CiGate, ReportMergeKeepsStandardOutputForTheReportItWasAskedFor) {
  const FakeHeroku fake(fleet_scenario(4));
  TempDir dir;
  const auto plan = dir.write("plan.json", fleet_plan(4).dump());
  std::vector<std::string> inputs;
  for (int shard = 1; shard <= 2; ++shard) {
    const auto path = dir.path() / ("shard-" + std::to_string(shard) + ".json");
    run_spaceport(plus(check_args(fake, plan),
                       {"--shard", std::to_string(shard) + "/2", "--json", path.string()}));
    inputs.push_back(path.string());
  }
  const auto merged =
      run_spaceport(plus({"report", "merge", "--json", (dir.path() / "all.json").string(),
                          "--gitlab-codequality", "-"},
                         inputs));
  ASSERT_NE(merged.exit_code, 2) << merged.err;
  // Standard output is the Code Quality JSON alone; the console report went to standard error.
  EXPECT_TRUE(nlohmann::json::parse(merged.out).is_array()) << merged.out;
  EXPECT_NE(merged.err.find("Summary:"), std::string::npos) << merged.err;
  const auto help = run_spaceport({"report", "merge", "--help"});
  const std::string usage = help.out.substr(0, help.out.find('\n'));
  for (const char* option :
       {"--json", "--junit", "--markdown", "--gitlab-codequality", "--github", "--evidence"}) {
    EXPECT_NE(usage.find(option), std::string::npos) << usage;
  }
}

TEST(CiGate, HelpReadsLikeATool) {
  const auto overview = run_spaceport({"--help"});
  EXPECT_EQ(overview.exit_code, 0);
  for (const char* line :
       {"  check         run the checks", "  watch         ", "  destroy       ",
        "  logs scan     ", "  report merge  ", "  list-checks   ", "  help          "}) {
    EXPECT_NE(overview.out.find(line), std::string::npos) << line << "\n" << overview.out;
  }
  const auto misspelt = run_spaceport({"--verison"});
  EXPECT_EQ(misspelt.exit_code, 2);
  EXPECT_NE(misspelt.err.find("unknown option \"--verison\"; did you mean \"--version\"?"),
            std::string::npos)
      << misspelt.err;
  const auto bogus = run_spaceport({"help", "bogus"});
  EXPECT_EQ(bogus.exit_code, 2);
  EXPECT_NE(bogus.err.find("help: no command \"bogus\""), std::string::npos);
  EXPECT_NE(bogus.err.find("  check         run the checks"), std::string::npos) << bogus.err;
  // Boost's own notation is not for users.
  for (const char* command : {"check", "watch", "destroy", "logs", "report", "list-checks"}) {
    const auto help = run_spaceport({"help", command});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_EQ(help.out.find("[ --"), std::string::npos) << command;
    EXPECT_EQ(help.out.find("[="), std::string::npos) << command;
    EXPECT_EQ(help.out.find("\n)"), std::string::npos) << command;
    EXPECT_EQ(help.out.find("\n                             )"), std::string::npos) << command;
  }
  EXPECT_NE(run_spaceport({"help", "list-checks"}).out.find("--json [FILE]"), std::string::npos);
  EXPECT_NE(run_spaceport({"help", "check"}).out.find("-v, --verbose"), std::string::npos);
  const auto version = run_spaceport({"--version"});
  EXPECT_TRUE(version.out.rfind("spaceport ", 0) == 0 &&
              version.out.find(" (") != std::string::npos)
      << version.out;
}

TEST(CiGate, APlanWithAMisspeltMigrationsKeyGetsTheSpelling) {
  TempDir dir;
  const auto plan = dir.write("plan.json", R"({"version": 1, "migration": []})");
  const auto r = run_spaceport({"check", "--plan", plan.string(), "--phase", "preflight"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean \"migrations\"?"), std::string::npos) << r.err;
}

TEST(CiGate, FakeHerokuExplainsItself) {
  const auto help = run_process({fake_heroku_binary(), "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* option : {"--scenario FILE", "--port N", "--request-log FILE", "--tls-cert PEM",
                             "--tls-key PEM", "docs/fake-heroku.md"}) {
    EXPECT_NE(help.out.find(option), std::string::npos) << option << help.out;
  }
}

TEST(CiGate, TheSandboxPlanAsShippedSaysHowItsPortIsFilled) {
  // README shows fixtures/sandbox/plan.json; run as it is, it names what scripts/sandbox fills.
  const auto r =
      run_spaceport({"check", "--plan", (source_dir() / "fixtures/sandbox/plan.json").string(),
                     "--phase", "preflight"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("{{site_port}}"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("scripts/sandbox"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ci_gate_e2e_test
}  // namespace spaceport::test
