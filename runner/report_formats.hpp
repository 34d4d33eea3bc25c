#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "reporters/report.hpp"
#include "runner/options.hpp"

namespace spaceport {

/// One report format. report_formats() is the one list of them, as Catch2 keeps its reporters in
/// one registry: every command that writes reports takes its paths from it, checks them, writes
/// them and bundles them through it. A new format is a line there (and its option in the --help
/// of the commands that offer it).
struct ReportFormat {
  std::string_view option;                        // "--json"
  std::optional<std::string> ReportPaths::*path;  // where a command keeps its FILE
  bool may_go_to_stdout;                          // "-" accepted as the FILE
  std::string_view bundle_name;  // its file in an evidence bundle; empty: not kept there
  void (*write)(const Report& report, std::ostream& out);
};

const std::vector<ReportFormat>& report_formats();

/// What each format's option says ("--json FILE"): unset for an option the command lacks.
/// ConfigError for "-" where a format cannot go to standard output, for two formats there, and
/// for any there with --github (GitHub reads its annotations from standard output).
ReportPaths report_paths_of(
    const std::function<std::optional<std::string>(std::string_view)>& option, bool github);

/// ensure_writable for every format's path, before any work is done.
void ensure_writable(const ReportPaths& paths);

/// Whether standard output is taken by a report or by --github's annotations: the console report
/// then goes to standard error.
bool standard_output_taken(const ReportPaths& paths);

}  // namespace spaceport
