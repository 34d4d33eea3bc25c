#pragma once

#include <ostream>

#include "reporters/report.hpp"

namespace spaceport {

enum class Colour { on, off };
enum class Verbosity { all, problems_only };

/// The human-readable report: results grouped by migration and phase, then a summary line.
void write_console_report(const Report& report, Colour colour, Verbosity verbosity,
                          std::ostream& out);

}  // namespace spaceport
