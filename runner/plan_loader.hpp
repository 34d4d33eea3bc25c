#pragma once

#include <string>
#include <string_view>

#include "core/plan.hpp"

namespace spaceport {

/// Reads and strictly validates a plan file. Any mistake throws ConfigError with
/// "FILE:LINE:COLUMN: message" and a hint; unknown keys are errors because a typo must not
/// silently disable a check.
Plan load_plan(const std::string& path);

/// The same, for text already read (path is used in messages only).
Plan parse_plan(std::string_view text, const std::string& path);

}  // namespace spaceport
