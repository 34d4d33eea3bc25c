#include "checks/formation_sizes_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace formation_sizes_test {
namespace {

FormationSizesFacts facts(bool shield, std::vector<Formation> formation) {
  FormationSizesFacts f;
  f.target = test::space_app("new-app", "shield-space", shield);
  f.space = Space{"id-s", "shield-space", "allocated", "virginia", shield};
  f.formation = std::move(formation);
  return f;
}

TEST(FormationSizesCheck, ShieldSpaceAcceptsShieldAndPrivateSizes) {
  const auto findings = evaluate_formation_sizes(
      test::migration(), facts(true, {{"web", 2, "Shield-M"}, {"worker", 1, "Private-S"}}));
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_EQ(findings[1].outcome, Outcome::pass);
  EXPECT_NE(findings[1].message.find("dynos run as Shield-S"), std::string::npos);
}

TEST(FormationSizesCheck, PrivateSpaceRejectsShieldSizes) {
  const auto findings =
      evaluate_formation_sizes(test::migration(false), facts(false, {{"web", 1, "Shield-L"}}));
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("use Private-L"), std::string::npos);
}

TEST(FormationSizesCheck, CommonRuntimeSizesFailWithTheNearestSpaceSize) {
  const auto findings = evaluate_formation_sizes(
      test::migration(), facts(true, {{"web", 2, "Standard-2X"}, {"worker", 1, "Performance-L"}}));
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("heroku ps:type web=Shield-S -a new-app"), std::string::npos);
  EXPECT_NE(findings[1].message.find("worker=Shield-L"), std::string::npos);
}

TEST(FormationSizesCheck, FirAppsUseFirSizes) {
  auto f = facts(false, {{"web", 1, "dyno-2c-4gb"}, {"worker", 1, "Private-M"}});
  f.target.generation = "fir";
  const auto findings = evaluate_formation_sizes(test::migration(false), f);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_EQ(findings[1].outcome, Outcome::fail);
}

TEST(FormationSizesCheck, NoFormationIsSkipped) {
  const auto findings = evaluate_formation_sizes(test::migration(), facts(true, {}));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::skip);
}

}  // namespace
}  // namespace formation_sizes_test
}  // namespace spaceport
