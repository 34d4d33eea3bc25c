// End-to-end: the data-service checks driven to each outcome over fake-heroku's Platform API and
// Heroku Postgres data API, through the real spaceport binary.
#include <functional>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace data_e2e_test {
namespace {

struct DataCase {
  const char* name;
  const char* phase;
  const char* check;
  const char* subject;
  const char* outcome;
  const char* message_part;
  std::function<void(json& scenario, json& plan)> change;
};

void PrintTo(const DataCase& c, std::ostream* out) {
  *out << c.name;
}

json& addon(json& scenario, const std::string& name) {
  return test::named(scenario, "addons", name);
}

void follow(json& scenario, int behind_by = 12) {
  addon(scenario, "postgresql-new-1")["database"] = {{"following", "postgresql-old-1"},
                                                     {"behind_by", behind_by}};
}

void move_target_to_standard_space(json& scenario) {
  scenario["apps"][1]["space"] = "other-space";
  scenario["addon_services"][0]["plans"].push_back(
      {{"name", "private-0"},
       {"installable_inside_private_network", true},
       {"installable_outside_private_network", false}});
  addon(scenario, "postgresql-new-1")["plan"] = "heroku-postgresql:private-0";
}

json clip(bool reassigned, const std::string& database = "postgresql-new-1") {
  return json::array(
      {{{"name", "daily revenue"}, {"database", database}, {"reassigned", reassigned}}});
}

class DataCheck : public testing::TestWithParam<DataCase> {};

TEST_P(DataCheck, ReachesItsOutcome) {
  const DataCase& c = GetParam();
  json scenario = std::string(c.phase) == "cutover" ? cutover_scenario() : base_scenario();
  json plan = base_plan();
  if (c.change) {
    c.change(scenario, plan);
  }
  const FakeHeroku fake(scenario);
  const CheckRun run = check(fake, plan, {"--only", c.check}, {c.phase});
  const json r = result(run, c.check, c.subject);
  EXPECT_EQ(r["outcome"], c.outcome) << r.dump(2);
  EXPECT_NE(r.value("message", "").find(c.message_part), std::string::npos) << r["message"];
  const std::string outcome = c.outcome;
  EXPECT_EQ(run.process.exit_code, outcome == "fail"    ? 1
                                   : outcome == "error" ? 3
                                                        : 0)
      << run.process.out << run.process.err;
  // The leader's URL in `following` and every resource_url carry credentials.
  EXPECT_EQ((run.process.out + run.report.dump() + run.junit).find("postgres://u:p@"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Checks, DataCheck,
    testing::Values(
        // data.follower
        DataCase{"CaughtUpFollowerPasses", "preflight", "data.follower", "postgresql-old-1", "pass",
                 "postgresql-new-1 on \"new-app\" follows postgresql-old-1 (Postgres 16.4, 12 "
                 "commits behind)",
                 [](json& s, json&) { follow(s); }},
        DataCase{"NoFollowerFails", "preflight", "data.follower", "postgresql-old-1", "fail",
                 "no database of \"new-app\" follows postgresql-old-1",
                 [](json& s, json&) { addon(s, "postgresql-new-1").erase("database"); }},
        DataCase{"LaggingFollowerFails", "preflight", "data.follower", "postgresql-old-1", "fail",
                 "is 500 commits behind postgresql-old-1, more than 200",
                 [](json& s, json&) { follow(s, 500); }},
        DataCase{"OtherMajorVersionFails", "preflight", "data.follower", "postgresql-old-1", "fail",
                 "followers must be on the same major version",
                 [](json& s, json&) {
                   follow(s);
                   addon(s, "postgresql-new-1")["database"]["version"] = "15.8";
                 }},
        DataCase{"EssentialSourceWarns", "preflight", "data.follower", "postgresql-old-1", "warn",
                 "Essential-tier database, which cannot have followers",
                 [](json& s, json&) {
                   s["addon_services"][0]["plans"].push_back({{"name", "essential-0"}});
                   addon(s, "postgresql-old-1")["plan"] = "heroku-postgresql:essential-0";
                 }},
        DataCase{"DataApiFailureErrors", "preflight", "data.follower", "old-app", "error",
                 "answered 503", [](json& s, json&) { test::fault(s, "/client/v11/databases/*"); }},
        DataCase{"NoPostgresSkips", "preflight", "data.follower", "old-app", "skip",
                 "owns no Heroku Postgres database",
                 [](json& s, json&) { s["addons"] = json::array(); }},
        // data.promoted
        DataCase{"PromotedDatabasePasses", "cutover", "data.promoted", "postgresql-new-1", "pass",
                 "owned by it, follows nothing and is available", nullptr},
        DataCase{"StillFollowingFails", "cutover", "data.promoted", "postgresql-new-1", "fail",
                 "still follows postgresql-old-1, so it is read-only: `heroku pg:unfollow",
                 [](json& s, json&) { follow(s, 0); }},
        DataCase{"SourceOwnedDatabaseFails", "cutover", "data.promoted", "postgresql-old-1", "fail",
                 "owned by \"old-app\"",
                 [](json& s, json&) {
                   s["addons"].erase(1);
                   addon(s, "postgresql-old-1")["attachments"] =
                       json::array({{{"app", "new-app"}, {"name", "DATABASE"}}});
                 }},
        DataCase{"DataApiFailureMakesPromotedAnError", "cutover", "data.promoted", "new-app",
                 "error", "answered 503",
                 [](json& s, json&) { test::fault(s, "/client/v11/databases/*"); }},
        DataCase{"UnavailableDatabaseFails", "cutover", "data.promoted", "postgresql-new-1", "fail",
                 "is not available",
                 [](json& s, json&) {
                   addon(s, "postgresql-new-1")["database"] = {{"status", "preparing"}};
                 }},
        // dataclips.reassigned
        DataCase{"NoInventoryWarns", "cutover", "dataclips.reassigned", "old-app", "warn",
                 "the plan lists no dataclips",
                 [](json&, json& p) { p["migrations"][0].erase("dataclips"); }},
        DataCase{"ShieldTargetFails", "cutover", "dataclips.reassigned", "daily revenue", "fail",
                 "Dataclips can't connect to Shield databases",
                 [](json&, json& p) { p["migrations"][0]["dataclips"] = clip(true); }},
        DataCase{"ReassignedClipPasses", "cutover", "dataclips.reassigned", "daily revenue", "pass",
                 "runs against postgresql-new-1 of \"new-app\"",
                 [](json& s, json& p) {
                   move_target_to_standard_space(s);
                   p["migrations"][0]["dataclips"] = clip(true);
                 }},
        DataCase{"ClipNotReassignedFails", "cutover", "dataclips.reassigned", "daily revenue",
                 "fail", "is not reassigned yet",
                 [](json& s, json& p) {
                   move_target_to_standard_space(s);
                   p["migrations"][0]["dataclips"] = clip(false);
                 }},
        DataCase{"ClipOnSourceDatabaseFails", "cutover", "dataclips.reassigned", "daily revenue",
                 "fail", "postgresql-old-1, which is not a Postgres database \"new-app\" owns",
                 [](json& s, json& p) {
                   move_target_to_standard_space(s);
                   p["migrations"][0]["dataclips"] = clip(true, "postgresql-old-1");
                 }},
        DataCase{"EmptyInventorySkips", "cutover", "dataclips.reassigned", "old-app", "skip",
                 "no dataclips", nullptr},
        // addons.reprovisioned, data side
        DataCase{"KeyValueStoreInsideTheSpacePasses", "cutover", "addons.reprovisioned",
                 "redis-old-1", "pass", "cannot be reached at build time",
                 [](json& s, json&) {
                   s["addon_services"].push_back(
                       {{"name", "heroku-redis"},
                        {"plans",
                         {{{"name", "premium-0"}},
                          {{"name", "private-7"},
                           {"installable_inside_private_network", true},
                           {"installable_outside_private_network", false}}}}});
                   s["addons"].push_back({{"name", "redis-old-1"},
                                          {"app", "old-app"},
                                          {"plan", "heroku-redis:premium-0"},
                                          {"config_vars", {"REDIS_URL"}}});
                   s["addons"].push_back({{"name", "redis-new-1"},
                                          {"app", "new-app"},
                                          {"plan", "heroku-redis:private-7"},
                                          {"config_vars", {"REDIS_URL"}}});
                 }},
        DataCase{"KeyValueStoreOutsideTheSpaceFails", "cutover", "addons.reprovisioned",
                 "redis-old-1", "fail", "that plan runs outside the space",
                 [](json& s, json&) {
                   s["addon_services"].push_back(
                       {{"name", "heroku-redis"}, {"plans", {{{"name", "premium-0"}}}}});
                   s["addons"].push_back({{"name", "redis-old-1"},
                                          {"app", "old-app"},
                                          {"plan", "heroku-redis:premium-0"},
                                          {"config_vars", {"REDIS_URL"}}});
                   s["addons"].push_back({{"name", "redis-new-1"},
                                          {"app", "new-app"},
                                          {"plan", "heroku-redis:premium-0"},
                                          {"config_vars", {"REDIS_URL"}}});
                 }}),
    [](const testing::TestParamInfo<DataCase>& c) { return std::string(c.param.name); });

}  // namespace
}  // namespace data_e2e_test
}  // namespace spaceport::test
