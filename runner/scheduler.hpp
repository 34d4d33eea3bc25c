#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace spaceport {

/// One check to run for one migration. run() may throw: the result is then `error`.
struct ScheduledTask {
  std::string migration;
  Phase phase = Phase::preflight;
  std::string check;
  std::string primary_subject;  // the subject an error is filed under
  std::function<std::vector<Finding>()> run;
};

/// Runs tasks concurrently, at most `concurrency` at a time. A task that throws, or that has not
/// finished within check_timeout, becomes one `error` result and the others still run; a late
/// task's findings are discarded. The results come back grouped by task, in task order.
std::vector<std::vector<Result>> run_tasks(std::vector<ScheduledTask> tasks, int concurrency,
                                           std::chrono::milliseconds check_timeout);

}  // namespace spaceport
