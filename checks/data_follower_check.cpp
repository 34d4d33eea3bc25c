#include "checks/data_follower_check.hpp"

#include "checks/addon_kinds.hpp"
#include "checks/postgres_addons.hpp"

namespace spaceport {

std::string postgres_major(const std::string& version) {
  const auto dot = version.find('.');
  if (dot == std::string::npos) {
    return version;
  }
  if (version.compare(0, dot, "9") == 0) {
    return version.substr(0, version.find('.', dot + 1));
  }
  return version.substr(0, dot);
}

Finding evaluate_data_follower(const Migration& migration, const PostgresAddon& source,
                               const std::vector<PostgresAddon>& target_databases) {
  const std::string& target = migration.target.app;
  const Addon& addon = source.addon;
  Finding f;
  f.subject = addon.name;
  f.evidence = {{"plan", addon.plan}};
  if (is_essential_postgres_plan(addon.plan)) {
    f.outcome = Outcome::warn;
    f.message = addon.name + " (" + addon.plan +
                ") is an Essential-tier database, which cannot have followers: plan a copy with "
                "downtime (`heroku maintenance:on -a " +
                migration.source.app + "`, then `heroku pg:copy " + migration.source.app +
                "::DATABASE_URL DATABASE_URL -a " + target + "`)";
    return f;
  }
  if (!source.database) {
    f.outcome = Outcome::error;
    f.message = "the data API has no record of " + addon.name + " (404): cannot find its followers";
    return f;
  }
  const Database& leader = *source.database;
  f.evidence["postgres_version"] = leader.postgres_version;
  const PostgresAddon* follower = nullptr;
  for (const auto& candidate : target_databases) {
    if (!candidate.database) {
      continue;
    }
    const Database& d = *candidate.database;
    // The follower names its leader by URL (a secret: compared, never shown) or by name.
    const bool by_url =
        d.following && !leader.resource_url.empty() && *d.following == leader.resource_url;
    const bool by_name = d.leader && (*d.leader == addon.name || *d.leader == addon.id);
    if (by_url || by_name) {
      follower = &candidate;
    }
  }
  if (follower == nullptr) {
    f.outcome = Outcome::fail;
    f.message = "no database of \"" + target + "\" follows " + addon.name +
                ": create one in the space with `heroku addons:create heroku-postgresql:<private "
                "or shield plan> -a " +
                target + " -- --follow " + addon.name +
                "` and let it catch up (hours for a large database)";
    return f;
  }
  const Database& d = *follower->database;
  f.evidence["follower"] = follower->addon.name;
  f.evidence["follower_version"] = d.postgres_version;
  f.evidence["behind_by"] = d.behind_by ? nlohmann::json(*d.behind_by) : nullptr;
  f.evidence["status"] = d.status;
  const std::string name = follower->addon.name + " on \"" + target + "\"";
  if (postgres_major(d.postgres_version) != postgres_major(leader.postgres_version)) {
    f.outcome = Outcome::fail;
    f.message = name + " follows " + addon.name + " but runs Postgres " + d.postgres_version +
                " against " + leader.postgres_version +
                ": followers must be on the same major version";
  } else if (d.status != "Available" && d.status != "available") {
    f.outcome = Outcome::fail;
    f.message = name + " follows " + addon.name + " but is not available yet (status \"" +
                d.status + "\"): `heroku pg:wait -a " + target + "`";
  } else if (!d.behind_by) {
    f.outcome = Outcome::error;
    f.message = name + " follows " + addon.name +
                " but the data API gives no \"Behind By\": its lag cannot be told";
  } else if (*d.behind_by > k_max_follower_lag) {
    f.outcome = Outcome::fail;
    f.message = name + " is " + std::to_string(*d.behind_by) + " commits behind " + addon.name +
                ", more than " + std::to_string(k_max_follower_lag) +
                ": wait for it to catch up before the window (`heroku pg:info -a " + target + "`)";
  } else {
    f.outcome = Outcome::pass;
    f.message = name + " follows " + addon.name + " (Postgres " + d.postgres_version + ", " +
                std::to_string(*d.behind_by) + " commits behind)";
  }
  return f;
}

std::vector<Finding> DataFollowerCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  const auto sources = postgres_addons_owned_by(context, m.source, "app.source");
  if (sources.empty()) {
    return {Finding{m.source.app, Outcome::skip,
                    "\"" + m.source.app + "\" owns no Heroku Postgres database",
                    nlohmann::json::object()}};
  }
  const auto targets = postgres_addons_owned_by(context, m.target, "app.target");
  std::vector<Finding> findings;
  for (const auto& source : sources) {
    findings.push_back(evaluate_data_follower(m, source, targets));
  }
  return findings;
}

}  // namespace spaceport
