#pragma once

#include "checks/check.hpp"

namespace spaceport {

/// Each health URL of the plan answers its expected status, asked through the domain at the
/// address spaceport's DNS answer gave.
class HttpHealthCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"http.health", Phase::cutover,
                                    "Health URLs answer through the domain", "URL",
                                    Phase::postflight};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

Finding evaluate_http_health(const Migration::Health& health, const HealthFacts& facts);

}  // namespace spaceport
