#include "runner/report_formats.hpp"

#include "core/config_error.hpp"
#include "core/text.hpp"
#include "jobs/report_files.hpp"
#include "reporters/codequality_reporter.hpp"
#include "reporters/html_reporter.hpp"
#include "reporters/json_reporter.hpp"
#include "reporters/junit_reporter.hpp"
#include "reporters/markdown_reporter.hpp"
#include "reporters/prometheus_reporter.hpp"
#include "runner/run_output.hpp"

namespace spaceport {

const std::vector<ReportFormat>& report_formats() {
  static const std::vector<ReportFormat> formats{
      {"--json", &ReportPaths::json, true, "report.json",
       [](const Report& r, std::ostream& o) { write_json_report(r, o); }},
      {"--junit", &ReportPaths::junit, true, "junit.xml",
       [](const Report& r, std::ostream& o) { write_junit_report(r, host_name(), o); }},
      {"--markdown", &ReportPaths::markdown, true, "report.md",
       [](const Report& r, std::ostream& o) { write_markdown_report(r, o); }},
      // One page a person opens, filters and hands on; no "-": it is a file to keep.
      {"--html", &ReportPaths::html, false, "report.html",
       [](const Report& r, std::ostream& o) { write_html_report(r, o); }},
      {"--gitlab-codequality", &ReportPaths::codequality, true, "",
       [](const Report& r, std::ostream& o) { write_gitlab_codequality(r, o); }},
      // node_exporter's textfile collector reads it from disk, after each round of watch.
      {"--prometheus", &ReportPaths::prometheus, false, "",
       [](const Report& r, std::ostream& o) { o << prometheus_text(r); }},
  };
  return formats;
}

ReportPaths report_paths_of(
    const std::function<std::optional<std::string>(std::string_view)>& option, bool github) {
  ReportPaths paths;
  paths.github = github;
  std::vector<std::string> to_stdout;
  for (const auto& format : report_formats()) {
    auto path = option(format.option.substr(2));
    if (path == "-") {
      if (!format.may_go_to_stdout) {
        throw ConfigError(std::string(format.option) +
                          " needs a file: it cannot be written to standard output");
      }
      if (github) {
        throw ConfigError(std::string(format.option) +
                          " - cannot be used with --github: GitHub reads its annotations from "
                          "standard output; write the report to a file");
      }
      to_stdout.emplace_back(format.option);
    }
    paths.*format.path = std::move(path);
  }
  if (to_stdout.size() > 1) {
    throw ConfigError(join(to_stdout, " and ") +
                      " both write to standard output (-); send all but one to a file");
  }
  return paths;
}

void ensure_writable(const ReportPaths& paths) {
  for (const auto& format : report_formats()) {
    ensure_writable(paths.*format.path, std::string(format.option).c_str());
  }
}

bool standard_output_taken(const ReportPaths& paths) {
  if (paths.github) {
    return true;
  }
  for (const auto& format : report_formats()) {
    if (paths.*format.path == "-") {
      return true;
    }
  }
  return false;
}

}  // namespace spaceport
