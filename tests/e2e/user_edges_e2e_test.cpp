// The edges a new user meets first (issue 14), each against the real binary: output paths checked
// before anything runs, reports that fail to write at the end, the plan kept as read, transient
// API failures retried for reads only, the command line's whole-word options, help, standard
// output, --migration, --strict and the run recorded in the JSON report.
#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace user_edges_e2e_test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> check_args(const FakeHeroku& fake, const fs::path& plan) {
  std::vector<std::string> args{"check",     "--plan",    plan.string(), "--phase",
                                "preflight", "--api-url", fake.url(),    "--data-api-url",
                                fake.url(),  "--timeout", "5s"};
  args.insert(args.end(), k_skip_dns_checks.begin(), k_skip_dns_checks.end());
  return args;
}

std::vector<std::string> with(std::vector<std::string> args,
                              const std::vector<std::string>& extra) {
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::vector<fs::path> entries(const fs::path& directory) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(directory)) {
    out.push_back(entry.path());
  }
  return out;
}

// Item 3: every output path is checked before any check runs.
TEST(UserEdges, AnOutputPathThatCannotBeWrittenStopsTheRunBeforeAnyRequest) {
  const FakeHeroku fake(base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", base_plan().dump());
  fs::create_directory(dir.path() / "reports");
  const struct {
    std::vector<std::string> extra;
    std::string message;
  } cases[] = {
      {{"--json", (dir.path() / "reports").string()}, "is a directory"},
      {{"--junit", "/proc/spaceport-junit.xml"}, "cannot create a file in /proc"},
      {{"--markdown", (dir.path() / "missing" / "r.md").string()}, "does not exist"},
      {{"--evidence", (dir.path() / "missing" / "deeper" / "evidence").string()},
       "does not exist; create it first"},
  };
  for (const auto& c : cases) {
    // Each case also asks for an evidence bundle, which must not be made.
    const std::vector<std::string> evidence =
        c.extra[0] == "--evidence"
            ? std::vector<std::string>{}
            : std::vector<std::string>{"--evidence", (dir.path() / "e").string()};
    const auto r = run_spaceport(with(with(check_args(fake, plan), c.extra), evidence));
    EXPECT_EQ(r.exit_code, 2) << c.extra[0] << r.out << r.err;
    EXPECT_NE(r.err.find(c.extra[0] + " " + c.extra[1]), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
  EXPECT_TRUE(fake.requests().empty());  // nothing was asked of the API
  // Nothing was created: no bundle directory, no temporary file, no probe left behind.
  EXPECT_FALSE(fs::exists(dir.path() / "e"));
  EXPECT_TRUE(entries(dir.path() / "reports").empty());
  EXPECT_EQ(entries(dir.path()).size(), 2U);  // plan.json and reports/
}

// Item 3: a report that fails at the end does not hide the verdict.
TEST(UserEdges, AReportThatFailsToWriteAtTheEndKeepsTheVerdictAndTheConsoleReport) {
  json scenario = base_scenario();
  named(scenario, "apps", "new-app")["config_vars"].erase("API_SECRET");  // a fail: exit 1
  const FakeHeroku fake(scenario);
  TempDir dir;
  const auto plan = dir.write("plan.json", base_plan().dump());
  const auto junit = dir.path() / "r.xml";
  const auto r = run_spaceport(
      with(check_args(fake, plan), {"--json", "/dev/full", "--junit", junit.string(), "--evidence",
                                    (dir.path() / "evidence").string()}));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;                         // the verdict, not 3
  EXPECT_NE(r.out.find("config.parity"), std::string::npos) << r.out;  // the console report
  EXPECT_NE(r.err.find("--json: cannot write /dev/full (No space left on device)"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(fs::exists(junit));  // the other reports were still written
  EXPECT_EQ(entries(dir.path() / "evidence").size(), 1U);
  for (const auto& file : entries(dir.path())) {
    EXPECT_EQ(file.filename().string().find(".tmp"), std::string::npos) << file;
  }
  // A clean run whose report is lost is not clean.
  const FakeHeroku clean(base_scenario());
  const auto lost = run_spaceport(with(check_args(clean, plan), {"--json", "/dev/full"}));
  EXPECT_EQ(lost.exit_code, 3) << lost.out << lost.err;
}

// Item 2: the bundle holds the plan that ran, not the file as it is at the end.
TEST(UserEdges, TheEvidenceHoldsThePlanAsReadEvenWhenTheFileChangesDuringTheRun) {
  json scenario = base_scenario();
  fault(scenario, app_path("new-app", "/formation"), 500);  // an error, so --retry-timeout retries
  const FakeHeroku fake(scenario);
  TempDir dir;
  const std::string original = base_plan().dump(2) + "\n// as reviewed\n";
  const auto plan = dir.write("plan.json", original);
  const auto evidence = dir.path() / "evidence";
  std::vector<std::string> argv{spaceport_binary()};
  for (const auto& arg : with(check_args(fake, plan),
                              {"--retry-timeout", "2s", "--sleep", "300ms", "--evidence",
                               evidence.string(), "--json", (dir.path() / "r.json").string()})) {
    argv.push_back(arg);
  }
  BackgroundProcess run(argv, {{"HEROKU_API_KEY", "test-token-7d1f"}, {"NO_COLOR", "1"}});
  ASSERT_TRUE(run.wait_for_stderr("not passing; attempt", std::chrono::seconds(60)));
  {
    std::ofstream edit(plan, std::ios::trunc);
    edit << R"({"source": {"app": "edited"}, "target": {"app": "b", "space": "s"}})";
  }
  const auto result = run.finish();
  EXPECT_EQ(result.exit_code, 3) << result.err;
  const auto bundles = entries(evidence);
  ASSERT_EQ(bundles.size(), 1U);
  EXPECT_EQ(read_file(bundles[0] / "plan.json"), original);
  const json report = json::parse(read_file(dir.path() / "r.json"));
  const auto sums = read_file(bundles[0] / "SHA256SUMS");
  EXPECT_NE(sums.find(report["plan"]["sha256"].get<std::string>() + "  plan.json"),
            std::string::npos)
      << sums;
}

// Item 4: reads are retried on 502/503/504 and a reset connection; each attempt is logged.
TEST(UserEdges, TransientApiFailuresAreRetriedForReadsAndEachAttemptIsLogged) {
  json scenario = base_scenario();
  scenario["faults"] = json::array(
      {{{"path", "/apps/old-app"}, {"kind", "status"}, {"status", 503}, {"times", 1}},
       {{"path", "/apps/old-app"}, {"kind", "status"}, {"status", 502}, {"times", 1}},
       {{"path", "/apps/new-app"}, {"kind", "reset"}, {"times", 1}},
       {{"path", "/spaces/shield-space"}, {"kind", "status"}, {"status", 504}, {"times", 1}}});
  const FakeHeroku fake(scenario);
  TempDir dir;
  const auto plan = dir.write("plan.json", base_plan().dump());
  const auto evidence = dir.path() / "evidence";
  const auto r = run_spaceport(with(check_args(fake, plan), {"--evidence", evidence.string()}));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(fake.count("GET", "/apps/old-app"), 3);
  EXPECT_EQ(fake.count("GET", "/apps/new-app"), 2);
  EXPECT_EQ(fake.count("GET", "/spaces/shield-space"), 2);
  const auto bundles = entries(evidence);
  ASSERT_EQ(bundles.size(), 1U);
  std::istringstream log(read_file(bundles[0] / "requests.jsonl"));
  std::vector<int> attempts;
  for (std::string line; std::getline(log, line);) {
    const json entry = json::parse(line);
    if (entry["target"] == fake.url() + "/apps/old-app") {
      attempts.push_back(entry["attempt"]);
    }
  }
  EXPECT_EQ(attempts, (std::vector<int>{1, 2, 3}));
}

// Item 5: whole-word options, stray words refused, "-" for standard output.
TEST(UserEdges, TheCommandLineNeverGuesses) {
  const FakeHeroku fake(base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", base_plan().dump());
  const auto prefix = run_spaceport({"check", "--pl", plan.string(), "--phase", "preflight"});
  EXPECT_EQ(prefix.exit_code, 2);
  EXPECT_NE(prefix.err.find("unknown option \"--pl\"; did you mean \"--plan\"?"), std::string::npos)
      << prefix.err;
  const auto stray = run_spaceport(with(check_args(fake, plan), {"cutover"}));
  EXPECT_EQ(stray.exit_code, 2);
  EXPECT_NE(stray.err.find("unexpected word \"cutover\""), std::string::npos) << stray.err;
  EXPECT_TRUE(fake.requests().empty());

  const auto to_stdout = run_spaceport(with(check_args(fake, plan), {"--json", "-"}));
  EXPECT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
  const json report = json::parse(to_stdout.out);  // nothing else on standard output
  EXPECT_EQ(report["schema"], "spaceport.report/2");
  EXPECT_NE(to_stdout.err.find("app.source"), std::string::npos);  // the console report moved

  const auto markdown = run_spaceport(with(check_args(fake, plan), {"--markdown", "-"}));
  EXPECT_EQ(markdown.out.rfind("## spaceport check: ", 0), 0U) << markdown.out.substr(0, 100);

  const auto list = run_spaceport({"list-checks", "--json", "-"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_EQ(json::parse(list.out).size(),
            json::parse(run_spaceport({"list-checks", "--json"}).out).size());
  const auto file = dir.path() / "checks.json";
  const auto to_file = run_spaceport({"list-checks", "--json", file.string()});
  EXPECT_EQ(to_file.exit_code, 0);
  EXPECT_TRUE(to_file.out.empty());
  EXPECT_EQ(json::parse(read_file(file)), json::parse(list.out));
}

// Item 6: help for every command, three ways, exit 0.
TEST(UserEdges, EveryCommandHasHelp) {
  for (const std::string command :
       {"check", "destroy", "watch", "logs", "report", "list-checks", "help"}) {
    const auto by_help = run_spaceport({"help", command});
    EXPECT_EQ(by_help.exit_code, 0) << command << by_help.err;
    EXPECT_NE(by_help.out.find("usage: spaceport " + command), std::string::npos) << by_help.out;
    EXPECT_NE(by_help.out.find("Examples:"), std::string::npos);
    EXPECT_NE(by_help.out.find("Exit codes"), std::string::npos);
    for (const char* flag : {"--help", "-h"}) {
      const auto by_flag =
          run_spaceport(command == "report" ? std::vector<std::string>{command, "merge", flag}
                                            : std::vector<std::string>{command, flag});
      EXPECT_EQ(by_flag.exit_code, 0) << command << " " << flag << by_flag.err;
      EXPECT_EQ(by_flag.out, by_help.out) << command << " " << flag;
    }
  }
  EXPECT_EQ(run_spaceport({"help", "nonsense"}).exit_code, 2);
}

// Item 7 (the command-line half; dates and durations are unit tests): --evidence needs a parent.
TEST(UserEdges, DurationsReadCompoundsOnTheCommandLine) {
  const FakeHeroku fake(base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", base_plan().dump());
  const auto r =
      run_spaceport(with(check_args(fake, plan), {"--retry-timeout", "0s", "--sleep", "1m30s"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto bad = run_spaceport(with(check_args(fake, plan), {"--sleep", "1m30"}));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("write e.g. 500ms, 30s, 2m or 1m30s"), std::string::npos) << bad.err;
}

// Item 8: logs scan gates a pipeline.
TEST(UserEdges, LogsScanThresholdsExitOne) {
  TempDir dir;
  const auto log = dir.write(
      "app.log",
      "2026-11-24T23:17:05.123456+00:00 heroku[router]: at=error code=H12 desc=\"Request "
      "timeout\" method=GET path=\"/\" host=www.acme.test request_id=a fwd=\"1.2.3.4\" "
      "dyno=web.1 connect=0ms service=30000ms status=503 bytes=0\n"
      "2026-11-24T23:17:06.123456+00:00 heroku[router]: at=info method=GET path=\"/\" "
      "host=www.acme.test request_id=b fwd=\"1.2.3.4\" dyno=web.1 connect=1ms service=5ms "
      "status=200 bytes=9\n");
  EXPECT_EQ(run_spaceport({"logs", "scan", log.string()}).exit_code, 0);
  const auto five = run_spaceport({"logs", "scan", log.string(), "--max-5xx-percent", "10"});
  EXPECT_EQ(five.exit_code, 1);
  EXPECT_NE(five.out.find("threshold crossed: 5xx 50.00% of router responses is over "
                          "--max-5xx-percent 10%"),
            std::string::npos)
      << five.out;
  EXPECT_EQ(run_spaceport({"logs", "scan", log.string(), "--max-5xx-percent", "50"}).exit_code, 0);
  const auto code = run_spaceport({"logs", "scan", log.string(), "--fail-on", "H10,H12", "--json",
                                   (dir.path() / "s.json").string()});
  EXPECT_EQ(code.exit_code, 1);
  EXPECT_EQ(json::parse(read_file(dir.path() / "s.json"))["crossed"][0],
            "H12 appears 1 time(s) (--fail-on)");
  EXPECT_EQ(run_spaceport({"logs", "scan", log.string(), "--fail-on", "R14"}).exit_code, 0);
}

// Item 8: on a terminal, logs scan says it is waiting for standard input.
TEST(UserEdges, LogsScanOnATerminalSaysItReadsStandardInput) {
  int terminal = -1;
  int err_pipe[2];
  ASSERT_EQ(pipe(err_pipe), 0);
  const pid_t pid = forkpty(&terminal, nullptr, nullptr, nullptr);
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(err_pipe[1], STDERR_FILENO);
    close(err_pipe[0]);
    execl(spaceport_binary().c_str(), "spaceport", "logs", "scan", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(err_pipe[1]);
  std::string err;
  char buffer[512];
  while (err.find("Ctrl-D") == std::string::npos) {
    const ssize_t n = read(err_pipe[0], buffer, sizeof buffer);
    if (n <= 0) {
      break;
    }
    err.append(buffer, static_cast<std::size_t>(n));
  }
  EXPECT_NE(err.find("reading log lines from standard input (the terminal)"), std::string::npos)
      << err;
  // End of input (Ctrl-D at the start of a line), and the scan finishes.
  ASSERT_EQ(write(terminal, "\x04", 1), 1);
  int status = 0;
  waitpid(pid, &status, 0);
  close(terminal);
  close(err_pipe[0]);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

// Item 9: --migration narrows a fleet.
TEST(UserEdges, MigrationSelectsMigrationsOfAFleet) {
  const FakeHeroku fake(base_scenario());
  TempDir dir;
  json plan = base_plan();
  json second = plan["migrations"][0];
  second["name"] = "second";
  plan["migrations"].push_back(second);
  const auto path = dir.write("plan.json", plan.dump());
  const auto json_path = (dir.path() / "r.json").string();
  const auto r =
      run_spaceport(with(check_args(fake, path), {"--migration", "second", "--json", json_path}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const json report = json::parse(read_file(json_path));
  for (const auto& result : report["results"]) {
    EXPECT_EQ(result["migration"], "second");
  }
  const auto typo = run_spaceport(with(check_args(fake, path), {"--migration", "secnod"}));
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("has no migration \"secnod\"; did you mean \"second\"?"),
            std::string::npos)
      << typo.err;
}

// Items 10 and 12: --strict and the run itself are recorded.
TEST(UserEdges, TheReportSaysWhoRanItHowAndFromWhichCiRun) {
  const FakeHeroku fake(base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", base_plan().dump());
  const auto json_path = dir.path() / "r.json";
  const auto junit_path = dir.path() / "r.xml";
  const auto r = run_spaceport(
      with(check_args(fake, plan),
           {"--strict", "--json", json_path.string(), "--junit", junit_path.string()}),
      {{"GITHUB_ACTIONS", "true"},
       {"GITHUB_RUN_ID", "4242"},
       {"GITHUB_SERVER_URL", "https://github.com"},
       {"GITHUB_REPOSITORY", "acme/infra"}});
  EXPECT_EQ(r.exit_code, 1) << r.out;  // the maintenance page warns, and --strict fails it
  const json report = json::parse(read_file(json_path));
  EXPECT_EQ(report["run"]["strict"], true);
  EXPECT_EQ(report["run"]["exit_code"], 1);
  EXPECT_EQ(report["run"]["phases"], json::array({"preflight"}));
  EXPECT_EQ(report["run"]["account"]["email"], "ops@example.com");
  EXPECT_EQ(report["run"]["ci"]["url"], "https://github.com/acme/infra/actions/runs/4242");
  EXPECT_EQ(report["run"]["command_line"][0], "check");
  EXPECT_EQ(report["tool"]["commit"].get<std::string>().size(), 40U);
  EXPECT_EQ(report.dump().find("test-token-7d1f"), std::string::npos);
  EXPECT_EQ(validate_report(json_path).exit_code, 0);
  const std::string junit = read_file(junit_path);
  EXPECT_NE(junit.find("<property name=\"strict\" value=\"true\""), std::string::npos);
  EXPECT_NE(junit.find("warn (--strict): "), std::string::npos);
  EXPECT_EQ(junit.find("failures=\"0\""), std::string::npos) << junit.substr(0, 300);
}

// Item 1 lives in destroy_e2e_test.cpp (APlanWithNoDomainsCannotHideTheAppsDomainsFromTheGuards,
// and ADeleteThatGetsA503IsNotRetried for item 4); items 11,
// 13 and 14 in text_reporters_test.cpp, watch_e2e_test.cpp and ci_examples_test.cpp.

}  // namespace
}  // namespace user_edges_e2e_test
}  // namespace spaceport::test
