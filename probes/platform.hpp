#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/heroku_facts.hpp"
#include "core/once_cache.hpp"
#include "probes/fleet_lists.hpp"
#include "probes/heroku_api.hpp"

namespace spaceport {

/// Typed facts from the Platform API. nullopt means the API answered 404 for the resource asked
/// for; anything that prevents a decision throws ApiError. It only reads (the one POST, a log
/// session, opens a stream to read): deleting is AppDeleter's (probes/app_deleter.hpp).
class Platform {
 public:
  /// `data_api`: the Heroku Postgres data API (api.data.heroku.com); same token, other host.
  /// `lists`, when given, answers apps, add-ons and attachments from the account's lists when
  /// it can (probes/fleet_lists.hpp); what it cannot answer is read per app.
  Platform(HerokuApi& api, HttpTransport& transport, HerokuApi& data_api,
           FleetLists* lists = nullptr)
      : m_api(api), m_transport(transport), m_data_api(data_api), m_lists(lists) {}

  std::optional<App> app(const std::string& name);
  std::optional<Space> space(const std::string& name);
  std::optional<ConfigDigests> config_digests(const std::string& app);
  std::optional<std::vector<Attachment>> attachments(const std::string& app);
  /// Every attachment of one add-on, to whatever app.
  std::optional<std::vector<Attachment>> addon_attachments(const std::string& addon_id);
  std::optional<SpaceNat> space_nat(const std::string& space);
  std::optional<std::vector<Addon>> addons(const std::string& app);
  std::optional<std::vector<AddonPlan>> service_plans(const std::string& service);
  std::optional<std::vector<RegionCapability>> region_capabilities(const std::string& service);
  std::optional<std::vector<Formation>> formation(const std::string& app);
  std::optional<std::vector<Domain>> domains(const std::string& app);
  std::optional<std::vector<SniEndpoint>> sni_endpoints(const std::string& app);
  /// A Postgres add-on's database from the data API; nullopt when the data API answers 404.
  std::optional<Database> database(const std::string& addon_id);

  /// The current release, its slug and the buildpacks; nullopt when the app is not found.
  std::optional<ReleaseFacts> release_facts(const std::string& app);

  /// The value of one config var, for a check that must use it (the maintenance page URL);
  /// a var that is not set reads as "" (its callers treat both alike). nullopt: the app is not
  /// found. Callers must never put the value in a message or evidence.
  std::optional<std::string> config_value(const std::string& app, const std::string& key);

  /// The app read again from the API (not from this run's cache), with the Request-Id.
  std::optional<std::pair<App, std::string>> app_now(const std::string& identity);

  /// The app's recent log lines (at most `lines`), newline-separated, through a log session:
  /// POST /apps/{app}/log-sessions, then its logplex_url read as Server-Sent Events, as the
  /// official CLI reads it. nullopt when the app is not found; a stream that breaks off throws
  /// ApiError (a partial log must not pass for a clean one). Asked once per app and run.
  /// `name` is how messages and the request log call the app.
  std::optional<std::string> recent_logs(const std::string& app, const std::string& name,
                                         int lines);

  /// Forgets the logs read in this run (between retries).
  void forget_logs();

 private:
  HerokuApi& m_api;
  HttpTransport& m_transport;
  HerokuApi& m_data_api;
  FleetLists* m_lists;
  OnceCache<std::string, std::optional<std::string>> m_logs;
};

}  // namespace spaceport
