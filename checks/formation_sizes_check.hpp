#pragma once

#include <optional>

#include "checks/check.hpp"

namespace spaceport {

/// Each process type of the target uses a dyno size that exists in its space: Private-* in a
/// Private Space, Shield-* (or Private-*, as the API reports Shield apps) in a Shield space,
/// dyno-* in a Fir space.
class FormationSizesCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"formation.sizes", Phase::preflight,
                                    "Target dyno sizes are valid in the space", "process type"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

struct FormationSizesFacts {
  App target;
  Space space;
  std::vector<Formation> formation;  // the target's
};

std::vector<Finding> evaluate_formation_sizes(const Migration& migration,
                                              const FormationSizesFacts& facts);

}  // namespace spaceport
