#include "runner/commands/check.hpp"

#include <unistd.h>

#include <cstdlib>

#include "checks/registry.hpp"
#include "core/config_error.hpp"
#include "jobs/evidence.hpp"
#include "jobs/interruption.hpp"
#include "jobs/report_files.hpp"
#include "jobs/retries.hpp"
#include "jobs/run_info.hpp"
#include "jobs/session.hpp"
#include "jobs/waivers.hpp"
#include "plan/plan_lines.hpp"
#include "plan/plan_loader.hpp"
#include "reporters/console_reporter.hpp"
#include "runner/exit_codes.hpp"
#include "runner/progress.hpp"
#include "runner/report_formats.hpp"
#include "runner/run_output.hpp"

namespace spaceport {
namespace {

/// Every path the run will write, checked before anything is asked of the API.
void ensure_outputs(const CheckCommand& command) {
  ensure_writable(command.reports);
  ensure_evidence_parent(command.evidence);
}

/// The plan with the migrations this run checks (--migration, --shard); ConfigError when no
/// check matches the selection.
Plan plan_to_check(const CheckCommand& command) {
  Plan plan = load_plan(command.plan);
  keep_migrations(plan, command.selection.migrations);
  if (select_checks(command.phases, command.selection.only, command.selection.skip,
                    {plan.migrations.front()})
          .empty()) {
    throw ConfigError(
        "nothing to check: no check of this build matches the --phase, --only and --skip given "
        "(run 'spaceport list-checks' to see the checks and their phases)");
  }
  if (const auto& shard = command.selection.shard) {
    // A shard may hold no migration (more shards than migrations): its report is empty, and
    // `report merge` still needs it to tell that every shard ran.
    keep_shard(plan, shard->index, shard->count);
  }
  return plan;
}

/// The console report, the report files, the CI outputs and the evidence; the exit code.
int write_outputs(const CheckCommand& command, const Report& report, ExitCode verdict,
                  const Plan& plan, Session& session, std::ostream& out, std::ostream& err) {
  const std::vector<std::string> failures = write_run_outputs(
      report,
      RunOutputs{.reports = command.reports,
                 .colour = command.common.color,
                 .verbosity = command.common.quiet ? Verbosity::problems_only : Verbosity::all,
                 .evidence = command.evidence,
                 .evidence_kind = "check",
                 .complete_evidence =
                     [&](EvidenceBundle& bundle) { session.complete_evidence(bundle, plan); }},
      out, err);
  if (interrupted()) {
    err << "spaceport: interrupted (" << interrupting_signal()
        << "); the reports hold what finished, the rest is error\n";
    end_interrupted_run(finish_with_failures(static_cast<int>(verdict), failures, err), out, err);
  }
  if (verdict == ExitCode::undecided) {
    err << "spaceport: some checks could not decide (error); see their messages above\n";
  }
  return finish_with_failures(static_cast<int>(verdict), failures, err);
}

}  // namespace

int run_check(const CheckCommand& command, const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err) {
  ensure_outputs(command);
  Plan plan = plan_to_check(command);
  const auto& shard = command.selection.shard;

  watch_signals();
  Session session(command.common, err);
  // The account first: the reports name it, and a run interrupted later must not wait behind a
  // request still in flight to learn it.
  session.account();
  session.resolve_apps(plan.migrations);
  const auto jobs = select_checks(command.phases, command.selection.only, command.selection.skip,
                                  plan.migrations);
  Report report = session.begin_report(plan);
  report.run.command = "check";
  report.run.command_line = session.redacted(args);
  report.run.phases = command.phases;
  report.run.strict = command.strict;
  report.run.ci = detect_ci(process_environment());
  if (shard) {
    report.run.shard = ShardInfo{shard->index, shard->count};
  }
  // On a terminal, each migration's line as it finishes; in CI, the report alone.
  MigrationProgress progress(jobs, err, progress_wanted(command.common, process_environment()));
  auto runs = session.run(jobs, [&](std::size_t index, const std::vector<Result>& results) {
    progress.job_done(index, results);
  });
  progress.finish();
  if (command.retry_timeout && command.retry_timeout->count() > 0) {
    retry_until_passing(session, runs, RetryOptions{*command.retry_timeout, command.sleep}, err);
  }
  report.results = results_of(std::move(runs));
  report.waivers = apply_waivers(report.results, plan, utc_today());
  set_plan_lines(report.results, plan);
  report.finished_at = std::chrono::system_clock::now();
  // Interrupted: what finished stands, the rest is `error`; the run could not decide.
  const ExitCode verdict =
      interrupted() ? ExitCode::undecided
                    : exit_code_for(report.summary(),
                                    command.strict ? Strictness::strict : Strictness::normal);
  report.run.exit_code = static_cast<int>(verdict);
  report.run.account = session.account();
  report.api_use = session.api_use();
  report.api_lists = session.api_lists();
  // The answers are not needed past here; a fleet's would stay in memory while the reports are
  // written.
  session.forget();

  return write_outputs(command, report, verdict, plan, session, out, err);
}

}  // namespace spaceport
