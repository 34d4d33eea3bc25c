#pragma once

#include "checks/check.hpp"

namespace spaceport {

/// Each domain is a custom domain of the target and gone from the source, its DNS target is
/// provisioned, and a certificate covers it (ACM "cert issued", or an SNI endpoint).
class DomainsMovedCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"domains.moved", Phase::cutover,
                                    "Custom domains and certificates are on the target", "domain"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

struct DomainsMovedFacts {
  std::vector<Domain> source;
  std::vector<Domain> target;
  std::vector<SniEndpoint> target_endpoints;
};

std::vector<Finding> evaluate_domains_moved(const Migration& migration,
                                            const DomainsMovedFacts& facts);

}  // namespace spaceport
