#include "runner/cli.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iomanip>
#include <iostream>

#include "checks/registry.hpp"
#include "probes/curl_handles.hpp"
#include "reporters/console_reporter.hpp"
#include "reporters/json_reporter.hpp"
#include "reporters/junit_reporter.hpp"
#include "reporters/markdown_reporter.hpp"
#include "runner/config_error.hpp"
#include "runner/destroy_command.hpp"
#include "runner/evidence.hpp"
#include "runner/exit_codes.hpp"
#include "runner/logs_command.hpp"
#include "runner/options.hpp"
#include "runner/plan_loader.hpp"
#include "runner/report_files.hpp"
#include "runner/retries.hpp"
#include "runner/session.hpp"
#include "runner/version.hpp"
#include "runner/waivers.hpp"
#include "runner/watch_command.hpp"

namespace spaceport {
namespace {

bool colour_wanted(const CommonOptions& common) {
  const char* no_color = std::getenv("NO_COLOR");
  return !common.no_color && (no_color == nullptr || *no_color == '\0') &&
         isatty(STDOUT_FILENO) == 1;
}

std::string host_name() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof buffer - 1) != 0) {
    return "localhost";
  }
  return buffer;
}

/// The bundle of a check run: the three reports, the plan as read, every request made, the
/// account the API identified, the tool, and the manifest.
void write_check_evidence(EvidenceBundle& bundle, const Report& report, const Plan& plan,
                          Session& session) {
  std::ostringstream json;
  write_json_report(report, json);
  bundle.write("report.json", json.str());
  std::ostringstream junit;
  write_junit_report(report, host_name(), junit);
  bundle.write("junit.xml", junit.str());
  std::ostringstream markdown;
  write_markdown_report(report, markdown);
  bundle.write("report.md", markdown.str());
  bundle.write("plan.json", read_whole_file(plan.path));
  bundle.write("requests.jsonl", session.requests().json_lines());
  bundle.write("account.json", session.account().dump(2) + "\n");
  bundle.write(
      "tool.json",
      nlohmann::json{{"name", "spaceport"}, {"version", k_version}, {"api_url", session.api_base}}
              .dump(2) +
          "\n");
  bundle.seal();
}

int run_check(const CheckCommand& command, std::ostream& out, std::ostream& err) {
  ensure_writable(command.junit, "--junit");
  ensure_writable(command.json, "--json");
  ensure_writable(command.markdown, "--markdown");
  const Plan plan = load_plan(command.plan);

  std::vector<std::pair<const Check*, Phase>> selected;
  for (const auto& check : registered_checks()) {
    const auto& info = check->info();
    const std::string id(info.id);
    const auto wanted_phase = [&](Phase phase) {
      return std::find(command.phases.begin(), command.phases.end(), phase) != command.phases.end();
    };
    // A check in two phases runs once, reported under the first phase asked for.
    const bool in_first = wanted_phase(info.phase);
    const bool in_phase = in_first || (info.also && wanted_phase(*info.also));
    const bool wanted = command.only.empty() || std::find(command.only.begin(), command.only.end(),
                                                          id) != command.only.end();
    const bool skipped =
        std::find(command.skip.begin(), command.skip.end(), id) != command.skip.end();
    if (in_phase && wanted && !skipped) {
      selected.emplace_back(check.get(), in_first ? info.phase : info.also.value_or(info.phase));
    }
  }
  if (selected.empty()) {
    throw ConfigError(
        "nothing to check: no check of this build matches the --phase, --only and --skip given "
        "(run 'spaceport list-checks' to see the checks and their phases)");
  }

  Session session(command.common);
  std::optional<EvidenceBundle> bundle;
  if (command.evidence) {
    bundle.emplace(*command.evidence, "check");
  }
  Report report = session.begin_report(plan);
  report.results = session.run(selected, plan.migrations);
  if (command.retry_timeout) {
    retry_until_passing(session, plan.migrations, report.results,
                        RetryOptions{*command.retry_timeout, command.sleep}, err);
  }
  report.waivers = apply_waivers(report.results, plan, utc_today());
  report.finished_at = std::chrono::system_clock::now();

  if (command.json) {
    write_atomically(*command.json, [&](std::ostream& o) { write_json_report(report, o); });
  }
  if (command.junit) {
    const std::string host = host_name();
    write_atomically(*command.junit, [&](std::ostream& o) { write_junit_report(report, host, o); });
  }
  if (command.markdown) {
    write_atomically(*command.markdown, [&](std::ostream& o) { write_markdown_report(report, o); });
  }
  write_console_report(report, colour_wanted(command.common) ? Colour::on : Colour::off,
                       command.common.quiet ? Verbosity::problems_only : Verbosity::all, out);
  if (bundle) {
    write_check_evidence(*bundle, report, plan, session);
    out << "evidence bundle: " << bundle->path().string() << '\n';
  }
  const ExitCode code =
      exit_code_for(report.summary(), command.strict ? Strictness::strict : Strictness::normal);
  if (code == ExitCode::undecided) {
    err << "spaceport: some checks could not decide (error); see their messages above\n";
  }
  return static_cast<int>(code);
}

int list_checks(const ListChecksCommand& command, std::ostream& out) {
  if (command.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& check : registered_checks()) {
      const auto& info = check->info();
      nlohmann::json phases = nlohmann::json::array({to_string(info.phase)});
      if (info.also) {
        phases.push_back(to_string(*info.also));
      }
      list.push_back({{"id", info.id},
                      {"phase", to_string(info.phase)},
                      {"phases", phases},
                      {"title", info.title},
                      {"subject", info.subject}});
    }
    out << list.dump(2) << '\n';
    return 0;
  }
  // Columns as wide as their longest entry, plus two spaces.
  std::size_t id_width = 2;
  std::size_t subject_width = 7;
  for (const auto& check : registered_checks()) {
    id_width = std::max(id_width, check->info().id.size());
    subject_width = std::max(subject_width, check->info().subject.size());
  }
  const int id_column = static_cast<int>(id_width + 2);
  const int subject_column = static_cast<int>(subject_width + 2);
  out << std::left << std::setw(id_column) << "ID" << std::setw(22) << "PHASE"
      << std::setw(subject_column) << "SUBJECT"
      << "TITLE\n";
  for (const auto& check : registered_checks()) {
    const auto& info = check->info();
    std::string phases(to_string(info.phase));
    if (info.also) {
      phases += ",";
      phases += to_string(*info.also);
    }
    out << std::setw(id_column) << info.id << std::setw(22) << phases << std::setw(subject_column)
        << info.subject << info.title << '\n';
  }
  return 0;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    const CurlGlobal curl;
    const Command command = parse_command_line(args);
    if (const auto* check = std::get_if<CheckCommand>(&command)) {
      return run_check(*check, out, err);
    }
    if (const auto* destroy = std::get_if<DestroyCommand>(&command)) {
      return run_destroy(*destroy, out, err);
    }
    if (const auto* watch = std::get_if<WatchCommand>(&command)) {
      return run_watch(*watch, out, err);
    }
    if (const auto* logs = std::get_if<LogsScanCommand>(&command)) {
      return run_logs_scan(*logs, out);
    }
    if (const auto* list = std::get_if<ListChecksCommand>(&command)) {
      return list_checks(*list, out);
    }
    if (const auto* help = std::get_if<HelpCommand>(&command)) {
      out << help->text;
      return 0;
    }
    out << "spaceport " << k_version << '\n';
    return 0;
  } catch (const ConfigError& e) {
    err << "spaceport: error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::usage);
  } catch (const std::exception& e) {
    err << "spaceport: error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::undecided);
  }
}

}  // namespace spaceport
