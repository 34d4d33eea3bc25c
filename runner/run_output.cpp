#include "runner/run_output.hpp"

#include <unistd.h>

#include <cstdlib>

#include "jobs/evidence.hpp"
#include "reporters/github_reporter.hpp"
#include "reporters/markdown_reporter.hpp"
#include "runner/exit_codes.hpp"
#include "runner/report_formats.hpp"

namespace spaceport {

bool colour_wanted(const CommonOptions& common, int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  return !common.no_color && (no_color == nullptr || *no_color == '\0') && isatty(fd) == 1;
}

std::string host_name() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof buffer - 1) != 0) {
    return "localhost";
  }
  return buffer;
}

void write_reports(const Report& report, const ReportPaths& paths, ReportWriter& writer) {
  for (const auto& format : report_formats()) {
    writer.write(std::string(format.option).c_str(), paths.*format.path,
                 [&](std::ostream& o) { format.write(report, o); });
  }
}

void write_github(const Report& report, ReportWriter& writer, std::ostream& out, std::ostream& err,
                  const Environment& environment) {
  const char* actions = environment("GITHUB_ACTIONS");
  if (actions == nullptr || std::string_view(actions) != "true") {
    err << "spaceport: --github: not running in GitHub Actions (GITHUB_ACTIONS is not \"true\"); "
           "no annotations written\n";
    return;
  }
  write_github_annotations(report, out);
  out.flush();
  if (const char* summary = environment("GITHUB_STEP_SUMMARY");
      summary != nullptr && *summary != '\0') {
    writer.append("--github (GITHUB_STEP_SUMMARY)", summary,
                  [&](std::ostream& o) { write_markdown_report(report, o); });
  }
}

void add_reports_to_bundle(const Report& report, EvidenceBundle& bundle) {
  for (const auto& format : report_formats()) {
    if (!format.bundle_name.empty()) {
      bundle.write(std::string(format.bundle_name),
                   [&](std::ostream& o) { format.write(report, o); });
    }
  }
}

int finish_with_failures(int verdict, const std::vector<std::string>& failures, std::ostream& err) {
  for (const auto& failure : failures) {
    err << "spaceport: error: " << failure << '\n';
  }
  if (failures.empty()) {
    return verdict;
  }
  err << "spaceport: the results above stand; the file(s) named could not be written\n";
  return verdict == static_cast<int>(ExitCode::ok) ? static_cast<int>(ExitCode::undecided)
                                                   : verdict;
}

}  // namespace spaceport
