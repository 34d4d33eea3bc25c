#include "checks/app_target_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace app_target_check_test {
namespace {

TEST(AppTargetCheck, PassWhenInTheTargetSpace) {
  const auto findings =
      evaluate_app_target(test::migration(), test::space_app("new-app", "shield-space", true));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_NE(findings[0].message.find("Shield Private Space \"shield-space\""), std::string::npos);
}

TEST(AppTargetCheck, SpaceMayBeGivenById) {
  Migration m = test::migration();
  m.target.space = "id-shield-space";
  EXPECT_EQ(evaluate_app_target(m, test::space_app("new-app", "shield-space", true))[0].outcome,
            Outcome::pass);
}

TEST(AppTargetCheck, TheSpaceIsComparedByItsIdOnceTheApiHasNamedIt) {
  Migration m = test::migration();
  m.target.space = "id-shield-space";
  const Space space{"id-shield-space", "shield-space", "allocated", "virginia", true};
  EXPECT_EQ(
      evaluate_app_target(m, test::space_app("new-app", "shield-space", true), space)[0].outcome,
      Outcome::pass);
  const Space other{"id-other", "shield-space-2", "allocated", "virginia", true};
  EXPECT_EQ(
      evaluate_app_target(m, test::space_app("new-app", "shield-space", true), other)[0].outcome,
      Outcome::fail);
}

TEST(AppTargetCheck, AnotherSpaceFailsNamingBoth) {
  const auto findings =
      evaluate_app_target(test::migration(), test::space_app("new-app", "other-space", false));
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("\"other-space\""), std::string::npos);
  EXPECT_NE(findings[0].message.find("\"shield-space\""), std::string::npos);
}

TEST(AppTargetCheck, CommonRuntimeTargetFails) {
  const auto findings = evaluate_app_target(test::migration(), test::common_runtime_app("new-app"));
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("Common Runtime, not in space \"shield-space\""),
            std::string::npos);
}

TEST(AppTargetCheck, MissingAppFailsWithTheCreateCommand) {
  const auto findings = evaluate_app_target(test::migration(), std::nullopt);
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("heroku apps:create new-app --space shield-space"),
            std::string::npos);
}

}  // namespace
}  // namespace app_target_check_test
}  // namespace spaceport
