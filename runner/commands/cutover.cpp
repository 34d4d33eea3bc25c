#include "runner/commands/cutover.hpp"

#include <unistd.h>

#include <filesystem>

#include "core/config_error.hpp"
#include "core/duration.hpp"
#include "core/environment.hpp"
#include "core/text.hpp"
#include "core/version.hpp"
#include "jobs/cutover_sampler.hpp"
#include "jobs/evidence.hpp"
#include "jobs/interruption.hpp"
#include "jobs/report_files.hpp"
#include "jobs/run_info.hpp"
#include "jobs/session.hpp"
#include "plan/plan_loader.hpp"
#include "reporters/cutover_report.hpp"
#include "runner/exit_codes.hpp"
#include "runner/run_output.hpp"

namespace spaceport {
namespace {

// A cutover window is short and watched: unless told otherwise it may take half of the 4,500
// requests an hour the account shares with every deploy tool and person (watch, which runs for
// days, takes a quarter).
constexpr long k_default_cutover_budget_per_hour = 4500 / 2;

/// The shortest interval between API samples that keeps `per_sample` requests within
/// `per_hour`, rounded up to a tenth of a second, and never shorter than the DNS interval.
std::chrono::milliseconds api_interval_for(long per_sample, long per_hour,
                                           std::chrono::milliseconds interval) {
  const long ms = (per_sample * 3'600'000 + per_hour - 1) / per_hour;
  const auto rounded = std::chrono::milliseconds((ms + 99) / 100 * 100);
  return std::max(rounded, interval);
}

/// What a person at a terminal sees: the lanes' current states, rewritten in place after each
/// sample, with the changes scrolling above them. Off in CI logs (not a terminal).
class LiveView {
 public:
  LiveView(std::ostream& changes, std::ostream& terminal, bool enabled)
      : m_changes(changes), m_terminal(terminal), m_enabled(enabled) {}

  void show(const std::vector<std::string>& change_lines, const std::vector<std::string>& block) {
    clear();
    for (const auto& line : change_lines) {
      m_changes << line << '\n';
    }
    m_changes << std::flush;
    if (!m_enabled) {
      return;
    }
    for (const auto& line : block) {
      m_terminal << line << "\x1b[K\n";
    }
    m_terminal << std::flush;
    m_lines = block.size();
  }

  void clear() {
    if (m_enabled && m_lines > 0) {
      m_terminal << "\x1b[" << m_lines << "A\x1b[J" << std::flush;
      m_lines = 0;
    }
  }

 private:
  std::ostream& m_changes;
  std::ostream& m_terminal;
  bool m_enabled;
  std::size_t m_lines = 0;
};

std::vector<std::string> live_block(const CutoverTimeline& timeline, std::int64_t now_ms) {
  constexpr std::size_t k_most = 40;
  std::vector<std::string> block;
  block.push_back("-- " + format_offset(now_ms) + ", " + std::to_string(timeline.samples()) +
                  " samples --");
  for (const auto& lane : timeline.lanes()) {
    if (block.size() > k_most) {
      block.push_back("   ... and " + std::to_string(timeline.lanes().size() - k_most) +
                      " more lanes (see the reports)");
      break;
    }
    const std::string state = to_string(timeline.current(lane.id).value_or(LaneState::none));
    block.push_back("  " + state + std::string(12 - std::min<std::size_t>(state.size(), 11), ' ') +
                    sanitize_text(lane_title(lane), 200));
  }
  return block;
}

/// The change lines of a sample, from the timeline's changes not yet printed.
std::vector<std::string> change_lines(const CutoverTimeline& timeline, std::size_t& printed,
                                      std::chrono::system_clock::time_point started) {
  std::map<std::string, const Lane*> lanes;
  for (const auto& lane : timeline.lanes()) {
    lanes[lane.id] = &lane;
  }
  std::vector<std::string> out;
  const auto& changes = timeline.changes();
  for (; printed < changes.size(); ++printed) {
    const LaneChange& c = changes[printed];
    const std::string at = format_rfc3339(started + std::chrono::milliseconds(c.at_ms));
    out.push_back(at + "  " + format_offset(c.at_ms) + "  " +
                  sanitize_text(lane_title(*lanes.at(c.lane)), 300) + ": " +
                  (c.from ? to_string(*c.from) + " -> " : std::string()) + to_string(c.to) + " (" +
                  sanitize_text(c.detail, 300) + ")");
  }
  return out;
}

void ensure_outputs(const CutoverCommand& command) {
  ensure_writable(command.json, "--json");
  ensure_writable(command.markdown, "--markdown");
  ensure_writable(command.svg, "--svg");
  ensure_evidence_parent(command.evidence);
}

/// Where the Markdown report finds the SVG: relative to the Markdown's directory.
std::optional<std::string> svg_link(const CutoverCommand& command) {
  if (!command.svg) {
    return std::nullopt;
  }
  if (!command.markdown || *command.markdown == "-") {
    return *command.svg;
  }
  const auto base = std::filesystem::absolute(*command.markdown).parent_path();
  return std::filesystem::absolute(*command.svg).lexically_relative(base).string();
}

/// Samples until the run is over (settled, time up, or a signal), filling the timeline and the
/// run's counts; says each change on the console as it is seen.
void sample_until_done(const CutoverCommand& command, CutoverSampler& sampler,
                       CutoverTimeline& timeline, CutoverRun& run, LiveView& view) {
  std::size_t printed = 0;
  run.started_at = std::chrono::system_clock::now();
  const auto start = std::chrono::steady_clock::now();
  auto next_api = start;
  run.stopped = "time-up";
  std::chrono::milliseconds network_total{0};
  while (true) {
    const auto tick = std::chrono::steady_clock::now();
    const auto at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(tick - start).count();
    std::vector<Observation> observations;
    if (tick >= next_api) {
      // The apps first: the health lanes read the maintenance mode they report.
      observations = sampler.sample_api();
      ++run.api_samples;
      next_api = tick + run.api_interval;
    }
    const auto network_started = std::chrono::steady_clock::now();
    auto network = sampler.sample_network();
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - network_started);
    network_total += took;
    run.network_sample_max = std::max(run.network_sample_max, took);
    ++run.network_samples;
    std::move(network.begin(), network.end(), std::back_inserter(observations));
    timeline.add(at_ms, observations);
    view.show(change_lines(timeline, printed, run.started_at), live_block(timeline, at_ms));
    const auto settled = timeline.settled_since();
    if (command.until_settled && settled &&
        at_ms - *settled >= static_cast<std::int64_t>(command.settle.count())) {
      run.stopped = "settled";
      break;
    }
    const auto spent = std::chrono::steady_clock::now() - tick;
    if (!interrupted() && spent < command.interval &&
        !(command.for_duration &&
          std::chrono::steady_clock::now() - start >= *command.for_duration)) {
      sleep_unless_interrupted(
          std::chrono::duration_cast<std::chrono::milliseconds>(command.interval - spent));
    }
    if (interrupted()) {
      run.stopped = "signal";
      break;
    }
    if (command.for_duration && std::chrono::steady_clock::now() - start >= *command.for_duration) {
      break;
    }
  }
  view.clear();
  run.finished_at = std::chrono::system_clock::now();
  run.network_sample_mean = network_total / std::max(run.network_samples, 1L);
  run.network_queries_per_sample = sampler.last_network_queries();
}

/// The figures on the console, then the report files and the evidence; the exit code.
int write_cutover_outputs(const CutoverCommand& command, const CutoverRun& run,
                          const CutoverTimeline& timeline, const Plan& plan, Session& session,
                          std::ostream& console, std::ostream& out, std::ostream& err) {
  for (const auto& d : timeline.figures().downtime) {
    console << "downtime of " << sanitize_text(d.hostname, 300) << ": "
            << (d.downtime ? format_measured(*d.downtime)
                           : sanitize_text(d.ongoing ? "ongoing" : d.note, 300))
            << '\n';
  }
  console << "spaceport cutover: " << run.network_samples << " samples, "
          << timeline.changes().size() << " changes; "
          << (run.exit_code == 0 ? "everything is on the new app"
                                 : "not everything is on the new app")
          << '\n'
          << std::flush;
  const std::string json_text = cutover_json(run, timeline).dump(2) + "\n";
  const std::string svg = cutover_svg(run, timeline);
  ReportWriter writer(out);
  writer.write("--json", command.json, [&](std::ostream& o) { o << json_text; });
  writer.write("--markdown", command.markdown,
               [&](std::ostream& o) { o << cutover_markdown(run, timeline); });
  writer.write("--svg", command.svg, [&](std::ostream& o) { o << svg; });
  if (command.evidence) {
    EvidenceBundle bundle(*command.evidence, "cutover");
    bundle.write("cutover.json", json_text);
    CutoverRun in_bundle = run;
    in_bundle.svg_link = "cutover.svg";
    bundle.write("cutover.md", cutover_markdown(in_bundle, timeline));
    bundle.write("cutover.svg", svg);
    session.complete_evidence(bundle, plan);
    console << "spaceport: evidence in " << bundle.path().string() << '\n';
  }
  return finish_with_failures(run.exit_code, writer.failures(), err);
}

}  // namespace

int run_cutover(const CutoverCommand& command, const std::vector<std::string>& args,
                std::ostream& out, std::ostream& err) {
  ensure_outputs(command);
  Plan plan = load_plan(command.plan);
  keep_migrations(plan, command.migrations);
  watch_signals();
  Session session(command.common, err);
  CutoverRun run;
  run.account = session.account();
  session.resolve_apps(plan.migrations);
  CutoverSampler sampler(session, plan.migrations, command.common.concurrency);
  sampler.discover();
  const long per_hour = command.common.request_budget.value_or(k_default_cutover_budget_per_hour);
  run.api_requests_per_sample = sampler.api_requests_per_sample();
  run.tool_version = std::string(k_version);
  run.tool_commit = std::string(k_commit);
  run.command_line = session.redacted(args);
  run.plan_path = plan.path;
  run.plan_sha256 = plan.sha256;
  run.interval = command.interval;
  run.api_interval = api_interval_for(run.api_requests_per_sample, per_hour, command.interval);
  run.settle = command.settle;
  run.ci = detect_ci(process_environment());
  const bool stdout_taken = command.json == std::optional<std::string>("-") ||
                            command.markdown == std::optional<std::string>("-");
  std::ostream& console = stdout_taken ? err : out;
  console << "spaceport cutover: DNS and the health URLs every " << format_duration(run.interval)
          << "; the apps, their domains and the target's databases every "
          << format_duration(run.api_interval) << " (" << run.api_requests_per_sample
          << " API requests a sample, within " << per_hour
          << " an hour: --request-budget); only GET requests and DNS queries\n"
          << std::flush;
  LiveView view(console, err,
                !stdout_taken && progress_wanted(command.common, process_environment()));
  CutoverTimeline timeline;
  sample_until_done(command, sampler, timeline, run, view);
  run.api_use = session.api_use();
  run.exit_code = static_cast<int>(timeline.settled_since() ? ExitCode::ok : ExitCode::failed);
  run.svg_link = svg_link(command);
  const int code = write_cutover_outputs(command, run, timeline, plan, session, console, out, err);
  if (run.stopped == "signal") {
    end_interrupted_run(code, out, err);
  }
  return code;
}

}  // namespace spaceport
