#include "checks/dns_target_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/dns_answers.hpp"

namespace spaceport {
namespace dns_target_check_test {
namespace {

using test::a_record;
using test::cname;
using test::reply;
using test::silence;
constexpr auto auth = DnsRole::authoritative;
constexpr auto res = DnsRole::resolver;

DnsTargetFacts facts(const std::string& host, std::vector<DnsRecord> authoritative,
                     std::vector<DnsRecord> resolver) {
  DnsTargetFacts f;
  f.hostname = host;
  f.expected = "new.herokudns.com";
  f.expected_addresses = {"10.0.0.1", "10.0.0.2"};
  f.source_names = {"old.herokudns.com", "old-app-1234.herokuapp.com"};
  f.source_addresses = {"10.9.9.9"};
  f.authoritative = {reply("ns1:53", auth, std::move(authoritative))};
  f.resolvers = {reply("r:53", res, std::move(resolver))};
  return f;
}

TEST(DnsTargetCheck, CnameToTheTargetPasses) {
  const auto f = evaluate_dns_target(facts("www.a.com", {cname("www.a.com", "new.herokudns.com")},
                                           {cname("www.a.com", "new.herokudns.com")}));
  EXPECT_EQ(f.outcome, Outcome::pass) << f.message;
}

TEST(DnsTargetCheck, ACacheStillAtTheSourceFailsNamingIt) {
  const auto f = evaluate_dns_target(facts("www.a.com", {cname("www.a.com", "new.herokudns.com")},
                                           {cname("www.a.com", "old.herokudns.com")}));
  EXPECT_EQ(f.outcome, Outcome::fail);
  EXPECT_NE(f.message.find("still pointing at the source app: r:53 (resolver) (CNAME "
                           "old.herokudns.com)"),
            std::string::npos)
      << f.message;
  EXPECT_EQ(f.message.find("ns1:53"), std::string::npos);
}

TEST(DnsTargetCheck, ApexAliasComparesAddresses) {
  EXPECT_EQ(
      evaluate_dns_target(facts("a.com", {a_record("a.com", "10.0.0.1")},
                                {a_record("a.com", "10.0.0.2"), a_record("a.com", "10.0.0.1")}))
          .outcome,
      Outcome::pass);
  const auto at_source = evaluate_dns_target(
      facts("a.com", {a_record("a.com", "10.9.9.9")}, {a_record("a.com", "10.0.0.1")}));
  EXPECT_EQ(at_source.outcome, Outcome::fail);
  EXPECT_NE(at_source.message.find("ns1:53 (authoritative) (addresses 10.9.9.9)"),
            std::string::npos);
  const auto elsewhere = evaluate_dns_target(
      facts("a.com", {a_record("a.com", "192.0.2.1")}, {a_record("a.com", "10.0.0.1")}));
  EXPECT_NE(elsewhere.message.find("answers 192.0.2.1, not the addresses of new.herokudns.com"),
            std::string::npos);
}

TEST(DnsTargetCheck, UnresolvableTargetMakesAnApexUndecided) {
  auto f = facts("a.com", {a_record("a.com", "192.0.2.1")}, {a_record("a.com", "192.0.2.1")});
  f.expected_addresses.clear();
  f.source_addresses.clear();
  EXPECT_EQ(evaluate_dns_target(f).outcome, Outcome::error);
}

TEST(DnsTargetCheck, AHostnameTheTargetDoesNotHaveFails) {
  auto f = facts("www.a.com", {}, {});
  f.expected.reset();
  const auto finding = evaluate_dns_target(f);
  EXPECT_EQ(finding.outcome, Outcome::fail);
  EXPECT_NE(finding.message.find("see domains.moved"), std::string::npos);
}

TEST(DnsTargetCheck, SilenceAndServfailAreErrors) {
  auto f = facts("www.a.com", {cname("www.a.com", "new.herokudns.com")}, {});
  f.resolvers = {silence("r:53", res), reply("r2:53", res, {}, dns_rcode::servfail)};
  const auto finding = evaluate_dns_target(f);
  EXPECT_EQ(finding.outcome, Outcome::error);
  EXPECT_NE(finding.message.find("r2:53 (resolver) answered SERVFAIL"), std::string::npos);
}

}  // namespace
}  // namespace dns_target_check_test
}  // namespace spaceport

namespace spaceport {
namespace dns_target_check_test {
namespace {

TEST(DnsTargetCheck, ACnameToANameThatDoesNotExistStillSaysWhereItPoints) {
  auto f = facts("www.a.com", {test::cname("www.a.com", "old.herokudns.com")}, {});
  f.authoritative[0].rcode = dns_rcode::nxdomain;
  f.resolvers.clear();
  const auto finding = evaluate_dns_target(f);
  EXPECT_EQ(finding.outcome, Outcome::fail);
  EXPECT_NE(finding.message.find("still pointing at the source app"), std::string::npos)
      << finding.message;
}

}  // namespace
}  // namespace dns_target_check_test
}  // namespace spaceport
