#include "runner/commands/report_merge.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/config_error.hpp"
#include "core/text.hpp"
#include "core/version.hpp"
#include "jobs/evidence.hpp"
#include "jobs/report_files.hpp"
#include "jobs/run_info.hpp"
#include "reporters/console_reporter.hpp"
#include "reporters/json_reader.hpp"
#include "runner/exit_codes.hpp"
#include "runner/report_formats.hpp"
#include "runner/run_output.hpp"

namespace spaceport {
namespace {

/// Every shard of one run, each once; the problems named otherwise.
void ensure_whole(const std::vector<std::pair<std::string, Report>>& shards) {
  const Report& first = shards.front().second;
  if (!first.run.shard) {
    throw ConfigError(shards.front().first +
                      " is not a shard's report (its run has no --shard): merge joins the "
                      "reports of check --shard 1/N ... N/N");
  }
  const int count = first.run.shard->count;
  std::map<int, std::string> seen;
  std::map<std::string, std::string> migrations;
  for (const auto& [path, report] : shards) {
    if (!report.run.shard || report.run.shard->count != count ||
        report.plan_sha256 != first.plan_sha256) {
      throw ConfigError(path + " is not a shard of the same run as " + shards.front().first +
                        " (another plan, another shard count, or no --shard)");
    }
    const int index = report.run.shard->index;
    if (const auto [it, fresh] = seen.emplace(index, path); !fresh) {
      throw ConfigError("shard " + std::to_string(index) + "/" + std::to_string(count) +
                        " is given twice: " + it->second + " and " + path);
    }
    for (const auto& r : report.results) {
      if (const auto [it, fresh] = migrations.emplace(r.migration, path);
          !fresh && it->second != path) {
        throw ConfigError("migration \"" + r.migration + "\" is in two shards: " + it->second +
                          " and " + path);
      }
    }
  }
  std::vector<std::string> missing;
  for (int index = 1; index <= count; ++index) {
    if (seen.count(index) == 0) {
      missing.push_back(std::to_string(index) + "/" + std::to_string(count));
    }
  }
  if (!missing.empty()) {
    throw ConfigError("shard(s) " + join(missing, ", ") +
                      " missing: every shard's report is needed, or the merged report would pass "
                      "for the whole fleet");
  }
}

/// Each input, read and checked to be a report.
std::vector<std::pair<std::string, Report>> read_shards(const std::vector<std::string>& paths) {
  std::vector<std::pair<std::string, Report>> shards;
  for (const auto& path : paths) {
    const std::string text = read_whole_file(path);
    const auto document = nlohmann::json::parse(text, nullptr, false);
    if (text.empty() || document.is_discarded()) {
      throw ConfigError(path + ": cannot read it as a JSON report (missing, empty or not JSON)");
    }
    try {
      shards.emplace_back(path, report_from_json(document));
    } catch (const std::exception& e) {
      throw ConfigError(path + ": " + e.what());
    }
  }
  return shards;
}

}  // namespace

Report merge_reports(const std::vector<std::pair<std::string, Report>>& shards) {
  ensure_whole(shards);
  std::vector<const Report*> ordered;
  for (const auto& [path, report] : shards) {
    ordered.push_back(&report);
  }
  std::sort(ordered.begin(), ordered.end(), [](const Report* a, const Report* b) {
    return a->run.shard->index < b->run.shard->index;
  });
  Report merged = *ordered.front();
  merged.results.clear();
  merged.waivers.clear();
  merged.api_use = RateUse{};
  merged.api_lists = nullptr;  // each shard chose for itself
  for (const Report* shard : ordered) {
    merged.results.insert(merged.results.end(), shard->results.begin(), shard->results.end());
    merged.waivers.insert(merged.waivers.end(), shard->waivers.begin(), shard->waivers.end());
    merged.started_at = std::min(merged.started_at, shard->started_at);
    merged.finished_at = std::max(merged.finished_at, shard->finished_at);
    merged.run.strict = merged.run.strict || shard->run.strict;
    RateUse& use = merged.api_use;
    use.requests += shard->api_use.requests;
    use.rate_limited += shard->api_use.rate_limited;
    use.waited += shard->api_use.waited;
    if (shard->api_use.lowest_remaining) {
      use.lowest_remaining =
          std::min(use.lowest_remaining.value_or(*shard->api_use.lowest_remaining),
                   *shard->api_use.lowest_remaining);
    }
  }
  merged.run.shard.reset();
  merged.run.command = "report merge";
  merged.run.exit_code = static_cast<int>(
      exit_code_for(merged.summary(), merged.run.strict ? Strictness::strict : Strictness::normal));
  return merged;
}

int run_merge(const MergeCommand& command, const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err) {
  ensure_writable(command.reports);
  ensure_evidence_parent(command.evidence);
  const auto shards = read_shards(command.inputs);
  Report merged = merge_reports(shards);
  merged.run.command_line = redact_command_line(args, {});
  merged.run.ci = detect_ci(process_environment());
  merged.ci_plan_path = plan_path_for_ci(merged.plan_path, process_environment());
  const auto failures = write_run_outputs(
      merged,
      RunOutputs{.reports = command.reports,
                 .colour = ColorChoice::never,
                 .verbosity = Verbosity::problems_only,
                 .evidence = command.evidence,
                 .evidence_kind = "merge",
                 .complete_evidence =
                     [&](EvidenceBundle& bundle) {
                       for (const auto& [path, report] : shards) {
                         bundle.write("shard-" + std::to_string(report.run.shard->index) + ".json",
                                      read_whole_file(path));
                       }
                       bundle.seal();
                     }},
      out, err);
  return finish_with_failures(merged.run.exit_code, failures, err);
}

}  // namespace spaceport
