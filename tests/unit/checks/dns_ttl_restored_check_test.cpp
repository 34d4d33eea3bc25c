#include "checks/dns_ttl_restored_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/dns_answers.hpp"

namespace spaceport {
namespace dns_ttl_restored_test {
namespace {

using test::cname;
using test::reply;
constexpr auto auth = DnsRole::authoritative;

TEST(DnsTtlRestoredCheck, WarnsWhileLoweredPassesWhenRaised) {
  const std::string host = "www.a.com";
  EXPECT_EQ(evaluate_dns_ttl_restored({host, 60, {reply("ns1:53", auth, {cname(host, "x", 60)})}})
                .outcome,
            Outcome::warn);
  EXPECT_EQ(evaluate_dns_ttl_restored({host, 60, {reply("ns1:53", auth, {cname(host, "x", 3600)})}})
                .outcome,
            Outcome::pass);
  // The lowest TTL decides: one server still lowered keeps the warning.
  EXPECT_EQ(evaluate_dns_ttl_restored({host,
                                       60,
                                       {reply("ns1:53", auth, {cname(host, "x", 3600)}),
                                        reply("ns2:53", auth, {cname(host, "x", 60)})}})
                .outcome,
            Outcome::warn);
  EXPECT_EQ(evaluate_dns_ttl_restored({host, 60, {reply("ns1:53", auth, {})}}).outcome,
            Outcome::error);
  EXPECT_EQ(evaluate_dns_ttl_restored({host, 60, {reply("ns1:53", auth, {}, dns_rcode::nxdomain)}})
                .outcome,
            Outcome::fail);
}

}  // namespace
}  // namespace dns_ttl_restored_test
}  // namespace spaceport
