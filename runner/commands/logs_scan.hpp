#pragma once

#include <ostream>

#include "runner/options.hpp"

namespace spaceport {

/// `spaceport logs scan`: a summary table of every error code in a log, with counts and first and
/// last sightings, the 5xx ratio and service-time quantiles; optionally the same as JSON. Exits 1
/// when a threshold (--max-5xx-percent, --fail-on) is crossed, so that it can gate a pipeline.
int run_logs_scan(const LogsScanCommand& command, std::ostream& out, std::ostream& err);

}  // namespace spaceport
