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

Summary Report::summary() const {
  Summary s;
  for (const auto& result : results) {
    s.add(result.finding.outcome);
  }
  return s;
}

}  // namespace spaceport
