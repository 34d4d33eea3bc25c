#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/outcome.hpp"
#include "core/phase.hpp"

namespace spaceport {

/// What a check says about one subject; the runner adds where and how long.
struct Finding {
  std::string subject;
  Outcome outcome = Outcome::error;
  std::string message;
  nlohmann::json evidence = nlohmann::json::object();
  // For a result that waits on caches (DNS): the longest time-to-live among the answers it saw.
  // Past it those answers have expired everywhere, so a retry loop need not pause longer.
  std::optional<std::chrono::seconds> settles_within = std::nullopt;
};

/// One line of a report: a finding placed in its migration, phase and check.
struct Result {
  std::string migration;
  Phase phase = Phase::preflight;
  std::string check;
  Finding finding;
  std::chrono::milliseconds duration{0};
  int attempts = 1;
  // The plan's line this result is about (its domain, health URL, app or waiver, else its
  // migration), for CI annotations that point at the plan; 0 when unknown.
  int plan_line = 0;
};

}  // namespace spaceport
