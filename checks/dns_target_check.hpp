#pragma once

#include <set>

#include "checks/check.hpp"

namespace spaceport {

/// After the switch: every authoritative server and every resolver sends each domain to the
/// target app's DNS target (a CNAME to the domain's `cname`; for an apex ALIAS/ANAME, only
/// addresses the target's DNS target resolves to). Names each server still pointing elsewhere.
class DnsTargetCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"dns.target", Phase::cutover,
                                    "DNS points every domain at the target app", "domain",
                                    Phase::postflight};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

struct DnsTargetFacts {
  std::string hostname;
  std::optional<std::string> expected;          // the target's DNS target for the hostname
  std::vector<std::string> expected_addresses;  // what `expected` resolves to
  std::set<std::string> source_names;           // the source app's DNS targets and hostnames
  std::vector<std::string> source_addresses;    // what those resolve to
  std::vector<DnsServerAnswer> authoritative;
  std::vector<DnsServerAnswer> resolvers;
};

Finding evaluate_dns_target(const DnsTargetFacts& facts);

}  // namespace spaceport
