#include "probes/request_log.hpp"

#include <nlohmann/json.hpp>

#include "core/duration.hpp"
#include "core/text.hpp"

namespace spaceport {

void RequestLog::add(Entry entry) {
  nlohmann::json line{{"at", format_rfc3339(std::chrono::system_clock::now())},
                      {"kind", entry.kind},
                      {"method", entry.method},
                      {"target", entry.target},
                      {"status", entry.status},
                      {"request_id", entry.request_id.empty() ? nlohmann::json(nullptr)
                                                              : nlohmann::json(entry.request_id)},
                      {"duration_ms", entry.duration.count()},
                      {"attempt", entry.attempt}};
  // Kept as text: a fleet's run makes tens of thousands of requests, and a parsed line takes
  // several times the memory of its text.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  {
    const std::lock_guard lock(m_mutex);
    m_entries.push_back(std::move(text));
  }
  if (m_live != nullptr) {
    // Written outside the log's lock, a whole line at a time: a slow terminal holds up no
    // request. The target may hold a host or path from the plan or the API: text for a terminal.
    std::string said = "spaceport: " + entry.kind + ' ' + sanitize_text(entry.method, 20) + ' ' +
                       sanitize_text(entry.target, 2000) + " -> " +
                       sanitize_text(entry.status, 200);
    if (!entry.request_id.empty()) {
      said += " (Request-Id " + sanitize_text(entry.request_id, 100) + ')';
    }
    said += ' ' + std::to_string(entry.duration.count()) + " ms";
    if (entry.attempt > 1) {
      said += ", attempt " + std::to_string(entry.attempt);
    }
    const std::lock_guard lock(m_live_mutex);
    *m_live << said << '\n' << std::flush;
  }
}

void RequestLog::write_json_lines(std::ostream& out) const {
  const std::lock_guard lock(m_mutex);
  for (const auto& entry : m_entries) {
    out << entry << '\n';
  }
}

void RequestLog::clear() {
  const std::lock_guard lock(m_mutex);
  m_entries.clear();
  m_entries.shrink_to_fit();
}

}  // namespace spaceport
