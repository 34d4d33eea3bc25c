#include "checks/logs_source_drained_check.hpp"

#include <algorithm>
#include <vector>

#include "checks/app_logs.hpp"
#include "core/text.hpp"

namespace spaceport {

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

std::vector<Finding> LogsSourceDrainedCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  const AppLogs logs = read_app_logs(context, m.source.app, m.logs.source_file);
  return {evaluate_source_drained(m.source.app, logs.stats, logs.origin)};
}

}  // namespace spaceport
