#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/duration.hpp"
#include "core/plan.hpp"
#include "core/rate_use.hpp"
#include "core/result.hpp"

namespace spaceport {

struct Summary {
  int total = 0;
  int pass = 0;
  int fail = 0;
  int warn = 0;
  int skip = 0;
  int error = 0;
  int waived = 0;

  void add(Outcome outcome) noexcept;
};

/// {"total", "pass", "fail", "warn", "skip", "error", "waived"}: the JSON report's "summary", and
/// the HTML report's counts.
nlohmann::json to_json(const Summary& summary);

/// A waiver of the plan and what became of it: "applied" (it waived at least one failure),
/// "expired" (past its date: it waived nothing) or "unmatched" (no failure matched it).
struct WaiverUse {
  std::string migration;
  Migration::Waiver waiver;
  std::string status;
  int matched = 0;
};

/// --shard I/N of a run.
struct ShardInfo {
  int index = 1;
  int count = 1;
};

/// How the run was made, for the JSON report's "run" and the JUnit properties.
struct RunInfo {
  std::string command = "check";               // check | watch | destroy
  std::vector<std::string> command_line = {};  // as typed, secrets redacted
  std::vector<Phase> phases = {};
  bool strict = false;  // warnings count as failures (and are failures in JUnit)
  int exit_code = 0;    // what the results call for
  nlohmann::json account = nlohmann::json::object();  // {"id", "email"}, or {"error"}
  nlohmann::json ci = nullptr;  // null, or {"system", "run_id", "url"} of the CI run that ran this
  std::optional<ShardInfo> shard = std::nullopt;  // the part of a fleet this run covered
};

/// Everything a reporter writes: one run of `spaceport check`, results in catalogue order.
struct Report {
  std::string tool_version;
  std::string tool_commit;
  std::chrono::system_clock::time_point started_at;
  std::chrono::system_clock::time_point finished_at;
  std::string plan_path;
  // The plan's path as CI names files (jobs/run_info.hpp, plan_path_for_ci): where annotations
  // and Code Quality entries point. Not part of the JSON report; empty: plan_path.
  std::string ci_plan_path;
  std::string plan_sha256;
  std::string api_url;
  std::vector<Result> results;
  std::vector<WaiverUse> waivers;
  RunInfo run;
  RateUse api_use;  // what the run spent of the account's Platform API rate budget
  // Whether it read the account's lists or each app, and why (jobs/session.hpp, api_lists);
  // null when not known (a merged report).
  nlohmann::json api_lists = nullptr;

  Summary summary() const;
  /// Where CI annotations and Code Quality entries point: ci_plan_path, else plan_path.
  const std::string& plan_path_in_ci() const {
    return ci_plan_path.empty() ? plan_path : ci_plan_path;
  }
};

/// "API: 54 requests, none answered 429, lowest RateLimit-Remaining 4446 (reserve 450), no wait
/// for the rate budget": one line for the console and Markdown reports.
std::string describe_api_use(const RateUse& use);

}  // namespace spaceport
