#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "runner/options.hpp"

namespace spaceport {

/// `spaceport cutover`: samples the cutover window (DNS at every authoritative server and
/// resolver, the health URL through each answer, both apps' maintenance mode, the domains on
/// both apps, the target's databases), prints each change of state as it is seen (and, on a
/// terminal, a live view of every lane), and at the end writes the timeline and its figures:
/// the downtime users saw, when each resolver switched, the time in maintenance, the data
/// freeze. Only reads. Exits 0 when everything settled on the new app, 1 when it had not.
int run_cutover(const CutoverCommand& command, const std::vector<std::string>& args,
                std::ostream& out, std::ostream& err);

}  // namespace spaceport
