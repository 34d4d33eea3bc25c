#include "reporters/prometheus_reporter.hpp"

#include <cstdio>

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

std::string seconds(std::chrono::milliseconds duration) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(duration.count()) / 1000);
  return text;
}

constexpr Outcome k_outcomes[] = {Outcome::pass, Outcome::fail,  Outcome::warn,
                                  Outcome::skip, Outcome::error, Outcome::waived};

}  // namespace

std::string prometheus_text(const Report& report) {
  std::string out =
      "# HELP spaceport_build_info The spaceport that wrote this file (always 1).\n"
      "# TYPE spaceport_build_info gauge\n"
      "spaceport_build_info{version=\"" +
      label(report.tool_version) + "\",commit=\"" + label(report.tool_commit) + "\"} 1\n";
  out +=
      "# HELP spaceport_check_ok 1 when the check passed (or skipped, or was waived) for the "
      "subject, else 0.\n# TYPE spaceport_check_ok gauge\n";
  std::string outcomes =
      "# HELP spaceport_check_outcome 1 for the check's current outcome for the subject, 0 for "
      "the others.\n# TYPE spaceport_check_outcome gauge\n";
  for (const auto& r : report.results) {
    const std::string labels = "migration=\"" + label(r.migration) + "\",check=\"" +
                               label(r.check) + "\",subject=\"" + label(r.finding.subject) + "\"";
    const Outcome o = r.finding.outcome;
    const bool ok = o == Outcome::pass || o == Outcome::skip || o == Outcome::waived;
    out += "spaceport_check_ok{" + labels + "} " + (ok ? "1" : "0") + "\n";
    for (const Outcome each : k_outcomes) {
      outcomes += "spaceport_check_outcome{" + labels + ",outcome=\"" +
                  std::string(to_string(each)) + "\"} " + (each == o ? "1" : "0") + "\n";
    }
  }
  out += outcomes;
  out +=
      "# HELP spaceport_last_run_timestamp_seconds When the last round finished.\n"
      "# TYPE spaceport_last_run_timestamp_seconds gauge\n"
      "spaceport_last_run_timestamp_seconds " +
      seconds(std::chrono::duration_cast<std::chrono::milliseconds>(
          report.finished_at.time_since_epoch())) +
      "\n";
  out +=
      "# HELP spaceport_last_run_duration_seconds How long the last round took.\n"
      "# TYPE spaceport_last_run_duration_seconds gauge\n"
      "spaceport_last_run_duration_seconds " +
      seconds(std::chrono::duration_cast<std::chrono::milliseconds>(report.finished_at -
                                                                    report.started_at)) +
      "\n";
  return out;
}

}  // namespace spaceport
