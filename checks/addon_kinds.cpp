#include "checks/addon_kinds.hpp"

#include <algorithm>
#include <array>

namespace spaceport {

bool provides_static_outbound_ip(std::string_view service) noexcept {
  static constexpr std::array<std::string_view, 6> k_services{
      "fixie", "fixie-socks", "quotaguard", "quotaguardstatic", "quotaguardshield", "proximo"};
  return std::find(k_services.begin(), k_services.end(), service) != k_services.end();
}

bool is_data_service(std::string_view service) {
  return service == "heroku-postgresql" || service == "heroku-redis" || service == "heroku-kafka";
}

bool is_essential_postgres_plan(std::string_view plan) {
  const auto colon = plan.find(':');
  const std::string_view tier = colon == std::string_view::npos ? plan : plan.substr(colon + 1);
  for (const std::string_view prefix : {"essential", "mini", "basic", "hobby", "dev"}) {
    if (tier.substr(0, prefix.size()) == prefix) {
      return true;
    }
  }
  return false;
}

bool is_postgres_of(const Addon& addon, std::string_view owner) {
  return addon.app == owner && addon.service == "heroku-postgresql";
}

std::vector<std::string> postgres_owned_by(const std::vector<Addon>& addons,
                                           const std::string& owner) {
  std::vector<std::string> names;
  for (const auto& addon : addons) {
    if (is_postgres_of(addon, owner)) {
      names.push_back(addon.name);
    }
  }
  return names;
}

}  // namespace spaceport
