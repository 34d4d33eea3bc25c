#include "runner/cli.hpp"

#include <iomanip>
#include <iostream>

#include "checks/registry.hpp"
#include "core/config_error.hpp"
#include "core/text.hpp"
#include "core/version.hpp"
#include "jobs/report_files.hpp"
#include "probes/curl_handles.hpp"
#include "probes/dns_client.hpp"
#include "runner/commands/check.hpp"
#include "runner/commands/cutover.hpp"
#include "runner/commands/destroy.hpp"
#include "runner/commands/logs_scan.hpp"
#include "runner/commands/report_merge.hpp"
#include "runner/commands/watch.hpp"
#include "runner/exit_codes.hpp"
#include "runner/options.hpp"

namespace spaceport {
namespace {

nlohmann::json checks_as_json() {
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
  return list;
}

int list_checks(const ListChecksCommand& command, std::ostream& out, std::ostream& err) {
  if (command.json) {
    ensure_writable(command.json, "--json");
    ReportWriter writer(out);
    writer.write("--json", command.json,
                 [](std::ostream& o) { o << checks_as_json().dump(2) << '\n'; });
    for (const auto& failure : writer.failures()) {
      err << "spaceport: error: " << failure << '\n';
    }
    return writer.failures().empty() ? 0 : static_cast<int>(ExitCode::usage);
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
    const AresGlobal ares;
    const Command command = parse_command_line(args);
    if (const auto* check = std::get_if<CheckCommand>(&command)) {
      return run_check(*check, args, out, err);
    }
    if (const auto* destroy = std::get_if<DestroyCommand>(&command)) {
      return run_destroy(*destroy, args, out, err);
    }
    if (const auto* cutover = std::get_if<CutoverCommand>(&command)) {
      return run_cutover(*cutover, args, out, err);
    }
    if (const auto* watch = std::get_if<WatchCommand>(&command)) {
      return run_watch(*watch, args, out, err);
    }
    if (const auto* logs = std::get_if<LogsScanCommand>(&command)) {
      return run_logs_scan(*logs, out, err);
    }
    if (const auto* merge = std::get_if<MergeCommand>(&command)) {
      return run_merge(*merge, args, out, err);
    }
    if (const auto* list = std::get_if<ListChecksCommand>(&command)) {
      return list_checks(*list, out, err);
    }
    if (const auto* help = std::get_if<HelpCommand>(&command)) {
      out << help->text;
      return 0;
    }
    // Abbreviated as git shows a commit; "unknown" outside a checkout stays whole.
    out << "spaceport " << k_version << " (" << k_commit.substr(0, 7) << ")\n";
    return 0;
  } catch (const ConfigError& e) {
    err << "spaceport: error: " << sanitize_text(e.what()) << '\n';
    return static_cast<int>(ExitCode::usage);
  } catch (const std::exception& e) {
    err << "spaceport: error: " << sanitize_text(e.what()) << '\n';
    return static_cast<int>(ExitCode::undecided);
  }
}

}  // namespace spaceport
