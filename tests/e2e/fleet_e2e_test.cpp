// Fleets: many migrations in one run inside the account's shared API rate budget (issue 16).
#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace fleet_e2e_test {
namespace {

struct FleetRun {
  ProcessResult process;
  json report;
};

/// `spaceport check --phase preflight` of a plan against the fake, without the DNS checks, with
/// its JSON report at `report`.
std::vector<std::string> preflight_args(const FakeHeroku& fake, const std::filesystem::path& plan,
                                        const std::filesystem::path& report) {
  std::vector<std::string> args{"check",     "--plan",    plan.string(),  "--phase",
                                "preflight", "--api-url", fake.url(),     "--data-api-url",
                                fake.url(),  "--json",    report.string()};
  args.insert(args.end(), k_skip_dns_checks.begin(), k_skip_dns_checks.end());
  return args;
}

FleetRun check_fleet(const FakeHeroku& fake, int migrations, std::vector<std::string> extra = {}) {
  TempDir dir;
  const auto plan = dir.write("plan.json", fleet_plan(migrations).dump());
  auto args = preflight_args(fake, plan, dir.path() / "r.json");
  args.insert(args.end(), extra.begin(), extra.end());
  FleetRun run;
  run.process = run_spaceport(args);
  const std::string text = read_file(dir.path() / "r.json");
  run.report = text.empty() ? json() : json::parse(text);
  return run;
}

int answered_429(const FakeHeroku& fake) {
  int n = 0;
  for (const auto& request : fake.requests()) {
    n += request["status"] == 429 ? 1 : 0;
  }
  return n;
}

TEST(Fleet, ASmallBucketIsWaitedOutWithNo429AndTheWaitReported) {
  json scenario = fleet_scenario(8);
  // 40 tokens, refilled at 40 a second: the run needs more than the bucket holds.
  scenario["rate_limit"] = {{"size", 40}, {"remaining", 40}, {"refill_per_second", 40}};
  const FakeHeroku fake(scenario);
  const FleetRun run = check_fleet(fake, 8);
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
  EXPECT_EQ(answered_429(fake), 0);
  const json api = run.report["api"];
  EXPECT_GT(api["requests"].get<int>(), 40);
  EXPECT_EQ(api["rate_limited"], 0);
  EXPECT_EQ(api["reserve"], 4);  // 10 % of the 40 left at the start
  EXPECT_GE(api["lowest_remaining"].get<int>(), 4);
  EXPECT_GT(api["budget_wait_ms"].get<int>(), 0);
  EXPECT_NE(run.process.err.find("the API rate budget is down to its reserve"), std::string::npos)
      << run.process.err;
  EXPECT_NE(run.process.out.find("API: " + std::to_string(api["requests"].get<int>()) +
                                 " requests, none answered 429"),
            std::string::npos)
      << run.process.out;
  // GET /account/rate-limits, which costs nothing, is how it learnt of the refill.
  EXPECT_GE(fake.count("GET", "/account/rate-limits"), 2);
}

TEST(Fleet, ABucketEmptyAtTheStartIsSaidAndTheRunStillFinishes) {
  json scenario = fleet_scenario(2);
  // Slow enough that however long the run takes to start (seconds under ASan on a busy machine),
  // the pool it finds cannot pay for the run's 20-odd requests: it must wait, and say so.
  scenario["rate_limit"] = {{"size", 100}, {"remaining", 0}, {"refill_per_second", 3}};
  const FakeHeroku fake(scenario);
  const FleetRun run = check_fleet(fake, 2);
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
  EXPECT_NE(run.process.err.find("the account's API rate limit is nearly spent at the start "
                                 "(RateLimit-Remaining "),
            std::string::npos)
      << run.process.err;
  EXPECT_NE(run.process.err.find("left for other tools and people): waiting about"),
            std::string::npos);
  EXPECT_EQ(answered_429(fake), 0);
  EXPECT_EQ(run.report["summary"]["error"], 0);
}

TEST(Fleet, ARequestBudgetLeavesTheRestOfThePool) {
  json scenario = fleet_scenario(3);
  scenario["rate_limit"] = {{"size", 1000}, {"remaining", 1000}, {"refill_per_second", 100}};
  const FakeHeroku fake(scenario);
  const FleetRun run = check_fleet(fake, 3, {"--request-budget", "10"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.err;
  EXPECT_EQ(run.report["api"]["reserve"], 990);
  EXPECT_GE(run.report["api"]["lowest_remaining"].get<int>(), 990);
  EXPECT_EQ(answered_429(fake), 0);
}

}  // namespace
}  // namespace fleet_e2e_test
}  // namespace spaceport::test

namespace spaceport::test {
namespace fleet_e2e_test {
namespace {

/// Runs shard `index` of `count` of a fleet plan and returns the path of its JSON report.
std::filesystem::path run_shard(const FakeHeroku& fake, const TempDir& dir,
                                const std::filesystem::path& plan, int index, int count) {
  const auto report =
      dir.path() / ("shard-" + std::to_string(index) + "-of-" + std::to_string(count) + ".json");
  auto args = preflight_args(fake, plan, report);
  args.insert(args.end(), {"--shard", std::to_string(index) + "/" + std::to_string(count)});
  const auto r = run_spaceport(args);
  EXPECT_NE(r.exit_code, 2) << r.err;
  return report;
}

std::set<std::string> migrations_of(const json& report) {
  std::set<std::string> names;
  for (const auto& r : report["results"]) {
    names.insert(r["migration"].get<std::string>());
  }
  return names;
}

TEST(Shards, PartitionTheFleetAndMergeIntoTheWholeRun) {
  json scenario = fleet_scenario(7);
  named(scenario, "apps", "new-app-3")["config_vars"].erase("API_SECRET");  // one fails
  const FakeHeroku fake(scenario);
  TempDir dir;
  const auto plan = dir.write("plan.json", fleet_plan(7).dump());
  std::vector<std::string> inputs;
  std::set<std::string> seen;
  int results = 0;
  for (int i = 1; i <= 3; ++i) {
    const auto path = run_shard(fake, dir, plan, i, 3);
    inputs.push_back(path.string());
    const json report = json::parse(read_file(path));
    EXPECT_EQ(report["run"]["shard"], json({{"index", i}, {"count", 3}}));
    for (const auto& name : migrations_of(report)) {
      EXPECT_TRUE(seen.insert(name).second) << name << " is in two shards";
    }
    results += static_cast<int>(report["results"].size());
  }
  EXPECT_EQ(seen.size(), 7U);  // every migration in exactly one shard

  const auto merged_path = dir.path() / "merged.json";
  const auto junit = dir.path() / "merged.xml";
  std::vector<std::string> args{
      "report",  "merge",        "--json",     merged_path.string(),
      "--junit", junit.string(), "--evidence", (dir.path() / "evidence").string()};
  args.insert(args.end(), inputs.rbegin(), inputs.rend());  // any order
  const auto merge = run_spaceport(args);
  EXPECT_EQ(merge.exit_code, 1) << merge.out << merge.err;  // new-app-3 misses a config var
  const json merged = json::parse(read_file(merged_path));
  EXPECT_EQ(merged["summary"]["total"], results);
  EXPECT_EQ(merged["summary"]["fail"], 1);
  EXPECT_EQ(merged["run"]["exit_code"], 1);
  EXPECT_EQ(merged["run"]["command"], "report merge");
  EXPECT_TRUE(merged["run"]["shard"].is_null());
  EXPECT_EQ(migrations_of(merged), seen);
  EXPECT_EQ(validate_report(merged_path).exit_code, 0);
  EXPECT_EQ(validate_xml(junit, "junit.xsd").exit_code, 0);
  for (const auto& bundle : std::filesystem::directory_iterator(dir.path() / "evidence")) {
    const auto verify = run_process(
        {"/bin/sh", "-c", "cd '" + bundle.path().string() + "' && sha256sum -c SHA256SUMS"});
    EXPECT_EQ(verify.exit_code, 0) << verify.out;
    EXPECT_NE(verify.out.find("shard-2.json: OK"), std::string::npos) << verify.out;
  }
}

TEST(Shards, AMissingRepeatedOrForeignShardIsRefusedByName) {
  const FakeHeroku fake(fleet_scenario(4));
  TempDir dir;
  const auto plan = dir.write("plan.json", fleet_plan(4).dump());
  const auto one = run_shard(fake, dir, plan, 1, 3).string();
  const auto three = run_shard(fake, dir, plan, 3, 3).string();
  const auto out = (dir.path() / "m.json").string();
  const auto missing = run_spaceport({"report", "merge", "--json", out, one, three});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("shard(s) 2/3 missing"), std::string::npos) << missing.err;
  const auto twice = run_spaceport({"report", "merge", "--json", out, one, one, three});
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.err.find("shard 1/3 is given twice"), std::string::npos) << twice.err;
  const auto other = run_shard(fake, dir, plan, 1, 2).string();
  const auto foreign = run_spaceport({"report", "merge", "--json", out, one, other, three});
  EXPECT_EQ(foreign.exit_code, 2);
  EXPECT_NE(foreign.err.find("is not a shard of the same run"), std::string::npos) << foreign.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(Shards, AddingAMigrationMovesNoOther) {
  const FakeHeroku fake(fleet_scenario(9));
  TempDir dir;
  std::map<std::string, int> before;
  const auto small = dir.write("small.json", fleet_plan(8).dump());
  for (int i = 1; i <= 4; ++i) {
    for (const auto& name :
         migrations_of(json::parse(read_file(run_shard(fake, dir, small, i, 4))))) {
      before[name] = i;
    }
  }
  const auto large = dir.write("large.json", fleet_plan(9).dump());
  for (int i = 1; i <= 4; ++i) {
    for (const auto& name :
         migrations_of(json::parse(read_file(run_shard(fake, dir, large, i, 4))))) {
      if (before.count(name) > 0) {
        EXPECT_EQ(before[name], i) << name << " moved";
      }
    }
  }
  EXPECT_EQ(before.size(), 8U);
}

}  // namespace
}  // namespace fleet_e2e_test
}  // namespace spaceport::test

namespace spaceport::test {
namespace fleet_e2e_test {
namespace {

TEST(Fleet, OnATerminalEachMigrationStreamsOutAsItFinishes) {
  const FakeHeroku fake(fleet_scenario(3));
  TempDir dir;
  const auto plan = dir.write("plan.json", fleet_plan(3).dump());
  const auto out_file = dir.path() / "stdout.txt";
  std::vector<std::string> args{spaceport_binary(), "check",     "--plan",    plan.string(),
                                "--phase",          "preflight", "--api-url", fake.url(),
                                "--data-api-url",   fake.url()};
  args.insert(args.end(), k_skip_dns_checks.begin(), k_skip_dns_checks.end());
  int terminal = -1;
  const pid_t pid = forkpty(&terminal, nullptr, nullptr, nullptr);
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // Standard error is the terminal, where progress belongs; standard output goes to a file
    // (`spaceport check ... >report.txt` at a shell), which must hold the report alone.
    const int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, STDOUT_FILENO);
    setenv("HEROKU_API_KEY", "test-token-7d1f", 1);
    unsetenv("NO_COLOR");
    setenv("TERM", "xterm", 1);  // whatever the CI machine's is: a terminal that can rewrite lines
    std::vector<char*> argv;
    for (auto& arg : args) {
      argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  // Read the terminal until the program closes it, so that it never blocks on a full buffer.
  std::string err;
  char buffer[4096];
  for (ssize_t n = 0; (n = read(terminal, buffer, sizeof buffer)) > 0;) {
    err.append(buffer, static_cast<std::size_t>(n));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(terminal);
  const std::string report = read_file(out_file);
  EXPECT_NE(report.find("Summary: "), std::string::npos) << report;
  EXPECT_EQ(report.find('\r'), std::string::npos) << report;
  EXPECT_EQ(report.find('\x1b'), std::string::npos) << report;
  for (const char* name : {"  app-1: ", "  app-2: ", "  app-3: "}) {
    EXPECT_NE(err.find(name), std::string::npos) << err;
  }
  EXPECT_NE(err.find("spaceport: 3/3 migrations checked, 0 with failures or errors"),
            std::string::npos)
      << err;
  // Not on a terminal: the report alone.
  const auto piped = run_spaceport(std::vector<std::string>(args.begin() + 1, args.end()));
  EXPECT_EQ(piped.err.find("migrations checked"), std::string::npos) << piped.err;
}

}  // namespace
}  // namespace fleet_e2e_test
}  // namespace spaceport::test
