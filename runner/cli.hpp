#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace spaceport {

/// The whole program behind main(): parses, runs, reports, and maps every outcome and every
/// error to the exit-code contract. This is the only top-level catch.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace spaceport
