#pragma once

#include <optional>

#include "checks/check.hpp"

namespace spaceport {

/// After the cutover the target serves traffic: it is not in maintenance mode.
class MaintenanceTargetOffCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"maintenance.target-off", Phase::cutover,
                                    "Target is out of maintenance mode", "target app"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

std::vector<Finding> evaluate_maintenance_target_off(const Migration& migration,
                                                     const std::optional<App>& target);

}  // namespace spaceport
