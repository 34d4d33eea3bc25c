#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/environment.hpp"
#include "jobs/report_files.hpp"
#include "reporters/report.hpp"
#include "runner/options.hpp"

namespace spaceport {

/// Whether the console report is coloured: only on a terminal, never with NO_COLOR or
/// --no-color.
bool colour_wanted(const CommonOptions& common, int fd);

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
void add_reports_to_bundle(const Report& report, class EvidenceBundle& bundle);

/// Says which report files could not be written, on `err`, and the exit code of a run whose
/// verdict is `verdict`: the verdict stands, except that a clean run whose reports are missing
/// is not clean (3).
int finish_with_failures(int verdict, const std::vector<std::string>& failures, std::ostream& err);

}  // namespace spaceport
