#pragma once

#include "checks/check.hpp"

namespace spaceport {

/// No dataclip of the plan's inventory runs against a database the source owns.
class DecommissionDataclipsCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"decommission.dataclips", Phase::decommission,
                                    "No dataclip runs against a database of the source",
                                    "dataclip"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

std::vector<Finding> evaluate_decommission_dataclips(const Migration& migration,
                                                     const std::vector<Addon>& owned);

}  // namespace spaceport
