#include "checks/app_logs.hpp"

#include <chrono>
#include <stdexcept>

#include "probes/log_reader.hpp"

namespace spaceport {

AppLogs read_app_logs(const CheckContext& context, const std::string& app,
                      const std::optional<std::string>& file) {
  AppLogs out;
  if (file) {
    out.stats = scan_log_file(*file, LogScanOptions{});
    out.origin = "the lines of " + *file;
    return out;
  }
  const App facts = found_or_error(context.platform.app(app), "app \"" + app + "\"", "app.source");
  if (facts.generation == "fir") {
    throw std::runtime_error(
        "\"" + app +
        "\" is a Fir-generation app: it has no log history to read; capture its logs (a "
        "telemetry drain) and name the file in the plan's \"logs\"");
  }
  const auto text = context.platform.recent_logs(app, k_log_session_lines);
  if (!text) {
    throw std::runtime_error("app \"" + app + "\" was not found (404) when opening a log session");
  }
  const int minutes = context.migration.logs.window_minutes;
  LogScanOptions options;
  options.since_us =
      std::chrono::duration_cast<std::chrono::microseconds>(
          (std::chrono::system_clock::now() - std::chrono::minutes(minutes)).time_since_epoch())
          .count();
  out.stats = scan_log_text(*text, options);
  out.origin = "the last " + std::to_string(minutes) + " minutes of a log session (at most " +
               std::to_string(k_log_session_lines) + " lines)";
  return out;
}

}  // namespace spaceport
