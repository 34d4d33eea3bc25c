#pragma once

#include <map>

#include "checks/check.hpp"

namespace spaceport {

/// Every add-on the source owns is attached to no other app: destroying the source would delete
/// it under them.
class DecommissionSharedAddonsCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"decommission.shared-addons", Phase::decommission,
                                    "No other app uses an add-on the source owns",
                                    "add-on owned by source"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

/// `attachments`: add-on id -> every attachment of it.
std::vector<Finding> evaluate_shared_addons(
    const Migration& migration, const std::vector<Addon>& owned,
    const std::map<std::string, std::vector<Attachment>>& attachments);

}  // namespace spaceport
