#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/heroku_facts.hpp"
#include "probes/heroku_api.hpp"

namespace spaceport {

/// Typed facts from the Platform API. nullopt means the API answered 404 for the resource asked
/// for; anything that prevents a decision throws ApiError.
class Platform {
 public:
  explicit Platform(HerokuApi& api) : m_api(api) {}

  std::optional<App> app(const std::string& name);
  std::optional<Space> space(const std::string& name);
  std::optional<ConfigDigests> config_digests(const std::string& app);
  std::optional<std::vector<Attachment>> attachments(const std::string& app);

 private:
  HerokuApi& m_api;
};

}  // namespace spaceport
