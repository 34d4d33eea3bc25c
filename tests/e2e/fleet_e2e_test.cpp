// Fleets: many migrations in one run inside the account's shared API rate budget (issue 16).
#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace {

struct FleetRun {
  ProcessResult process;
  json report;
};

FleetRun check_fleet(const FakeHeroku& fake, int migrations, std::vector<std::string> extra = {}) {
  TempDir dir;
  const auto plan = dir.write("plan.json", fleet_plan(migrations).dump());
  std::vector<std::string> args{"check",
                                "--plan",
                                plan.string(),
                                "--phase",
                                "preflight",
                                "--api-url",
                                fake.url(),
                                "--data-api-url",
                                fake.url(),
                                "--json",
                                (dir.path() / "r.json").string()};
  args.insert(args.end(), k_skip_dns_checks.begin(), k_skip_dns_checks.end());
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
  scenario["rate_limit"] = {{"size", 100}, {"remaining", 0}, {"refill_per_second", 20}};
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
}  // namespace spaceport::test
