#include "checks/formation_scaled_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace formation_scaled_test {
namespace {

FormationScaledFacts facts(std::vector<Formation> source, std::vector<Formation> target) {
  FormationScaledFacts f;
  f.target = test::space_app("new-app", "shield-space", true);
  f.source = std::move(source);
  f.target_formation = std::move(target);
  return f;
}

TEST(FormationScaledCheck, EqualOrMorePasses) {
  const auto findings = evaluate_formation_scaled(
      test::migration(), facts({{"web", 2, "Standard-2X"}, {"worker", 1, "Standard-1X"}},
                               {{"web", 3, "Shield-M"}, {"worker", 1, "Shield-S"}}));
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_EQ(findings[1].outcome, Outcome::pass);
}

TEST(FormationScaledCheck, FewerOrMissingFails) {
  const auto findings = evaluate_formation_scaled(
      test::migration(),
      facts({{"web", 2, "Standard-2X"}, {"worker", 1, "Standard-1X"}}, {{"web", 1, "Shield-M"}}));
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("heroku ps:scale web=2 -a new-app"), std::string::npos);
  EXPECT_EQ(findings[1].outcome, Outcome::fail);
  EXPECT_NE(findings[1].message.find("has no worker process type"), std::string::npos);
}

TEST(FormationScaledCheck, WebAtZeroInASpaceFailsDuringMaintenance) {
  auto f = facts({{"web", 0, "Standard-2X"}}, {{"web", 0, "Shield-M"}});
  f.target.maintenance = true;
  const auto findings = evaluate_formation_scaled(test::migration(), f);
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("during maintenance"), std::string::npos);
  EXPECT_NE(findings[0].message.find("routing proxy lives on the web dynos"), std::string::npos);
}

TEST(FormationScaledCheck, NoSourceProcessesIsSkipped) {
  const auto findings = evaluate_formation_scaled(test::migration(), facts({}, {}));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::skip);
}

}  // namespace
}  // namespace formation_scaled_test
}  // namespace spaceport
