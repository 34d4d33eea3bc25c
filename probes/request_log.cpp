#include "probes/request_log.hpp"

#include <nlohmann/json.hpp>

#include "core/duration.hpp"

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
  const std::lock_guard lock(m_mutex);
  m_entries.push_back(std::move(text));
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
