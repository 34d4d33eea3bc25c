// End-to-end: the command line contract of the real binary.
#include <gtest/gtest.h>

#include <set>

#include "tests/support/support.hpp"

namespace spaceport {
namespace cli_e2e_test {
namespace {

using nlohmann::json;
using test::run_spaceport;
using test::TempDir;

TEST(CliEndToEnd, VersionAndListChecks) {
  const auto version = run_spaceport({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("spaceport ", 0), 0U);

  const auto list = run_spaceport({"list-checks", "--json"});
  ASSERT_EQ(list.exit_code, 0);
  const json checks = json::parse(list.out);
  std::vector<std::string> ids;
  for (const auto& c : checks) {
    ids.push_back(c["id"]);
    EXPECT_TRUE(c.contains("phase") && c.contains("title") && c.contains("subject"));
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"app.source",
                                           "app.target",
                                           "space.target",
                                           "maintenance.page",
                                           "dns.ttl",
                                           "addons.availability",
                                           "formation.sizes",
                                           "config.parity",
                                           "data.follower",
                                           "addons.reprovisioned",
                                           "data.promoted",
                                           "dataclips.reassigned",
                                           "domains.moved",
                                           "dns.target",
                                           "tls.certificate",
                                           "http.health",
                                           "release.parity",
                                           "maintenance.target-off",
                                           "formation.scaled",
                                           "data.parity",
                                           "logs.errors",
                                           "logs.source-drained",
                                           "dns.ttl-restored",
                                           "decommission.shared-addons",
                                           "decommission.data-addons",
                                           "decommission.dataclips",
                                           "decommission.domains",
                                           "decommission.dns",
                                           "decommission.traffic"}));
  EXPECT_EQ(checks[13]["phases"], json({"cutover", "postflight"}));
  const auto table = run_spaceport({"list-checks"});
  EXPECT_NE(table.out.find("formation.scaled            cutover"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("dns.target                  cutover,postflight"), std::string::npos);
}

TEST(CliEndToEnd, UsageMistakesExitTwoAndSendNothing) {
  test::FakeHeroku fake(test::base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", test::base_plan().dump()).string();
  const std::vector<std::vector<std::string>> mistakes{
      {"check", "--plan", plan},                                                // no phase
      {"check", "--plan", plan, "--phase", "later"},                            // unknown phase
      {"check", "--plan", plan, "--phase", "all", "--only", "dns.tll"},         // unknown id
      {"check", "--plan", plan, "--phase", "cutover", "--only", "app.source"},  // nothing to run
      {"check", "--plan", (dir.path() / "missing.json").string(), "--phase", "all"},
      {"check", "--plan", plan, "--phase", "all", "--json", "/nonexistent-dir/r.json"},
      {"destroy-everything"},
  };
  for (auto args : mistakes) {
    args.insert(args.end(), {"--api-url", fake.url()});
    const auto result = run_spaceport(args);
    EXPECT_EQ(result.exit_code, 2) << args[0] << " " << (args.size() > 4 ? args[4] : "") << "\n"
                                   << result.err;
    EXPECT_EQ(result.err.rfind("spaceport: error: ", 0), 0U) << result.err;
  }
  EXPECT_TRUE(fake.requests().empty());
}

TEST(CliEndToEnd, APlanTypoIsReportedWithFileLineAndColumn) {
  TempDir dir;
  const auto plan = dir.write("plan.json",
                              "{\n  \"source\": {\"app\": \"old-app\"},\n  \"target\": {\"app\": "
                              "\"new-app\", \"space\": \"shield-space\", \"sheild\": true}\n}\n");
  const auto result = run_spaceport({"check", "--plan", plan.string(), "--phase", "preflight"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(plan.string() +
                            ":3:57: unknown key \"sheild\" in \"target\" of the plan; did you "
                            "mean \"shield\"?"),
            std::string::npos)
      << result.err;
}

TEST(CliEndToEnd, ColourOnlyOnATerminal) {
  test::FakeHeroku fake(test::base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", test::base_plan().dump());
  // Standard output is a pipe here, so there is no colour even without NO_COLOR.
  const auto result = run_spaceport({"check", "--plan", plan.string(), "--phase", "preflight",
                                     "--api-url", fake.url(), "--data-api-url", fake.url(),
                                     "--skip", test::k_skip_dns_checks[1]});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.find('\x1b'), std::string::npos);
  EXPECT_NE(result.out.find("PASS"), std::string::npos);
}

TEST(CliEndToEnd, OnATerminalColourUnlessNoColor) {
  test::FakeHeroku fake(test::base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", test::base_plan().dump());
  // script(1) runs the command on a pseudo-terminal, as a person at a shell would.
  const std::string command = test::spaceport_binary() + " check --plan " + plan.string() +
                              " --phase preflight --only app.source --api-url " + fake.url();
  const auto coloured = test::run_process(
      {"/usr/bin/script", "-qec", command, "/dev/null"},
      {{"HEROKU_API_KEY", "test-token-7d1f"}, {"NO_COLOR", std::nullopt}, {"TERM", "xterm"}});
  EXPECT_EQ(coloured.exit_code, 0) << coloured.out;
  EXPECT_NE(coloured.out.find("\x1b[32mPASS"), std::string::npos) << coloured.out;
  const auto plain = test::run_process(
      {"/usr/bin/script", "-qec", command, "/dev/null"},
      {{"HEROKU_API_KEY", "test-token-7d1f"}, {"NO_COLOR", "1"}, {"TERM", "xterm"}});
  EXPECT_EQ(plain.exit_code, 0) << plain.out;
  EXPECT_EQ(plain.out.find('\x1b'), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("PASS"), std::string::npos);
}

TEST(CliEndToEnd, OnlyAndSkipSelectChecks) {
  test::FakeHeroku fake(test::base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", test::base_plan().dump());
  const auto result = run_spaceport({"check", "--plan", plan.string(), "--phase", "all", "--only",
                                     "app.source,app.target", "--skip", "app.target", "--api-url",
                                     fake.url(), "--quiet"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("Summary: 1 results"), std::string::npos) << result.out;
  // The rate budget's reading (free of charge), the account the report names as the one that
  // ran it, and the plan's two apps resolved to their ids (the read app.source decides on among
  // them).
  const auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 4U);
  EXPECT_EQ(requests[0]["path"], "/account/rate-limits");
  EXPECT_EQ(requests[1]["path"], "/account");
  EXPECT_EQ((std::set<std::string>{requests[2]["path"], requests[3]["path"]}),
            (std::set<std::string>{"/apps/old-app", "/apps/new-app"}));
}

}  // namespace
}  // namespace cli_e2e_test
}  // namespace spaceport
