#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/check.hpp"
#include "checks/registry.hpp"
#include "core/plan.hpp"
#include "core/result.hpp"
#include "jobs/common_options.hpp"
#include "jobs/evidence.hpp"
#include "jobs/identities.hpp"
#include "jobs/scheduler.hpp"
#include "probes/app_deleter.hpp"
#include "probes/credentials.hpp"
#include "probes/dns.hpp"
#include "probes/dns_client.hpp"
#include "probes/heroku_api.hpp"
#include "probes/http_transport.hpp"
#include "probes/log_reader.hpp"
#include "probes/platform.hpp"
#include "probes/postgres.hpp"
#include "probes/rate_budget.hpp"
#include "probes/request_log.hpp"
#include "probes/web_probe.hpp"
#include "reporters/report.hpp"

namespace spaceport {

/// A job and the results of its latest run; attempts counts its runs.
struct JobRun {
  Job job;
  std::vector<Result> results;
  int attempts = 1;
};

/// The results of every run, in job order: the order the reports show.
std::vector<Result> results_of(std::vector<JobRun>&& runs);

/// Below this many apps the per-app reads are cheaper than three lists (each a request at least)
/// and leave the request log as a person reading it expects.
inline constexpr std::size_t k_apps_for_lists = 20;

/// Whether a run over these migrations reads the account's lists (probes/fleet_lists.hpp): when
/// they name k_apps_for_lists apps or more, or as SPACEPORT_FLEET_LISTS says (auto, always,
/// never; ConfigError for anything else). `apps`: the distinct apps named; `why`: for the report.
struct ListsChoice {
  bool use = false;
  std::size_t apps = 0;
  std::string why;
};
ListsChoice choose_fleet_lists(const std::vector<Migration>& migrations);

/// Everything a command needs to talk to the world, built from the common options: the API
/// bases are resolved, credentials found and refused in URLs (ConfigError), probes created.
class Session {
 public:
  /// `progress` hears about waits for the rate budget.
  Session(const CommonOptions& common, std::ostream& progress);

  std::string api_base;
  Platform& platform() { return m_platform; }
  WebProbe& web() { return m_web; }
  /// For `destroy` alone: the one object that can send a DELETE.
  AppDeleter app_deleter() { return AppDeleter(m_api); }
  const RequestLog& requests() const { return m_requests; }
  /// What the run has spent of the account's Platform API rate budget so far.
  RateUse api_use() const { return m_budget.use(); }
  /// Whether the run read the account's lists or each app on its own, and why (the JSON
  /// report's api.lists).
  nlohmann::json api_lists() const { return m_lists.describe(); }

  /// Who the token belongs to (GET /account): {"id", "email"}, or {"error"} when it cannot be
  /// read. For evidence: the API says which account made the run. Read once per session, first:
  /// a token the API refuses (401, 403) throws ConfigError naming where the token came from,
  /// and the run stops before any check.
  nlohmann::json account();

  /// Resolves every app the migrations name to its id and name (runner/identities.hpp) before
  /// any check runs, and keeps what was found for the evidence (apps.json). First decides
  /// whether the run reads the account's lists (probes/fleet_lists.hpp): when the plan names
  /// enough apps for them to save requests, or as SPACEPORT_FLEET_LISTS says (auto, always,
  /// never).
  void resolve_apps(std::vector<Migration>& migrations);

  /// Never the account's lists in this session, whatever the plan's size: `destroy` decides on
  /// what the API says of the one app, asked of it directly.
  void read_each_app(std::string why) { m_each_app_because = std::move(why); }

  /// A report of this run, stamped now, for `plan`; the caller fills in the results.
  Report begin_report(const Plan& plan) const;

  /// The command line as a report may show it: the token and URL credentials redacted.
  std::vector<std::string> redacted(const std::vector<std::string>& args) const;

  /// What every evidence bundle holds besides its reports: the plan as read at the start, every
  /// request made, the account the token belongs to, the tool; then the SHA256SUMS manifest.
  void complete_evidence(EvidenceBundle& bundle, const Plan& plan);

  /// Runs the jobs concurrently, each bounded by the check timeout; one JobRun per job, in order.
  /// `on_done` hears of each job as it finishes.
  std::vector<JobRun> run(const std::vector<Job>& jobs, const TaskDone& on_done = {});

  /// What a check of `migration` would read the world through, for a command that samples the
  /// world itself (cutover).
  CheckContext context_for(const Migration& migration);

  /// Forgets every answer of the run so far: a retry must see the world as it is now.
  void forget();
  /// Forgets the requests made so far, for a command that writes no evidence of them (watch).
  void forget_requests() { m_requests.clear(); }

 private:
  nlohmann::json read_account();
  /// One check, its findings' evidence carrying the Request-Ids of the answers it read.
  std::vector<Finding> run_check(const Job& job);
  nlohmann::json read_account_or_refuse();
  void choose_lists(const std::vector<Migration>& migrations);

  CommonOptions m_common;
  std::string m_data_api_base;
  ApiToken m_token;
  std::ostream& m_messages;  // what a person should read now: waits, apps the token cannot read
  RequestLog m_requests;
  std::optional<nlohmann::json> m_account;
  std::vector<AppIdentity> m_identities;
  std::string m_each_app_because;  // set: never the lists
  RateBudget m_budget;
  HttpTransport m_transport;
  HerokuApi m_api;
  HerokuApi m_data_api;
  FleetLists m_lists;
  Platform m_platform;
  DnsClient m_dns_client;
  Dns m_dns;
  WebProbe m_web;
  Databases m_databases;
  LogFiles m_log_files;
};

}  // namespace spaceport
