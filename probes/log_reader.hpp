#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/log_stats.hpp"

namespace spaceport {

struct LogScanOptions {
  LogFormat format = LogFormat::auto_detect;
  std::optional<std::int64_t> since_us;  // lines stamped earlier are left out (the window)
  unsigned threads = 0;                  // for files; 0: one per core
};

/// Reads a byte stream of log lines in any chunking and adds them up in constant memory.
/// Newline-framed lines (`heroku logs`, a drain's file) and RFC 6587 octet-counted syslog frames
/// (how drains deliver) are told apart from the first bytes. A line longer than 10,000 bytes is
/// skipped as it streams by and counted as unparsed.
class LogScanner {
 public:
  explicit LogScanner(LogScanOptions options) : m_options(options) {}

  void feed(std::string_view bytes);
  /// The stream ended: a last line without a newline still counts.
  void finish();
  const LogStats& stats() const noexcept { return m_stats; }
  LogStats& stats() noexcept { return m_stats; }

  /// For a scanner given a part of a newline-framed file.
  void assume_newline_framing() noexcept { m_framing = Framing::newline; }
  bool octet_counted() const noexcept { return m_framing == Framing::octet; }

 private:
  enum class Framing : std::uint8_t { unknown, newline, octet };
  void line(std::string_view text, bool known_clean);
  void feed_newline(std::string_view bytes);
  /// Lines that all end inside the chunk (the last one's newline is not in `whole`). Without a
  /// window they go to scan_log_lines; with one, line by line.
  void whole_lines(std::string_view whole);
  void feed_octet(std::string_view bytes);

  LogScanOptions m_options;
  LogStats m_stats;
  Framing m_framing = Framing::unknown;
  std::string m_head;       // the first bytes, until the framing is known
  std::string m_carry;      // a line (or frame header) split across chunks
  bool m_overlong = false;  // skipping the rest of a line that is too long
  std::size_t m_frame_left = 0;
  bool m_in_frame = false;
  LogLine m_line;
};

/// Scans text held in memory (a log session's body).
LogStats scan_log_text(std::string_view text, const LogScanOptions& options);

/// Scans a file, or standard input for "-". A newline-framed regular file is split at line
/// boundaries and scanned by several threads. Throws std::runtime_error naming the file and the
/// reason when it cannot be read.
LogStats scan_log_file(const std::string& path, const LogScanOptions& options);

/// The `data:` lines of a text/event-stream body, one per line (how the Heroku CLI reads a log
/// session's logplex_url).
std::string sse_data(std::string_view body);

/// Where the log checks read captured log files: the seam between them and the disk.
class LogSource {
 public:
  virtual ~LogSource() = default;
  /// As scan_log_file.
  virtual LogStats scan_file(const std::string& path, const LogScanOptions& options) = 0;
};

/// Files on this machine's disk.
class LogFiles final : public LogSource {
 public:
  LogStats scan_file(const std::string& path, const LogScanOptions& options) override {
    return scan_log_file(path, options);
  }
};

}  // namespace spaceport
