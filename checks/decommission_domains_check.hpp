#pragma once

#include "checks/check.hpp"

namespace spaceport {

/// The source has no custom domains left.
class DecommissionDomainsCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"decommission.domains", Phase::decommission,
                                    "The source has no custom domains left", "domain"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

std::vector<Finding> evaluate_decommission_domains(const Migration& migration,
                                                   const std::vector<Domain>& source_domains);

}  // namespace spaceport
