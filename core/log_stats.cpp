#include "core/log_stats.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <vector>

#include "core/error_codes.hpp"

namespace spaceport {
namespace {

std::size_t bucket_of(std::uint32_t ms) noexcept {
  if (ms < 32) {
    return ms;
  }
  const unsigned exponent = std::bit_width(ms) - 1U;  // 5..31
  const std::uint32_t mantissa = (ms >> (exponent - 5U)) & 31U;
  return 32 + static_cast<std::size_t>(exponent - 5U) * 32 + mantissa;
}

double bucket_midpoint(std::size_t bucket) noexcept {
  if (bucket < 32) {
    return static_cast<double>(bucket);
  }
  const std::size_t exponent = (bucket - 32) / 32 + 5;
  const std::size_t mantissa = (bucket - 32) % 32;
  const double low = std::ldexp(static_cast<double>(32 + mantissa), static_cast<int>(exponent) - 5);
  const double width = std::ldexp(1.0, static_cast<int>(exponent) - 5);
  return low + width / 2;
}

nlohmann::json quantiles(const LatencyHistogram& h) {
  if (h.count() == 0) {
    return nullptr;
  }
  return {{"p50", *h.quantile(0.50)},
          {"p95", *h.quantile(0.95)},
          {"p99", *h.quantile(0.99)},
          {"count", h.count()}};
}

}  // namespace

void LatencyHistogram::add(std::uint32_t ms) noexcept {
  ++m_counts[bucket_of(ms)];
  ++m_count;
}

void LatencyHistogram::merge(const LatencyHistogram& other) noexcept {
  for (std::size_t i = 0; i < k_buckets; ++i) {
    m_counts[i] += other.m_counts[i];
  }
  m_count += other.m_count;
}

std::optional<double> LatencyHistogram::quantile(double q) const noexcept {
  if (m_count == 0) {
    return std::nullopt;
  }
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(m_count))));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < k_buckets; ++i) {
    seen += m_counts[i];
    if (seen >= rank) {
      return bucket_midpoint(i);
    }
  }
  return bucket_midpoint(k_buckets - 1);
}

namespace {

/// The length and the first and last eight bytes: host names differ there (a subdomain or a
/// number up front, the domain at the end), and a collision only costs a comparison.
std::uint64_t host_hash(std::string_view name) noexcept {
  std::uint64_t head = 0;
  std::uint64_t tail = 0;
  const std::size_t n = name.size();
  if (n > 0) {  // an absent host is an empty view whose data() may be null
    std::memcpy(&head, name.data(), std::min<std::size_t>(n, 8));
  }
  if (n > 8) {
    std::memcpy(&tail, name.data() + n - 8, 8);
  }
  std::uint64_t h = (head ^ (n * 0x9E3779B97F4A7C15ULL)) * 0xBF58476D1CE4E5B9ULL;
  h = (h ^ (h >> 31U) ^ tail) * 0x94D049BB133111EBULL;
  return h ^ (h >> 29U);
}

/// Eight bytes at a time, inline: the hash has matched, so this is nearly always a yes, and a
/// call to memcmp cost more than the comparison.
bool same_name(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) {
    return false;
  }
  std::size_t i = 0;
  for (; i + 8 <= a.size(); i += 8) {
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) {
      return false;
    }
  }
  for (; i < a.size(); ++i) {
    if (a[i] != b[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

HostCount& LogStats::host(std::string_view name) {
  const std::uint64_t hash = host_hash(name);
  std::size_t slot = hash % k_host_slots;
  for (;; slot = (slot + 1) % k_host_slots) {
    const HostSlot& s = m_host_slots[slot];
    if (s.index == 0) {
      break;
    }
    if (s.hash == hash && same_name(m_hosts[s.index - 1].first, name)) {
      return m_hosts[s.index - 1].second;
    }
  }
  if (m_hosts.size() >= k_max_hosts && name != k_other_hosts) {
    return host(k_other_hosts);
  }
  m_host_slots[slot] = {hash, static_cast<std::uint32_t>(m_hosts.size() + 1)};
  return m_hosts.emplace_back(name, HostCount{}).second;
}

void LogStats::add_request(std::string_view host_name, int status, int service_ms) {
  ++lines;
  ++router_lines;
  HostCount& h = host(host_name);
  ++h.requests;
  if (status >= 0) {
    ++with_status;
    if (status >= 500 && status <= 599) {
      ++server_errors;
      ++h.server_errors;
    }
  }
  if (service_ms >= 0) {
    service.add(static_cast<std::uint32_t>(service_ms));
    h.service.add(static_cast<std::uint32_t>(service_ms));
  }
}

void LogStats::add(const LogLine& line, std::optional<std::int64_t> at) {
  switch (line.kind) {
    case LineKind::router:
      add_request(line.host, line.status, line.service_ms);
      break;
    case LineKind::system:
      ++lines;
      ++system_lines;
      break;
    case LineKind::app:
      ++lines;
      ++app_lines;
      break;
    case LineKind::unparsed:
      add_unparsed();
      return;
  }
  if (line.code.empty() && !at) {
    return;
  }
  if (!at) {
    at = parse_log_timestamp(line.timestamp);
  }
  if (at) {
    first_us = std::min(first_us.value_or(*at), *at);
    last_us = std::max(last_us.value_or(*at), *at);
  }
  if (line.code.empty()) {
    return;
  }
  auto found = codes.find(line.code);
  if (found == codes.end()) {
    found = codes.emplace(std::string(line.code), CodeCount{}).first;
  }
  CodeCount& c = found->second;
  ++c.count;
  if (at && *at < c.first_us) {
    c.first_us = *at;
    c.first_seen = line.timestamp;
  }
  if (at && *at > c.last_us) {
    c.last_us = *at;
    c.last_seen = line.timestamp;
  }
}

void LogStats::merge(const LogStats& other) {
  lines += other.lines;
  unparsed += other.unparsed;
  router_lines += other.router_lines;
  with_status += other.with_status;
  server_errors += other.server_errors;
  system_lines += other.system_lines;
  app_lines += other.app_lines;
  service.merge(other.service);
  if (other.first_us) {
    first_us = std::min(first_us.value_or(*other.first_us), *other.first_us);
  }
  if (other.last_us) {
    last_us = std::max(last_us.value_or(*other.last_us), *other.last_us);
  }
  for (const auto& [code, theirs] : other.codes) {
    CodeCount& mine = codes[code];
    mine.count += theirs.count;
    if (theirs.first_us < mine.first_us) {
      mine.first_us = theirs.first_us;
      mine.first_seen = theirs.first_seen;
    }
    if (theirs.last_us > mine.last_us) {
      mine.last_us = theirs.last_us;
      mine.last_seen = theirs.last_seen;
    }
  }
  for (const auto& [name, theirs] : other.m_hosts) {
    HostCount& mine = host(name);
    mine.requests += theirs.requests;
    mine.server_errors += theirs.server_errors;
    mine.service.merge(theirs.service);
  }
}

std::optional<double> LogStats::server_error_ratio() const {
  if (with_status == 0) {
    return std::nullopt;
  }
  return static_cast<double>(server_errors) / static_cast<double>(with_status);
}

nlohmann::json LogStats::to_json() const {
  nlohmann::json code_list = nlohmann::json::array();
  for (const auto& [code, c] : codes) {
    const ErrorCodeInfo* info = find_error_code(code);
    code_list.push_back({{"code", code},
                         {"name", info != nullptr ? nlohmann::json(info->name) : nullptr},
                         {"count", c.count},
                         {"first_seen", c.first_seen.empty() ? nlohmann::json(nullptr)
                                                             : nlohmann::json(c.first_seen)},
                         {"last_seen", c.last_seen.empty() ? nlohmann::json(nullptr)
                                                           : nlohmann::json(c.last_seen)}});
  }
  std::vector<std::pair<std::string, const HostCount*>> by_requests;
  for (const auto& [name, h] : m_hosts) {
    by_requests.emplace_back(name, &h);
  }
  std::sort(by_requests.begin(), by_requests.end(), [](const auto& a, const auto& b) {
    return a.second->requests != b.second->requests ? a.second->requests > b.second->requests
                                                    : a.first < b.first;
  });
  nlohmann::json host_list = nlohmann::json::array();
  for (const auto& [name, h] : by_requests) {
    host_list.push_back({{"host", name},
                         {"requests", h->requests},
                         {"server_errors", h->server_errors},
                         {"service_ms", quantiles(h->service)}});
  }
  const auto ratio = server_error_ratio();
  return {{"lines", lines},
          {"unparsed", unparsed},
          {"router_lines", router_lines},
          {"system_lines", system_lines},
          {"app_lines", app_lines},
          {"server_errors", server_errors},
          {"server_error_ratio", ratio ? nlohmann::json(*ratio) : nullptr},
          {"service_ms", quantiles(service)},
          {"service_ms_relative_error", LatencyHistogram::k_relative_error},
          {"codes", code_list},
          {"hosts", host_list}};
}

}  // namespace spaceport
