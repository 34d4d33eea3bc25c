#include "runner/commands/logs_scan.hpp"

#include "core/text.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <stdexcept>

#include "core/config_error.hpp"
#include "core/error_codes.hpp"
#include "core/version.hpp"
#include "jobs/report_files.hpp"
#include "probes/log_reader.hpp"
#include "runner/exit_codes.hpp"

namespace spaceport {
namespace {

std::string milliseconds(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f ms", value);
  return buffer;
}

std::string percent(double ratio) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f%%", ratio * 100);
  return buffer;
}

const char* format_name(LogFormat format) {
  switch (format) {
    case LogFormat::heroku:
      return "heroku";
    case LogFormat::syslog:
      return "syslog";
    case LogFormat::auto_detect:
      break;
  }
  return "auto";
}

/// What crossed the thresholds of the command, one line each; empty when none did.
std::vector<std::string> crossed_thresholds(const LogsScanCommand& command, const LogStats& stats) {
  std::vector<std::string> crossed;
  if (const auto ratio = stats.server_error_ratio();
      ratio && command.max_5xx_percent && *ratio * 100 > *command.max_5xx_percent) {
    char limit[32];
    std::snprintf(limit, sizeof limit, "%g%%", *command.max_5xx_percent);
    crossed.push_back("5xx " + percent(*ratio) + " of router responses is over --max-5xx-percent " +
                      limit);
  }
  for (const auto& code : command.fail_on) {
    if (const auto found = stats.codes.find(code); found != stats.codes.end()) {
      crossed.push_back(code + " appears " + std::to_string(found->second.count) +
                        " time(s) (--fail-on)");
    }
  }
  return crossed;
}

void print_table(const std::string& name, const LogStats& stats, std::ostream& out) {
  out << "spaceport logs scan: " << name << '\n'
      << "  lines " << stats.lines << " (router " << stats.router_lines << ", system "
      << stats.system_lines << ", app " << stats.app_lines << ", unparsed " << stats.unparsed
      << ")\n";
  if (const auto ratio = stats.server_error_ratio()) {
    out << "  5xx " << percent(*ratio) << " (" << stats.server_errors << " of " << stats.with_status
        << " router responses)\n";
  }
  if (stats.service.count() > 0) {
    out << "  service time p50 " << milliseconds(*stats.service.quantile(0.5)) << ", p95 "
        << milliseconds(*stats.service.quantile(0.95)) << ", p99 "
        << milliseconds(*stats.service.quantile(0.99)) << " (histogram, within 1.6%)\n";
  }
  if (stats.codes.empty()) {
    out << "  no Heroku error codes\n";
    return;
  }
  out << '\n'
      << std::left << std::setw(6) << "CODE" << std::setw(38) << "NAME" << std::setw(10) << "COUNT"
      << std::setw(34) << "FIRST SEEN"
      << "LAST SEEN\n";
  for (const auto& [code, count] : stats.codes) {
    const ErrorCodeInfo* info = find_error_code(code);
    // The code and the times are the log's own text: they pass the sanitiser like any.
    out << std::setw(6) << sanitize_text(code, 64) << std::setw(38)
        << (info != nullptr ? std::string(info->name) : std::string("(undocumented)"))
        << std::setw(10) << count.count << std::setw(34)
        << (count.first_seen.empty() ? "-" : sanitize_text(count.first_seen, 64))
        << (count.last_seen.empty() ? "-" : sanitize_text(count.last_seen, 64)) << '\n';
  }
}

}  // namespace

int run_logs_scan(const LogsScanCommand& command, std::ostream& out, std::ostream& err) {
  ensure_writable(command.json, "--json");
  if (command.input == "-" && isatty(STDIN_FILENO) == 1) {
    // Otherwise a user who forgot the file name sees a command that seems to hang.
    err << "spaceport logs scan: reading log lines from standard input (the terminal); end with "
           "Ctrl-D, or name a file: spaceport logs scan FILE\n"
        << std::flush;
  }
  LogScanOptions options;
  options.format = command.format;
  LogStats stats;
  try {
    stats = scan_log_file(command.input, options);
  } catch (const std::runtime_error& e) {
    throw ConfigError(e.what());
  }
  const std::string name = command.input == "-" ? "standard input" : command.input;
  const auto crossed = crossed_thresholds(command, stats);
  // With the JSON on standard output, the table goes to standard error.
  std::ostream& console = command.json == "-" ? err : out;
  print_table(name, stats, console);
  for (const auto& line : crossed) {
    console << "  threshold crossed: " << line << '\n';
  }
  ReportWriter writer(out);
  if (command.json) {
    nlohmann::json thresholds = nlohmann::json::object();
    if (command.max_5xx_percent) {
      thresholds["max_5xx_percent"] = *command.max_5xx_percent;
    }
    if (!command.fail_on.empty()) {
      thresholds["fail_on"] = command.fail_on;
    }
    const nlohmann::json document{{"schema", "spaceport.logs-scan/1"},
                                  {"tool", {{"name", "spaceport"}, {"version", k_version}}},
                                  {"input", name},
                                  {"format", format_name(command.format)},
                                  {"summary", stats.to_json()},
                                  {"thresholds", thresholds},
                                  {"crossed", crossed}};
    writer.write("--json", command.json, [&](std::ostream& o) { o << document.dump(2) << '\n'; });
  }
  const int verdict = crossed.empty() ? 0 : static_cast<int>(ExitCode::failed);
  for (const auto& failure : writer.failures()) {
    err << "spaceport: error: " << failure << '\n';
  }
  return writer.failures().empty() ? verdict : static_cast<int>(ExitCode::usage);
}

}  // namespace spaceport
