#include "runner/run_output.hpp"

#include <unistd.h>

#include <cstdlib>

#include "jobs/evidence.hpp"
#include "reporters/github_reporter.hpp"
#include "reporters/markdown_reporter.hpp"
#include "runner/exit_codes.hpp"
#include "runner/report_formats.hpp"

namespace spaceport {

namespace {

bool set(const Environment& environment, const char* name) {
  const char* value = environment(name);
  return value != nullptr && *value != '\0';
}

bool dumb_terminal(const Environment& environment) {
  const char* term = environment("TERM");
  return term != nullptr && std::string_view(term) == "dumb";
}

}  // namespace

bool colour_wanted(ColorChoice choice, int fd, const Environment& environment) {
  switch (choice) {
    case ColorChoice::always:
      return true;
    case ColorChoice::never:
      return false;
    case ColorChoice::auto_detect:
      break;
  }
  if (set(environment, "NO_COLOR")) {
    return false;
  }
  for (const char* force : {"FORCE_COLOR", "CLICOLOR_FORCE"}) {
    if (set(environment, force) && std::string_view(environment(force)) != "0") {
      return true;
    }
  }
  return !dumb_terminal(environment) && isatty(fd) == 1;
}

bool progress_wanted(const CommonOptions& common, const Environment& environment) {
  return !common.quiet && !common.verbose && !dumb_terminal(environment) &&
         isatty(STDERR_FILENO) == 1;
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

std::vector<std::string> write_run_outputs(const Report& report, const RunOutputs& outputs,
                                           std::ostream& out, std::ostream& err) {
  // Under --github standard output is the runner's command channel: annotations and nothing
  // else, so no text from outside can be read there as a workflow command.
  const bool stdout_taken = standard_output_taken(outputs.reports);
  std::ostream& console = stdout_taken ? err : out;
  const int console_fd = stdout_taken ? STDERR_FILENO : STDOUT_FILENO;
  write_console_report(
      report,
      colour_wanted(outputs.colour, console_fd, process_environment()) ? Colour::on : Colour::off,
      outputs.verbosity, console);
  ReportWriter writer(out);
  write_reports(report, outputs.reports, writer);
  if (outputs.reports.github) {
    write_github(report, writer, out, err, process_environment());
  }
  std::vector<std::string> failures = writer.failures();
  if (outputs.evidence) {
    try {
      EvidenceBundle bundle(*outputs.evidence, outputs.evidence_kind);
      add_reports_to_bundle(report, bundle);
      if (outputs.complete_evidence) {
        outputs.complete_evidence(bundle);
      } else {
        bundle.seal();
      }
      console << "evidence bundle: " << bundle.path().string() << '\n';
    } catch (const std::exception& e) {
      failures.push_back(std::string("--evidence ") + *outputs.evidence + ": " + e.what());
    }
  }
  return failures;
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
