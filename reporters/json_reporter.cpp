#include "reporters/json_reporter.hpp"

#include "core/outcome.hpp"
#include "core/phase.hpp"

namespace spaceport {

nlohmann::json waivers_to_json(const std::vector<WaiverUse>& uses) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& use : uses) {
    out.push_back({{"migration", use.migration},
                   {"check", use.waiver.check},
                   {"subject", use.waiver.subject},
                   {"reason", use.waiver.reason},
                   {"approved_by", use.waiver.approved_by},
                   {"expires", use.waiver.expires},
                   {"status", use.status},
                   {"matched", use.matched}});
  }
  return out;
}

namespace {

nlohmann::json optional_number(const std::optional<long>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json result_to_json(const Result& r) {
  nlohmann::json out{{"migration", r.migration},
                     {"phase", to_string(r.phase)},
                     {"check", r.check},
                     {"subject", r.finding.subject},
                     {"outcome", to_string(r.finding.outcome)},
                     {"message", r.finding.message},
                     {"evidence", r.finding.evidence},
                     {"duration_ms", r.duration.count()},
                     {"attempts", r.attempts}};
  if (r.plan_line > 0) {
    out["plan_line"] = r.plan_line;
  }
  return out;
}

/// The report without its results: "results" is an empty array.
nlohmann::json report_frame(const Report& report) {
  const Summary s = report.summary();
  nlohmann::json phases = nlohmann::json::array();
  for (const Phase phase : report.run.phases) {
    phases.push_back(to_string(phase));
  }
  nlohmann::json frame{
      {"schema", k_report_schema},
      {"tool",
       {{"name", "spaceport"}, {"version", report.tool_version}, {"commit", report.tool_commit}}},
      {"run",
       {{"command", report.run.command},
        {"command_line", report.run.command_line},
        {"phases", std::move(phases)},
        {"strict", report.run.strict},
        {"exit_code", report.run.exit_code},
        {"account", report.run.account},
        {"ci", report.run.ci},
        {"shard", report.run.shard ? nlohmann::json{{"index", report.run.shard->index},
                                                    {"count", report.run.shard->count}}
                                   : nlohmann::json(nullptr)}}},
      {"started_at", format_rfc3339(report.started_at)},
      {"finished_at", format_rfc3339(report.finished_at)},
      {"plan", {{"path", report.plan_path}, {"sha256", report.plan_sha256}}},
      {"api",
       {{"url", report.api_url},
        {"requests", report.api_use.requests},
        {"rate_limited", report.api_use.rate_limited},
        {"lowest_remaining", optional_number(report.api_use.lowest_remaining)},
        {"reserve", optional_number(report.api_use.reserve)},
        {"budget_wait_ms", report.api_use.waited.count()}}},
      {"summary", to_json(s)},
      {"results", nlohmann::json::array()},
      {"waivers", waivers_to_json(report.waivers)}};
  if (!report.api_lists.is_null()) {
    frame["api"]["lists"] = report.api_lists;
  }
  return frame;
}

/// One value as one line of JSON (invalid UTF-8 from outside replaced, never thrown on).
std::string line(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

nlohmann::json report_to_json(const Report& report) {
  nlohmann::json document = report_frame(report);
  auto& results = document["results"];
  for (const auto& result : report.results) {
    results.push_back(result_to_json(result));
  }
  return document;
}

void write_json_report(const Report& report, std::ostream& out) {
  // Member by member, each value written by the library on a line of its own and each result on
  // its own line as it is serialised: a fleet's report is never held as one document (which takes
  // several times the memory of its text), and no text is spliced or re-indented by hand. The
  // members come in the library's (sorted) order, "results" among them.
  const nlohmann::json frame = report_frame(report);
  out << "{\n";
  const char* separator = "";
  for (const auto& [key, value] : frame.items()) {
    out << separator << "  " << line(nlohmann::json(key)) << ": ";
    separator = ",\n";
    if (key != "results" || report.results.empty()) {
      out << line(value);
      continue;
    }
    const char* item_separator = "[\n    ";
    for (const auto& result : report.results) {
      out << item_separator << line(result_to_json(result));
      item_separator = ",\n    ";
    }
    out << "\n  ]";
  }
  out << "\n}\n";
}

}  // namespace spaceport
