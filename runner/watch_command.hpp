#pragma once

#include <ostream>
#include <string>

#include "reporters/report.hpp"
#include "runner/options.hpp"

namespace spaceport {

/// `spaceport watch`: the postflight checks every --interval (--count rounds, or until stopped),
/// printing each state change with its time, keeping the latest JSON report and a Prometheus
/// text file for node_exporter's textfile collector. Exits as `check` would for the last round.
int run_watch(const WatchCommand& command, std::ostream& out, std::ostream& err);

/// The Prometheus text exposition of a report: per check and subject, an `ok` gauge (1 when it
/// passed, skipped or was waived) and the current outcome; the run's time and duration.
std::string prometheus_text(const Report& report);

}  // namespace spaceport
