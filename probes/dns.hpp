#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/dns_facts.hpp"
#include "core/plan.hpp"
#include "probes/dns_client.hpp"

namespace spaceport {

/// Which servers to ask, from the command line; empty lists mean "the default".
struct DnsServers {
  std::vector<std::string> resolvers;      // --resolver, normalized
  std::vector<std::string> authoritative;  // --authoritative, normalized
};

/// Who to ask and what they said, for the DNS checks.
class Dns {
 public:
  Dns(DnsClient& client, DnsServers overrides);

  /// --resolver, else the plan's `dns.resolvers`, else the system's. Throws when there are none.
  std::vector<std::string> resolvers(const Migration& migration) const;

  /// --authoritative, else the servers the zone holding `name` delegates to, found through NS
  /// records asked of the resolvers. Throws saying what was asked when discovery fails.
  std::vector<std::string> authoritative(const std::string& name,
                                         const std::vector<std::string>& resolvers);

  /// Asks every server concurrently (authoritative servers without recursion) and waits for all.
  std::vector<DnsServerAnswer> ask_all(const std::vector<std::string>& servers, DnsRole role,
                                       const std::string& name, std::uint16_t type);

 private:
  DnsClient& m_client;
  DnsServers m_overrides;
};

}  // namespace spaceport
