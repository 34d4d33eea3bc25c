#pragma once

#include <optional>
#include <string_view>

namespace spaceport {

/// What a check concluded about one subject. The names are a contract (JSON reports, scripts).
enum class Outcome { pass, fail, warn, skip, error, waived };

std::string_view to_string(Outcome outcome) noexcept;
std::optional<Outcome> outcome_from_string(std::string_view text) noexcept;

}  // namespace spaceport
