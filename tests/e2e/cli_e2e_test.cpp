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

TEST(CliEndToEnd, ColourAndProgressAreDecidedPerStream) {
  test::FakeHeroku fake(test::base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", test::base_plan().dump());
  const std::string command = test::spaceport_binary() + " check --plan " + plan.string() +
                              " --phase preflight --only app.source --api-url " + fake.url();
  const auto stdout_file = dir.path() / "stdout.txt";
  const auto stderr_file = dir.path() / "stderr.txt";
  // script(1) runs the command on a pseudo-terminal, as a person at a shell would; a redirection
  // inside it takes one stream off the terminal.
  const auto on_terminal = [&](const std::string& shell_command, const char* term,
                               std::optional<std::string> no_color = std::nullopt) {
    return test::run_process({"/usr/bin/script", "-qec", shell_command, "/dev/null"},
                             {{"HEROKU_API_KEY", "test-token-7d1f"},
                              {"NO_COLOR", std::move(no_color)},
                              {"FORCE_COLOR", std::nullopt},
                              {"CLICOLOR_FORCE", std::nullopt},
                              {"TERM", term}});
  };
  constexpr std::string_view k_green = "\x1b[32mPASS";
  constexpr std::string_view k_rewrite = "\r\x1b[K";

  const auto both = on_terminal(command, "xterm");
  EXPECT_EQ(both.exit_code, 0) << both.out;
  EXPECT_NE(both.out.find(k_green), std::string::npos) << both.out;
  EXPECT_NE(both.out.find(k_rewrite), std::string::npos) << both.out;

  // NO_COLOR is about colour: the progress line on a terminal stays.
  const auto no_colour = on_terminal(command, "xterm", "1");
  EXPECT_EQ(no_colour.out.find("\x1b[32m"), std::string::npos) << no_colour.out;
  EXPECT_NE(no_colour.out.find("PASS"), std::string::npos);

  // A terminal that cannot move the cursor gets neither.
  const auto dumb = on_terminal(command, "dumb");
  EXPECT_EQ(dumb.exit_code, 0) << dumb.out;
  EXPECT_EQ(dumb.out.find('\x1b'), std::string::npos) << dumb.out;
  EXPECT_EQ(dumb.out.find('\r' + std::string("\x1b")), std::string::npos);

  // 2>file: the file gets no rewritten lines; the report on the terminal is coloured.
  const auto err_to_file = on_terminal(command + " 2>" + stderr_file.string(), "xterm");
  EXPECT_EQ(err_to_file.exit_code, 0) << err_to_file.out;
  EXPECT_NE(err_to_file.out.find(k_green), std::string::npos) << err_to_file.out;
  const std::string err_text = test::read_file(stderr_file);
  EXPECT_EQ(err_text.find('\x1b'), std::string::npos) << err_text;
  EXPECT_EQ(err_text.find('\r'), std::string::npos) << err_text;

  // >file: progress still shows on the terminal; the file holds a plain report.
  const auto out_to_file = on_terminal(command + " >" + stdout_file.string(), "xterm");
  EXPECT_EQ(out_to_file.exit_code, 0) << out_to_file.out;
  EXPECT_NE(out_to_file.out.find("1/1 migrations checked"), std::string::npos) << out_to_file.out;
  const std::string out_text = test::read_file(stdout_file);
  EXPECT_NE(out_text.find("PASS"), std::string::npos) << out_text;
  EXPECT_EQ(out_text.find('\x1b'), std::string::npos) << out_text;
}

TEST(CliEndToEnd, ColourCanBeForcedForCiLogsThatRenderIt) {
  test::FakeHeroku fake(test::base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", test::base_plan().dump());
  const std::vector<std::string> args{"check",     "--plan",         plan.string(), "--phase",
                                      "preflight", "--only",         "app.source",  "--api-url",
                                      fake.url(),  "--data-api-url", fake.url()};
  const auto with = [&](std::vector<std::string> extra,
                        std::map<std::string, std::optional<std::string>> env) {
    std::vector<std::string> all = args;
    all.insert(all.end(), extra.begin(), extra.end());
    env.emplace("FORCE_COLOR", std::nullopt);
    env.emplace("CLICOLOR_FORCE", std::nullopt);
    return run_spaceport(all, env);
  };
  constexpr std::string_view k_green = "\x1b[32mPASS";
  // Standard output is a pipe throughout: colour only when asked for.
  EXPECT_EQ(with({}, {}).out.find('\x1b'), std::string::npos);
  EXPECT_NE(with({"--color=always"}, {}).out.find(k_green), std::string::npos);
  EXPECT_NE(with({"--color", "always"}, {}).out.find(k_green), std::string::npos);
  EXPECT_NE(with({}, {{"FORCE_COLOR", "1"}}).out.find(k_green), std::string::npos);
  EXPECT_NE(with({}, {{"CLICOLOR_FORCE", "1"}}).out.find(k_green), std::string::npos);
  EXPECT_EQ(with({}, {{"FORCE_COLOR", "0"}}).out.find('\x1b'), std::string::npos);
  EXPECT_EQ(with({"--color=never"}, {{"FORCE_COLOR", "1"}}).out.find('\x1b'), std::string::npos);
  EXPECT_EQ(with({"--no-color"}, {{"FORCE_COLOR", "1"}}).out.find('\x1b'), std::string::npos);
  EXPECT_EQ(with({}, {{"FORCE_COLOR", "1"}, {"NO_COLOR", "1"}}).out.find('\x1b'),
            std::string::npos);
  // Forced colour is for the report: a log must not fill with rewritten progress lines.
  EXPECT_EQ(with({"--color=always"}, {}).err.find('\r'), std::string::npos);
  const auto bad = with({"--color=sometimes"}, {});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--color: \"sometimes\" is not auto, always or never"), std::string::npos)
      << bad.err;
}

TEST(CliEndToEnd, OnlyAndSkipSelectChecks) {
  test::FakeHeroku fake(test::base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", test::base_plan().dump());
  const auto result = run_spaceport({"check", "--plan", plan.string(), "--phase", "all", "--only",
                                     "app.source,app.target", "--skip", "app.target", "--api-url",
                                     fake.url(), "--quiet"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("Summary: 1 result: 1 pass"), std::string::npos) << result.out;
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
