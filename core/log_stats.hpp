#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/log_line.hpp"

namespace spaceport {

/// Router service times in a fixed-size histogram, so quantiles take constant memory whatever
/// the number of requests. Times under 32 ms are exact; above, each bucket spans 1/32 of its
/// lower bound and a quantile is reported as the bucket's midpoint: within 1/64 (1.6 %) of the
/// true value.
class LatencyHistogram {
 public:
  static constexpr double k_relative_error = 1.0 / 64;

  void add(std::uint32_t ms) noexcept;
  void merge(const LatencyHistogram& other) noexcept;
  std::uint64_t count() const noexcept { return m_count; }
  /// q in (0, 1]; nullopt when empty.
  std::optional<double> quantile(double q) const noexcept;

 private:
  static constexpr std::size_t k_buckets = 32 + 27 * 32;
  std::array<std::uint64_t, k_buckets> m_counts{};
  std::uint64_t m_count = 0;
};

struct CodeCount {
  std::uint64_t count = 0;
  std::int64_t first_us = std::numeric_limits<std::int64_t>::max();
  std::int64_t last_us = std::numeric_limits<std::int64_t>::min();
  std::string first_seen;  // the line's own timestamp text
  std::string last_seen;
};

struct HostCount {
  std::uint64_t requests = 0;
  std::uint64_t server_errors = 0;  // 5xx
  LatencyHistogram service;
};

/// What a stream of log lines adds up to. Memory is bounded: codes are few, hosts are capped at
/// k_max_hosts (the rest are counted together), latencies go into histograms.
class LogStats {
 public:
  static constexpr std::size_t k_max_hosts = 100;
  static constexpr std::string_view k_other_hosts = "(other hosts)";

  /// `at`: the line's timestamp when the caller has parsed it (for a window); otherwise only
  /// lines with a code have theirs parsed, for first and last seen.
  void add(const LogLine& line, std::optional<std::int64_t> at = std::nullopt);
  /// A router line without a code, from a reader that has its fields already: what add makes of
  /// it. status and service_ms are -1 when empty or absent.
  void add_request(std::string_view host_name, int status, int service_ms);
  void add_unparsed() noexcept {
    ++lines;
    ++unparsed;
  }
  void merge(const LogStats& other);

  /// 5xx router responses over router responses with a status; nullopt with none.
  std::optional<double> server_error_ratio() const;

  nlohmann::json to_json() const;

  std::uint64_t lines = 0;
  std::uint64_t unparsed = 0;
  std::uint64_t router_lines = 0;   // requests the router logged
  std::uint64_t with_status = 0;    // ... that carry a status
  std::uint64_t server_errors = 0;  // ... that are 5xx
  std::uint64_t system_lines = 0;
  std::uint64_t app_lines = 0;
  std::map<std::string, CodeCount, std::less<>> codes;
  LatencyHistogram service;
  std::optional<std::int64_t> first_us;  // earliest timestamp of a coded (or pre-parsed) line
  std::optional<std::int64_t> last_us;

  /// Per host, in order of first sighting.
  const std::vector<std::pair<std::string, HostCount>>& hosts() const noexcept { return m_hosts; }

 private:
  HostCount& host(std::string_view name);

  /// Open addressing over m_hosts, five times the cap in slots: this runs once per request
  /// line, and a general-purpose map's hashing and node chasing were a tenth of a scan's time.
  struct HostSlot {
    std::uint64_t hash = 0;
    std::uint32_t index = 0;  // into m_hosts, plus one; 0 for an empty slot
  };
  static constexpr std::size_t k_host_slots = 512;
  std::vector<std::pair<std::string, HostCount>> m_hosts;
  std::array<HostSlot, k_host_slots> m_host_slots{};
};

}  // namespace spaceport
