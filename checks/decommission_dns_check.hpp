#pragma once

#include "checks/check.hpp"

namespace spaceport {

/// No domain resolves to one of the source's DNS targets (resolvers asked).
class DecommissionDnsCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"decommission.dns", Phase::decommission,
                                    "No domain resolves to the source", "domain"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

/// `source_names`: the source's DNS targets and herokuapp.com name.
Finding evaluate_decommission_dns(const std::string& hostname,
                                  const std::vector<std::string>& source_names,
                                  const std::vector<DnsServerAnswer>& answers);

}  // namespace spaceport
