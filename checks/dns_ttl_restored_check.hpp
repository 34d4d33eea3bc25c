#pragma once

#include "checks/check.hpp"

namespace spaceport {

/// After the move: advisory. A TTL left at the lowered value makes every visitor's resolver ask
/// again each minute; warn until a longer TTL is back.
class DnsTtlRestoredCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"dns.ttl-restored", Phase::postflight,
                                    "DNS TTLs are raised again after the move", "domain"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

struct DnsTtlRestoredFacts {
  std::string hostname;
  int max_ttl = 60;
  std::vector<DnsServerAnswer> authoritative;
};

Finding evaluate_dns_ttl_restored(const DnsTtlRestoredFacts& facts);

}  // namespace spaceport
