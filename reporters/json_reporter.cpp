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
  return {{"migration", r.migration},
          {"phase", to_string(r.phase)},
          {"check", r.check},
          {"subject", r.finding.subject},
          {"outcome", to_string(r.finding.outcome)},
          {"message", r.finding.message},
          {"evidence", r.finding.evidence},
          {"duration_ms", r.duration.count()},
          {"attempts", r.attempts}};
}

/// The report without its results: "results" is an empty array.
nlohmann::json report_frame(const Report& report) {
  const Summary s = report.summary();
  nlohmann::json phases = nlohmann::json::array();
  for (const Phase phase : report.run.phases) {
    phases.push_back(to_string(phase));
  }
  return {
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
      {"summary",
       {{"total", s.total},
        {"pass", s.pass},
        {"fail", s.fail},
        {"warn", s.warn},
        {"skip", s.skip},
        {"error", s.error},
        {"waived", s.waived}}},
      {"results", nlohmann::json::array()},
      {"waivers", waivers_to_json(report.waivers)}};
}

std::string dump(const nlohmann::json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
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
  // The results are written one at a time into the frame's text, byte for byte as dump() would
  // write the whole document: a fleet's report held as one document takes several times the
  // memory of its text. A JSON string holds no raw newline, so this line is only ever the key.
  const std::string frame = dump(report_frame(report));
  static constexpr std::string_view k_results = "\n  \"results\": []";
  const auto at = frame.find(k_results);
  if (report.results.empty() || at == std::string::npos) {
    out << (report.results.empty() ? frame : dump(report_to_json(report))) << '\n';
    return;
  }
  out << std::string_view(frame).substr(0, at) << "\n  \"results\": [";
  const char* separator = "\n    ";
  for (const auto& result : report.results) {
    out << separator;
    separator = ",\n    ";
    const std::string text = dump(result_to_json(result));
    std::string_view rest = text;
    for (auto newline = rest.find('\n'); newline != std::string_view::npos;
         newline = rest.find('\n')) {
      out << rest.substr(0, newline + 1) << "    ";
      rest.remove_prefix(newline + 1);
    }
    out << rest;
  }
  out << "\n  ]" << std::string_view(frame).substr(at + k_results.size()) << '\n';
}

}  // namespace spaceport
