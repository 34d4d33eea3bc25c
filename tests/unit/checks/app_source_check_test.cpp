#include "checks/app_source_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace app_source_check_test {
namespace {

TEST(AppSourceCheck, PassNamesTheCommonRuntime) {
  const auto findings = evaluate_app_source(test::migration(), test::common_runtime_app("old-app"));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_EQ(findings[0].subject, "old-app");
  EXPECT_NE(findings[0].message.find("the Common Runtime"), std::string::npos);
  EXPECT_EQ(findings[0].evidence["runtime"], "common-runtime");
}

TEST(AppSourceCheck, PassNamesTheSourceSpaceForSpaceToSpaceMoves) {
  const auto findings =
      evaluate_app_source(test::migration(), test::space_app("old-app", "legacy-space", false));
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_NE(findings[0].message.find("Private Space \"legacy-space\""), std::string::npos);
}

TEST(AppSourceCheck, MissingAppFails) {
  const auto findings = evaluate_app_source(test::migration(), std::nullopt);
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("\"source.app\""), std::string::npos);
}

}  // namespace
}  // namespace app_source_check_test
}  // namespace spaceport
