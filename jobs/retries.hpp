#pragma once

#include <chrono>
#include <ostream>
#include <vector>

#include "jobs/session.hpp"

namespace spaceport {

struct RetryOptions {
  std::chrono::milliseconds timeout{0};     // --retry-timeout: how long to keep trying
  std::chrono::milliseconds sleep{10'000};  // --sleep: the pause between attempts
};

/// Re-runs every job with a result that failed or errored, with everything read afresh, until
/// all pass or the time is up; a re-run job's results replace its earlier ones in place, each
/// counting the job's attempts, and a result that had failed records its first failure and how
/// long it took to pass. Progress goes to `progress`.
void retry_until_passing(Session& session, std::vector<JobRun>& runs, const RetryOptions& options,
                         std::ostream& progress);

/// The pause before the next attempt: --sleep, bounded by the time left and, when every result
/// still failing waits on caches (Finding::settles_within), by the longest of those waits plus a
/// second, after which the caches have forgotten the old record.
std::chrono::milliseconds next_pause(const std::vector<const Result*>& failing,
                                     std::chrono::milliseconds sleep,
                                     std::chrono::milliseconds left);

}  // namespace spaceport
