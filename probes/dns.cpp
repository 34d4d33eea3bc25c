#include "probes/dns.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/text.hpp"

namespace spaceport {

Dns::Dns(DnsClient& client, DnsServers overrides)
    : m_client(client), m_overrides(std::move(overrides)) {}

std::vector<std::string> Dns::resolvers(const Migration& migration) const {
  if (!m_overrides.resolvers.empty()) {
    return m_overrides.resolvers;
  }
  if (!migration.dns.resolvers.empty()) {
    return migration.dns.resolvers;
  }
  auto system = DnsClient::system_resolvers();
  if (system.empty()) {
    throw std::runtime_error(
        "no DNS resolver to ask: /etc/resolv.conf names none; give --resolver IP or "
        "\"dns\": {\"resolvers\": [...]} in the plan");
  }
  return system;
}

std::vector<std::string> Dns::authoritative(const std::string& name,
                                            const std::vector<std::string>& resolvers) {
  if (!m_overrides.authoritative.empty()) {
    return m_overrides.authoritative;
  }
  std::vector<std::string> asked;
  std::string candidate = canonical_dns_name(name);
  // Walk up from the name to the closest enclosing zone: the first name with NS records.
  while (candidate.find('.') != std::string::npos) {
    for (const auto& resolver : resolvers) {
      const DnsServerAnswer answer = m_client.ask(resolver, candidate, dns_type::ns, true).get();
      asked.push_back(
          "NS " + candidate + " at " + resolver +
          (answer.replied() ? ": " + dns_rcode_name(answer.rcode) : ": " + answer.failure));
      if (!answer.replied() || answer.rcode == dns_rcode::servfail) {
        continue;  // another resolver may answer
      }
      std::set<std::string> hosts;
      for (const auto& record : records_for(answer, candidate)) {
        if (record.type == dns_type::ns) {
          hosts.insert(record.data);
        }
      }
      if (hosts.empty()) {
        break;  // a definite answer: no zone cut here, look at the parent
      }
      std::set<std::string> servers;
      for (const auto& host : hosts) {
        for (const auto& r : resolvers) {
          const DnsServerAnswer a = m_client.ask(r, host, dns_type::a, true).get();
          if (!a.replied() || a.rcode != dns_rcode::noerror) {
            continue;
          }
          for (const auto& address : chain_addresses(a, host)) {
            servers.insert(*normalize_dns_server(address));
          }
          break;
        }
      }
      if (servers.empty()) {
        throw std::runtime_error("the zone " + candidate + " is served by " +
                                 join(std::vector<std::string>(hosts.begin(), hosts.end()), ", ") +
                                 " but none of those names resolves to an IPv4 address; give "
                                 "--authoritative IP to ask the servers directly");
      }
      return {servers.begin(), servers.end()};
    }
    candidate = candidate.substr(candidate.find('.') + 1);
  }
  throw std::runtime_error("could not find the authoritative servers of " + name + " (asked " +
                           join(asked, "; ") + "); give --authoritative IP");
}

std::vector<DnsServerAnswer> Dns::ask_all(const std::vector<std::string>& servers, DnsRole role,
                                          const std::string& name, std::uint16_t type) {
  std::vector<std::shared_future<DnsServerAnswer>> futures;
  futures.reserve(servers.size());
  for (const auto& server : servers) {
    futures.push_back(m_client.ask(server, name, type, role == DnsRole::resolver));
  }
  std::vector<DnsServerAnswer> out;
  out.reserve(futures.size());
  for (auto& future : futures) {
    DnsServerAnswer answer = future.get();
    answer.role = role;
    out.push_back(std::move(answer));
  }
  return out;
}

}  // namespace spaceport
