#include "probes/request_log.hpp"

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
  const std::lock_guard lock(m_mutex);
  m_entries.push_back(std::move(line));
}

std::string RequestLog::json_lines() const {
  const std::lock_guard lock(m_mutex);
  std::string out;
  for (const auto& entry : m_entries) {
    out += entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += '\n';
  }
  return out;
}

}  // namespace spaceport
