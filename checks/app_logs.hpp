#pragma once

#include <cstdint>
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

/// How a check reads an app's logs.
enum class LogsPolicy {
  /// logs.errors and logs.source-drained: the lines of a file the plan names (all of them: the
  /// file is the window), else those of a log session within `logs.window_minutes`.
  file_or_session,
  /// The decommission guards: a plan may add lines, never hide what the API offers. The log
  /// session is always read when the API offers one, and a file's lines within the window are
  /// added to it; where there is none (a Fir app, or one whose log session the API refuses with
  /// 422, as in a Shield space with Private Space Logging) the file must cover the whole window,
  /// else the check cannot decide.
  guard,
};

/// An app's log lines by `policy`. Throws (an `error` result) when there is no way to read them,
/// or (guard) when what can be read does not cover the window.
AppLogs read_app_logs(const CheckContext& context, const AppRef& app,
                      const std::optional<std::string>& file, LogsPolicy policy);

/// Whether a file's lines, stamped from `oldest_us` to `newest_us` (nullopt: none carried a
/// time), cover a window that starts at `window_start_us` and ends at `window_end_us`: empty
/// when they do, else why not ("the file covers 10:02-10:05, the window is 09:50-10:05").
std::string window_not_covered(std::optional<std::int64_t> oldest_us,
                               std::optional<std::int64_t> newest_us, std::int64_t window_start_us,
                               std::int64_t window_end_us);

/// Whether a source app's router still served requests (logs.source-drained, and the log part
/// of decommission.traffic): pass when none, else fail naming the busiest hosts.
Finding evaluate_source_drained(const std::string& source_app, const LogStats& stats,
                                const std::string& origin);

}  // namespace spaceport
