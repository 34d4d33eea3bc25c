#include "checks/decommission_traffic_check.hpp"

#include "checks/app_logs.hpp"
#include "checks/source_addons.hpp"

namespace spaceport {

std::vector<Finding> DecommissionTrafficCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  const AppLogs logs = read_app_logs(context, m.source, m.logs.source_file, LogsPolicy::guard);
  return {evaluate_source_drained(m.source.app, logs.stats, logs.origin)};
}

}  // namespace spaceport
