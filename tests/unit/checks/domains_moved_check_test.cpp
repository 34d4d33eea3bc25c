#include "checks/domains_moved_check.hpp"

#include "checks/certificates.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace domains_moved_check_test {
namespace {

Domain custom(std::string hostname, std::string status = "succeeded",
              std::optional<std::string> acm = "cert issued") {
  Domain d;
  d.hostname = std::move(hostname);
  d.kind = "custom";
  d.status = std::move(status);
  d.cname = "x.herokudns.com";
  d.acm_status = std::move(acm);
  return d;
}

TEST(DomainsMovedCheck, MovedAndCertifiedPasses) {
  DomainsMovedFacts f;
  f.target = {custom("www.example.test")};
  const auto findings = evaluate_domains_moved(test::migration(), f);
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_NE(findings[0].message.find("ACM certificate issued"), std::string::npos);
}

TEST(DomainsMovedCheck, EveryFailingStateIsNamed) {
  DomainsMovedFacts f;
  f.source = {custom("www.example.test")};
  f.target = {custom("www.example.test", "pending", "failing")};
  f.target[0].acm_status_reason = "Failing CCA check";
  const auto findings = evaluate_domains_moved(test::migration(), f);
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  const std::string& m = findings[0].message;
  EXPECT_NE(m.find("still a domain of \"old-app\""), std::string::npos);
  EXPECT_NE(m.find("DNS target is \"pending\""), std::string::npos);
  EXPECT_NE(m.find("ACM status is \"failing\" (Failing CCA check)"), std::string::npos);
}

TEST(DomainsMovedCheck, NotOnTheTargetFails) {
  DomainsMovedFacts f;
  f.source = {custom("api.example.test")};
  const auto findings = evaluate_domains_moved(test::migration(), f);
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("heroku domains:add api.example.test -a new-app"),
            std::string::npos);
}

TEST(DomainsMovedCheck, AnSniEndpointCertificateCounts) {
  DomainsMovedFacts f;
  f.target = {custom("shop.example.test", "succeeded", std::nullopt)};
  f.target_endpoints = {SniEndpoint{"tokyo-1234", {"*.example.test"}, "2027-01-01T00:00:00Z"}};
  const auto findings = evaluate_domains_moved(test::migration(), f);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_NE(findings[0].message.find("SNI endpoint tokyo-1234 (*.example.test)"),
            std::string::npos);
}

TEST(DomainsMovedCheck, PlanDomainsOverrideDiscovery) {
  Migration m = test::migration();
  m.domains = std::vector<std::string>{"www.example.test", "new.example.test"};
  DomainsMovedFacts f;
  f.target = {custom("www.example.test")};
  const auto findings = evaluate_domains_moved(m, f);
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[1].subject, "new.example.test");
  EXPECT_EQ(findings[1].outcome, Outcome::fail);
}

TEST(DomainsMovedCheck, NoDomainsIsSkipped) {
  const auto findings = evaluate_domains_moved(test::migration(), DomainsMovedFacts{});
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::skip);
}

TEST(CertificateCovers, WildcardsCoverOneLabel) {
  EXPECT_TRUE(certificate_covers("www.example.test", "www.example.test"));
  EXPECT_TRUE(certificate_covers("*.example.test", "www.example.test"));
  EXPECT_FALSE(certificate_covers("*.example.test", "a.b.example.test"));
  EXPECT_FALSE(certificate_covers("*.example.test", "example.test"));
}

}  // namespace
}  // namespace domains_moved_check_test
}  // namespace spaceport
