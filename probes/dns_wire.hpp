#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/dns_facts.hpp"

namespace spaceport {

/// A DNS message as read off the wire (RFC 1035 §4). c-ares 1.18 has no parser that keeps the
/// TTLs of CNAME records, so spaceport reads replies itself; every read is bounds-checked.
struct DnsMessage {
  std::uint16_t id = 0;
  bool authoritative = false;
  bool truncated = false;
  int rcode = 0;
  std::vector<DnsRecord> answers;
  std::vector<DnsRecord> authority;
};

/// A reply that is not a well-formed DNS message.
class DnsWireError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A query for one name and type. Throws std::invalid_argument for a name DNS cannot carry
/// (an empty label, a label over 63 bytes, a name over 253 characters).
std::vector<unsigned char> encode_dns_query(std::string_view name, std::uint16_t type,
                                            bool recursion_desired);

/// Reads a whole message; throws DnsWireError saying what is wrong and at which offset.
DnsMessage parse_dns_message(std::span<const unsigned char> message);

}  // namespace spaceport
