#include "checks/logs_source_drained_check.hpp"

#include <algorithm>
#include <vector>

#include "checks/app_logs.hpp"
#include "core/text.hpp"

namespace spaceport {

std::vector<Finding> LogsSourceDrainedCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  const AppLogs logs =
      read_app_logs(context, m.source, m.logs.source_file, LogsPolicy::file_or_session);
  return {evaluate_source_drained(m.source.app, logs.stats, logs.origin)};
}

}  // namespace spaceport
