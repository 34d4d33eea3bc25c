#pragma once
// Builders of DNS facts for the DNS checks' unit tests.

#include <string>
#include <vector>

#include "core/dns_facts.hpp"

namespace spaceport::test {

inline DnsServerAnswer reply(std::string server, DnsRole role, std::vector<DnsRecord> records,
                             int rcode = dns_rcode::noerror) {
  DnsServerAnswer a;
  a.server = std::move(server);
  a.role = role;
  a.rcode = rcode;
  a.authoritative_answer = role == DnsRole::authoritative;
  a.answers = std::move(records);
  return a;
}

inline DnsServerAnswer silence(std::string server, DnsRole role) {
  DnsServerAnswer a;
  a.server = std::move(server);
  a.role = role;
  a.failure = "no reply within 3000 ms (timed out)";
  return a;
}

inline DnsRecord cname(std::string name, std::string target, std::uint32_t ttl = 60) {
  return DnsRecord{std::move(name), dns_type::cname, ttl, std::move(target)};
}

inline DnsRecord a_record(std::string name, std::string address, std::uint32_t ttl = 60) {
  return DnsRecord{std::move(name), dns_type::a, ttl, std::move(address)};
}

}  // namespace spaceport::test
