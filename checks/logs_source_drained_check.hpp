#pragma once

#include "checks/app_logs.hpp"

namespace spaceport {

/// After the move: the source app's router served no requests in the window. Requests still
/// arriving there come from clients (or CDNs) with stale DNS.
class LogsSourceDrainedCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"logs.source-drained", Phase::postflight,
                                    "The source app no longer receives requests", "source app"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

}  // namespace spaceport
