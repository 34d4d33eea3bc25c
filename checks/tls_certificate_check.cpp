#include "checks/tls_certificate_check.hpp"

#include <algorithm>

#include "checks/certificates.hpp"
#include "checks/dns_lookup.hpp"
#include "core/duration.hpp"
#include "core/text.hpp"
#include "probes/web_probe.hpp"

namespace spaceport {
namespace {

nlohmann::json certificate_evidence(const CertificateSummary& c) {
  return {{"subject", c.subject},
          {"issuer", c.issuer},
          {"dns_names", c.dns_names},
          {"not_after", c.not_after ? nlohmann::json(format_rfc3339(*c.not_after))
                                    : nlohmann::json(c.not_after_text)}};
}

bool covers(const CertificateSummary& c, const std::string& host) {
  return std::any_of(c.dns_names.begin(), c.dns_names.end(),
                     [&](const std::string& name) { return certificate_covers(name, host); });
}

}  // namespace

Finding evaluate_tls_certificate(const TlsFacts& facts, std::chrono::system_clock::time_point now) {
  const std::string& host = facts.host;
  Finding f;
  f.subject = host;
  f.evidence = {{"address", facts.address}, {"verified", facts.verified}};
  if (facts.certificate) {
    f.evidence["certificate"] = certificate_evidence(*facts.certificate);
  }
  if (!facts.connect_failure.empty()) {
    f.outcome = Outcome::fail;
    f.message = host + ": no TLS handshake at " + facts.address + ": " + facts.connect_failure;
    return f;
  }
  const auto& c = facts.certificate;
  if (!facts.verified) {
    f.evidence["verify_failure"] = facts.verify_failure;
    f.outcome = Outcome::fail;
    if (c && c->not_after && *c->not_after <= now) {
      f.message = host + ": the certificate at " + facts.address + " expired on " +
                  format_rfc3339(*c->not_after) +
                  "; renew it (ACM: `heroku certs:auto:refresh`; otherwise upload a new one)";
    } else if (c && !covers(*c, host)) {
      f.message = host + ": the certificate at " + facts.address + " does not cover the name (" +
                  (c->dns_names.empty() ? std::string("it lists no DNS names")
                                        : "it is for " + join(c->dns_names, ", ")) +
                  "); add the domain to the certificate or turn on ACM for the target app";
    } else {
      f.message = host + ": the certificate chain at " + facts.address + " is not trusted (" +
                  facts.verify_failure + (c ? "; issuer " + c->issuer : std::string()) +
                  "); for a private CA pass --ca-file";
    }
    return f;
  }
  if (!c || !c->not_after) {
    f.outcome = Outcome::error;
    f.message = host + ": the handshake verified but the certificate's expiry could not be read" +
                (c ? " (\"" + c->not_after_text + "\")" : std::string());
    return f;
  }
  const auto days =
      std::chrono::duration_cast<std::chrono::hours>(*c->not_after - now).count() / 24;
  f.evidence["days_left"] = days;
  if (days < k_min_certificate_days) {
    f.outcome = Outcome::fail;
    f.message = host + ": the certificate expires in " + std::to_string(days) + " days (" +
                format_rfc3339(*c->not_after) + "), under " +
                std::to_string(k_min_certificate_days) +
                "; renewal is not happening: check `heroku certs:auto` on the target app";
    return f;
  }
  f.outcome = Outcome::pass;
  f.message = host + ": trusted certificate covering the name, issued by " + c->issuer +
              ", good for " + std::to_string(days) + " more days";
  return f;
}

std::vector<Finding> TlsCertificateCheck::run(const CheckContext& context) const {
  const auto hostnames = migration_hostnames(context);
  if (hostnames.empty()) {
    return {no_hostnames(context.migration.target.app, "certificate")};
  }
  std::vector<Finding> findings;
  for (const auto& hostname : hostnames) {
    if (hostname.rfind("*.", 0) == 0) {
      findings.push_back(Finding{hostname, Outcome::skip,
                                 hostname + ": a wildcard cannot be sent as SNI; list concrete "
                                            "hostnames under it in the plan's \"domains\"",
                                 nlohmann::json::object()});
      continue;
    }
    try {
      const Resolution where = resolve(context, hostname);
      if (auto unreachable = evaluate_unreachable(hostname, hostname, where)) {
        findings.push_back(std::move(*unreachable));
      } else {
        findings.push_back(evaluate_tls_certificate(
            context.web.tls(hostname, where.addresses.front()), context.now));
      }
    } catch (const std::runtime_error& e) {
      findings.push_back(dns_lookup_error(hostname, e.what()));
    }
  }
  return findings;
}

}  // namespace spaceport
