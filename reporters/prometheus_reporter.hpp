#pragma once

#include <string>

#include "reporters/report.hpp"

namespace spaceport {

/// The Prometheus text exposition of a report, for node_exporter's textfile collector:
/// `spaceport_build_info`; per migration, check and subject an `ok` gauge (1 when it passed,
/// skipped or was waived) and one `outcome` series per possible outcome (1 for the current one,
/// 0 for the others, so that no series vanishes when the outcome changes); the run's time and
/// duration.
std::string prometheus_text(const Report& report);

}  // namespace spaceport
