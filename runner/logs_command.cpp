#include "runner/logs_command.hpp"

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <stdexcept>

#include "core/error_codes.hpp"
#include "probes/log_reader.hpp"
#include "runner/config_error.hpp"
#include "runner/report_files.hpp"
#include "runner/version.hpp"

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

}  // namespace

int run_logs_scan(const LogsScanCommand& command, std::ostream& out) {
  ensure_writable(command.json, "--json");
  LogScanOptions options;
  options.format = command.format;
  LogStats stats;
  try {
    stats = scan_log_file(command.input, options);
  } catch (const std::runtime_error& e) {
    throw ConfigError(e.what());
  }
  const std::string name = command.input == "-" ? "standard input" : command.input;
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
  } else {
    out << '\n'
        << std::left << std::setw(6) << "CODE" << std::setw(38) << "NAME" << std::setw(10)
        << "COUNT" << std::setw(34) << "FIRST SEEN"
        << "LAST SEEN\n";
    for (const auto& [code, count] : stats.codes) {
      const ErrorCodeInfo* info = find_error_code(code);
      out << std::setw(6) << code << std::setw(38)
          << (info != nullptr ? std::string(info->name) : std::string("(undocumented)"))
          << std::setw(10) << count.count << std::setw(34)
          << (count.first_seen.empty() ? "-" : count.first_seen)
          << (count.last_seen.empty() ? "-" : count.last_seen) << '\n';
    }
  }
  if (command.json) {
    const nlohmann::json document{{"schema", "spaceport.logs-scan/1"},
                                  {"tool", {{"name", "spaceport"}, {"version", k_version}}},
                                  {"input", name},
                                  {"format", format_name(command.format)},
                                  {"summary", stats.to_json()}};
    write_atomically(*command.json, [&](std::ostream& o) { o << document.dump(2) << '\n'; });
  }
  return 0;
}

}  // namespace spaceport
