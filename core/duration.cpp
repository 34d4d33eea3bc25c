#include "core/duration.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace spaceport {

namespace {

/// Milliseconds per unit; 0 for a unit that is not one.
double unit_scale(std::string_view unit) {
  if (unit == "ms") {
    return 1;
  }
  if (unit == "s") {
    return 1000;
  }
  if (unit == "m") {
    return 60'000;
  }
  if (unit == "h") {
    return 3'600'000;
  }
  return 0;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  const char* at = text.data();
  const char* const end = text.data() + text.size();
  double millis = 0;
  double previous_scale = 0;
  do {
    double number = 0;
    const auto [rest, error] = std::from_chars(at, end, number, std::chars_format::fixed);
    if (error != std::errc{} || rest == at || !std::isfinite(number) || number < 0) {
      return std::nullopt;
    }
    const char* unit_end = rest;
    while (unit_end != end && std::isalpha(static_cast<unsigned char>(*unit_end)) != 0) {
      ++unit_end;
    }
    const std::string_view unit(rest, static_cast<std::size_t>(unit_end - rest));
    // A bare number means seconds, and only on its own: "1m30" is a mistake, not 1m30s.
    const double scale =
        unit.empty() && at == text.data() && unit_end == end ? 1000 : unit_scale(unit);
    // Parts go from the largest unit down, each unit once: "1h30m", "1m30s", "2s500ms".
    if (scale == 0 || (previous_scale != 0 && scale >= previous_scale)) {
      return std::nullopt;
    }
    millis += number * scale;
    previous_scale = scale;
    at = unit_end;
  } while (at != end);
  if (millis > 1e12) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(static_cast<long long>(std::llround(millis)));
}

std::string format_duration(std::chrono::milliseconds duration) {
  const long long ms = duration.count();
  if (ms < 1000) {
    return std::to_string(ms) + "ms";
  }
  if (ms % 60'000 == 0) {
    return std::to_string(ms / 60'000) + "m";
  }
  if (ms % 1000 == 0) {
    return std::to_string(ms / 1000) + "s";
  }
  std::string fraction = std::to_string(ms % 1000);
  fraction.insert(0, 3 - fraction.size(), '0');
  return std::to_string(ms / 1000) + "." + fraction + "s";
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

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text) {
  std::tm utc{};
  int millis = 0;
  const std::string copy(text);
  const char* rest = strptime(copy.c_str(), "%Y-%m-%dT%H:%M:%S", &utc);
  if (rest == nullptr) {
    return std::nullopt;
  }
  // system_clock counts nanoseconds in 64 bits: about 1678 to 2262. A report's times are of
  // this era; a year outside it is not one spaceport wrote, and would overflow the clock.
  if (utc.tm_year + 1900 < 1970 || utc.tm_year + 1900 > 2200) {
    return std::nullopt;
  }
  const std::string_view tail(rest);
  if (tail.size() == 5 && tail[0] == '.' && tail[4] == 'Z' &&
      std::all_of(tail.begin() + 1, tail.begin() + 4,
                  [](char c) { return c >= '0' && c <= '9'; })) {
    std::from_chars(tail.data() + 1, tail.data() + 4, millis);
  } else if (tail != "Z") {
    return std::nullopt;
  }
  return std::chrono::system_clock::from_time_t(timegm(&utc)) + std::chrono::milliseconds(millis);
}

}  // namespace spaceport
