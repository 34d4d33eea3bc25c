#pragma once

#include <string_view>

namespace spaceport {

/// Add-ons whose whole job is a static outbound IP for Common Runtime apps (Fixie, QuotaGuard,
/// Proximo): a space gives its apps stable outbound IPs of its own, so they are not carried over.
bool provides_static_outbound_ip(std::string_view service) noexcept;

}  // namespace spaceport
