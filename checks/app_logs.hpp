#pragma once

#include <optional>
#include <string>

#include "checks/check.hpp"
#include "core/log_stats.hpp"

namespace spaceport {

/// Shared by the log checks: an app's log lines in the plan's window, added up.
struct AppLogs {
  LogStats stats;
  std::string origin;  // where the lines came from, for messages
};

/// Logplex keeps the last 1,500 lines; a log session can give no more.
inline constexpr int k_log_session_lines = 1500;

/// The lines of `file` when the plan names one (all of them: the file is the window), else the
/// app's recent lines through a log session, those within `logs.window_minutes`. Throws (an
/// `error` result) when there is no way to read them.
AppLogs read_app_logs(const CheckContext& context, const std::string& app,
                      const std::optional<std::string>& file);

/// Whether a source app's router still served requests (logs.source-drained, and the log part
/// of decommission.traffic): pass when none, else fail naming the busiest hosts.
Finding evaluate_source_drained(const std::string& source_app, const LogStats& stats,
                                const std::string& origin);

}  // namespace spaceport
