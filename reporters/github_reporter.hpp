#pragma once

#include <ostream>

#include "reporters/report.hpp"

namespace spaceport {

/// GitHub Actions workflow commands, one per result that needs a person: `::error` for a fail or
/// an error (and a warning under --strict), `::warning` for a warning; passes, skips and waived
/// results make none. The title is the check and its subject, the message the result's own (the
/// same text the reports carry: no secret ever reaches it), escaped as the runner requires.
void write_github_annotations(const Report& report, std::ostream& out);

}  // namespace spaceport
