#include "reporters/report.hpp"

#include <ctime>

namespace spaceport {

Summary Report::summary() const {
  Summary s;
  for (const auto& result : results) {
    ++s.total;
    switch (result.finding.outcome) {
      case Outcome::pass:
        ++s.pass;
        break;
      case Outcome::fail:
        ++s.fail;
        break;
      case Outcome::warn:
        ++s.warn;
        break;
      case Outcome::skip:
        ++s.skip;
        break;
      case Outcome::error:
        ++s.error;
        break;
      case Outcome::waived:
        ++s.waived;
        break;
    }
  }
  return s;
}

}  // namespace spaceport
