#pragma once

#include <string>
#include <vector>

#include "core/plan.hpp"
#include "reporters/report.hpp"

namespace spaceport {

/// Turns each failure matched by an unexpired waiver of its migration (same check id, subject
/// matching the waiver's glob pattern) into `waived`, naming the waiver in the message. A waiver
/// that expired before `today` (YYYY-MM-DD) does not apply: the failure stays and its message
/// says so. Returns every waiver with what became of it, for the reports.
std::vector<WaiverUse> apply_waivers(std::vector<Result>& results, const Plan& plan,
                                     const std::string& today);

/// Today's date in UTC, YYYY-MM-DD.
std::string utc_today();

}  // namespace spaceport
