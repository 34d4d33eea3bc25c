#include "checks/release_parity_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace release_parity_check_test {
namespace {

ReleaseFacts release(int version, std::optional<std::string> commit,
                     std::string stack = "heroku-24",
                     std::vector<std::string> buildpacks = {"heroku/ruby"}) {
  ReleaseFacts f;
  f.release = Release{version, true, "succeeded", "slug-" + std::to_string(version)};
  f.slug = Slug{"slug-" + std::to_string(version), std::move(commit), std::move(stack)};
  f.buildpacks = std::move(buildpacks);
  return f;
}

TEST(ReleaseParityCheck, SameCommitStackAndBuildpacksPasses) {
  const auto findings =
      evaluate_release_parity(test::migration(), release(42, "abc123"), release(3, "abc123"));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
}

TEST(ReleaseParityCheck, DifferentCommitFailsNamingBoth) {
  const auto findings =
      evaluate_release_parity(test::migration(), release(42, "abc123"), release(3, "def456"));
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("runs commit def456 but the source runs abc123"),
            std::string::npos);
}

TEST(ReleaseParityCheck, DifferentStackOrBuildpacksFail) {
  EXPECT_EQ(
      evaluate_release_parity(test::migration(), release(1, "a"), release(1, "a", "heroku-22"))[0]
          .outcome,
      Outcome::fail);
  const auto buildpacks =
      evaluate_release_parity(test::migration(), release(1, "a"),
                              release(1, "a", "heroku-24", {"heroku/nodejs", "heroku/ruby"}));
  EXPECT_EQ(buildpacks[0].outcome, Outcome::fail);
  EXPECT_NE(buildpacks[0].message.find("[heroku/nodejs, heroku/ruby]"), std::string::npos);
}

TEST(ReleaseParityCheck, UnknownCommitWarns) {
  const auto findings =
      evaluate_release_parity(test::migration(), release(42, std::nullopt), release(3, "abc123"));
  EXPECT_EQ(findings[0].outcome, Outcome::warn);
  EXPECT_NE(findings[0].message.find("\"old-app\" v42 has no slug commit recorded"),
            std::string::npos);
}

TEST(ReleaseParityCheck, NoTargetReleaseFails) {
  EXPECT_EQ(evaluate_release_parity(test::migration(), release(1, "a"), ReleaseFacts{})[0].outcome,
            Outcome::fail);
}

}  // namespace
}  // namespace release_parity_check_test
}  // namespace spaceport
