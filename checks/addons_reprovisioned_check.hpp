#pragma once

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

std::vector<Finding> evaluate_addons_reprovisioned(const Migration& migration,
                                                   const std::vector<Addon>& source_addons,
                                                   const std::vector<Addon>& target_addons);

}  // namespace spaceport
