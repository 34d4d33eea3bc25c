#pragma once

#include "checks/check.hpp"

namespace spaceport {

/// The source's router served no request in the window (its logs, as logs.source-drained).
class DecommissionTrafficCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"decommission.traffic", Phase::decommission,
                                    "The source serves no requests", "source app"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

}  // namespace spaceport
