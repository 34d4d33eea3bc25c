#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "runner/options.hpp"

namespace spaceport {

/// `spaceport watch`: the postflight checks every --interval (--count rounds, or until stopped),
/// printing each state change with its time (and every problem's message when first seen),
/// keeping the latest JSON and JUnit reports and a Prometheus text file for node_exporter's
/// textfile collector. Exits as `check` would for the last round.
int run_watch(const WatchCommand& command, const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err);

}  // namespace spaceport
