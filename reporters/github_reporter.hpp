#pragma once

#include <ostream>

#include "reporters/report.hpp"

namespace spaceport {

/// GitHub shows at most this many annotations of each of error and warning per step, and drops
/// the rest without a word.
inline constexpr int k_github_annotations_per_kind = 10;

/// GitHub Actions workflow commands for the results that need a person: `::error` for a fail or
/// an error (and a warning under --strict), `::warning` for a warning; passes, skips and waived
/// results make none. Within GitHub's limits and in order of importance: checks that could not
/// decide, failed decommission guards, other failures, then warnings. Each points at the plan
/// (`file=` the plan's path in the workspace, `line=` the result's plan line), its title is the
/// check and its subject, its message the result's own (the same text the reports carry: no
/// secret ever reaches it), escaped as the runner requires. When problems are left out, one
/// `::notice` says how many and where they are.
void write_github_annotations(const Report& report, std::ostream& out);

}  // namespace spaceport
