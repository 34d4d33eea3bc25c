#include "checks/addons_reprovisioned_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace addons_reprovisioned_test {
namespace {

Addon addon(std::string name, std::string owner, std::string service) {
  return test::owned_addon(name, owner, service, service + ":plan");
}

TEST(AddonsReprovisionedCheck, OwnAddOnOfTheSameServicePasses) {
  const auto findings = evaluate_addons_reprovisioned(
      test::migration(), {addon("pg-old", "old-app", "heroku-postgresql")},
      {addon("pg-new", "new-app", "heroku-postgresql")});
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_NE(findings[0].message.find("pg-new"), std::string::npos);
}

TEST(AddonsReprovisionedCheck, AnAttachmentOfTheSourcesAddOnFailsAndSaysWhy) {
  const Addon source = addon("pg-old", "old-app", "heroku-postgresql");
  const auto findings = evaluate_addons_reprovisioned(test::migration(), {source}, {source});
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("destroying the source would delete it"), std::string::npos);
}

TEST(AddonsReprovisionedCheck, NothingOnTheTargetFails) {
  const auto findings = evaluate_addons_reprovisioned(
      test::migration(), {addon("redis-old", "old-app", "heroku-redis")}, {});
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("heroku addons:create heroku-redis:<plan> -a new-app"),
            std::string::npos);
}

TEST(AddonsReprovisionedCheck, StaticOutboundIpAddOnsNeedNoCounterpart) {
  const auto findings = evaluate_addons_reprovisioned(test::migration(),
                                                      {addon("fixie-old", "old-app", "fixie")}, {});
  EXPECT_EQ(findings[0].outcome, Outcome::skip);
  EXPECT_NE(findings[0].message.find("the space has its own"), std::string::npos);
}

TEST(AddonsReprovisionedCheck, SharedAddOnOfAThirdAppMustBeAttached) {
  const Addon shared = addon("kafka-shared", "platform-app", "heroku-kafka");
  EXPECT_EQ(evaluate_addons_reprovisioned(test::migration(), {shared}, {shared})[0].outcome,
            Outcome::pass);
  const auto missing = evaluate_addons_reprovisioned(test::migration(), {shared}, {});
  EXPECT_EQ(missing[0].outcome, Outcome::fail);
  EXPECT_NE(missing[0].message.find("heroku addons:attach kafka-shared -a new-app"),
            std::string::npos);
}

}  // namespace
}  // namespace addons_reprovisioned_test
}  // namespace spaceport
