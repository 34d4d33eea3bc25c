#include "jobs/session.hpp"

#include <charconv>
#include <cstdlib>
#include <set>
#include <string_view>

#include "core/config_error.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "core/version.hpp"
#include "jobs/interruption.hpp"
#include "jobs/run_info.hpp"
#include "jobs/scheduler.hpp"
#include "probes/credentials.hpp"

namespace spaceport {
namespace {

/// A URL is printed in messages and reports; credentials in it would be too.
std::string without_credentials(std::string url) {
  const auto authority = url.find("://");
  const auto from = authority == std::string::npos ? 0 : authority + 3;
  if (url.find('@', from) < url.find('/', from)) {
    throw ConfigError(
        "the API URLs must not carry credentials (user:password@); put the token "
        "in HEROKU_API_KEY or ~/.netrc");
  }
  return url;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

/// An API URL spaceport will send the token to: an absolute http(s) URL with a host, no
/// credentials in it, and https unless the host is this machine (the token would cross the
/// network in clear text). `what` names where the URL came from.
std::string usable_api_url(std::string url, const std::string& what) {
  url = without_credentials(std::move(url));
  const auto parts = split_url(url);
  if (!parts) {
    throw ConfigError(what + " \"" + sanitize_text(url, 200) +
                      "\" is not an http:// or https:// URL with a host; give the API's address, "
                      "for example https://api.heroku.com");
  }
  if (parts->scheme == "http" && !is_loopback(parts->host)) {
    throw ConfigError(what + " \"" + sanitize_text(url, 200) +
                      "\" is plain http to another machine: the API token would cross the "
                      "network in clear text; use https (http is accepted only for loopback, "
                      "for a local test server); nothing was sent");
  }
  return url;
}

ApiToken token_for(const std::string& api_base, std::ostream& warnings) {
  auto token = find_api_token(api_base, &warnings);
  if (!token) {
    throw ConfigError(
        "no Heroku API token: set HEROKU_API_KEY, or log in with the Heroku CLI so "
        "that ~/.netrc has an entry for the API host of " +
        api_base);
  }
  return std::move(*token);
}

/// A byte budget from the environment (a whole number of bytes), else `fallback`.
std::size_t bytes_from(const char* variable, std::size_t fallback) {
  const char* text = std::getenv(variable);
  if (text == nullptr || *text == '\0') {
    return fallback;
  }
  std::size_t value = 0;
  const std::string_view view(text);
  const auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), value);
  if (error != std::errc{} || end != view.data() + view.size() || value == 0) {
    throw ConfigError(std::string(variable) + " must be a whole number of bytes above 0, not \"" +
                      sanitize_text(view, 40) + "\"");
  }
  return value;
}

ApiConfig api_config(const std::string& base, const std::string& token, const CommonOptions& common,
                     const char* option, RateBudget* budget,
                     RateBudget::PoolReader read_pool = {}) {
  const ApiConfig defaults;
  return ApiConfig{
      .base_url = base,
      .token = token,
      .timeout = common.timeout,
      .max_retry_wait = std::chrono::seconds(30),
      .user_agent = "spaceport/" + std::string(k_version),
      .url_option = option,
      .budget = budget,
      .read_pool = std::move(read_pool),
      .max_list_bytes = bytes_from("SPACEPORT_MAX_LIST_BYTES", defaults.max_list_bytes),
      .max_run_bytes = bytes_from("SPACEPORT_MAX_RUN_BYTES", defaults.max_run_bytes)};
}

}  // namespace

Session::Session(const CommonOptions& common, std::ostream& progress)
    : api_base(usable_api_url(resolve_api_base(common.api_url),
                              common.api_url ? "--api-url" : "the API URL (HEROKU_HOST)")),
      m_common(common),
      m_data_api_base(usable_api_url(
          resolve_data_api_base(common.data_api_url),
          common.data_api_url ? "--data-api-url" : "the data API URL (HEROKU_DATA_HOST)")),
      m_token(token_for(api_base, progress)),
      m_messages(progress),
      m_budget(RateBudget::Options{.budget = common.request_budget, .progress = &progress}),
      m_transport(
          HttpTransport::Options{common.ca_file, common.concurrency, 64U << 20U, &m_requests}),
      m_api(m_transport, api_config(api_base, m_token.value, common, "--api-url", &m_budget)),
      m_data_api(m_transport,
                 api_config(m_data_api_base, m_token.value, common, "--data-api-url", &m_budget,
                            [this] { return m_api.rate_limit_remaining(); })),
      m_lists(m_api),
      m_platform(m_api, m_transport, m_data_api, &m_lists),
      m_dns_client(DnsClient::Options{common.timeout, &m_requests}),
      m_dns(m_dns_client, DnsServers{common.resolvers, common.authoritative}),
      m_web(m_transport, common.timeout, common.tls_port, "spaceport/" + std::string(k_version)),
      // Counting a large table takes longer than an API request: never less than a minute.
      m_databases(
          PostgresOptions{
              std::max<std::chrono::milliseconds>(common.timeout, std::chrono::minutes(1)),
              common.ca_file.empty() ? std::nullopt : std::optional<std::string>(common.ca_file)},
          process_environment()) {
  if (common.verbose) {
    m_requests.also_print_to(&progress);
  }
}

Report Session::begin_report(const Plan& plan) const {
  Report report;
  report.tool_version = k_version;
  report.tool_commit = k_commit;
  report.plan_path = plan.path;
  report.ci_plan_path = plan_path_for_ci(plan.path, process_environment());
  report.plan_sha256 = plan.sha256;
  report.api_url = api_base;
  report.started_at = std::chrono::system_clock::now();
  report.api_use = m_budget.use();
  return report;
}

std::vector<std::string> Session::redacted(const std::vector<std::string>& args) const {
  return redact_command_line(args, m_token.value);
}

void Session::resolve_apps(std::vector<Migration>& migrations) {
  choose_lists(migrations);
  m_identities = spaceport::resolve_apps(m_platform, migrations, m_common.concurrency);
  // An app the token may not read fails every check that reads it, with the same message: say
  // it once here, by app, so the cause is not lost among the results.
  std::set<std::string> said;
  for (const auto& identity : m_identities) {
    if ((identity.status == 401 || identity.status == 403) &&
        said.insert(identity.written).second) {
      m_messages << "spaceport: error: the token from " << m_token.source << " cannot read app \""
                 << sanitize_text(identity.written, 200) << "\" (" << identity.role
                 << " of migration \"" << sanitize_text(identity.migration, 200)
                 << "\"): " << sanitize_text(identity.problem, 1000)
                 << "; the checks that need it say error\n";
    }
  }
}

void Session::complete_evidence(EvidenceBundle& bundle, const Plan& plan) {
  bundle.write("plan.json", plan.text);
  // Who the plan's apps are: its spelling (a name or an id) and the API's id and name.
  bundle.write("apps.json", to_json(m_identities).dump(2) + "\n");
  bundle.write("requests.jsonl", [this](std::ostream& out) { m_requests.write_json_lines(out); });
  bundle.write("account.json", account().dump(2) + "\n");
  bundle.write("tool.json", nlohmann::json{{"name", "spaceport"},
                                           {"version", k_version},
                                           {"commit", k_commit},
                                           {"api_url", api_base}}
                                    .dump(2) +
                                "\n");
  bundle.seal();
}

ListsChoice choose_fleet_lists(const std::vector<Migration>& migrations) {
  std::set<std::string> apps;
  for (const auto& m : migrations) {
    apps.insert(m.source.written);
    apps.insert(m.target.written);
  }
  const char* setting = std::getenv("SPACEPORT_FLEET_LISTS");
  const std::string mode = setting == nullptr || *setting == '\0' ? "auto" : setting;
  if (mode != "auto" && mode != "always" && mode != "never") {
    throw ConfigError("SPACEPORT_FLEET_LISTS must be auto, always or never, not \"" +
                      sanitize_text(mode, 40) + "\"");
  }
  const std::string count = std::to_string(apps.size()) + " app" + (apps.size() == 1 ? "" : "s");
  if (mode == "never") {
    return {false, apps.size(),
            "SPACEPORT_FLEET_LISTS=never: each of the plan's " + count + " read on its own"};
  }
  if (mode == "always") {
    return {true, std::max<std::size_t>(apps.size(), 1),
            "SPACEPORT_FLEET_LISTS=always: the account's lists, for " + count};
  }
  if (apps.size() >= k_apps_for_lists) {
    return {true, apps.size(),
            "the plan names " + count +
                ": the account's lists (apps, add-ons, attachments) cost fewer requests than two "
                "or three for each app"};
  }
  return {false, apps.size(),
          "the plan names " + count + ": reading each costs fewer requests than the account's " +
              "lists"};
}

void Session::choose_lists(const std::vector<Migration>& migrations) {
  if (!m_each_app_because.empty()) {
    m_lists.off(m_each_app_because);
    return;
  }
  const ListsChoice choice = choose_fleet_lists(migrations);
  if (choice.use) {
    m_lists.use_for(choice.apps, choice.why);
  } else {
    m_lists.off(choice.why);
  }
}

nlohmann::json Session::account() {
  if (!m_account) {
    m_account = read_account();
  }
  return *m_account;
}

nlohmann::json Session::read_account() {
  try {
    return read_account_or_refuse();
  } catch (const ConfigError&) {
    throw;
  } catch (const std::exception& e) {
    // Not the token's fault (the network, the API's own trouble): the checks try, and say error
    // when they cannot decide.
    return {{"error", e.what()}};
  }
}

nlohmann::json Session::read_account_or_refuse() {
  try {
    const auto document = m_api.get_object("/account");
    if (!document) {
      return {{"error", "GET /account answered 404"}};
    }
    nlohmann::json out = nlohmann::json::object();
    for (const char* field : {"id", "email"}) {
      if (document->body.contains(field) && document->body[field].is_string()) {
        out[field] = document->body[field];
      }
    }
    return out;
  } catch (const ApiError& e) {
    if (e.status() == 401) {
      throw ConfigError(
          "the Platform API refused the token from " + m_token.source + ": " +
          sanitize_text(e.what(), 1000) +
          ". Get a valid one: `heroku authorizations:create --scope identity,read,read-protected "
          "--description spaceport` makes a long-lived token for CI, `heroku auth:token` prints "
          "the CLI's own; put it in HEROKU_API_KEY. Nothing was checked");
    }
    if (e.status() == 403) {
      throw ConfigError(
          "the token from " + m_token.source +
          " may not read the account: " + sanitize_text(e.what(), 1000) +
          ". spaceport needs a token that can read the account, the apps and their config vars "
          "(scopes identity, read and read-protected, or global): `heroku authorizations:create "
          "--scope identity,read,read-protected --description spaceport`. Nothing was checked");
    }
    throw;
  }
}

void Session::forget() {
  m_lists.forget();
  m_api.forget();
  m_data_api.forget();
  m_dns_client.forget();
  m_platform.forget_logs();
}

CheckContext Session::context_for(const Migration& migration) {
  return CheckContext{migration,
                      m_platform,
                      m_dns,
                      m_web,
                      m_databases,
                      m_log_files,
                      std::chrono::system_clock::now()};
}

std::vector<Finding> Session::run_check(const Job& job) {
  const RequestIdTrail trail;
  auto findings = job.check->run(CheckContext{*job.migration, m_platform, m_dns, m_web, m_databases,
                                              m_log_files, std::chrono::system_clock::now()});
  // An auditor traces a verdict to the API's answers (and the API's own logs) by these, without
  // the evidence bundle's request log.
  if (!trail.ids().empty()) {
    for (auto& finding : findings) {
      if (finding.evidence.is_object() && !finding.evidence.contains("request_ids")) {
        finding.evidence["request_ids"] = trail.ids();
      }
    }
  }
  return findings;
}

std::vector<JobRun> Session::run(const std::vector<Job>& jobs, const TaskDone& on_done) {
  std::vector<ScheduledTask> tasks;
  for (const auto& job : jobs) {
    tasks.push_back(ScheduledTask{job.migration->name, job.phase, std::string(job.check->info().id),
                                  job.check->primary_subject(*job.migration),
                                  [job, this] { return run_check(job); }});
  }
  // A check makes a few requests in sequence, each bounded by --timeout, and may wait out a
  // short Retry-After; past this it is stuck.
  const auto check_timeout = 4 * m_common.timeout + std::chrono::seconds(30);
  auto groups =
      run_tasks(std::move(tasks), m_common.concurrency, check_timeout, stop_token(), on_done);
  std::vector<JobRun> runs;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    runs.push_back(JobRun{jobs[i], std::move(groups[i])});
  }
  return runs;
}

std::vector<Result> results_of(std::vector<JobRun>&& runs) {
  std::vector<Result> results;
  for (auto& run : runs) {
    std::move(run.results.begin(), run.results.end(), std::back_inserter(results));
  }
  return results;
}

}  // namespace spaceport
