#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "runner/options.hpp"

namespace spaceport {

/// `spaceport destroy`: the one command that deletes. It refuses unless --confirm matches the
/// app byte for byte, the app is a migration's source (and nobody's target) in the plan, and
/// every decommission check passes now; then it re-reads the app, deletes it by id, confirms it
/// is gone and writes what happened to the evidence record at each step.
int run_destroy(const DestroyCommand& command, const std::vector<std::string>& args,
                std::ostream& out, std::ostream& err);

}  // namespace spaceport
