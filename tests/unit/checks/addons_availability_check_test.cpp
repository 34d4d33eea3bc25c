#include "checks/addons_availability_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace addons_availability_check_test {
namespace {

AddonAvailabilityFacts facts(bool shield) {
  AddonAvailabilityFacts f;
  f.space = Space{"id-s", "shield-space", "allocated", "virginia", shield};
  f.plans["heroku-postgresql"] = {AddonPlan{"heroku-postgresql:standard-0", false, true, false},
                                  AddonPlan{"heroku-postgresql:private-0", true, false, true},
                                  AddonPlan{"heroku-postgresql:shield-0", true, false, false}};
  f.capabilities["heroku-postgresql"] = {RegionCapability{"us", false},
                                         RegionCapability{"virginia", true}};
  return f;
}

Addon addon(std::string name, std::string service, std::string plan) {
  return Addon{"id-" + name,       std::move(name), "old-app",
               std::move(service), std::move(plan), "provisioned"};
}

TEST(AddonsAvailabilityCheck, InsidePlanPasses) {
  auto f = facts(true);
  f.addons = {addon("pg-1", "heroku-postgresql", "heroku-postgresql:shield-0")};
  const auto findings = evaluate_addons_availability(test::migration(), f);
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
}

TEST(AddonsAvailabilityCheck, OutsideOnlyWarnsAndNamesTheRightInsidePlan) {
  auto f = facts(true);
  f.addons = {addon("pg-1", "heroku-postgresql", "heroku-postgresql:standard-0")};
  auto findings = evaluate_addons_availability(test::migration(), f);
  EXPECT_EQ(findings[0].outcome, Outcome::warn);
  EXPECT_NE(findings[0].message.find("public Internet"), std::string::npos);
  EXPECT_NE(findings[0].message.find("heroku-postgresql:shield-0 is installable inside"),
            std::string::npos);
  f.space.shield = false;
  findings = evaluate_addons_availability(test::migration(false), f);
  EXPECT_NE(findings[0].message.find("heroku-postgresql:private-0 is installable inside"),
            std::string::npos);
}

TEST(AddonsAvailabilityCheck, OutsideOnlyWithoutAnyInsidePlanSaysSo) {
  auto f = facts(true);
  f.plans["papertrail"] = {AddonPlan{"papertrail:choklad", false, true, false}};
  f.capabilities["papertrail"] = {RegionCapability{"virginia", false}};
  f.addons = {addon("papertrail-1", "papertrail", "papertrail:choklad")};
  const auto findings = evaluate_addons_availability(test::migration(), f);
  EXPECT_EQ(findings[0].outcome, Outcome::warn);
  EXPECT_NE(findings[0].message.find("no plan installable inside"), std::string::npos);
}

TEST(AddonsAvailabilityCheck, NotOfferedInTheRegionFails) {
  auto f = facts(true);
  f.plans["legacy-thing"] = {AddonPlan{"legacy-thing:basic", false, true, false}};
  f.capabilities["legacy-thing"] = {RegionCapability{"us", false}};
  f.addons = {addon("legacy-1", "legacy-thing", "legacy-thing:basic")};
  const auto findings = evaluate_addons_availability(test::migration(), f);
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("not offered in region virginia"), std::string::npos);
}

TEST(AddonsAvailabilityCheck, PlanInstallableNowhereFails) {
  auto f = facts(true);
  f.plans["heroku-postgresql"].push_back(
      AddonPlan{"heroku-postgresql:legacy", false, false, false});
  f.addons = {addon("pg-1", "heroku-postgresql", "heroku-postgresql:legacy")};
  const auto findings = evaluate_addons_availability(test::migration(), f);
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("choose heroku-postgresql:shield-0"), std::string::npos);
}

TEST(AddonsAvailabilityCheck, AnUnknownServiceOrPlanCannotBeDecided) {
  auto f = facts(true);
  f.addons = {addon("mystery-1", "mystery", "mystery:basic"),
              addon("pg-1", "heroku-postgresql", "heroku-postgresql:retired-9")};
  const auto findings = evaluate_addons_availability(test::migration(), f);
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[0].outcome, Outcome::error);
  EXPECT_NE(findings[0].message.find("knows no add-on service mystery"), std::string::npos);
  EXPECT_EQ(findings[1].outcome, Outcome::error);
  EXPECT_NE(findings[1].message.find("lists no plan heroku-postgresql:retired-9"),
            std::string::npos);
}

TEST(AddonsAvailabilityCheck, StaticOutboundIpAddOnsWarnWithTheSpaceIps) {
  auto f = facts(true);
  f.addons = {addon("fixie-1", "fixie", "fixie:tricycle")};
  f.nat = SpaceNat{"enabled", {"203.0.113.10", "203.0.113.11"}};
  const auto findings = evaluate_addons_availability(test::migration(), f);
  EXPECT_EQ(findings[0].outcome, Outcome::warn);
  EXPECT_NE(findings[0].message.find("stable outbound IPs (203.0.113.10, 203.0.113.11)"),
            std::string::npos);
}

TEST(AddonsAvailabilityCheck, NoAddOnsPasses) {
  const auto findings = evaluate_addons_availability(test::migration(), facts(true));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_EQ(findings[0].subject, "old-app");
}

}  // namespace
}  // namespace addons_availability_check_test
}  // namespace spaceport
