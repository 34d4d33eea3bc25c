#pragma once

#include "checks/check.hpp"

namespace spaceport {

/// Dataclips stay on the database they were made on; there is no public Dataclips API, so the
/// plan's inventory is the source: each must be reassigned to a database the target owns.
class DataclipsReassignedCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"dataclips.reassigned", Phase::cutover,
                                    "Dataclips point at the target's databases", "dataclip"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

struct DataclipsFacts {
  bool shield_target = false;
  bool source_has_postgres = false;
  std::vector<Addon> target_databases;  // the Postgres add-ons the target owns
};

std::vector<Finding> evaluate_dataclips_reassigned(const Migration& migration,
                                                   const DataclipsFacts& facts);

}  // namespace spaceport
