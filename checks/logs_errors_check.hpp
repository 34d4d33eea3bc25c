#pragma once

#include "checks/check.hpp"
#include "core/log_stats.hpp"

namespace spaceport {

/// After the move: the target's logs in the window show no failing error codes, a 5xx ratio
/// within `max_5xx_ratio`, and a router service-time p95 within `max_p95_ms` when set.
class LogsErrorsCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"logs.errors", Phase::postflight,
                                    "The target's logs are free of errors", "target app"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

struct LogsErrorsFacts {
  LogStats stats;
  std::string origin;
  bool private_space = false;  // the target runs in a Private Space
};

Finding evaluate_logs_errors(const Migration& migration, const LogsErrorsFacts& facts);

}  // namespace spaceport
