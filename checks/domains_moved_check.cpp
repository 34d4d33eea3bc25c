#include "checks/domains_moved_check.hpp"

#include <algorithm>
#include <set>

#include "checks/certificates.hpp"
#include "core/text.hpp"
#include "probes/platform.hpp"

namespace spaceport {

using nlohmann::json;
namespace {

const Domain* custom_domain(const std::vector<Domain>& domains, const std::string& hostname) {
  for (const auto& d : domains) {
    if (d.kind == "custom" && d.hostname == hostname) {
      return &d;
    }
  }
  return nullptr;
}

/// What covers the hostname on the target: ACM, its SNI endpoint, or an SNI endpoint whose names
/// cover it; empty when nothing does.
std::string certificate_of(const Domain& domain, const std::string& hostname,
                           const std::vector<SniEndpoint>& endpoints) {
  if (domain.acm_status == std::optional<std::string>("cert issued")) {
    return "ACM certificate issued";
  }
  if (domain.sni_endpoint) {
    return "SNI endpoint " + *domain.sni_endpoint;
  }
  for (const auto& endpoint : endpoints) {
    for (const auto& name : endpoint.cert_domains) {
      if (certificate_covers(name, hostname)) {
        return "SNI endpoint " + endpoint.name + " (" + name + ")";
      }
    }
  }
  return {};
}

/// The problems of a domain that is on the target: its DNS target's state, its certificate.
void judge_on_target(const Domain& on_target, const std::string& hostname,
                     const std::string& target, const DomainsMovedFacts& facts, Finding& f,
                     std::vector<std::string>& problems, std::string& certificate) {
  f.evidence["cname"] = on_target.cname ? json(*on_target.cname) : json(nullptr);
  f.evidence["status"] = on_target.status;
  f.evidence["acm_status"] = on_target.acm_status ? json(*on_target.acm_status) : json(nullptr);
  if (on_target.status != "succeeded" && on_target.status != "none") {
    problems.push_back("its DNS target is " +
                       (on_target.status.empty() ? std::string("in an unknown state")
                                                 : "\"" + on_target.status + "\"") +
                       ", not succeeded (`heroku domains:wait " + hostname + " -a " + target +
                       "`)");
  }
  certificate = certificate_of(on_target, hostname, facts.target_endpoints);
  if (!certificate.empty()) {
    f.evidence["certificate"] = certificate;
    return;
  }
  std::string acm = on_target.acm_status ? "ACM status is \"" + *on_target.acm_status + "\""
                                         : "ACM has no status for it";
  if (on_target.acm_status_reason) {
    acm += " (" + *on_target.acm_status_reason + ")";
  }
  problems.push_back("no certificate covers it: " + acm +
                     " and no SNI endpoint lists it; check DNS and CAA records, then "
                     "`heroku certs:auto:refresh -a " +
                     target + "`");
}

Finding domain_finding(const Migration& migration, const DomainsMovedFacts& facts,
                       const std::string& hostname) {
  const std::string& source = migration.source.app;
  const std::string& target = migration.target.app;
  Finding f;
  f.subject = hostname;
  std::vector<std::string> problems;
  const Domain* on_target = custom_domain(facts.target, hostname);
  const Domain* on_source = custom_domain(facts.source, hostname);
  f.evidence = {{"on_target", on_target != nullptr}, {"on_source", on_source != nullptr}};
  if (on_source != nullptr) {
    problems.push_back("it is still a domain of \"" + source +
                       "\" (a hostname belongs to one app): `heroku domains:remove " + hostname +
                       " -a " + source + "`");
  }
  std::string certificate;
  if (on_target == nullptr) {
    problems.push_back("it is not a custom domain of \"" + target + "\": `heroku domains:add " +
                       hostname + " -a " + target + "`, then point DNS at the new DNS target");
  } else {
    judge_on_target(*on_target, hostname, target, facts, f, problems, certificate);
  }
  if (problems.empty()) {
    f.outcome = Outcome::pass;
    f.message = hostname + " is on \"" + target + "\", gone from \"" + source +
                "\", DNS target succeeded, " + certificate;
  } else {
    f.outcome = Outcome::fail;
    f.message = hostname + ": " + join(problems, "; ");
  }
  return f;
}

}  // namespace

std::vector<Finding> evaluate_domains_moved(const Migration& migration,
                                            const DomainsMovedFacts& facts) {
  std::vector<std::string> hostnames;
  if (migration.domains) {
    hostnames = *migration.domains;
  } else {
    std::set<std::string> all;
    for (const auto* list : {&facts.source, &facts.target}) {
      for (const auto& d : *list) {
        if (d.kind == "custom") {
          all.insert(d.hostname);
        }
      }
    }
    hostnames.assign(all.begin(), all.end());
  }
  if (hostnames.empty()) {
    return {Finding{migration.target.app,
                    Outcome::skip,
                    "no custom domains on \"" + migration.source.app + "\" or \"" +
                        migration.target.app + "\" and none in the plan: nothing to move",
                    {{"domains", 0}}}};
  }
  std::vector<Finding> findings;
  for (const auto& hostname : hostnames) {
    findings.push_back(domain_finding(migration, facts, hostname));
  }
  return findings;
}

std::vector<Finding> DomainsMovedCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  DomainsMovedFacts facts;
  facts.source = found_or_error(context.platform.domains(app_id(context, m.source, "app.source")),
                                "source app \"" + m.source.app + "\"", "app.source");
  facts.target = found_or_error(context.platform.domains(app_id(context, m.target, "app.target")),
                                "target app \"" + m.target.app + "\"", "app.target");
  facts.target_endpoints = context.platform.sni_endpoints(app_id(context, m.target, "app.target"))
                               .value_or(std::vector<SniEndpoint>{});
  return evaluate_domains_moved(m, facts);
}

}  // namespace spaceport
