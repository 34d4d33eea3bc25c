#pragma once

#include <map>

#include "checks/check.hpp"
#include "probes/postgres.hpp"

namespace spaceport {

/// After the data moved: every table exists on both databases with the same rows (exact counts
/// and primary-key checksums up to a size limit, estimates above it). Read-only; skipped when
/// the plan names no database URLs.
class DataParityCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"data.parity", Phase::cutover,
                                    "Source and target databases hold the same data", "table"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

/// One table on one side: nullopt when the table is not there.
struct TableSide {
  TableInfo table;
  TableContents contents;
};

/// Estimates within this fraction of each other count as equal (they are only estimates).
inline constexpr double k_estimate_tolerance = 0.05;

/// Keys are "schema.table".
std::vector<Finding> evaluate_data_parity(const std::map<std::string, TableSide>& source,
                                          const std::map<std::string, TableSide>& target);

}  // namespace spaceport
