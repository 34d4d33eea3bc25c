#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace spaceport {

/// The stages of a migration, in the order they happen.
enum class Phase { preflight, cutover, postflight, decommission };

inline constexpr std::array<Phase, 4> k_all_phases{Phase::preflight, Phase::cutover,
                                                   Phase::postflight, Phase::decommission};

std::string_view to_string(Phase phase) noexcept;
std::optional<Phase> phase_from_string(std::string_view text) noexcept;

}  // namespace spaceport
