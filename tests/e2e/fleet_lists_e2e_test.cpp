// End-to-end: the account's lists (GET /apps, /addons, /addon-attachments) answer the per-app
// questions of a large plan with the same verdicts the per-app reads give, on the test worlds and
// on fuzzed ones (random ownership and attachments across apps, apps the lists do not show,
// several pages), and cost fewer requests (probes/fleet_lists.hpp).
#include <gtest/gtest.h>

#include <random>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace fleet_lists_e2e_test {
namespace {

struct ListsRun {
  CheckRun run;
  std::size_t requests = 0;
  std::vector<json> log;
};

/// check of every phase (DNS, TLS and health left out: no DNS here) on `scenario` with
/// SPACEPORT_FLEET_LISTS set to `mode`.
ListsRun run_checks(const json& scenario, const json& plan, const std::string& mode) {
  const FakeHeroku fake(scenario);
  TempDir dir;
  const auto plan_path = dir.write("plan.json", plan.dump(2));
  const auto report = dir.path() / "r.json";
  std::vector<std::string> args{"check",    "--plan",    plan_path.string(), "--phase",
                                "all",      "--api-url", fake.url(),         "--data-api-url",
                                fake.url(), "--json",    report.string(),    "--timeout",
                                "5s"};
  args.insert(args.end(), k_skip_dns_checks.begin(), k_skip_dns_checks.end());
  ListsRun out;
  out.run.process = run_spaceport(args, {{"SPACEPORT_FLEET_LISTS", mode}});
  const std::string text = read_file(report);
  out.run.report = text.empty() ? json() : json::parse(text);
  out.log = fake.requests();
  for (const auto& request : out.log) {
    if (request["path"] != "/account/rate-limits") {
      ++out.requests;
    }
  }
  return out;
}

std::filesystem::path write_report(const json& report) {
  static const TempDir dir;
  return dir.write("report.json", report.dump());
}

/// The same world both ways: the same results, one for one, and the lists used in one of them.
/// Returns what the run with the lists says of them.
json expect_the_same_either_way(const json& scenario, const json& plan) {
  const ListsRun each = run_checks(scenario, plan, "never");
  const ListsRun lists = run_checks(scenario, plan, "always");
  if (!each.run.report.is_object() || !lists.run.report.is_object()) {
    ADD_FAILURE() << "no report: " << each.run.process.err << lists.run.process.err;
    return json::object();
  }
  EXPECT_EQ(each.run.report["summary"]["error"], 0) << each.run.process.out;
  expect_same_verdicts(each.run, lists.run);
  EXPECT_EQ(each.run.report["api"]["lists"]["lists"], false);
  EXPECT_EQ(lists.run.report["api"]["lists"]["lists"], true);
  EXPECT_GT(lists.run.report["api"]["lists"]["answered"].get<int>(), 0)
      << lists.run.report["api"]["lists"].dump();
  return lists.run.report["api"]["lists"];
}

TEST(FleetLists, TheSameVerdictsEitherWayOnTheTestWorlds) {
  expect_the_same_either_way(base_scenario(), base_plan());
  expect_the_same_either_way(cutover_scenario(), base_plan());
  expect_the_same_either_way(fleet_scenario(12), fleet_plan(12));
}

/// A world of `migrations` migrations plus apps outside the plan, with add-ons owned by random
/// apps and attached to others at random, some apps left out of the account's lists, and pages
/// of `page_size` items.
json fuzzed_world(unsigned seed, int migrations, int page_size) {
  std::mt19937 random(seed);
  const auto chance = [&](int percent) {
    return std::uniform_int_distribution<int>(0, 99)(random) < percent;
  };
  json scenario = base_scenario();
  const json old_app = scenario["apps"][0];
  const json new_app = scenario["apps"][1];
  scenario["apps"] = json::array();
  scenario["addons"] = json::array();
  scenario["page_size"] = page_size;
  std::vector<std::string> apps;
  const auto add_app = [&](json app, const std::string& name) {
    app["name"] = name;
    app.erase("domains");
    if (chance(15)) {
      app["listed"] = false;
    }
    scenario["apps"].push_back(app);
    apps.push_back(name);
  };
  for (int i = 1; i <= migrations; ++i) {
    add_app(old_app, "old-app-" + std::to_string(i));
    add_app(new_app, "new-app-" + std::to_string(i));
  }
  for (int i = 1; i <= 4; ++i) {
    add_app(old_app, "elsewhere-" + std::to_string(i));
  }
  int count = 0;
  for (const auto& owner : apps) {
    const int addons = std::uniform_int_distribution<int>(0, 2)(random);
    for (int a = 0; a < addons; ++a) {
      const std::string name = "postgresql-fuzz-" + std::to_string(++count);
      json addon{
          {"name", name},
          {"app", owner},
          {"plan", chance(50) ? "heroku-postgresql:standard-0" : "heroku-postgresql:shield-0"},
          {"config_vars", json::array({"HEROKU_POSTGRESQL_" + std::to_string(count) + "_URL"})},
          {"attachments", json::array()}};
      for (const auto& other : apps) {
        if (other != owner && chance(8)) {
          addon["attachments"].push_back(
              {{"app", other}, {"name", "SHARED_" + std::to_string(count)}});
        }
      }
      scenario["addons"].push_back(addon);
    }
  }
  return scenario;
}

TEST(FleetLists, AFuzzedWorldGivesTheSameVerdictsEitherWay) {
  int asked_per_app = 0;
  for (const unsigned seed : {20261206U, 7U, 42U, 1U, 99U, 2026U}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const json lists = expect_the_same_either_way(fuzzed_world(seed, 8, 5), fleet_plan(8));
    asked_per_app += lists["asked_per_app"].get<int>();
  }
  // The worlds held what the lists cannot show, and those questions went per app.
  EXPECT_GT(asked_per_app, 0);
}

TEST(FleetLists, AnAppTheListsDoNotShowIsReadOnItsOwn) {
  json scenario = base_scenario();
  named(scenario, "apps", "old-app")["listed"] = false;
  expect_the_same_either_way(scenario, base_plan());
  const ListsRun lists = run_checks(scenario, base_plan(), "always");
  bool asked = false;
  for (const auto& request : lists.log) {
    asked = asked || request["path"] == "/apps/old-app";
  }
  EXPECT_TRUE(asked);  // the lists do not show it: its own URL does
  EXPECT_GT(lists.run.report["api"]["lists"]["asked_per_app"].get<int>(), 0);
}

TEST(FleetLists, AListLongerThanTheReadsItReplacesIsDroppedAndItsQuestionsAskedPerApp) {
  // One item a page: the account's 2 apps take 2 pages, its 2 add-ons' attachments 3; the plan's
  // 2 apps allow 2 pages a list.
  json scenario = base_scenario();
  scenario["page_size"] = 1;
  named(scenario, "addons", "postgresql-old-1")["attachments"] =
      json::array({{{"app", "new-app"}, {"name", "OLD_DATABASE"}}});
  expect_the_same_either_way(scenario, base_plan());
  const ListsRun lists = run_checks(scenario, base_plan(), "always");
  bool dropped = false;
  for (const auto& list : lists.run.report["api"]["lists"]["read"]) {
    dropped = dropped || (list["path"] == "/addon-attachments" && list.contains("dropped"));
  }
  EXPECT_TRUE(dropped) << lists.run.report["api"]["lists"].dump();
  EXPECT_EQ(validate_report(write_report(lists.run.report)).exit_code, 0);
}

TEST(FleetLists, ThePlansSizeDecidesAndTheListsCostFewerRequests) {
  const ListsRun small = run_checks(fleet_scenario(3), fleet_plan(3), "auto");
  EXPECT_EQ(small.run.report["api"]["lists"]["lists"], false);
  EXPECT_NE(small.run.report["api"]["lists"]["why"].get<std::string>().find("6 apps"),
            std::string::npos);
  const ListsRun large = run_checks(fleet_scenario(10), fleet_plan(10), "auto");
  EXPECT_EQ(large.run.report["api"]["lists"]["lists"], true);
  const ListsRun each = run_checks(fleet_scenario(10), fleet_plan(10), "never");
  EXPECT_LT(large.requests, each.requests);
  expect_same_verdicts(each.run, large.run);
}

TEST(FleetLists, AnUnknownChoiceIsAUsageErrorBeforeAnyCheck) {
  const FakeHeroku fake(base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", base_plan().dump());
  const auto bad = run_spaceport({"check", "--plan", plan.string(), "--phase", "preflight",
                                  "--api-url", fake.url(), "--data-api-url", fake.url()},
                                 {{"SPACEPORT_FLEET_LISTS", "sometimes"}});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("SPACEPORT_FLEET_LISTS must be auto, always or never, not \"sometimes\""),
            std::string::npos)
      << bad.err;
  for (const auto& request : fake.requests()) {
    EXPECT_EQ(request["path"].get<std::string>().rfind("/account", 0), 0U) << request.dump();
  }
}

}  // namespace
}  // namespace fleet_lists_e2e_test
}  // namespace spaceport::test
