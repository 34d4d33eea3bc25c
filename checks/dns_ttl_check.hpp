#pragma once

#include "checks/check.hpp"

namespace spaceport {

/// Before the cutover: every authoritative server serves each domain with a TTL at most
/// `max_ttl`, and no resolver still caches an older, longer one ("lower the TTL a few days
/// before" is what makes the switch fast).
class DnsTtlCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"dns.ttl", Phase::preflight,
                                    "DNS TTLs are lowered and no longer cached long", "domain"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

struct DnsTtlFacts {
  std::string hostname;
  int max_ttl = 60;
  std::vector<DnsServerAnswer> authoritative;
  std::vector<DnsServerAnswer> resolvers;
};

Finding evaluate_dns_ttl(const DnsTtlFacts& facts);

/// The authoritative servers' answers that differ from the first one, described; empty when
/// every server that answered NOERROR gave the same records (TTLs included).
std::vector<std::string> authoritative_disagreements(const std::vector<DnsServerAnswer>& answers,
                                                     const std::string& hostname);

}  // namespace spaceport
