// SIGINT and SIGTERM in the middle of `check` and `watch`: the reports hold what finished and
// the rest is `error` ("interrupted"), the exit code is 3, no report file is left half-written,
// and a second signal ends the run at once.
#include <sys/stat.h>

#include <csignal>
#include <filesystem>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace interruption_e2e_test {
namespace {

/// The preflight of the base scenario with one request held: the signal is sent when it arrives.
class Interruption : public testing::Test {
 protected:
  Interruption() : m_world(base_scenario()) {
    m_world["faults"] = {{{"method", "GET"},
                          {"path", app_path("old-app", "/config-vars")},
                          {"kind", "hang"},
                          {"ms", 20'000}}};
    m_fake.emplace(m_world);
  }

  static BackgroundProcess start(const std::vector<std::string>& args) {
    std::vector<std::string> argv{spaceport_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    return BackgroundProcess(argv, {{"HEROKU_API_KEY", "test-token-7d1f"}, {"NO_COLOR", "1"}});
  }

  std::vector<std::string> check_args(const std::string& json_path) {
    std::vector<std::string> args{
        "check",       "--plan",         m_dir.write("plan.json", base_plan().dump()).string(),
        "--phase",     "preflight",      "--api-url",
        m_fake->url(), "--data-api-url", m_fake->url(),
        "--json",      json_path,        "--timeout",
        "30s"};
    // One check at a time: those before config.parity have finished when its request arrives,
    // so the report must keep them.
    args.insert(args.end(), {"--concurrency", "1"});
    args.insert(args.end(), k_skip_dns_checks.begin(), k_skip_dns_checks.end());
    return args;
  }

  json m_world;
  TempDir m_dir;
  std::optional<FakeHeroku> m_fake;
};

TEST_F(Interruption, CheckWritesWhatFinishedAndTheRestIsInterrupted) {
  for (const int number : {SIGINT, SIGTERM}) {
    // A fake of its own for each run: the request the last one left held cannot stand in for
    // this run's.
    m_fake.reset();
    m_fake.emplace(m_world);
    const auto report = m_dir.path() / ("r" + std::to_string(number) + ".json");
    auto run = start(check_args(report.string()));
    ASSERT_TRUE(m_fake->wait_for_arrival("GET", app_path("old-app", "/config-vars")));
    run.signal(number);
    const auto result = run.finish();
    EXPECT_EQ(result.exit_code, 3) << result.err;
    const std::string name = number == SIGINT ? "SIGINT" : "SIGTERM";
    EXPECT_NE(result.err.find("interrupted (" + name + ")"), std::string::npos) << result.err;
    const json r = json::parse(read_file(report));
    EXPECT_EQ(r["run"]["exit_code"], 3);
    int passed = 0;
    bool config_interrupted = false;
    for (const auto& line : r["results"]) {
      passed += line["outcome"] == "pass" ? 1 : 0;
      if (line["check"] == "config.parity") {
        EXPECT_EQ(line["outcome"], "error");
        config_interrupted =
            line["message"].get<std::string>().find(
                "interrupted (" + name + ") before this check finished") != std::string::npos;
      }
    }
    EXPECT_GT(passed, 0) << r.dump(2);  // what finished stands
    EXPECT_TRUE(config_interrupted) << r.dump(2);
    EXPECT_EQ(test::validate_report(report).exit_code, 0);
  }
  // Reports are written to a temporary file and renamed: nothing half-written is left.
  for (const auto& entry : std::filesystem::directory_iterator(m_dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
  }
}

TEST_F(Interruption, ASecondSignalEndsTheRunAtOnce) {
  // The report goes to a FIFO nobody reads, so the run stops there after the first signal.
  const auto fifo = m_dir.path() / "report.fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  auto run = start(check_args(fifo.string()));
  ASSERT_TRUE(m_fake->wait_for_arrival("GET", app_path("old-app", "/config-vars")));
  run.signal(SIGINT);
  ASSERT_TRUE(run.wait_for_stderr("a second signal stops at once", std::chrono::seconds(30)));
  run.signal(SIGINT);
  const auto result = run.finish();
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_NE(result.err.find("stopped at once (SIGINT)"), std::string::npos) << result.err;
}

TEST_F(Interruption, WatchStopsBetweenRoundsOrMidRoundWithTheReportsOfThatRound) {
  json world = cutover_scenario();
  // The second log session is held: the second run's first round is cut short there.
  world["faults"] = {{{"method", "POST"},
                      {"path", app_path("new-app", "/log-sessions")},
                      {"kind", "hang"},
                      {"ms", 20'000},
                      {"after", 1}}};
  const FakeHeroku fake(world);
  json plan = base_plan();
  plan["migrations"][0]["domains"] = json::array();
  const auto plan_path = m_dir.write("watch.json", plan.dump());
  const auto watch = [&](const std::string& interval) {
    // The report on standard output sends the round lines to standard error, where the test
    // reads them as they come.
    return start({"watch", "--plan", plan_path.string(), "--api-url", fake.url(), "--data-api-url",
                  fake.url(), "--interval", interval, "--request-budget", "1000000", "--json",
                  "-"});
  };
  {
    auto run = watch("10m");  // round 1, then a long pause: the signal lands in the pause
    ASSERT_TRUE(run.wait_for_stderr("round 1: ", std::chrono::seconds(60)));
    run.signal(SIGTERM);
    const auto result = run.finish();
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find("watch stopped after round 1"), std::string::npos) << result.err;
    EXPECT_EQ(json::parse(result.out)["schema"], "spaceport.report/2");
  }
  {
    auto run = watch("10m");  // its first round is held at the log session
    ASSERT_TRUE(fake.wait_for_arrival("POST", app_path("new-app", "/log-sessions")));
    run.signal(SIGINT);
    const auto result = run.finish();
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find("watch stopped after round 1"), std::string::npos) << result.err;
    const json r = json::parse(result.out);  // the round's report, with what was cut short
    EXPECT_EQ(r["run"]["exit_code"], 3);
    bool interrupted = false;
    for (const auto& line : r["results"]) {
      interrupted = interrupted || line["message"].get<std::string>().find(
                                       "interrupted (SIGINT)") != std::string::npos;
    }
    EXPECT_TRUE(interrupted) << r.dump(2);
  }
}

}  // namespace
}  // namespace interruption_e2e_test
}  // namespace spaceport::test
