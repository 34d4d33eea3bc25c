#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/heroku_facts.hpp"
#include "probes/heroku_api.hpp"

namespace spaceport {

/// The account-wide lists a fleet's apps share — GET /apps, /addons and /addon-attachments, read
/// whole with `Range: id ..; max=1000` once per run — from which per-app questions (who is this
/// app, its add-ons, its attachments) are answered without a request each. At fleet scale the
/// number of requests is what a user waits for: three lists instead of two or three requests an
/// app.
///
/// Off until use_for() turns it on for a run. Each list may take at most as many pages as the
/// per-app reads it replaces; a longer one is dropped (its pages are spent) and its questions are
/// asked per app. An app the lists do not show (another team's, one the token reaches only
/// directly), and an app one of whose attached add-ons the add-on list does not show, is asked
/// per app. Every answer is one the per-app read would give: the same records, from the same
/// API, filtered as the API filters them (tests/e2e/fleet_lists_e2e_test.cpp runs every check
/// both ways and compares). Thread-safe.
class FleetLists {
 public:
  explicit FleetLists(HerokuApi& api) : m_api(api) {}

  /// Turns the lists on for a run over `apps` distinct apps, each list allowed `apps` pages;
  /// `why` is what the report says of the choice. off() turns them off, saying why.
  void use_for(std::size_t apps, std::string why);
  void off(std::string why);

  /// nullopt: the lists do not answer this; ask per app.
  std::optional<App> app(const std::string& spelling);
  std::optional<std::vector<Addon>> addons(const std::string& app_id);
  std::optional<std::vector<Attachment>> attachments(const std::string& app_id);

  /// Forgets what was read (the API client forgets its answers too): a retry or a new round of
  /// watch reads the lists again.
  void forget();

  /// For the JSON report's "api": {"lists": bool, "why", "read": [{"path", "items"} or
  /// {"path", "dropped"}], "answered": N, "asked_per_app": N}.
  nlohmann::json describe() const;

 private:
  struct Index;
  /// The lists, read on first use; null when off.
  std::shared_ptr<const Index> index();
  std::shared_ptr<const Index> read_index() const;

  HerokuApi& m_api;
  mutable std::mutex m_mutex;
  std::size_t m_max_pages = 0;  // 0: off
  std::string m_why = "the plan names few apps: each is read on its own";
  std::shared_ptr<const Index> m_index;
  std::size_t m_answered = 0;
  std::size_t m_asked_per_app = 0;
};

}  // namespace spaceport
