#include "checks/app_logs.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <vector>

#include "core/text.hpp"
#include "probes/log_reader.hpp"
#include "probes/platform.hpp"

namespace spaceport {

AppLogs read_app_logs(const CheckContext& context, const std::string& app,
                      const std::optional<std::string>& file) {
  AppLogs out;
  if (file) {
    out.stats = context.logs.scan_file(*file, LogScanOptions{});
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
  options.since_us = std::chrono::duration_cast<std::chrono::microseconds>(
                         (context.now - std::chrono::minutes(minutes)).time_since_epoch())
                         .count();
  out.stats = scan_log_text(*text, options);
  out.origin = "the last " + std::to_string(minutes) + " minutes of a log session (at most " +
               std::to_string(k_log_session_lines) + " lines)";
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
