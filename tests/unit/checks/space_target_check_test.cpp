#include "checks/space_target_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace space_target_check_test {
namespace {

Space space(std::string state, bool shield) {
  return Space{"id-shield-space", "shield-space", std::move(state), "virginia", shield};
}

TEST(SpaceTargetCheck, AllocatedShieldSpacePasses) {
  const auto findings = evaluate_space_target(test::migration(true), space("allocated", true));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_NE(findings[0].message.find("allocated Shield Private Space in region virginia"),
            std::string::npos);
}

TEST(SpaceTargetCheck, NoShieldClaimAcceptsEitherKind) {
  EXPECT_EQ(
      evaluate_space_target(test::migration(std::nullopt), space("allocated", false))[0].outcome,
      Outcome::pass);
}

TEST(SpaceTargetCheck, ShieldMismatchFailsBothWays) {
  const auto wanted_shield =
      evaluate_space_target(test::migration(true), space("allocated", false));
  EXPECT_EQ(wanted_shield[0].outcome, Outcome::fail);
  EXPECT_NE(wanted_shield[0].message.find("standard Private Space"), std::string::npos);
  const auto wanted_standard =
      evaluate_space_target(test::migration(false), space("allocated", true));
  EXPECT_EQ(wanted_standard[0].outcome, Outcome::fail);
}

TEST(SpaceTargetCheck, UnallocatedStatesFailWithAdvice) {
  const auto allocating = evaluate_space_target(test::migration(true), space("allocating", true));
  EXPECT_EQ(allocating[0].outcome, Outcome::fail);
  EXPECT_NE(allocating[0].message.find("heroku spaces:wait"), std::string::npos);
  EXPECT_EQ(evaluate_space_target(test::migration(true), space("deleting", true))[0].outcome,
            Outcome::fail);
}

TEST(SpaceTargetCheck, MissingSpaceFails) {
  EXPECT_EQ(evaluate_space_target(test::migration(), std::nullopt)[0].outcome, Outcome::fail);
}

}  // namespace
}  // namespace space_target_check_test
}  // namespace spaceport
