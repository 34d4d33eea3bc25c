#include "core/outcome.hpp"

#include <array>
#include <utility>

namespace spaceport {
namespace {

constexpr std::array<std::pair<Outcome, std::string_view>, 6> k_names{{
    {Outcome::pass, "pass"},
    {Outcome::fail, "fail"},
    {Outcome::warn, "warn"},
    {Outcome::skip, "skip"},
    {Outcome::error, "error"},
    {Outcome::waived, "waived"},
}};

}  // namespace

std::string_view to_string(Outcome outcome) noexcept {
  for (const auto& [value, name] : k_names) {
    if (value == outcome) {
      return name;
    }
  }
  return "error";
}

std::optional<Outcome> outcome_from_string(std::string_view text) noexcept {
  for (const auto& [value, name] : k_names) {
    if (name == text) {
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace spaceport
