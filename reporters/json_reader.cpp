#include "reporters/json_reader.hpp"

#include <stdexcept>

#include "core/duration.hpp"
#include "reporters/json_reporter.hpp"

namespace spaceport {
namespace {

using nlohmann::json;

const json& field(const json& object, const char* name, const std::string& where) {
  if (!object.is_object() || !object.contains(name)) {
    throw std::runtime_error(where + " has no \"" + name + "\"");
  }
  return object[name];
}

std::string text(const json& object, const char* name, const std::string& where) {
  const json& value = field(object, name, where);
  if (!value.is_string()) {
    throw std::runtime_error("\"" + std::string(name) + "\" of " + where + " is not a string");
  }
  return value.get<std::string>();
}

long number(const json& object, const char* name, const std::string& where) {
  const json& value = field(object, name, where);
  if (!value.is_number_integer()) {
    throw std::runtime_error("\"" + std::string(name) + "\" of " + where +
                             " is not a whole number");
  }
  return value.get<long>();
}

std::optional<long> optional_number(const json& object, const char* name,
                                    const std::string& where) {
  const json& value = field(object, name, where);
  return value.is_null() ? std::nullopt : std::optional<long>(number(object, name, where));
}

std::chrono::system_clock::time_point time(const json& object, const char* name) {
  const auto parsed = parse_rfc3339(text(object, name, "the report"));
  if (!parsed) {
    throw std::runtime_error("\"" + std::string(name) + "\" of the report is not a timestamp");
  }
  return *parsed;
}

Result result_from_json(const json& item, std::size_t index) {
  const std::string where = "results[" + std::to_string(index) + "]";
  Result r;
  r.migration = text(item, "migration", where);
  r.check = text(item, "check", where);
  const auto phase = phase_from_string(text(item, "phase", where));
  const auto outcome = outcome_from_string(text(item, "outcome", where));
  if (!phase || !outcome) {
    throw std::runtime_error(where + " has an unknown phase or outcome");
  }
  r.phase = *phase;
  r.finding = Finding{text(item, "subject", where), *outcome, text(item, "message", where),
                      field(item, "evidence", where)};
  r.duration = std::chrono::milliseconds(number(item, "duration_ms", where));
  r.attempts = static_cast<int>(number(item, "attempts", where));
  if (item.contains("plan_line")) {
    r.plan_line = static_cast<int>(number(item, "plan_line", where));
  }
  return r;
}

WaiverUse waiver_from_json(const json& item, std::size_t index) {
  const std::string where = "waivers[" + std::to_string(index) + "]";
  WaiverUse use;
  use.migration = text(item, "migration", where);
  use.waiver = Migration::Waiver{text(item, "check", where), text(item, "subject", where),
                                 text(item, "reason", where), text(item, "approved_by", where),
                                 text(item, "expires", where)};
  use.status = text(item, "status", where);
  use.matched = static_cast<int>(number(item, "matched", where));
  return use;
}

RunInfo run_from_json(const json& run) {
  RunInfo info;
  info.command = text(run, "command", "\"run\"");
  info.command_line = field(run, "command_line", "\"run\"").get<std::vector<std::string>>();
  for (const auto& phase : field(run, "phases", "\"run\"")) {
    if (const auto p =
            phase.is_string() ? phase_from_string(phase.get<std::string>()) : std::nullopt) {
      info.phases.push_back(*p);
    }
  }
  info.strict = field(run, "strict", "\"run\"").get<bool>();
  info.exit_code = static_cast<int>(number(run, "exit_code", "\"run\""));
  info.account = field(run, "account", "\"run\"");
  info.ci = field(run, "ci", "\"run\"");
  const json& shard = field(run, "shard", "\"run\"");
  if (!shard.is_null()) {
    info.shard = ShardInfo{static_cast<int>(number(shard, "index", "\"run.shard\"")),
                           static_cast<int>(number(shard, "count", "\"run.shard\""))};
  }
  return info;
}

}  // namespace

Report report_from_json(const json& document) {
  if (!document.is_object() || document.value("schema", "") != k_report_schema) {
    throw std::runtime_error("it is not a " + std::string(k_report_schema) +
                             " report (run the shards with the same spaceport)");
  }
  Report report;
  const json& tool = field(document, "tool", "the report");
  report.tool_version = text(tool, "version", "\"tool\"");
  report.tool_commit = text(tool, "commit", "\"tool\"");
  report.started_at = time(document, "started_at");
  report.finished_at = time(document, "finished_at");
  const json& plan = field(document, "plan", "the report");
  report.plan_path = text(plan, "path", "\"plan\"");
  report.plan_sha256 = text(plan, "sha256", "\"plan\"");
  const json& api = field(document, "api", "the report");
  report.api_url = text(api, "url", "\"api\"");
  report.api_use.requests = number(api, "requests", "\"api\"");
  report.api_use.rate_limited = number(api, "rate_limited", "\"api\"");
  report.api_use.lowest_remaining = optional_number(api, "lowest_remaining", "\"api\"");
  report.api_use.reserve = optional_number(api, "reserve", "\"api\"");
  report.api_use.waited = std::chrono::milliseconds(number(api, "budget_wait_ms", "\"api\""));
  if (const auto lists = api.find("lists"); lists != api.end() && lists->is_object()) {
    report.api_lists = *lists;
  }
  report.run = run_from_json(field(document, "run", "the report"));
  const json& results = field(document, "results", "the report");
  for (std::size_t i = 0; i < results.size(); ++i) {
    report.results.push_back(result_from_json(results[i], i));
  }
  const json& waivers = field(document, "waivers", "the report");
  for (std::size_t i = 0; i < waivers.size(); ++i) {
    report.waivers.push_back(waiver_from_json(waivers[i], i));
  }
  return report;
}

}  // namespace spaceport
