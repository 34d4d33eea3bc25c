#include "checks/dns_ttl_check.hpp"

#include <algorithm>

#include "checks/dns_lookup.hpp"
#include "core/text.hpp"
#include "probes/dns.hpp"

namespace spaceport {
namespace {

std::string describe_records(const std::vector<DnsRecord>& records) {
  std::vector<std::string> parts;
  for (const auto& r : records) {
    parts.push_back(dns_type_name(r.type) + " " + r.data + " TTL " + std::to_string(r.ttl));
  }
  std::sort(parts.begin(), parts.end());
  return parts.empty() ? std::string("no record") : join(parts, ", ");
}

std::uint32_t highest_ttl(const std::vector<DnsRecord>& records) {
  std::uint32_t ttl = 0;
  for (const auto& r : records) {
    ttl = std::max(ttl, r.ttl);
  }
  return ttl;
}

}  // namespace

std::vector<std::string> authoritative_disagreements(const std::vector<DnsServerAnswer>& answers,
                                                     const std::string& hostname) {
  std::vector<std::pair<std::string, std::string>> said;  // server, records
  for (const auto& a : answers) {
    if (a.replied() && a.rcode != dns_rcode::servfail) {
      said.emplace_back(a.server, a.rcode == dns_rcode::noerror
                                      ? describe_records(records_for(a, hostname))
                                      : dns_rcode_name(a.rcode));
    }
  }
  std::vector<std::string> out;
  for (const auto& [server, records] : said) {
    if (records != said.front().second) {
      if (out.empty()) {
        out.push_back(said.front().first + " says " + said.front().second);
      }
      out.push_back(server + " says " + records);
    }
  }
  return out;
}

namespace {

/// What the servers said about the TTL: the failures, what could not be judged, and the highest
/// TTL the authoritative servers serve.
struct TtlSightings {
  std::vector<std::string> failures;
  std::vector<std::string> undecided;
  std::uint32_t authoritative_ttl = 0;
};

/// The judgement every server shares: no answer, NXDOMAIN, another error code. True when the
/// answer has records worth reading.
bool readable(const DnsServerAnswer& a, const std::string& host, TtlSightings& seen) {
  const std::string who = describe_server(a);
  if (!a.replied()) {
    seen.undecided.push_back(who + " did not answer: " + a.failure);
  } else if (a.rcode == dns_rcode::nxdomain && records_for(a, host).empty()) {
    seen.failures.push_back(who + " says the name does not exist (NXDOMAIN)");
  } else if (a.rcode != dns_rcode::noerror && a.rcode != dns_rcode::nxdomain) {
    seen.undecided.push_back(who + " answered " + dns_rcode_name(a.rcode));
  } else {
    return true;
  }
  return false;
}

void judge_authoritative(const DnsServerAnswer& a, const std::string& host, std::uint32_t max_ttl,
                         TtlSightings& seen) {
  const std::string who = describe_server(a);
  if (!readable(a, host, seen)) {
    return;
  }
  if (!a.authoritative_answer) {
    seen.undecided.push_back(who +
                             " answered without authority (AA bit clear): it does not serve "
                             "the zone, so its TTL is a cache's, not the zone's");
    return;
  }
  const auto records = records_for(a, host);
  if (records.empty()) {
    seen.failures.push_back(who + " has no A or CNAME record for it");
    return;
  }
  const std::uint32_t ttl = highest_ttl(records);
  seen.authoritative_ttl = std::max(seen.authoritative_ttl, ttl);
  if (ttl > max_ttl) {
    seen.failures.push_back(who + " serves TTL " + std::to_string(ttl) + " s, above max_ttl " +
                            std::to_string(max_ttl) + " s: lower it to " + std::to_string(max_ttl) +
                            " s a few days before the cutover, so caches forget the old target "
                            "fast");
  }
}

void judge_resolver(const DnsServerAnswer& r, const std::string& host, std::uint32_t max_ttl,
                    TtlSightings& seen) {
  if (!readable(r, host, seen)) {
    return;
  }
  const auto records = records_for(r, host);
  const std::uint32_t remaining = highest_ttl(records);
  if (!records.empty() && remaining > max_ttl) {
    seen.failures.push_back(describe_server(r) + " still caches an answer with " +
                            describe_wait(remaining) +
                            " left: its clients would keep using the old target that long; wait "
                            "until it expires before the cutover");
  }
}

}  // namespace

Finding evaluate_dns_ttl(const DnsTtlFacts& facts) {
  const std::string& host = facts.hostname;
  const auto max_ttl = static_cast<std::uint32_t>(facts.max_ttl);
  TtlSightings seen;
  for (const auto& a : facts.authoritative) {
    judge_authoritative(a, host, max_ttl, seen);
  }
  for (const auto& r : facts.resolvers) {
    judge_resolver(r, host, max_ttl, seen);
  }
  const auto& failures = seen.failures;
  const auto& undecided = seen.undecided;
  const std::uint32_t authoritative_ttl = seen.authoritative_ttl;
  const auto disagreements = authoritative_disagreements(facts.authoritative, host);

  Finding f;
  f.subject = host;
  f.evidence = {{"max_ttl", facts.max_ttl},
                {"servers", servers_evidence(facts.authoritative, facts.resolvers)}};
  f.settles_within = longest_ttl(facts.authoritative, facts.resolvers);
  if (!disagreements.empty()) {
    f.evidence["disagreement"] = disagreements;
  }
  const std::string disagreement_note =
      disagreements.empty() ? std::string()
                            : "; the authoritative servers disagree (" + join(disagreements, "; ") +
                                  "): a secondary may not have loaded the latest zone";
  if (!failures.empty()) {
    f.outcome = Outcome::fail;
    f.message = host + ": " + join(failures, "; ") +
                (undecided.empty() ? std::string() : "; also " + join(undecided, "; ")) +
                disagreement_note;
  } else if (!undecided.empty()) {
    f.outcome = Outcome::error;
    f.message = host + ": cannot tell the TTL: " + join(undecided, "; ") + disagreement_note;
  } else if (facts.authoritative.empty()) {
    f.outcome = Outcome::error;
    f.message = host + ": no authoritative server to ask";
  } else if (!disagreements.empty()) {
    f.outcome = Outcome::warn;
    f.message = host + ": every TTL is within max_ttl " + std::to_string(max_ttl) + " s" +
                disagreement_note;
  } else {
    f.outcome = Outcome::pass;
    f.message = host + ": TTL " + std::to_string(authoritative_ttl) + " s at " +
                std::to_string(facts.authoritative.size()) + " authoritative server(s), within " +
                "max_ttl " + std::to_string(max_ttl) + " s, and no resolver caches longer";
  }
  return f;
}

std::vector<Finding> DnsTtlCheck::run(const CheckContext& context) const {
  const auto hostnames = migration_hostnames(context);
  if (hostnames.empty()) {
    return {no_hostnames(context.migration.source.app, "DNS")};
  }
  std::vector<Finding> findings;
  for (const auto& hostname : hostnames) {
    try {
      const HostnameDns dns = ask_about(context, hostname, true);
      findings.push_back(evaluate_dns_ttl(
          DnsTtlFacts{hostname, context.migration.dns.max_ttl, dns.authoritative, dns.resolvers}));
    } catch (const std::runtime_error& e) {
      findings.push_back(dns_lookup_error(hostname, e.what()));
    }
  }
  return findings;
}

}  // namespace spaceport
