#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/cutover_timeline.hpp"
#include "core/rate_use.hpp"

namespace spaceport {

/// What a cutover run was, for its reports (the timeline holds what it saw).
struct CutoverRun {
  std::string tool_version;
  std::string tool_commit;
  std::vector<std::string> command_line;  // redacted
  std::string plan_path;
  std::string plan_sha256;
  std::chrono::system_clock::time_point started_at;
  std::chrono::system_clock::time_point finished_at;
  std::chrono::milliseconds interval{0};      // DNS and health samples
  std::chrono::milliseconds api_interval{0};  // API samples
  std::chrono::milliseconds settle{0};
  std::string stopped;  // settled, time-up, signal
  int exit_code = 0;
  nlohmann::json account = nlohmann::json::object();
  nlohmann::json ci = nullptr;
  long network_samples = 0;
  long api_samples = 0;
  // What a sample costs: the time a network sample took (mean, longest), and the DNS queries
  // and health requests of the last one; the API requests of one API sample.
  std::chrono::milliseconds network_sample_mean{0};
  std::chrono::milliseconds network_sample_max{0};
  long network_queries_per_sample = 0;
  long api_requests_per_sample = 0;
  RateUse api_use;
  std::optional<std::string> svg_link;  // the SVG next to the Markdown, as the Markdown links it
};

/// The JSON report (reporters/cutover.schema.json): the run, every lane, every change of state
/// with its time, and the figures.
nlohmann::json cutover_json(const CutoverRun& run, const CutoverTimeline& timeline);

/// The Markdown for the change ticket: the figures first, then the timeline. Every text from the
/// API, DNS or the plan goes through markdown_cell.
std::string cutover_markdown(const CutoverRun& run, const CutoverTimeline& timeline);

/// A self-contained SVG: one lane per domain and server, app and database, coloured old /
/// maintenance / down / new, time along the bottom, each domain's downtime marked. Text is
/// sanitised and escaped for XML.
std::string cutover_svg(const CutoverRun& run, const CutoverTimeline& timeline);

/// How a lane is named for people: "DNS www.acme.test at 127.0.0.1:53 (resolver)".
std::string lane_title(const Lane& lane);

/// "+1 min 05.0 s", "+12.5 s": a time from the start of the run, for people.
std::string format_offset(std::int64_t ms);

/// "34.0 s ± 2.0 s".
std::string format_measured(const Measured& m);

}  // namespace spaceport
