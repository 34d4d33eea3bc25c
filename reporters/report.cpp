#include "reporters/report.hpp"

#include <ctime>

namespace spaceport {

void Summary::add(Outcome outcome) noexcept {
  ++total;
  switch (outcome) {
    case Outcome::pass:
      ++pass;
      break;
    case Outcome::fail:
      ++fail;
      break;
    case Outcome::warn:
      ++warn;
      break;
    case Outcome::skip:
      ++skip;
      break;
    case Outcome::error:
      ++error;
      break;
    case Outcome::waived:
      ++waived;
      break;
  }
}

nlohmann::json to_json(const Summary& s) {
  return {{"total", s.total}, {"pass", s.pass},   {"fail", s.fail},    {"warn", s.warn},
          {"skip", s.skip},   {"error", s.error}, {"waived", s.waived}};
}

Summary Report::summary() const {
  Summary s;
  for (const auto& result : results) {
    s.add(result.finding.outcome);
  }
  return s;
}

std::string describe_api_use(const RateUse& use) {
  std::string text =
      "API: " + std::to_string(use.requests) + " request" + (use.requests == 1 ? "" : "s") + ", " +
      (use.rate_limited == 0 ? std::string("none") : std::to_string(use.rate_limited)) +
      " answered 429";
  if (use.lowest_remaining) {
    text += ", lowest RateLimit-Remaining " + std::to_string(*use.lowest_remaining);
  }
  if (use.reserve) {
    text += " (reserve " + std::to_string(*use.reserve) + ")";
  }
  text += use.waited.count() == 0
              ? ", no wait for the rate budget"
              : ", " + format_duration(use.waited) + " waiting for the rate budget";
  return text;
}

}  // namespace spaceport
