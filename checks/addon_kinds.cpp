#include "checks/addon_kinds.hpp"

#include <algorithm>
#include <array>
#include <iterator>

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

bool is_postgres(const Addon& addon) {
  return addon.service == "heroku-postgresql";
}

bool is_postgres_of(const Addon& addon, std::string_view owner_id) {
  return !owner_id.empty() && addon.app_id == owner_id && is_postgres(addon);
}

std::vector<Addon> postgres_owned_by(const std::vector<Addon>& addons, std::string_view owner_id) {
  std::vector<Addon> owned;
  std::copy_if(addons.begin(), addons.end(), std::back_inserter(owned),
               [&](const Addon& addon) { return is_postgres_of(addon, owner_id); });
  return owned;
}

bool names_addon(std::string_view reference, const Addon& addon) {
  return !reference.empty() && (reference == addon.name || reference == addon.id);
}

bool names_any(std::string_view reference, const std::vector<Addon>& addons) {
  return std::any_of(addons.begin(), addons.end(),
                     [&](const Addon& addon) { return names_addon(reference, addon); });
}

}  // namespace spaceport
