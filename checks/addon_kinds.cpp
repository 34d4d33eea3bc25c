#include "checks/addon_kinds.hpp"

#include <algorithm>
#include <array>

namespace spaceport {

bool provides_static_outbound_ip(std::string_view service) noexcept {
  static constexpr std::array<std::string_view, 6> k_services{
      "fixie", "fixie-socks", "quotaguard", "quotaguardstatic", "quotaguardshield", "proximo"};
  return std::find(k_services.begin(), k_services.end(), service) != k_services.end();
}

}  // namespace spaceport
