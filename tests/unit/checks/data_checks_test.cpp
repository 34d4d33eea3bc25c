#include <gtest/gtest.h>

#include "checks/addon_kinds.hpp"
#include "checks/data_follower_check.hpp"
#include "checks/data_parity_check.hpp"
#include "checks/data_promoted_check.hpp"
#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace data_checks_test {
namespace {

TEST(DataChecks, PostgresMajorVersions) {
  EXPECT_EQ(postgres_major("16.4"), "16");
  EXPECT_EQ(postgres_major("9.6.24"), "9.6");
  EXPECT_EQ(postgres_major("17"), "17");
  EXPECT_TRUE(is_essential_postgres_plan("heroku-postgresql:essential-0"));
  EXPECT_TRUE(is_essential_postgres_plan("mini"));
  EXPECT_FALSE(is_essential_postgres_plan("heroku-postgresql:standard-0"));
  EXPECT_TRUE(is_data_service("heroku-kafka"));
  EXPECT_FALSE(is_data_service("papertrail"));
}

PostgresAddon database(const std::string& name, const std::string& app, const std::string& url,
                       std::optional<std::string> following = std::nullopt,
                       std::optional<long> behind = std::nullopt) {
  Database d;
  d.addon_id = "id-" + name;
  d.name = name;
  d.postgres_version = "16.4";
  d.status = "Available";
  d.resource_url = url;
  d.following = std::move(following);
  d.behind_by = behind;
  return {test::owned_addon(name, app, "heroku-postgresql", "heroku-postgresql:standard-0"), d};
}

TEST(DataChecks, AFollowerIsFoundByItsLeadersUrlWhichIsNeverShown) {
  const auto source = database("pg-old", "old-app", "postgres://u:secret@old/db");
  const auto follower =
      database("pg-new", "new-app", "postgres://u:x@new/db", "postgres://u:secret@old/db", 3);
  const auto f = evaluate_data_follower(test::migration(), source, {follower});
  EXPECT_EQ(f.outcome, Outcome::pass) << f.message;
  EXPECT_EQ((f.message + f.evidence.dump()).find("secret"), std::string::npos);
  const auto unrelated =
      database("pg-new", "new-app", "postgres://u:x@new/db", "postgres://u:y@elsewhere/db", 3);
  EXPECT_EQ(evaluate_data_follower(test::migration(), source, {unrelated}).outcome, Outcome::fail);
  auto no_record = source;
  no_record.database.reset();
  EXPECT_EQ(evaluate_data_follower(test::migration(), no_record, {follower}).outcome,
            Outcome::error);
}

TEST(DataChecks, PromotedNeedsAnOwnedDatabaseThatFollowsNothing) {
  const Migration m = test::migration();
  EXPECT_EQ(evaluate_data_promoted(m, false, std::nullopt, std::nullopt).outcome, Outcome::skip);
  EXPECT_EQ(evaluate_data_promoted(m, true, std::nullopt, std::nullopt).outcome, Outcome::fail);
  const Attachment own{"a1", "DATABASE", "new-app", "id-pg", "pg-new", "new-app"};
  Database record;
  record.status = "Available";
  EXPECT_EQ(evaluate_data_promoted(m, true, own, record).outcome, Outcome::pass);
  EXPECT_EQ(evaluate_data_promoted(m, true, own, std::nullopt).outcome, Outcome::error);
  record.leader = "pg-old";
  EXPECT_EQ(evaluate_data_promoted(m, true, own, record).outcome, Outcome::fail);
}

TEST(DataChecks, EstimatesAreComparedWithATolerance) {
  const auto side = [](long long rows, bool exact) {
    return TableSide{TableInfo{"public", "t", rows, {}}, TableContents{rows, exact, std::nullopt}};
  };
  EXPECT_EQ(
      evaluate_data_parity({{"public.t", side(1000, false)}}, {{"public.t", side(1030, false)}})
          .front()
          .outcome,
      Outcome::pass);
  EXPECT_EQ(
      evaluate_data_parity({{"public.t", side(1000, false)}}, {{"public.t", side(1300, false)}})
          .front()
          .outcome,
      Outcome::warn);
  EXPECT_EQ(evaluate_data_parity({{"public.t", side(10, true)}}, {{"public.t", side(11, true)}})
                .front()
                .outcome,
            Outcome::fail);
}

}  // namespace
}  // namespace data_checks_test
}  // namespace spaceport
