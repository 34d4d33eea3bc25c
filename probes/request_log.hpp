#pragma once

#include <chrono>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

namespace spaceport {

/// Every request a run made (HTTP, TLS, DNS), for the evidence bundle. Entries name the method
/// or query, the target, the status, the Request-Id and the duration; never a credential: a URL
/// that carries one (a log stream, a maintenance page from a config var) is logged by what it
/// is, not by its value. Thread-safe.
class RequestLog {
 public:
  struct Entry {
    std::string kind;    // http | tls | dns
    std::string method;  // GET, DELETE, ...; for DNS the query type
    std::string target;  // URL or description; for DNS "name @server"
    std::string status;  // "200", "NOERROR", or what went wrong
    std::string request_id;
    std::chrono::milliseconds duration{0};
    int attempt = 1;  // a retried request appears once per attempt, numbered
  };

  void add(Entry entry);
  /// With --verbose: each entry also goes to `out` as one line as it is added ("spaceport:
  /// GET https://... 200 (Request-Id ...) 35 ms"), so a failing CI job shows what was asked.
  /// Set before the first request; `out` must outlive the log.
  void also_print_to(std::ostream* out) { m_live = out; }
  /// JSON Lines, in the order the requests finished.
  void write_json_lines(std::ostream& out) const;
  /// Forgets every entry: a run with no evidence to write (watch, for days) must not keep them.
  void clear();

 private:
  mutable std::mutex m_mutex;
  std::vector<std::string> m_entries;  // one JSON line each
  std::ostream* m_live = nullptr;
  std::mutex m_live_mutex;  // one line at a time on m_live
};

}  // namespace spaceport
