#pragma once

#include <chrono>
#include <optional>

namespace spaceport {

/// What a run did with the account's API rate budget, for the reports.
struct RateUse {
  long requests = 0;                     // requests sent to the APIs, every attempt counted
  long rate_limited = 0;                 // of which answered 429
  std::optional<long> lowest_remaining;  // the lowest RateLimit-Remaining seen
  std::optional<long> reserve;           // the tokens this run leaves to everyone else
  std::chrono::milliseconds waited{0};   // time spent waiting for the budget to refill
};

}  // namespace spaceport
