#include "core/dns_facts.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace dns_facts_test {
namespace {

TEST(DnsFacts, NormalizesServerAddresses) {
  EXPECT_EQ(normalize_dns_server("8.8.8.8"), "8.8.8.8:53");
  EXPECT_EQ(normalize_dns_server("127.0.0.1:5353"), "127.0.0.1:5353");
  EXPECT_EQ(normalize_dns_server("2001:db8::1"), "[2001:db8::1]:53");
  EXPECT_EQ(normalize_dns_server("[::1]:5300"), "[::1]:5300");
  EXPECT_EQ(normalize_dns_server("dns.google"), std::nullopt);
  EXPECT_EQ(normalize_dns_server("1.2.3.4:0"), std::nullopt);
  EXPECT_EQ(normalize_dns_server("1.2.3.4:99999"), std::nullopt);
  EXPECT_EQ(normalize_dns_server("[::1"), std::nullopt);
  EXPECT_EQ(normalize_dns_server(""), std::nullopt);
}

TEST(DnsFacts, FollowsTheCnameChainToAddresses) {
  DnsServerAnswer a;
  a.answers = {{"www.acme.test", dns_type::cname, 60, "x.herokudns.test"},
               {"x.herokudns.test", dns_type::a, 60, "10.0.0.2"},
               {"x.herokudns.test", dns_type::a, 60, "10.0.0.1"}};
  EXPECT_EQ(chain_addresses(a, "www.acme.test"),
            (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
  a.answers = {{"a.test", dns_type::cname, 60, "b.test"},
               {"b.test", dns_type::cname, 60, "a.test"}};
  EXPECT_TRUE(chain_addresses(a, "a.test").empty());  // a loop ends, empty
}

TEST(DnsFacts, CanonicalNames) {
  EXPECT_EQ(canonical_dns_name("WWW.Acme.Test."), "www.acme.test");
  EXPECT_EQ(dns_rcode_name(2), "SERVFAIL");
  EXPECT_EQ(dns_rcode_name(42), "RCODE42");
  EXPECT_EQ(dns_type_name(99), "TYPE99");
}

}  // namespace
}  // namespace dns_facts_test
}  // namespace spaceport
