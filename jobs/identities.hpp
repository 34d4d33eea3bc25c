#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/plan.hpp"

namespace spaceport {

class Platform;

/// Who one app of the plan turned out to be: what the evidence keeps of the plan's spelling and
/// the API's answer.
struct AppIdentity {
  std::string migration;
  std::string role;     // source | target
  std::string written;  // as the plan spells it (a name or an id)
  std::string id;       // the API's; empty when it could not be resolved
  std::string name;     // the API's; empty when it could not be resolved
  std::string problem;  // why not: "not found (404)" or the API's error
  long status = 0;      // the HTTP status of a failed lookup (404, 403, ...); 0 otherwise
};

/// Resolves every app the migrations name, sources and targets, through the API (GET
/// /apps/{as written}: the same answer app.source and app.target read, so it costs nothing
/// more), each distinct spelling once and at most `concurrency` at a time. Each resolved AppRef
/// gets the API's id, which every later read and comparison uses, and the API's name, which
/// results and messages show. An app that cannot be resolved keeps its spelling and no id: the
/// checks that need it ask again (checks/check.hpp, app_id) and say `fail` or `error`.
/// Throws ConfigError when a migration's source and target are one app however they are spelt.
std::vector<AppIdentity> resolve_apps(Platform& platform, std::vector<Migration>& migrations,
                                      int concurrency);

/// The evidence bundle's apps.json: one object per app of the plan.
nlohmann::json to_json(const std::vector<AppIdentity>& identities);

}  // namespace spaceport
