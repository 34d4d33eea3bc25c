#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/plan.hpp"

namespace spaceport {

/// Reads and strictly validates a plan file. Any mistake throws ConfigError with
/// "FILE:LINE:COLUMN: message" and a hint; unknown keys are errors because a typo must not
/// silently disable a check.
Plan load_plan(const std::string& path);

/// Keeps only the migrations `names` asks for (all when empty), in plan order. A name the plan
/// does not have is a ConfigError naming the nearest one.
void keep_migrations(Plan& plan, const std::vector<std::string>& names);

/// The same, for text already read (path is used in messages only).
Plan parse_plan(std::string_view text, const std::string& path);

}  // namespace spaceport
