#include "checks/dns_lookup.hpp"

#include <gtest/gtest.h>

#include "checks/decommission_dns_check.hpp"
#include "checks/dns_target_check.hpp"
#include "tests/unit/checks/dns_answers.hpp"

namespace spaceport {
namespace dns_lookup_test {
namespace {

Domain domain(std::string hostname, std::string kind, std::optional<std::string> cname) {
  Domain d;
  d.hostname = std::move(hostname);
  d.kind = std::move(kind);
  d.cname = std::move(cname);
  return d;
}

/// The source's domains as the API may report them: its herokuapp.com name, a custom domain
/// with a DNS target (spelt as a person might), and one without.
std::vector<Domain> source_domains() {
  return {domain("old-app-1234.herokuapp.com", "heroku", std::nullopt),
          domain("www.acme.test", "custom", "Old.HerokuDNS.com."),
          domain("Legacy.Acme.Test", "custom", std::nullopt)};
}

TEST(NamesLeadingTo, AreTheHerokuNameTheDnsTargetsAndCustomDomainsWithoutOneCanonical) {
  EXPECT_EQ(names_leading_to(source_domains()),
            (std::set<std::string>{"legacy.acme.test", "old-app-1234.herokuapp.com",
                                   "old.herokudns.com"}));
}

// dns.target and decommission.dns judge "points at the source" from the one derivation: on the
// same world, a CNAME to any name leading to the source is the source for both, and a third
// name is not.
TEST(NamesLeadingTo, DnsTargetAndDecommissionDnsAgreeOnTheSameWorld) {
  const auto leading = names_leading_to(source_domains());
  auto names = std::vector<std::string>(leading.begin(), leading.end());
  names.emplace_back("elsewhere.example");
  for (const auto& name : names) {
    const auto answer = test::reply("r:53", DnsRole::resolver, {test::cname("www.a.test", name)});
    DnsTargetFacts facts;
    facts.hostname = "www.a.test";
    facts.expected = "new.herokudns.com";
    facts.source_names = leading;
    facts.resolvers = {answer};
    const Finding target = evaluate_dns_target(facts);
    const Finding decommission =
        evaluate_decommission_dns("www.a.test", {leading.begin(), leading.end()}, {answer});
    const bool at_source = leading.count(name) != 0;
    EXPECT_EQ(target.message.find("still pointing at the source app") != std::string::npos,
              at_source)
        << name << ": " << target.message;
    EXPECT_EQ(target.outcome, Outcome::fail) << name;
    EXPECT_EQ(decommission.outcome, at_source ? Outcome::fail : Outcome::pass)
        << name << ": " << decommission.message;
  }
}

TEST(EvaluateUnreachable, NxdomainFailsNamingTheHostAndWhatWasAskedFor) {
  Resolution nxdomain;
  nxdomain.nxdomain = true;
  const auto tls = evaluate_unreachable("www.a.test", "www.a.test", nxdomain);
  ASSERT_TRUE(tls);
  EXPECT_EQ(tls->outcome, Outcome::fail);
  EXPECT_EQ(tls->message, "www.a.test does not resolve (NXDOMAIN): nothing to connect to");
  const auto health = evaluate_unreachable("https://www.a.test/up", "www.a.test", nxdomain);
  ASSERT_TRUE(health);
  EXPECT_EQ(health->subject, "https://www.a.test/up");
  EXPECT_EQ(health->message,
            "https://www.a.test/up: www.a.test does not resolve (NXDOMAIN): nothing to connect to");
}

TEST(EvaluateUnreachable, NoDefiniteAnswerIsAnErrorAndAnAddressIsNoVerdict) {
  Resolution silent;
  silent.failure = "no resolver answered for www.a.test (r:53: timed out)";
  const auto error = evaluate_unreachable("www.a.test", "www.a.test", silent);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->outcome, Outcome::error);
  EXPECT_NE(error->message.find("timed out"), std::string::npos) << error->message;
  const auto empty = evaluate_unreachable("www.a.test", "www.a.test", Resolution{});
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->outcome, Outcome::error);
  EXPECT_NE(empty->message.find("resolves to no address"), std::string::npos) << empty->message;
  Resolution resolved;
  resolved.addresses = {"10.0.0.1"};
  EXPECT_FALSE(evaluate_unreachable("www.a.test", "www.a.test", resolved));
}

}  // namespace
}  // namespace dns_lookup_test
}  // namespace spaceport
