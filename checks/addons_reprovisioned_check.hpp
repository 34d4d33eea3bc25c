#pragma once

#include <map>

#include "checks/check.hpp"

namespace spaceport {

/// Every add-on of the source has a counterpart the target owns: an attachment of the source's
/// add-on does not count, because destroying the source would delete it.
class AddonsReprovisionedCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"addons.reprovisioned", Phase::cutover,
                                    "Target owns its own add-ons", "source add-on"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

/// `inside_space`: for the target's own data add-ons (Postgres, Key-Value Store, Kafka), whether
/// their plan is installable inside a space (plan name -> installable_inside_private_network).
std::vector<Finding> evaluate_addons_reprovisioned(
    const Migration& migration, const std::vector<Addon>& source_addons,
    const std::vector<Addon>& target_addons, const std::map<std::string, bool>& inside_space = {});

}  // namespace spaceport
