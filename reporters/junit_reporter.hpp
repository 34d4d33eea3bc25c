#pragma once

#include <ostream>
#include <string>

#include "reporters/report.hpp"

namespace spaceport {

/// JUnit XML valid against tests/schemas/junit.xsd and jenkins-xunit-junit-10.xsd, in the shape
/// of docs/sources.md §5: a testsuite per migration and phase, a testcase per result named
/// "<check>[<subject>]".
void write_junit_report(const Report& report, const std::string& hostname, std::ostream& out);

/// Seconds with exactly three decimals, whatever the locale ("0.000", never "1e-05").
std::string format_junit_seconds(std::chrono::milliseconds duration);

}  // namespace spaceport
