#pragma once

#include <chrono>
#include <functional>
#include <stop_token>
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
/// `on_done(i, results)`, when given, hears of each task as it is collected (on the runner's
/// thread, one at a time), so results can stream out while others still run.
using TaskDone = std::function<void(std::size_t, const std::vector<Result>&)>;
/// `stop`: once a stop is requested (the first SIGINT or SIGTERM, jobs/interruption.hpp), no
/// task starts, what finished is kept and the rest become `error` ("interrupted"); tasks still
/// running finish on their own threads.
std::vector<std::vector<Result>> run_tasks(std::vector<ScheduledTask> tasks, int concurrency,
                                           std::chrono::milliseconds check_timeout,
                                           std::stop_token stop = {}, const TaskDone& on_done = {});

}  // namespace spaceport
