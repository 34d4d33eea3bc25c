#pragma once

#include <optional>

#include "checks/check.hpp"

namespace spaceport {

/// Finds the target app and confirms it lives in the plan's target space.
class AppTargetCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"app.target", Phase::preflight,
                                    "Target app exists in the target space", "target app"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

/// `space`: the plan's target space as the API knows it (nullopt when it could not be read):
/// the app is in it when their ids agree, however the plan spells the space.
std::vector<Finding> evaluate_app_target(const Migration& migration, const std::optional<App>& app,
                                         const std::optional<Space>& space = std::nullopt);

}  // namespace spaceport
