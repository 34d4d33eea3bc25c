#pragma once

#include "checks/check.hpp"
#include "checks/postgres_addons.hpp"

namespace spaceport {

/// Before the window: each Postgres database the source owns has a follower on the target side
/// (the follower changeover), on the same major version and caught up to within 200 commits.
class DataFollowerCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"data.follower", Phase::preflight,
                                    "Each source database has a caught-up follower on the target",
                                    "source database"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

/// "Once a follower is caught up, it will generally be within 200 commits."
inline constexpr long k_max_follower_lag = 200;

Finding evaluate_data_follower(const Migration& migration, const PostgresAddon& source,
                               const std::vector<PostgresAddon>& target_databases);

/// "16.4" -> "16"; "9.6.24" -> "9.6" (before 10, the major version had two parts).
std::string postgres_major(const std::string& version);

}  // namespace spaceport
