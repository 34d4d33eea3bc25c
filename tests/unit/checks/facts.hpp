#pragma once

#include "core/heroku_facts.hpp"
#include "core/plan.hpp"

namespace spaceport::test {

inline Migration migration(std::optional<bool> shield = true) {
  Migration m;
  m.name = "old-app";
  // Resolved, as a run does before any check: ids decide, names are shown.
  m.source.app = m.source.written = "old-app";
  m.source.id = "id-old-app";
  m.target.app = m.target.written = "new-app";
  m.target.id = "id-new-app";
  m.target.space = "shield-space";
  m.target.shield = shield;
  return m;
}

/// An add-on owned by `owner` (its id is "id-" + owner, as test::migration()'s apps).
inline Addon owned_addon(const std::string& name, const std::string& owner,
                         const std::string& service, const std::string& plan) {
  return Addon{"id-" + name, name, owner, service, plan, "provisioned", "id-" + owner};
}

/// An attachment of `addon` (owned by `owner`) to `app`, named `name` there.
inline Attachment attachment(const std::string& name, const std::string& app,
                             const std::string& addon, const std::string& owner) {
  return Attachment{"att-" + name + "-" + app,
                    name,
                    app,
                    "id-" + addon,
                    addon,
                    owner,
                    "id-" + app,
                    "id-" + owner};
}

inline App common_runtime_app(std::string name) {
  return App{"id-" + name, std::move(name), "us", "heroku-24", std::nullopt, false};
}

inline App space_app(std::string name, std::string space, bool shield) {
  return App{"id-" + name,
             std::move(name),
             "virginia",
             "heroku-24",
             SpaceRef{"id-" + space, space, shield},
             false};
}

}  // namespace spaceport::test
