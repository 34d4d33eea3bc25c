#pragma once

#include <chrono>
#include <ostream>
#include <vector>

#include "runner/session.hpp"

namespace spaceport {

struct RetryOptions {
  std::chrono::milliseconds timeout{0};     // --retry-timeout: how long to keep trying
  std::chrono::milliseconds sleep{10'000};  // --sleep: the pause between attempts
};

/// Re-runs every check that failed or errored, with everything read afresh, until all pass or
/// the time is up; each result keeps its attempt count, and a result that came to pass records
/// its first failure and how long it took. A pause is never longer than the longest TTL the
/// failing DNS results are waiting out. Progress goes to `progress`.
void retry_until_passing(Session& session, const std::vector<Migration>& migrations,
                         std::vector<Result>& results, const RetryOptions& options,
                         std::ostream& progress);

/// The pause before the next attempt: --sleep, bounded by the time left and, when every result
/// still failing is a DNS check, by the longest TTL in their answers (after which the caches
/// have forgotten the old record).
std::chrono::milliseconds next_pause(const std::vector<const Result*>& failing,
                                     std::chrono::milliseconds sleep,
                                     std::chrono::milliseconds left);

}  // namespace spaceport
