#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "runner/options.hpp"

namespace spaceport {

/// `spaceport check`: every output path is checked before any check runs; the selected checks
/// run on the selected migrations (with retries when asked); the console report is printed and
/// the report files and evidence bundle written, each failure named. `args` is the command line
/// as given, recorded (redacted) in the JSON report.
int run_check(const CheckCommand& command, const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err);

}  // namespace spaceport
