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

std::string format_rfc3339(std::chrono::system_clock::time_point time) {
  const auto since_epoch = time.time_since_epoch();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
  const std::time_t t = static_cast<std::time_t>(seconds.count());
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[40];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buffer, static_cast<int>(millis.count()));
  return out;
}

}  // namespace spaceport
