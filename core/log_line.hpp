#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace spaceport {

/// What a log line is, as far as the checks care.
enum class LineKind : std::uint8_t {
  router,    // heroku[router]: one request (or a router error)
  system,    // heroku[web.1], heroku[logplex], ...: dyno manager and platform messages
  app,       // app[web.1], app[api], ...: whatever the app printed
  unparsed,  // not a log line: garbage, NUL bytes, invalid UTF-8, over 10,000 bytes
};

/// Which line shapes to accept: `heroku logs` output, RFC 5424 syslog (drains), or either.
enum class LogFormat : std::uint8_t { auto_detect, heroku, syslog };

/// One parsed line. Every view points into the line it was parsed from.
struct LogLine {
  LineKind kind = LineKind::unparsed;
  std::string_view timestamp;  // as written (RFC 3339); empty in a prefix-less router fragment
  std::string_view source;     // "heroku" or "app"
  std::string_view dyno;       // "router", "web.1", "logplex", "log-shuttle", ...
  std::string_view message;
  std::string_view code;  // "H10", "R14", "L10", ...; empty when the line carries none
  std::string_view host;  // router lines: the Host header
  int status = -1;        // router lines: the HTTP status, -1 when empty or absent
  int service_ms = -1;    // router lines: service time in ms, -1 when empty or absent
};

/// Lines longer than this are split by Logplex; a longer "line" is not one Heroku wrote.
inline constexpr std::size_t k_max_log_line = 10'000;

/// Parses one line (without its newline). `known_clean` skips the NUL and UTF-8 checks when the
/// caller has checked the whole buffer. Returns false (kind unparsed) for anything that is not a
/// log line of an accepted shape.
bool parse_log_line(std::string_view line, LogLine& out, LogFormat format = LogFormat::auto_detect,
                    bool known_clean = false);

/// Whether `text` has no NUL byte and is valid UTF-8.
bool is_clean_text(std::string_view text);

/// Whether every byte of `text` is 0x01..0x7F: then every line in it is clean.
bool is_plain_ascii(std::string_view text);

/// RFC 3339 ("2010-10-06T21:51:12-07:00", "2014-03-20T14:22:00.203382+00:00", "...Z") as
/// microseconds since the epoch, or nullopt.
std::optional<std::int64_t> parse_log_timestamp(std::string_view text);

}  // namespace spaceport
