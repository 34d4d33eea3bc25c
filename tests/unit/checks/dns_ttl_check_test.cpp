#include "checks/dns_ttl_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/dns_answers.hpp"

namespace spaceport {
namespace dns_ttl_check_test {
namespace {

using test::cname;
using test::reply;
using test::silence;
constexpr auto auth = DnsRole::authoritative;
constexpr auto res = DnsRole::resolver;
const std::string host = "www.acme.test";

DnsTtlFacts facts(std::uint32_t authoritative_ttl, std::uint32_t resolver_ttl) {
  return DnsTtlFacts{host,
                     60,
                     {reply("ns1:53", auth, {cname(host, "x.herokudns.com", authoritative_ttl)})},
                     {reply("r:53", res, {cname(host, "x.herokudns.com", resolver_ttl)})}};
}

TEST(DnsTtlCheck, PassesWhenEveryTtlIsLowered) {
  const auto f = evaluate_dns_ttl(facts(60, 42));
  EXPECT_EQ(f.outcome, Outcome::pass) << f.message;
  EXPECT_EQ(f.evidence["servers"].size(), 2U);
}

TEST(DnsTtlCheck, FailsWhenTheZoneStillServesALongTtl) {
  const auto f = evaluate_dns_ttl(facts(3600, 3600));
  EXPECT_EQ(f.outcome, Outcome::fail);
  EXPECT_NE(f.message.find("ns1:53 (authoritative) serves TTL 3600 s"), std::string::npos);
}

TEST(DnsTtlCheck, FailsWithTheWaitWhenAResolverStillCaches) {
  const auto f = evaluate_dns_ttl(facts(60, 7300));
  EXPECT_EQ(f.outcome, Outcome::fail);
  EXPECT_NE(f.message.find("r:53 (resolver) still caches an answer with 7300 s (about 2 h) left"),
            std::string::npos)
      << f.message;
}

TEST(DnsTtlCheck, NoAnswerIsAnErrorNeverAPass) {
  DnsTtlFacts f = facts(60, 60);
  f.authoritative.push_back(silence("ns2:53", auth));
  const auto finding = evaluate_dns_ttl(f);
  EXPECT_EQ(finding.outcome, Outcome::error);
  EXPECT_NE(finding.message.find("ns2:53 (authoritative) did not answer"), std::string::npos);
  EXPECT_EQ(evaluate_dns_ttl(DnsTtlFacts{host, 60, {}, {}}).outcome, Outcome::error);
}

TEST(DnsTtlCheck, AServerWithoutAuthorityCannotDecide) {
  DnsTtlFacts f = facts(60, 60);
  f.authoritative[0].authoritative_answer = false;
  EXPECT_EQ(evaluate_dns_ttl(f).outcome, Outcome::error);
}

TEST(DnsTtlCheck, AFailureOutranksAnError) {
  DnsTtlFacts f = facts(86400, 60);
  f.resolvers.push_back(reply("r2:53", res, {}, dns_rcode::servfail));
  const auto finding = evaluate_dns_ttl(f);
  EXPECT_EQ(finding.outcome, Outcome::fail);
  EXPECT_NE(finding.message.find("also r2:53 (resolver) answered SERVFAIL"), std::string::npos);
}

TEST(DnsTtlCheck, DisagreeingServersWarnWhenNothingElseIsWrong) {
  DnsTtlFacts f = facts(60, 60);
  f.authoritative.push_back(reply("ns2:53", auth, {cname(host, "old.herokudns.com", 30)}));
  const auto finding = evaluate_dns_ttl(f);
  EXPECT_EQ(finding.outcome, Outcome::warn);
  EXPECT_EQ(finding.evidence["disagreement"].size(), 2U);
  EXPECT_TRUE(authoritative_disagreements(facts(60, 60).authoritative, host).empty());
}

TEST(DnsTtlCheck, NxdomainAndNodataFail) {
  DnsTtlFacts f = facts(60, 60);
  f.authoritative = {reply("ns1:53", auth, {}, dns_rcode::nxdomain)};
  EXPECT_EQ(evaluate_dns_ttl(f).outcome, Outcome::fail);
  f.authoritative = {reply("ns1:53", auth, {})};
  EXPECT_NE(evaluate_dns_ttl(f).message.find("has no A or CNAME record"), std::string::npos);
}

}  // namespace
}  // namespace dns_ttl_check_test
}  // namespace spaceport
