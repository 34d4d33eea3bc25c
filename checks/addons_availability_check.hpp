#pragma once

#include <map>
#include <optional>

#include "checks/check.hpp"

namespace spaceport {

/// Each add-on of the source can be had in the target space: installable inside it (pass), only
/// outside it over the public Internet (warn), or not at all (fail).
class AddonsAvailabilityCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"addons.availability", Phase::preflight,
                                    "Add-ons are available in the target space", "source add-on"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

struct AddonAvailabilityFacts {
  Space space;
  std::vector<Addon> addons;  // the source's add-ons
  // By service; a service the API does not know is absent (its add-ons are errors).
  std::map<std::string, std::vector<AddonPlan>> plans;
  std::map<std::string, std::vector<RegionCapability>> capabilities;
  std::optional<SpaceNat> nat;
};

std::vector<Finding> evaluate_addons_availability(const Migration& migration,
                                                  const AddonAvailabilityFacts& facts);

}  // namespace spaceport
