#include "runner/watch_command.hpp"

#include <map>
#include <thread>

#include "checks/registry.hpp"
#include "core/duration.hpp"
#include "reporters/json_reporter.hpp"
#include "runner/exit_codes.hpp"
#include "runner/plan_loader.hpp"
#include "runner/report_files.hpp"
#include "runner/session.hpp"
#include "runner/version.hpp"
#include "runner/waivers.hpp"

namespace spaceport {
namespace {

/// A label value as the exposition format wants it: \\, \" and \n escaped.
std::string label(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string key_of(const Result& r) {
  return r.migration + " " + r.check + "[" + r.finding.subject + "]";
}

}  // namespace

std::string prometheus_text(const Report& report) {
  std::string out =
      "# HELP spaceport_check_ok 1 when the check passed (or skipped, or was waived) for the "
      "subject, else 0.\n# TYPE spaceport_check_ok gauge\n";
  std::string outcomes =
      "# HELP spaceport_check_outcome The check's current outcome for the subject (always 1).\n"
      "# TYPE spaceport_check_outcome gauge\n";
  for (const auto& r : report.results) {
    const std::string labels = "migration=\"" + label(r.migration) + "\",check=\"" +
                               label(r.check) + "\",subject=\"" + label(r.finding.subject) + "\"";
    const Outcome o = r.finding.outcome;
    const bool ok = o == Outcome::pass || o == Outcome::skip || o == Outcome::waived;
    out += "spaceport_check_ok{" + labels + "} " + (ok ? "1" : "0") + "\n";
    outcomes +=
        "spaceport_check_outcome{" + labels + ",outcome=\"" + std::string(to_string(o)) + "\"} 1\n";
  }
  const auto finished =
      std::chrono::duration_cast<std::chrono::milliseconds>(report.finished_at.time_since_epoch());
  const auto duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(report.finished_at - report.started_at);
  char numbers[128];
  std::snprintf(numbers, sizeof numbers, "%.3f", static_cast<double>(finished.count()) / 1000);
  out += outcomes;
  out +=
      "# HELP spaceport_last_run_timestamp_seconds When the last round finished.\n"
      "# TYPE spaceport_last_run_timestamp_seconds gauge\n"
      "spaceport_last_run_timestamp_seconds " +
      std::string(numbers) + "\n";
  std::snprintf(numbers, sizeof numbers, "%.3f", static_cast<double>(duration.count()) / 1000);
  out +=
      "# HELP spaceport_last_run_duration_seconds How long the last round took.\n"
      "# TYPE spaceport_last_run_duration_seconds gauge\n"
      "spaceport_last_run_duration_seconds " +
      std::string(numbers) + "\n";
  return out;
}

int run_watch(const WatchCommand& command, std::ostream& out, std::ostream& err) {
  ensure_writable(command.json, "--json");
  ensure_writable(command.prometheus, "--prometheus");
  const Plan plan = load_plan(command.plan);
  std::vector<std::pair<const Check*, Phase>> checks;
  for (const auto& check : registered_checks()) {
    const auto& info = check->info();
    if (info.phase == Phase::postflight || info.also == Phase::postflight) {
      checks.emplace_back(check.get(), Phase::postflight);
    }
  }
  Session session(command.common);
  std::map<std::string, Outcome> previous;
  ExitCode code = ExitCode::ok;
  for (int round = 1; command.count == 0 || round <= command.count; ++round) {
    const auto started = std::chrono::steady_clock::now();
    session.forget();  // every round sees the world as it is now
    Report report = session.begin_report(plan);
    report.results = session.run(checks, plan.migrations);
    report.waivers = apply_waivers(report.results, plan, utc_today());
    report.finished_at = std::chrono::system_clock::now();
    const std::string at = format_rfc3339(report.finished_at);
    for (const auto& r : report.results) {
      const auto before = previous.find(key_of(r));
      if (before == previous.end()) {
        out << at << "  " << key_of(r) << "  " << to_string(r.finding.outcome) << '\n';
      } else if (before->second != r.finding.outcome) {
        out << at << "  " << key_of(r) << "  " << to_string(before->second) << " -> "
            << to_string(r.finding.outcome) << ": " << r.finding.message << '\n';
      }
      previous[key_of(r)] = r.finding.outcome;
    }
    const Summary s = report.summary();
    out << at << "  round " << round << ": " << s.pass << " pass, " << s.fail << " fail, " << s.warn
        << " warn, " << s.skip << " skip, " << s.error << " error, " << s.waived << " waived\n"
        << std::flush;
    if (command.json) {
      write_atomically(*command.json, [&](std::ostream& o) { write_json_report(report, o); });
    }
    if (command.prometheus) {
      write_atomically(*command.prometheus, [&](std::ostream& o) { o << prometheus_text(report); });
    }
    code = exit_code_for(s, Strictness::normal);
    if (command.count != 0 && round == command.count) {
      break;
    }
    const auto spent = std::chrono::steady_clock::now() - started;
    if (spent < command.interval) {
      std::this_thread::sleep_for(command.interval - spent);
    }
  }
  if (code == ExitCode::undecided) {
    err << "spaceport: some checks could not decide (error) in the last round\n";
  }
  return static_cast<int>(code);
}

}  // namespace spaceport
