#pragma once

#include <optional>

#include "checks/check.hpp"

namespace spaceport {

/// Confirms the target space exists, is allocated, and is Shield exactly when the plan says so.
class SpaceTargetCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"space.target", Phase::preflight,
                                    "Target space is allocated and of the planned kind", "space"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.space; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

std::vector<Finding> evaluate_space_target(const Migration& migration,
                                           const std::optional<Space>& space);

}  // namespace spaceport
