#pragma once

#include "core/heroku_facts.hpp"
#include "core/plan.hpp"

namespace spaceport::test {

inline Migration migration(std::optional<bool> shield = true) {
  Migration m;
  m.name = "old-app";
  m.source.app = "old-app";
  m.target.app = "new-app";
  m.target.space = "shield-space";
  m.target.shield = shield;
  return m;
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
