#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace spaceport {

/// Parses "250ms", "30s", "5m", "1h", compounds from the largest unit down ("1m30s", "1h30m",
/// "2s500ms") or a plain number of seconds ("1.5").
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

/// "1.250s", "250ms", "5m" — short and exact enough for messages.
std::string format_duration(std::chrono::milliseconds duration);

/// "2026-11-24T23:17:05.123Z".
std::string format_rfc3339(std::chrono::system_clock::time_point time);

/// The inverse of format_rfc3339 (UTC, "Z", milliseconds optional); nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace spaceport
