#include "checks/logs_errors_check.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "checks/app_logs.hpp"
#include "core/error_codes.hpp"
#include "core/text.hpp"
#include "probes/platform.hpp"

namespace spaceport {
namespace {

std::set<std::string> codes_of(const std::optional<std::vector<std::string>>& plan,
                               CodeSeverity severity) {
  if (plan) {
    return {plan->begin(), plan->end()};
  }
  std::set<std::string> out;
  for (const auto& info : error_codes()) {
    if (info.severity == severity) {
      out.emplace(info.code);
    }
  }
  return out;
}

std::string describe(const std::string& code, const CodeCount& count) {
  const ErrorCodeInfo* info = find_error_code(code);
  std::string text = code;
  if (info != nullptr && !info->name.empty()) {
    text += " (" + std::string(info->name) + ")";
  }
  text += " ×" + std::to_string(count.count);
  if (!count.first_seen.empty()) {
    text += count.count == 1 ? " at " + count.first_seen
                             : " from " + count.first_seen + " to " + count.last_seen;
  }
  return text;
}

std::string format_ratio(double ratio) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f%%", ratio * 100);
  return buffer;
}

std::string format_ms(double ms) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f ms", ms);
  return buffer;
}

}  // namespace

Finding evaluate_logs_errors(const Migration& migration, const LogsErrorsFacts& facts) {
  const auto& logs = migration.logs;
  const LogStats& stats = facts.stats;
  const std::set<std::string> fail_codes = codes_of(logs.fail_codes, CodeSeverity::fail);
  std::set<std::string> warn_codes = codes_of(logs.warn_codes, CodeSeverity::warn);
  Finding f;
  f.subject = migration.target.app;
  f.evidence = stats.to_json();
  f.evidence["origin"] = facts.origin;
  f.evidence["max_5xx_ratio"] = logs.max_5xx_ratio;
  f.evidence["max_p95_ms"] = logs.max_p95_ms ? nlohmann::json(*logs.max_p95_ms) : nullptr;
  f.evidence["fail_codes"] = fail_codes;
  f.evidence["warn_codes"] = warn_codes;

  std::vector<std::string> failures;
  std::vector<std::string> warnings;
  for (const auto& [code, count] : stats.codes) {
    if (fail_codes.count(code) != 0) {
      failures.push_back(describe(code, count));
    } else if (warn_codes.count(code) != 0) {
      warnings.push_back(describe(code, count));
    }
  }
  if (const auto ratio = stats.server_error_ratio(); ratio && *ratio > logs.max_5xx_ratio) {
    failures.push_back("5xx responses are " + format_ratio(*ratio) + " of " +
                       std::to_string(stats.with_status) + " router responses, above " +
                       format_ratio(logs.max_5xx_ratio));
  }
  const auto p95 = stats.service.quantile(0.95);
  if (logs.max_p95_ms && p95 && *p95 > *logs.max_p95_ms) {
    failures.push_back("router service time p95 is " + format_ms(*p95) + ", above " +
                       std::to_string(*logs.max_p95_ms) + " ms");
  }
  // What a clean log cannot show in a Private Space (docs/sources.md §1, §2, §3).
  std::vector<std::string> caveats;
  if (facts.private_space) {
    std::vector<std::string> silent;
    for (const auto& code : fail_codes) {
      const ErrorCodeInfo* info = find_error_code(code);
      if (info != nullptr && !info->in_private_spaces) {
        silent.push_back(code);
      }
    }
    if (!silent.empty()) {
      caveats.push_back(join(silent, ", ") +
                        " never appear in a Private Space (R14: dynos do not swap; H codes: "
                        "not emitted by space routers), so their absence proves nothing");
    }
    caveats.emplace_back("R15 may be dropped when the platform stops a dyno first");
  }
  if (stats.unparsed > 0) {
    caveats.push_back(std::to_string(stats.unparsed) +
                      " lines were not log lines and were skipped");
  }
  const std::string note = caveats.empty() ? std::string() : " (" + join(caveats, "; ") + ")";
  std::string summary = std::to_string(stats.router_lines) + " requests";
  if (const auto ratio = stats.server_error_ratio()) {
    summary += ", " + format_ratio(*ratio) + " 5xx";
  }
  if (p95) {
    summary += ", p50 " + format_ms(*stats.service.quantile(0.5)) + " / p95 " + format_ms(*p95) +
               " / p99 " + format_ms(*stats.service.quantile(0.99));
  }
  const std::string where = "in " + facts.origin + " of \"" + migration.target.app + "\"";
  if (!failures.empty()) {
    f.outcome = Outcome::fail;
    f.message = where + ": " + join(failures, "; ") +
                (warnings.empty() ? std::string() : "; also " + join(warnings, "; ")) + " [" +
                summary + "]" + note;
  } else if (stats.lines == stats.unparsed) {
    f.outcome = Outcome::warn;
    f.message = "no log lines " + where + ": nothing to judge the app's health by" + note;
  } else if (!warnings.empty()) {
    f.outcome = Outcome::warn;
    f.message = where + ": " + join(warnings, "; ") + " [" + summary + "]" + note;
  } else {
    f.outcome = Outcome::pass;
    f.message = "no failing error codes " + where + " [" + summary + "]" + note;
  }
  return f;
}

std::vector<Finding> LogsErrorsCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  const App target = found_or_error(app_record(context, m.target),
                                    "target app \"" + m.target.app + "\"", "app.target");
  AppLogs logs = read_app_logs(context, m.target, m.logs.target_file, LogsPolicy::file_or_session);
  return {evaluate_logs_errors(
      m, LogsErrorsFacts{std::move(logs.stats), logs.origin, target.space.has_value()})};
}

}  // namespace spaceport
