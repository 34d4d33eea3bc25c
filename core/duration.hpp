#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace spaceport {

/// Parses "250ms", "30s", "5m", "1h" or a plain number of seconds ("1.5").
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

/// "1.250s", "250ms", "5m" — short and exact enough for messages.
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace spaceport
