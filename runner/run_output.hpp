#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/environment.hpp"
#include "jobs/report_files.hpp"
#include "reporters/console_reporter.hpp"
#include "reporters/report.hpp"
#include "runner/options.hpp"

namespace spaceport {

class EvidenceBundle;

/// Whether the console report written to `fd` is coloured. --color=always and --color=never
/// (--no-color) decide; under auto, NO_COLOR turns colour off, FORCE_COLOR or CLICOLOR_FORCE
/// (set, not "0") turn it on for CI logs that render ANSI, TERM=dumb turns it off, and otherwise
/// `fd` must be a terminal.
bool colour_wanted(ColorChoice choice, int fd, const Environment& environment);

/// Whether the progress line, which rewrites itself with CR and ESC[K, goes to standard error:
/// only when standard error is a terminal that can do that (not TERM=dumb), and neither --quiet
/// nor --verbose (whose lines would land inside it) was given.
/// Colour is not asked: FORCE_COLOR is for logs, which must not fill with rewritten lines.
bool progress_wanted(const CommonOptions& common, const Environment& environment);

/// What a command that writes reports writes once its run is over.
struct RunOutputs {
  ReportPaths reports;
  ColorChoice colour = ColorChoice::auto_detect;
  Verbosity verbosity = Verbosity::all;
  std::optional<std::string> evidence = std::nullopt;  // the directory the bundle is made in
  std::string evidence_kind = {};                      // "check", "merge": the bundle's name
  // Adds the command's own files to the bundle (after the reports) and seals it.
  std::function<void(EvidenceBundle&)> complete_evidence = {};
};

/// The one output pipeline of check and report merge, so that they cannot drift: the console
/// report (on standard error when standard output carries a report or --github's annotations),
/// every report file, --github's annotations and step summary, then the evidence bundle, made
/// only now so an interrupted or failed run leaves no empty directory. Returns what could not be
/// written.
std::vector<std::string> write_run_outputs(const Report& report, const RunOutputs& outputs,
                                           std::ostream& out, std::ostream& err);

/// The machine's name, for the JUnit report.
std::string host_name();

/// Writes every report a run asked for (runner/report_formats.hpp); failures are kept by
/// `writer`.
void write_reports(const Report& report, const ReportPaths& paths, ReportWriter& writer);

/// With --github: in GitHub Actions (GITHUB_ACTIONS=true) an annotation per problem on `out`
/// and the Markdown report appended to $GITHUB_STEP_SUMMARY; elsewhere a note on `err`.
void write_github(const Report& report, ReportWriter& writer, std::ostream& out, std::ostream& err,
                  const Environment& environment);

/// The reports an evidence bundle holds (runner/report_formats.hpp), under their bundle names.
void add_reports_to_bundle(const Report& report, EvidenceBundle& bundle);

/// Says which report files could not be written, on `err`, and the exit code of a run whose
/// verdict is `verdict`: the verdict stands, except that a clean run whose reports are missing
/// is not clean (3).
int finish_with_failures(int verdict, const std::vector<std::string>& failures, std::ostream& err);

}  // namespace spaceport
