#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/log_line.hpp"
#include "core/phase.hpp"
#include "jobs/common_options.hpp"

namespace spaceport {

/// --shard I/N: shard `index` (1-based) of `count`.
struct Shard {
  int index = 1;
  int count = 1;
};

/// Which checks of which migrations a run covers: --only, --skip, --migration and --shard.
struct Selection {
  std::vector<std::string> only;
  std::vector<std::string> skip;
  std::vector<std::string> migrations;  // empty: every migration of the plan
  std::optional<Shard> shard = std::nullopt;
};

/// Where the reports go; "-" is standard output. runner/report_formats.hpp lists the formats.
struct ReportPaths {
  std::optional<std::string> junit = std::nullopt;
  std::optional<std::string> json = std::nullopt;
  std::optional<std::string> markdown = std::nullopt;
  std::optional<std::string> codequality = std::nullopt;  // --gitlab-codequality
  std::optional<std::string> prometheus = std::nullopt;   // watch's --prometheus
  std::optional<std::string> html = std::nullopt;
  bool github = false;  // --github: annotations and the step summary, in GitHub Actions
};

struct CheckCommand {
  CommonOptions common;
  std::string plan;
  std::vector<Phase> phases;
  Selection selection;
  bool strict = false;
  ReportPaths reports;
  std::optional<std::string> evidence;
  std::optional<std::chrono::milliseconds> retry_timeout;  // --retry-timeout
  std::chrono::milliseconds sleep{10'000};                 // --sleep
};

/// spaceport destroy --plan FILE --app NAME --confirm NAME [--dry-run] [--evidence DIR]
struct DestroyCommand {
  CommonOptions common;
  std::string plan;
  std::string app;
  std::string confirm;
  bool dry_run = false;
  std::optional<std::string> evidence;
};

/// spaceport watch --plan FILE [--interval DURATION] [--count N] [--prometheus FILE] [--json FILE]
struct WatchCommand {
  CommonOptions common;
  std::string plan;
  Selection selection;
  bool strict = false;
  std::chrono::milliseconds interval{60'000};
  int count = 0;        // 0: until stopped
  ReportPaths reports;  // --json, --junit, --prometheus
};

/// spaceport cutover --plan FILE [--interval DURATION] [--for DURATION | --until-settled]
struct CutoverCommand {
  CommonOptions common;
  std::string plan;
  std::vector<std::string> migrations;  // empty: every migration of the plan
  std::chrono::milliseconds interval{2'000};
  std::optional<std::chrono::milliseconds> for_duration;  // --for; unset: until settled or stopped
  bool until_settled = false;
  std::chrono::milliseconds settle{60'000};
  std::optional<std::string> json;
  std::optional<std::string> markdown;
  std::optional<std::string> svg;
  std::optional<std::string> evidence;
};

/// spaceport logs scan [FILE|-] [--format auto|heroku|syslog] [--json FILE] [thresholds]
struct LogsScanCommand {
  std::string input = "-";
  LogFormat format = LogFormat::auto_detect;
  std::optional<std::string> json;
  std::optional<double> max_5xx_percent;  // exit 1 above it
  std::vector<std::string> fail_on;       // exit 1 when any of these codes appears
};

/// spaceport report merge --json FILE [--junit FILE] [--markdown FILE] [--evidence DIR] IN.json...
struct MergeCommand {
  std::vector<std::string> inputs;
  ReportPaths reports;
  std::optional<std::string> evidence;
};

/// spaceport list-checks [--json [FILE|-]]
struct ListChecksCommand {
  std::optional<std::string> json;
};

struct VersionCommand {};

/// Help was asked for; text is what to print.
struct HelpCommand {
  std::string text;
};

using Command =
    std::variant<CheckCommand, DestroyCommand, WatchCommand, CutoverCommand, LogsScanCommand,
                 MergeCommand, ListChecksCommand, VersionCommand, HelpCommand>;

/// Parses the command line (README, "Using spaceport against real Heroku"): options are matched
/// whole (no prefixes), unknown ones get a suggestion, stray words are errors. Mistakes throw
/// ConfigError with the usage hint.
Command parse_command_line(const std::vector<std::string>& args);

/// The help of one command ("check", "logs", ...), or the overview for an empty name; nullopt
/// for a name that is not a command.
std::optional<std::string> help_text(const std::string& command);

}  // namespace spaceport
