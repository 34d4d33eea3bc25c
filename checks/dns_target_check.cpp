#include "checks/dns_target_check.hpp"

#include <algorithm>

#include "checks/dns_lookup.hpp"
#include "core/text.hpp"
#include "probes/platform.hpp"

namespace spaceport {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

/// Whether any server answers with addresses (no CNAME) that are not the target's.
bool has_foreign_addresses(const DnsTargetFacts& facts) {
  for (const auto* list : {&facts.authoritative, &facts.resolvers}) {
    for (const auto& a : *list) {
      bool cname = false;
      bool foreign = false;
      for (const auto& r : records_for(a, facts.hostname)) {
        cname = cname || r.type == dns_type::cname;
        foreign = foreign || ((r.type == dns_type::a || r.type == dns_type::aaaa) &&
                              !contains(facts.expected_addresses, r.data));
      }
      if (foreign && !cname) {
        return true;
      }
    }
  }
  return false;
}

/// What the servers said, sorted by what it means for the move.
struct Sightings {
  std::vector<std::string> at_source;  // still the source's DNS target
  std::vector<std::string> elsewhere;  // neither app's
  std::vector<std::string> undecided;  // no answer that can be judged
  std::vector<std::string> kinds;      // how the right answers point: CNAME, ALIAS
};

/// An answer without a CNAME: its addresses against the target's and the source's.
void judge_addresses(const DnsTargetFacts& facts, const std::string& who,
                     const std::vector<DnsRecord>& records, Sightings& seen) {
  const std::string& expected = *facts.expected;
  std::vector<std::string> addresses;
  for (const auto& r : records) {
    if (r.type == dns_type::a || r.type == dns_type::aaaa) {
      addresses.push_back(r.data);
    }
  }
  std::sort(addresses.begin(), addresses.end());
  const auto all_of_list = [&](const std::vector<std::string>& list) {
    return std::all_of(addresses.begin(), addresses.end(),
                       [&](const std::string& x) { return contains(list, x); });
  };
  const auto any_of_list = [&](const std::vector<std::string>& list) {
    return std::any_of(addresses.begin(), addresses.end(),
                       [&](const std::string& x) { return contains(list, x); });
  };
  if (addresses.empty()) {
    seen.elsewhere.push_back(who + " has no A or CNAME record for it");
  } else if (all_of_list(facts.expected_addresses)) {
    seen.kinds.emplace_back("ALIAS");
  } else if (any_of_list(facts.source_addresses)) {
    seen.at_source.push_back(who + " (addresses " + join(addresses, ", ") + ")");
  } else if (facts.expected_addresses.empty()) {
    seen.undecided.push_back(who + " answers addresses " + join(addresses, ", ") + " but " +
                             expected + " did not resolve, so they cannot be compared");
  } else {
    seen.elsewhere.push_back(who + " answers " + join(addresses, ", ") + ", not the addresses of " +
                             expected + " (" + join(facts.expected_addresses, ", ") + ")");
  }
}

void judge_answer(const DnsTargetFacts& facts, const DnsServerAnswer& a, Sightings& seen) {
  const std::string who = describe_server(a);
  if (!a.replied()) {
    seen.undecided.push_back(who + " did not answer: " + a.failure);
    return;
  }
  const auto records = records_for(a, facts.hostname);
  // NXDOMAIN with records for the name: a CNAME whose target does not exist. The CNAME still
  // says where the name points.
  if (a.rcode == dns_rcode::nxdomain && records.empty()) {
    seen.elsewhere.push_back(who + " says the name does not exist (NXDOMAIN)");
    return;
  }
  if (a.rcode != dns_rcode::noerror && a.rcode != dns_rcode::nxdomain) {
    seen.undecided.push_back(who + " answered " + dns_rcode_name(a.rcode));
    return;
  }
  const auto cname = std::find_if(records.begin(), records.end(),
                                  [](const DnsRecord& r) { return r.type == dns_type::cname; });
  if (cname == records.end()) {
    judge_addresses(facts, who, records, seen);
  } else if (cname->data == *facts.expected) {
    seen.kinds.emplace_back("CNAME");
  } else if (facts.source_names.count(cname->data) != 0) {
    seen.at_source.push_back(who + " (CNAME " + cname->data + ")");
  } else {
    seen.elsewhere.push_back(who + " has CNAME " + cname->data + ", a third name");
  }
}

}  // namespace

Finding evaluate_dns_target(const DnsTargetFacts& facts) {
  const std::string& host = facts.hostname;
  Finding f;
  f.subject = host;
  f.evidence = {{"expected", facts.expected ? nlohmann::json(*facts.expected) : nullptr},
                {"expected_addresses", facts.expected_addresses},
                {"servers", servers_evidence(facts.authoritative, facts.resolvers)}};
  f.settles_within = longest_ttl(facts.authoritative, facts.resolvers);
  if (!facts.expected) {
    // Whatever DNS says, the target's routers will not serve a hostname the app does not have.
    f.outcome = Outcome::fail;
    f.message = host +
                " is not a custom domain of the target app, so no DNS answer can reach it there "
                "(see domains.moved)";
    return f;
  }
  const std::string& expected = *facts.expected;
  Sightings seen;
  for (const auto* list : {&facts.authoritative, &facts.resolvers}) {
    for (const auto& a : *list) {
      judge_answer(facts, a, seen);
    }
  }
  std::vector<std::string> problems;
  if (!seen.at_source.empty()) {
    problems.push_back("still pointing at the source app: " + join(seen.at_source, ", "));
  }
  problems.insert(problems.end(), seen.elsewhere.begin(), seen.elsewhere.end());
  const std::string fix =
      "; point it at " + expected + " (CNAME, or ALIAS/ANAME at an apex) at the DNS provider";
  if (!problems.empty()) {
    f.outcome = Outcome::fail;
    f.message = host + ": " + join(problems, "; ") +
                (seen.undecided.empty() ? std::string() : "; also " + join(seen.undecided, "; ")) +
                fix;
  } else if (!seen.undecided.empty()) {
    f.outcome = Outcome::error;
    f.message = host + ": cannot tell where it points: " + join(seen.undecided, "; ");
  } else if (seen.kinds.empty()) {
    f.outcome = Outcome::error;
    f.message = host + ": no DNS server to ask";
  } else {
    std::sort(seen.kinds.begin(), seen.kinds.end());
    seen.kinds.erase(std::unique(seen.kinds.begin(), seen.kinds.end()), seen.kinds.end());
    f.outcome = Outcome::pass;
    f.message = host + " points at " + expected + " at all " +
                std::to_string(facts.authoritative.size() + facts.resolvers.size()) + " servers (" +
                join(seen.kinds, " and ") + ")";
  }
  return f;
}

std::vector<Finding> DnsTargetCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  const auto hostnames = migration_hostnames(context);
  if (hostnames.empty()) {
    return {no_hostnames(m.target.app, "DNS")};
  }
  const auto target_domains =
      found_or_error(context.platform.domains(app_id(context, m.target, "app.target")),
                     "target app \"" + m.target.app + "\"", "app.target");
  // The source may be gone already (postflight after destroy): then nothing leads to it.
  const auto source = found_app_id(context, m.source);
  const auto source_domains =
      source ? context.platform.domains(*source).value_or(std::vector<Domain>{})
             : std::vector<Domain>{};
  std::vector<Finding> findings;
  for (const auto& hostname : hostnames) {
    try {
      DnsTargetFacts facts;
      facts.hostname = hostname;
      for (const auto& d : target_domains) {
        if (d.kind == "custom" && canonical_dns_name(d.hostname) == hostname && d.cname) {
          facts.expected = canonical_dns_name(*d.cname);
        }
      }
      // Any DNS target of the source app leads to the source's routers, which route by Host:
      // pointing at one of them is pointing at the source.
      facts.source_names = names_leading_to(source_domains);
      const HostnameDns dns = ask_about(context, hostname, true);
      facts.authoritative = dns.authoritative;
      facts.resolvers = dns.resolvers;
      if (facts.expected) {
        facts.expected_addresses = resolve(context, *facts.expected).addresses;
      }
      // Only addresses outside the target's need naming; resolving the source's names costs
      // queries (and a timeout where they do not resolve), so it is done only then.
      if (has_foreign_addresses(facts)) {
        for (const auto& name : facts.source_names) {
          const auto addresses = resolve(context, name).addresses;
          facts.source_addresses.insert(facts.source_addresses.end(), addresses.begin(),
                                        addresses.end());
        }
      }
      findings.push_back(evaluate_dns_target(facts));
    } catch (const std::runtime_error& e) {
      findings.push_back(dns_lookup_error(hostname, e.what()));
    }
  }
  return findings;
}

}  // namespace spaceport
