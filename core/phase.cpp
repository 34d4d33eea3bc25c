#include "core/phase.hpp"

namespace spaceport {

std::string_view to_string(Phase phase) noexcept {
  switch (phase) {
    case Phase::preflight:
      return "preflight";
    case Phase::cutover:
      return "cutover";
    case Phase::postflight:
      return "postflight";
    case Phase::decommission:
      return "decommission";
  }
  return "preflight";
}

std::optional<Phase> phase_from_string(std::string_view text) noexcept {
  for (const Phase phase : k_all_phases) {
    if (to_string(phase) == text) {
      return phase;
    }
  }
  return std::nullopt;
}

}  // namespace spaceport
