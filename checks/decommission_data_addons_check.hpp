#pragma once

#include "checks/check.hpp"

namespace spaceport {

/// No data add-on (Postgres, Key-Value Store, Kafka) the source owns would be destroyed, unless
/// the plan accepts losing it, with a reason.
class DecommissionDataAddonsCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"decommission.data-addons", Phase::decommission,
                                    "No data add-on of the source would be lost",
                                    "data add-on owned by source"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

std::vector<Finding> evaluate_data_addons(const Migration& migration,
                                          const std::vector<Addon>& owned);

}  // namespace spaceport
