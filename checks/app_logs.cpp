#include "checks/app_logs.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <stdexcept>
#include <vector>

#include "core/duration.hpp"
#include "core/text.hpp"
#include "probes/heroku_api.hpp"
#include "probes/log_reader.hpp"
#include "probes/platform.hpp"

namespace spaceport {

namespace {

using std::chrono::microseconds;
using std::chrono::system_clock;

std::int64_t micros(system_clock::time_point t) {
  return std::chrono::duration_cast<microseconds>(t.time_since_epoch()).count();
}

std::string when(std::int64_t us) {
  return format_rfc3339(system_clock::time_point(microseconds(us)));
}

/// The lines of the app's log session within the window; nullopt when the API offers no log
/// session for the app (Fir apps have no log history; Private Space Logging sends the lines to
/// the space's drain only, and the API refuses the session).
std::optional<LogStats> session_lines(const CheckContext& context, const AppRef& app,
                                      const App& record, std::int64_t since_us) {
  if (record.generation == "fir") {
    return std::nullopt;
  }
  std::optional<std::string> text;
  try {
    text = context.platform.recent_logs(record.id, record.name, k_log_session_lines);
  } catch (const ApiError& e) {
    if (e.status() == 422) {
      return std::nullopt;
    }
    throw;
  }
  if (!text) {
    throw std::runtime_error("app \"" + app.app +
                             "\" was not found (404) when opening a log session");
  }
  LogScanOptions options;
  options.since_us = since_us;
  return scan_log_text(*text, options);
}

std::string session_origin(int minutes) {
  return "the last " + std::to_string(minutes) + " minutes of a log session (at most " +
         std::to_string(k_log_session_lines) + " lines)";
}

/// The decommission guards' reading: the session when offered, plus the file's lines in the
/// window; a file alone must cover the window.
AppLogs guard_logs(const CheckContext& context, const AppRef& app, const App& record,
                   const std::optional<std::string>& file) {
  const int minutes = context.migration.logs.window_minutes;
  const std::int64_t start_us = micros(context.now - std::chrono::minutes(minutes));
  AppLogs out;
  std::optional<LogStats> session = session_lines(context, app, record, start_us);
  if (!session && !file) {
    throw std::runtime_error(
        "the API offers no log session for \"" + app.app +
        "\" (a Fir app, or Private Space Logging): capture the lines its drain received over the "
        "whole window and name the file in the plan's \"logs\"");
  }
  if (session) {
    out.stats = std::move(*session);
    out.origin = session_origin(minutes);
  }
  if (file) {
    if (!session) {
      // Every line's time, the window left open: how far the file reaches back and forward.
      LogScanOptions all;
      all.since_us = std::numeric_limits<std::int64_t>::min();
      const LogStats reach = context.logs.scan_file(*file, all);
      const std::string gap =
          window_not_covered(reach.first_us, reach.last_us, start_us, micros(context.now));
      if (!gap.empty()) {
        throw std::runtime_error("\"" + app.app + "\" has no log session to read and " + gap +
                                 ": a file that misses part of the window cannot show that "
                                 "nothing reached the app; capture the whole window");
      }
    }
    LogScanOptions window;
    window.since_us = start_us;
    out.stats.merge(context.logs.scan_file(*file, window));
    out.origin += (out.origin.empty() ? "" : " and ") + std::string("the last ") +
                  std::to_string(minutes) + " minutes of " + *file;
  }
  return out;
}

}  // namespace

std::string window_not_covered(std::optional<std::int64_t> oldest_us,
                               std::optional<std::int64_t> newest_us, std::int64_t window_start_us,
                               std::int64_t window_end_us) {
  const std::string window = when(window_start_us) + " to " + when(window_end_us);
  if (!oldest_us || !newest_us) {
    return "the file has no timestamped lines, the window is " + window;
  }
  if (*oldest_us <= window_start_us && *newest_us >= window_start_us) {
    return {};
  }
  return "the file covers " + when(*oldest_us) + " to " + when(*newest_us) + ", the window is " +
         window;
}

AppLogs read_app_logs(const CheckContext& context, const AppRef& app,
                      const std::optional<std::string>& file, LogsPolicy policy) {
  if (file && policy == LogsPolicy::file_or_session) {
    AppLogs out;
    out.stats = context.logs.scan_file(*file, LogScanOptions{});
    out.origin = "the lines of " + *file;
    return out;
  }
  const App record =
      found_or_error(app_record(context, app), "app \"" + app.app + "\"", "app.source");
  if (policy == LogsPolicy::guard) {
    return guard_logs(context, app, record, file);
  }
  if (record.generation == "fir") {
    throw std::runtime_error(
        "\"" + app.app +
        "\" is a Fir-generation app: it has no log history to read; capture its logs (a "
        "telemetry drain) and name the file in the plan's \"logs\"");
  }
  const int minutes = context.migration.logs.window_minutes;
  const auto text = context.platform.recent_logs(record.id, record.name, k_log_session_lines);
  if (!text) {
    throw std::runtime_error("app \"" + app.app +
                             "\" was not found (404) when opening a log session");
  }
  LogScanOptions options;
  options.since_us = micros(context.now - std::chrono::minutes(minutes));
  AppLogs out;
  out.stats = scan_log_text(*text, options);
  out.origin = session_origin(minutes);
  return out;
}

Finding evaluate_source_drained(const std::string& source_app, const LogStats& stats,
                                const std::string& origin) {
  Finding f;
  f.subject = source_app;
  f.evidence = stats.to_json();
  f.evidence["origin"] = origin;
  if (stats.router_lines == 0) {
    f.outcome = Outcome::pass;
    f.message = "no requests reached \"" + source_app + "\" in " + origin;
    return f;
  }
  std::vector<std::pair<std::string, std::uint64_t>> hosts;
  for (const auto& [host, count] : stats.hosts()) {
    hosts.emplace_back(host, count.requests);
  }
  std::sort(hosts.begin(), hosts.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> named;
  for (std::size_t i = 0; i < hosts.size() && i < 5; ++i) {
    named.push_back(hosts[i].first + " (" + std::to_string(hosts[i].second) + ")");
  }
  f.outcome = Outcome::fail;
  f.message = "\"" + source_app + "\" still served " + std::to_string(stats.router_lines) +
              " requests in " + origin + ", for " + join(named, ", ") +
              ": clients or a CDN still resolve the old DNS target";
  if (const auto h31 = stats.codes.find("H31"); h31 != stats.codes.end()) {
    f.message += " (" + std::to_string(h31->second.count) + " H31 Misdirected Request)";
  }
  f.message += "; check dns.target and wait out the old TTL before destroying the source";
  return f;
}

}  // namespace spaceport
