#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace spaceport {

/// DNS facts as the probes hand them to checks: what one server said (or why it said nothing).

namespace dns_type {
inline constexpr std::uint16_t a = 1;
inline constexpr std::uint16_t ns = 2;
inline constexpr std::uint16_t cname = 5;
inline constexpr std::uint16_t soa = 6;
inline constexpr std::uint16_t aaaa = 28;
}  // namespace dns_type

namespace dns_rcode {
inline constexpr int noerror = 0;
inline constexpr int servfail = 2;
inline constexpr int nxdomain = 3;
}  // namespace dns_rcode

struct DnsRecord {
  std::string name;  // lower case, no trailing dot
  std::uint16_t type = 0;
  std::uint32_t ttl = 0;
  std::string data;  // an address, a name (lower case, no trailing dot) or a summary
};

enum class DnsRole { authoritative, resolver };

struct DnsServerAnswer {
  std::string server;  // "127.0.0.1:53" or "[::1]:53"
  DnsRole role = DnsRole::resolver;
  std::string failure;  // empty when a reply arrived; otherwise what went wrong
  int rcode = 0;
  bool authoritative_answer = false;  // the AA bit
  std::vector<DnsRecord> answers;
  std::vector<DnsRecord> authority;
  std::chrono::milliseconds elapsed{0};

  bool replied() const noexcept { return failure.empty(); }
};

/// "IP" or "IP:PORT" or "[IPv6]:PORT" (as --resolver, --authoritative and the plan take them)
/// in canonical form with the port, or nullopt when it is not an address.
std::optional<std::string> normalize_dns_server(std::string_view text);

/// A host name as DNS compares it: lower case, without the trailing dot.
std::string canonical_dns_name(std::string_view name);

std::string dns_type_name(std::uint16_t type);
std::string dns_rcode_name(int rcode);
std::string to_string(DnsRole role);

/// The records of the answer section owned by `name` (the first link of a CNAME chain).
std::vector<DnsRecord> records_for(const DnsServerAnswer& answer, const std::string& name);

/// Every address (A and AAAA) at the end of the answer's CNAME chain starting at `name`.
std::vector<std::string> chain_addresses(const DnsServerAnswer& answer, const std::string& name);

/// One line for messages: "127.0.0.1:53 (authoritative)".
std::string describe_server(const DnsServerAnswer& answer);

/// What the server said, for evidence.
nlohmann::json to_json(const DnsServerAnswer& answer);

}  // namespace spaceport
