#include "checks/decommission_dns_check.hpp"

#include <algorithm>

#include "checks/dns_lookup.hpp"
#include "checks/source_addons.hpp"
#include "core/text.hpp"
#include "probes/dns.hpp"
#include "probes/platform.hpp"

namespace spaceport {

Finding evaluate_decommission_dns(const std::string& hostname,
                                  const std::vector<std::string>& source_names,
                                  const std::vector<DnsServerAnswer>& answers) {
  Finding f;
  f.subject = hostname;
  f.evidence = {{"servers", servers_evidence({}, answers)}, {"source_names", source_names}};
  f.settles_within = longest_ttl({}, answers);
  std::vector<std::string> at_source;
  std::vector<std::string> undecided;
  for (const auto& a : answers) {
    if (!a.replied() || (a.rcode != dns_rcode::noerror && a.rcode != dns_rcode::nxdomain)) {
      undecided.push_back(describe_server(a) + ": " +
                          (a.replied() ? dns_rcode_name(a.rcode) : a.failure));
      continue;
    }
    for (const auto& r : a.answers) {
      if (r.type == dns_type::cname &&
          std::find(source_names.begin(), source_names.end(), r.data) != source_names.end()) {
        at_source.push_back(describe_server(a) + " (CNAME " + r.data + ")");
      }
    }
  }
  if (!at_source.empty()) {
    f.outcome = Outcome::fail;
    f.message = hostname + " still resolves to the source's DNS target at " +
                join(at_source, ", ") + ": destroying the source would take it offline";
  } else if (!undecided.empty()) {
    f.outcome = Outcome::error;
    f.message = hostname + ": cannot tell where it resolves: " + join(undecided, "; ");
  } else {
    f.outcome = Outcome::pass;
    f.message = hostname + " does not resolve to the source";
  }
  return f;
}

std::vector<Finding> DecommissionDnsCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  const auto hostnames = guarded_hostnames(context);
  if (hostnames.empty()) {
    return {nothing_to_keep(m,
                            "no custom domains on either app (as the API reports them) and "
                            "none added by the plan")};
  }
  const auto leading = names_leading_to(
      found_or_error(context.platform.domains(app_id(context, m.source, "app.source")),
                     "source app \"" + m.source.app + "\"", "app.source"));
  const std::vector<std::string> source_names(leading.begin(), leading.end());
  std::vector<Finding> findings;
  for (const auto& hostname : hostnames) {
    try {
      findings.push_back(evaluate_decommission_dns(
          hostname, source_names,
          context.dns.ask_all(context.dns.resolvers(m), DnsRole::resolver, hostname, dns_type::a)));
    } catch (const std::runtime_error& e) {
      findings.push_back(dns_lookup_error(hostname, e.what()));
    }
  }
  return findings;
}

}  // namespace spaceport
