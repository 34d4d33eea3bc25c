#include "probes/log_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/log_chunk.hpp"
#include "core/log_fields.hpp"
#include "probes/unique_fd.hpp"

namespace spaceport {
namespace {

constexpr std::size_t k_read_size = 256U << 10U;

using log_fields::is_digit;

}  // namespace

void LogScanner::line(std::string_view text, bool known_clean) {
  if (!parse_log_line(text, m_line, m_options.format, known_clean)) {
    m_stats.add_unparsed();
    return;
  }
  if (m_options.since_us) {
    const auto at = parse_log_timestamp(m_line.timestamp);
    if (at && *at < *m_options.since_us) {
      return;  // before the window
    }
    m_stats.add(m_line, at);
    return;
  }
  m_stats.add(m_line);
}

void LogScanner::feed(std::string_view bytes) {
  if (m_framing == Framing::unknown) {
    // Decide from the first bytes: "<digits> <" opens an octet-counted frame. Until then the
    // bytes wait in m_head (one chunk at most: a non-digit or 16 bytes decide).
    m_head.append(bytes);
    std::size_t i = 0;
    while (i < m_head.size() && is_digit(m_head[i])) {
      ++i;
    }
    if (i == m_head.size() && i < 16) {
      return;
    }
    m_framing = i > 0 && i + 1 < m_head.size() && m_head[i] == ' ' && m_head[i + 1] == '<'
                    ? Framing::octet
                    : Framing::newline;
    const std::string head = std::move(m_head);
    m_head.clear();
    feed(head);
    return;
  }
  if (m_framing == Framing::octet) {
    feed_octet(bytes);
  } else {
    feed_newline(bytes);
  }
}

void LogScanner::whole_lines(std::string_view whole) {
  if (whole.empty()) {
    return;
  }
  if (!m_options.since_us) {
    scan_log_lines(whole, m_options.format, m_stats);
    return;
  }
  // A window needs every line's timestamp, so each goes through line(). One check of the chunk
  // spares each line its own.
  const bool clean = is_plain_ascii(whole);
  const char* p = whole.data();
  const char* const end = p + whole.size();
  while (p <= end) {
    const void* found = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    const char* stop = found == nullptr ? end : static_cast<const char*>(found);
    const std::string_view text(p, static_cast<std::size_t>(stop - p));
    if (!text.empty()) {
      line(text, clean);
    }
    p = stop + 1;
  }
}

void LogScanner::feed_newline(std::string_view bytes) {
  while (!bytes.empty()) {
    const void* found = std::memchr(bytes.data(), '\n', bytes.size());
    if (found == nullptr) {
      // The line continues in the next chunk.
      if (!m_overlong && m_carry.size() + bytes.size() <= k_max_log_line + 1) {
        m_carry.append(bytes);
      } else {
        m_overlong = true;
        m_carry.clear();
      }
      return;
    }
    const auto length = static_cast<std::size_t>(static_cast<const char*>(found) - bytes.data());
    if (m_overlong) {
      m_stats.add_unparsed();
      m_overlong = false;
    } else if (!m_carry.empty()) {
      if (m_carry.size() + length > k_max_log_line + 1) {
        m_stats.add_unparsed();
      } else {
        m_carry.append(bytes.substr(0, length));
        line(m_carry, false);
      }
      m_carry.clear();
    } else {
      break;  // the rest is whole lines inside this chunk: the fast path below
    }
    bytes.remove_prefix(length + 1);
  }
  if (bytes.empty()) {
    return;
  }
  // Whole lines straight from the chunk.
  const auto last_newline = bytes.rfind('\n');
  const std::string_view whole =
      last_newline == std::string_view::npos ? std::string_view() : bytes.substr(0, last_newline);
  whole_lines(whole);
  if (last_newline == std::string_view::npos) {
    feed_newline(bytes);  // no newline at all: it is all carry
    return;
  }
  const std::string_view rest = bytes.substr(last_newline + 1);
  if (!rest.empty()) {
    if (rest.size() <= k_max_log_line + 1) {
      m_carry.assign(rest);
    } else {
      m_overlong = true;
    }
  }
}

void LogScanner::feed_octet(std::string_view bytes) {
  while (!bytes.empty()) {
    if (!m_in_frame) {
      // "LENGTH SP": digits held in m_carry until the space.
      while (!bytes.empty() && m_carry.empty() && (bytes[0] == '\n' || bytes[0] == '\r')) {
        bytes.remove_prefix(1);  // some senders put a newline between frames
      }
      const auto space = bytes.find(' ');
      const std::string_view digits = bytes.substr(0, space);
      if (m_carry.size() + digits.size() > 9) {
        // Not a frame header: the stream is not what it said it was. Count it and resync on
        // the next newline, the best a reader can do.
        m_stats.add_unparsed();
        m_carry.clear();
        const auto newline = bytes.find('\n');
        if (newline == std::string_view::npos) {
          return;
        }
        bytes.remove_prefix(newline + 1);
        continue;
      }
      m_carry.append(digits);
      if (space == std::string_view::npos) {
        return;
      }
      bytes.remove_prefix(space + 1);
      std::size_t length = 0;
      bool valid = !m_carry.empty();
      for (const char c : m_carry) {
        valid = valid && is_digit(c);
        length = length * 10 + static_cast<std::size_t>(c - '0');
      }
      m_carry.clear();
      if (!valid) {
        m_stats.add_unparsed();
        continue;
      }
      m_in_frame = true;
      m_frame_left = length;
      m_overlong = length > k_max_log_line + 1;
    }
    const std::size_t take = std::min(m_frame_left, bytes.size());
    if (!m_overlong) {
      m_carry.append(bytes.substr(0, take));
    }
    bytes.remove_prefix(take);
    m_frame_left -= take;
    if (m_frame_left == 0) {
      if (m_overlong) {
        m_stats.add_unparsed();
      } else {
        std::string_view frame = m_carry;
        while (!frame.empty() && (frame.back() == '\n' || frame.back() == '\r')) {
          frame.remove_suffix(1);
        }
        line(frame, false);
      }
      m_carry.clear();
      m_in_frame = false;
      m_overlong = false;
    }
  }
}

void LogScanner::finish() {
  if (m_framing == Framing::unknown && !m_head.empty()) {
    m_framing = Framing::newline;
    const std::string head = std::move(m_head);
    m_head.clear();
    feed_newline(head);
  }
  if (m_in_frame || m_overlong) {
    m_stats.add_unparsed();  // a frame cut off, or a line too long
  } else if (!m_carry.empty()) {
    if (m_framing == Framing::octet) {
      m_stats.add_unparsed();  // a frame header without its frame
    } else {
      line(m_carry, false);
    }
  }
  m_carry.clear();
  m_in_frame = false;
  m_overlong = false;
}

LogStats scan_log_text(std::string_view text, const LogScanOptions& options) {
  LogScanner scanner(options);
  scanner.feed(text);
  scanner.finish();
  return std::move(scanner.stats());
}

namespace {

[[noreturn]] void read_failed(const std::string& path, int error) {
  throw std::runtime_error("cannot read " + (path == "-" ? std::string("standard input") : path) +
                           ": " + std::strerror(error));
}

/// Scans [begin, end) of a file with its own scanner; begin and end are line starts.
LogStats scan_range(int fd, const std::string& path, off_t begin, off_t end,
                    const LogScanOptions& options) {
  LogScanner scanner(options);
  scanner.assume_newline_framing();
  std::vector<char> buffer(k_read_size);
  off_t at = begin;
  while (at < end) {
    const auto want =
        static_cast<std::size_t>(std::min<off_t>(end - at, static_cast<off_t>(buffer.size())));
    const ssize_t n = pread(fd, buffer.data(), want, at);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      read_failed(path, errno);
    }
    if (n == 0) {
      break;  // the file shrank under us
    }
    scanner.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    at += n;
  }
  scanner.finish();
  return std::move(scanner.stats());
}

/// The first line start at or after `offset`.
off_t next_line_start(int fd, off_t offset, off_t size) {
  char buffer[4096];
  while (offset < size) {
    const ssize_t n = pread(fd, buffer, sizeof buffer, offset);
    if (n <= 0) {
      return size;
    }
    const void* found = std::memchr(buffer, '\n', static_cast<std::size_t>(n));
    if (found != nullptr) {
      return offset + (static_cast<const char*>(found) - buffer) + 1;
    }
    offset += n;
  }
  return size;
}

}  // namespace

LogStats scan_log_file(const std::string& path, const LogScanOptions& options) {
  const bool stdin_input = path == "-";
  const UniqueFd owned(stdin_input ? -1 : open(path.c_str(), O_RDONLY | O_CLOEXEC));
  const int fd = stdin_input ? STDIN_FILENO : owned.get();
  if (fd < 0) {
    read_failed(path, errno);
  }
  struct stat info {};
  if (fstat(fd, &info) != 0) {
    read_failed(path, errno);
  }
  if (S_ISDIR(info.st_mode)) {
    read_failed(path, EISDIR);
  }
  // A regular file whose first bytes show newline framing is split among threads.
  if (S_ISREG(info.st_mode) && info.st_size > static_cast<off_t>(k_read_size)) {
    char head[16];
    const ssize_t n = pread(fd, head, sizeof head, 0);
    LogScanner probe(options);
    probe.feed(std::string_view(head, static_cast<std::size_t>(std::max<ssize_t>(n, 0))));
    if (n > 0 && !probe.octet_counted()) {
      unsigned threads =
          options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
      threads = std::clamp(threads, 1U, 16U);
      std::vector<off_t> starts{0};
      for (unsigned t = 1; t < threads; ++t) {
        starts.push_back(std::max(
            starts.back(), next_line_start(fd, info.st_size * t / threads - 1, info.st_size)));
      }
      starts.push_back(info.st_size);
      std::vector<LogStats> parts(threads);
      std::vector<std::exception_ptr> failures(threads);
      std::vector<std::thread> workers;
      for (unsigned t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
          try {
            parts[t] = scan_range(fd, path, starts[t], starts[t + 1], options);
          } catch (...) {
            failures[t] = std::current_exception();
          }
        });
      }
      for (auto& w : workers) {
        w.join();
      }
      for (const auto& failure : failures) {
        if (failure) {
          std::rethrow_exception(failure);
        }
      }
      for (unsigned t = 1; t < threads; ++t) {
        parts[0].merge(parts[t]);
      }
      return std::move(parts[0]);
    }
  }
  LogScanner scanner(options);
  std::vector<char> buffer(k_read_size);
  for (;;) {
    const ssize_t n = read(fd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      read_failed(path, errno);
    }
    if (n == 0) {
      break;
    }
    scanner.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
  }
  scanner.finish();
  return std::move(scanner.stats());
}

std::string sse_data(std::string_view body) {
  std::string out;
  std::size_t start = 0;
  while (start < body.size()) {
    auto end = body.find('\n', start);
    if (end == std::string_view::npos) {
      end = body.size();
    }
    std::string_view line = body.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.substr(0, 5) == "data:") {
      line.remove_prefix(5);
      if (!line.empty() && line.front() == ' ') {
        line.remove_prefix(1);
      }
      out.append(line);
      out.push_back('\n');
    }
    start = end + 1;
  }
  return out;
}

}  // namespace spaceport
