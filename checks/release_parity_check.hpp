#pragma once

#include "checks/check.hpp"

namespace spaceport {

/// The target's current release runs the same code as the source's: the same slug commit, on
/// the same stack, built with the same buildpacks. An unknown commit is a warning.
class ReleaseParityCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"release.parity", Phase::cutover,
                                    "Target runs the same code as the source", "target app"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

std::vector<Finding> evaluate_release_parity(const Migration& migration, const ReleaseFacts& source,
                                             const ReleaseFacts& target);

}  // namespace spaceport
