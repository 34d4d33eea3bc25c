#pragma once

#include <chrono>
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
};

/// One line of a report: a finding placed in its migration, phase and check.
struct Result {
  std::string migration;
  Phase phase = Phase::preflight;
  std::string check;
  Finding finding;
  std::chrono::milliseconds duration{0};
  int attempts = 1;
};

}  // namespace spaceport
