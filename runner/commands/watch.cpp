#include "runner/commands/watch.hpp"

#include <cstdlib>
#include <map>
#include <thread>

#include "checks/registry.hpp"
#include "core/config_error.hpp"
#include "core/duration.hpp"
#include "core/text.hpp"
#include "jobs/interruption.hpp"
#include "jobs/report_files.hpp"
#include "jobs/run_info.hpp"
#include "jobs/session.hpp"
#include "jobs/waivers.hpp"
#include "plan/plan_lines.hpp"
#include "plan/plan_loader.hpp"
#include "runner/exit_codes.hpp"
#include "runner/report_formats.hpp"
#include "runner/run_output.hpp"

namespace spaceport {
namespace {

std::string key_of(const Result& r) {
  return r.migration + " " + r.check + "[" + r.finding.subject + "]";
}

/// What a change line shows: the API's and the plan's text, through the sanitiser.
std::string shown(const std::string& text) {
  return sanitize_text(text, 2000);
}

bool is_problem(Outcome outcome) {
  return outcome == Outcome::fail || outcome == Outcome::warn || outcome == Outcome::error;
}

/// One line per new result or change of outcome; a problem always comes with its message.
void print_changes(const Report& report, std::map<std::string, Outcome>& previous,
                   std::ostream& out) {
  const std::string at = format_rfc3339(report.finished_at);
  for (const auto& r : report.results) {
    const auto before = previous.find(key_of(r));
    const Outcome now = r.finding.outcome;
    if (before == previous.end()) {
      out << at << "  " << shown(key_of(r)) << "  " << to_string(now);
    } else if (before->second != now) {
      out << at << "  " << shown(key_of(r)) << "  " << to_string(before->second) << " -> "
          << to_string(now);
    } else {
      continue;
    }
    if (is_problem(now) || before != previous.end()) {
      out << ": " << shown(r.finding.message);
    }
    out << '\n';
    previous[key_of(r)] = now;
  }
}

// The account's pool refills 4,500 tokens an hour (docs/sources.md §4), shared by every deploy
// tool and person using the account: unless told otherwise, a watch that runs for days takes at
// most a quarter of that.
constexpr long k_default_watch_budget_per_hour = 4500 / 4;
// What one postflight round asks of the Platform API for one migration, each asked once: the two
// apps, their two log sessions and their two domain lists; with the account's lists (a large
// plan, jobs/session.hpp) the apps come from three lists a round instead.
constexpr long k_round_requests_per_migration = 6;
constexpr long k_round_requests_per_migration_with_lists = 4;
constexpr long k_lists_per_round = 3;

/// Refuses an interval at which the rounds would spend more of the account's hourly pool than
/// the watch may, naming the shortest that fits; a watch bounded by --count whose rounds
/// together fit runs at any interval (DESIGN.md).
void ensure_interval_fits(const WatchCommand& command, const std::vector<Migration>& plan) {
  const long per_hour = command.common.request_budget.value_or(k_default_watch_budget_per_hour);
  const long migrations = static_cast<long>(plan.size());
  const bool lists = choose_fleet_lists(plan).use;
  const long per_migration =
      lists ? k_round_requests_per_migration_with_lists : k_round_requests_per_migration;
  const long per_round = per_migration * migrations + (lists ? k_lists_per_round : 0);
  if (command.count > 0 && per_round * command.count <= per_hour) {
    return;
  }
  // Rounded up to a whole second: a suggestion a person types.
  const auto shortest = std::chrono::seconds((per_round * 3'600 + per_hour - 1) / per_hour);
  if (command.interval >= shortest) {
    return;
  }
  std::string bounded;
  if (command.count > 0) {
    bounded = " " + std::to_string(command.count) + " rounds cost about " +
              std::to_string(per_round * command.count) + ", more than that;";
  }
  throw ConfigError(
      "--interval " + format_duration(command.interval) +
      " is too short for this plan: a round costs about " + std::to_string(per_round) +
      " Platform API requests (" + std::to_string(per_migration) + " for each of " +
      std::to_string(migrations) + " migration(s)" + (lists ? ", and the account's 3 lists" : "") +
      "), and watch may spend " + std::to_string(per_hour) +
      " an hour (--request-budget; by default a quarter of the 4,500 " +
      "an hour the account shares with every deploy tool and person);" + bounded + " use " +
      "--interval " + format_duration(shortest) + " or longer, fewer rounds (--count), fewer " +
      "migrations (--migration), or a larger --request-budget");
}

}  // namespace

int run_watch(const WatchCommand& command, const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err) {
  ensure_writable(command.reports);
  Plan plan = load_plan(command.plan);
  keep_migrations(plan, command.selection.migrations);
  const std::vector<Phase> phases{Phase::postflight};
  const auto jobs =
      select_checks(phases, command.selection.only, command.selection.skip, plan.migrations);
  if (jobs.empty()) {
    throw ConfigError(
        "nothing to watch: no postflight check matches the --only and --skip given (run "
        "'spaceport list-checks' to see the checks and their phases)");
  }
  ensure_interval_fits(command, plan.migrations);
  const Strictness strictness = command.strict ? Strictness::strict : Strictness::normal;
  watch_signals();
  Session session(command.common, err);
  const nlohmann::json account = session.account();
  // Once: an app keeps its id for as long as it exists, and the jobs point at these migrations.
  session.resolve_apps(plan.migrations);
  const nlohmann::json ci = detect_ci(process_environment());
  // A report on standard output must stay parseable: the round lines go to standard error then.
  std::ostream& console = standard_output_taken(command.reports) ? err : out;
  std::map<std::string, Outcome> previous;
  int code = static_cast<int>(ExitCode::ok);
  for (int round = 1; command.count == 0 || round <= command.count; ++round) {
    const auto started = std::chrono::steady_clock::now();
    session.forget();  // every round sees the world as it is now
    // watch writes no evidence bundle: the request log would only grow, round after round.
    session.forget_requests();
    Report report = session.begin_report(plan);
    report.run = RunInfo{.command = "watch",
                         .command_line = session.redacted(args),
                         .phases = phases,
                         .strict = command.strict,
                         .account = account,
                         .ci = ci};
    report.results = results_of(session.run(jobs));
    report.waivers = apply_waivers(report.results, plan, utc_today());
    set_plan_lines(report.results, plan);
    report.finished_at = std::chrono::system_clock::now();
    report.api_use = session.api_use();
    report.api_lists = session.api_lists();
    const Summary s = report.summary();
    report.run.exit_code = interrupted() ? static_cast<int>(ExitCode::undecided)
                                         : static_cast<int>(exit_code_for(s, strictness));
    ReportWriter writer(out);
    write_reports(report, command.reports, writer);
    // The round's line comes once its files are written: whoever acts on it reads this round's.
    print_changes(report, previous, console);
    console << format_rfc3339(report.finished_at) << "  round " << round << ": " << s.pass
            << " pass, " << s.fail << " fail, " << s.warn << " warn, " << s.skip << " skip, "
            << s.error << " error, " << s.waived << " waived\n"
            << std::flush;
    code = finish_with_failures(report.run.exit_code, writer.failures(), err);
    if (command.count != 0 && round == command.count) {
      break;
    }
    const auto spent = std::chrono::steady_clock::now() - started;
    if (spent < command.interval && !interrupted()) {
      sleep_unless_interrupted(
          std::chrono::duration_cast<std::chrono::milliseconds>(command.interval - spent));
    }
    if (interrupted()) {
      err << "spaceport: watch stopped after round " << round
          << "; its reports are the last written\n";
      end_interrupted_run(static_cast<int>(ExitCode::undecided), out, err);
    }
  }
  if (code == static_cast<int>(ExitCode::undecided)) {
    err << "spaceport: some checks could not decide (error) in the last round\n";
  }
  return code;
}

}  // namespace spaceport
