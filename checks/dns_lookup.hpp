#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checks/check.hpp"

namespace spaceport {

/// Shared by the DNS, TLS and health checks: which hostnames a migration covers and what the
/// servers say about one of them.

/// The plan's `domains`, else every custom domain of the source and the target app (throws, an
/// `error` result, when either app is missing).
std::vector<std::string> migration_hostnames(const CheckContext& context);

/// For the decommission guards: every custom domain of the source and the target app, as the API
/// reports them, and the plan's `domains` besides. The plan may add names, never hide the API's:
/// `"domains": []` must not let a guard pass while the source still has a domain.
std::vector<std::string> guarded_hostnames(const CheckContext& context);

/// The skip of a DNS, TLS or health check when the migration has no custom domains.
Finding no_hostnames(const std::string& subject, std::string_view what);

/// A Finding for a hostname whose DNS could not be asked at all (no resolver, no zone found).
Finding dns_lookup_error(const std::string& hostname, const std::string& why);

/// What every authoritative server and every resolver says about `hostname` (type A; a CNAME
/// comes back in the same answer). Throws std::runtime_error when there is no server to ask.
struct HostnameDns {
  std::vector<DnsServerAnswer> authoritative;
  std::vector<DnsServerAnswer> resolvers;
};
HostnameDns ask_about(const CheckContext& context, const std::string& hostname,
                      bool with_resolvers);

/// The addresses a name resolves to at the migration's resolvers: the first resolver that
/// gives a definite answer decides. `failure` says why there are none.
struct Resolution {
  std::vector<std::string> addresses;
  bool nxdomain = false;
  std::string failure;  // set when no resolver gave a definite answer
};
Resolution resolve(const CheckContext& context, const std::string& name);

/// The verdict when `host` leads to no address to connect to, for the checks that connect
/// (tls.certificate, http.health): NXDOMAIN fails, no definite answer is an error; nullopt when
/// it resolved to an address. `subject` is what the finding is about (the host, or a URL on it).
std::optional<Finding> evaluate_unreachable(const std::string& subject, const std::string& host,
                                            const Resolution& where);

/// Every name that leads to an app's routers, from its domains as the API reports them: its
/// herokuapp.com name, each custom domain's DNS target, and a custom domain that has no DNS
/// target itself (a name pointed at it may lead there). The one derivation dns.target and
/// decommission.dns use for "points at the source"; canonical (docs/identity.md).
std::set<std::string> names_leading_to(const std::vector<Domain>& domains);

/// Evidence listing what each server said.
nlohmann::json servers_evidence(const std::vector<DnsServerAnswer>& authoritative,
                                const std::vector<DnsServerAnswer>& resolvers);

/// The longest TTL among the records the servers gave, or nullopt when they gave none: how long a
/// cache may go on repeating what they said (a finding's settles_within).
std::optional<std::chrono::seconds> longest_ttl(const std::vector<DnsServerAnswer>& authoritative,
                                                const std::vector<DnsServerAnswer>& resolvers);

/// "86397 s (about 24 h)": how long a cached answer has left, for a person.
std::string describe_wait(std::uint32_t seconds);

}  // namespace spaceport
