#pragma once

#include "checks/check.hpp"

namespace spaceport {

/// The target runs every process type of the source with at least the source's quantity, and
/// never web=0 in a space (the routing proxy lives on the web dynos there).
class FormationScaledCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"formation.scaled", Phase::cutover,
                                    "Target runs each process type at the source's scale",
                                    "process type"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

struct FormationScaledFacts {
  App target;
  std::vector<Formation> source;
  std::vector<Formation> target_formation;
};

std::vector<Finding> evaluate_formation_scaled(const Migration& migration,
                                               const FormationScaledFacts& facts);

}  // namespace spaceport
