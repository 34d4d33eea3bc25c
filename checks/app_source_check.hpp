#pragma once

#include <optional>

#include "checks/check.hpp"

namespace spaceport {

/// Finds the source app and names the runtime it runs in today.
class AppSourceCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"app.source", Phase::preflight, "Source app exists",
                                    "source app"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

std::vector<Finding> evaluate_app_source(const Migration& migration, const std::optional<App>& app);

}  // namespace spaceport
