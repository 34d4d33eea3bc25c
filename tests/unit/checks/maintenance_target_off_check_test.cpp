#include "checks/maintenance_target_off_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace maintenance_target_off_check_test {
namespace {

TEST(MaintenanceTargetOffCheck, EachOutcome) {
  App app = test::space_app("new-app", "shield-space", true);
  EXPECT_EQ(evaluate_maintenance_target_off(test::migration(), app)[0].outcome, Outcome::pass);
  app.maintenance = true;
  const auto on = evaluate_maintenance_target_off(test::migration(), app);
  EXPECT_EQ(on[0].outcome, Outcome::fail);
  EXPECT_NE(on[0].message.find("heroku maintenance:off -a new-app"), std::string::npos);
  EXPECT_EQ(evaluate_maintenance_target_off(test::migration(), std::nullopt)[0].outcome,
            Outcome::fail);
}

}  // namespace
}  // namespace maintenance_target_off_check_test
}  // namespace spaceport
