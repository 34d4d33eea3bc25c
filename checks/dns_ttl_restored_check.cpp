#include "checks/dns_ttl_restored_check.hpp"

#include <algorithm>

#include "checks/dns_lookup.hpp"
#include "core/text.hpp"
#include "probes/dns.hpp"

namespace spaceport {

Finding evaluate_dns_ttl_restored(const DnsTtlRestoredFacts& facts) {
  const std::string& host = facts.hostname;
  std::vector<std::string> undecided;
  std::vector<std::string> missing;
  std::optional<std::uint32_t> lowest;
  for (const auto& a : facts.authoritative) {
    const std::string who = describe_server(a);
    if (!a.replied()) {
      undecided.push_back(who + " did not answer: " + a.failure);
    } else if (a.rcode == dns_rcode::nxdomain) {
      missing.push_back(who + " says the name does not exist (NXDOMAIN)");
    } else if (a.rcode != dns_rcode::noerror) {
      undecided.push_back(who + " answered " + dns_rcode_name(a.rcode));
    } else {
      for (const auto& r : records_for(a, host)) {
        lowest = std::min(lowest.value_or(r.ttl), r.ttl);
      }
    }
  }
  Finding f;
  f.subject = host;
  f.evidence = {{"max_ttl", facts.max_ttl}, {"servers", servers_evidence(facts.authoritative, {})}};
  f.settles_within = longest_ttl(facts.authoritative, {});
  if (!missing.empty()) {
    f.outcome = Outcome::fail;
    f.message = host + ": " + join(missing, "; ");
  } else if (!undecided.empty() || !lowest) {
    f.outcome = Outcome::error;
    f.message =
        host + ": cannot tell the TTL: " +
        (undecided.empty() ? std::string("no server gave a record for it") : join(undecided, "; "));
  } else if (*lowest <= static_cast<std::uint32_t>(facts.max_ttl)) {
    f.outcome = Outcome::warn;
    f.message = host + ": TTL is still " + std::to_string(*lowest) +
                " s, the lowered value; now that the move is done, raise it again (for example "
                "to 3600 s) so resolvers stop asking every minute";
  } else {
    f.outcome = Outcome::pass;
    f.message = host + ": TTL is back to " + std::to_string(*lowest) + " s";
  }
  f.evidence["ttl"] = lowest ? nlohmann::json(*lowest) : nlohmann::json(nullptr);
  return f;
}

std::vector<Finding> DnsTtlRestoredCheck::run(const CheckContext& context) const {
  const auto hostnames = migration_hostnames(context);
  if (hostnames.empty()) {
    return {no_hostnames(context.migration.target.app, "DNS")};
  }
  std::vector<Finding> findings;
  for (const auto& hostname : hostnames) {
    try {
      const HostnameDns dns = ask_about(context, hostname, false);
      findings.push_back(evaluate_dns_ttl_restored(
          DnsTtlRestoredFacts{hostname, context.migration.dns.max_ttl, dns.authoritative}));
    } catch (const std::runtime_error& e) {
      findings.push_back(dns_lookup_error(hostname, e.what()));
    }
  }
  return findings;
}

}  // namespace spaceport
