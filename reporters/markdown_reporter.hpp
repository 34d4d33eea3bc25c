#pragma once

#include <ostream>

#include "reporters/report.hpp"

namespace spaceport {

/// A summary and a results table for a pull request, a change ticket or a CI step summary.
void write_markdown_report(const Report& report, std::ostream& out);

}  // namespace spaceport
