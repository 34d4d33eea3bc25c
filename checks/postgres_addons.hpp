#pragma once

#include <string>
#include <vector>

#include "checks/check.hpp"

namespace spaceport {

/// A Postgres add-on and what the data API says of it (nullopt: the data API has no record).
struct PostgresAddon {
  Addon addon;
  std::optional<Database> database;
};

/// The Heroku Postgres add-ons `app` owns (by id), each with what the data API says of it.
/// Throws (an `error` result) when the app is missing; `see` names the check that reports that.
std::vector<PostgresAddon> postgres_addons_owned_by(const CheckContext& context, const AppRef& app,
                                                    std::string_view see);

}  // namespace spaceport
