#include "checks/http_health_check.hpp"

#include "checks/dns_lookup.hpp"
#include "probes/web_probe.hpp"

namespace spaceport {

Finding evaluate_http_health(const Migration::Health& health, const HealthFacts& facts) {
  Finding f;
  f.subject = health.url;
  f.evidence = {
      {"address", facts.address},
      {"expected_status", health.status},
      {"status", facts.status == 0 ? nlohmann::json(nullptr) : nlohmann::json(facts.status)},
      {"elapsed_ms", facts.elapsed.count()}};
  if (!facts.failure.empty()) {
    f.outcome = Outcome::fail;
    f.message = health.url + ": no HTTP answer from " + facts.address + ": " + facts.failure;
  } else if (facts.status != health.status) {
    f.outcome = Outcome::fail;
    f.message = health.url + " answered " + std::to_string(facts.status) + " from " +
                facts.address + ", expected " + std::to_string(health.status);
  } else {
    f.outcome = Outcome::pass;
    f.message = health.url + " answered " + std::to_string(facts.status) + " in " +
                std::to_string(facts.elapsed.count()) + " ms";
  }
  return f;
}

std::vector<Finding> HttpHealthCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  if (m.health.empty()) {
    return {Finding{m.target.app, Outcome::skip,
                    "the plan lists no health URLs (\"health\": [{\"url\": ..., \"status\": 200}])",
                    nlohmann::json::object()}};
  }
  std::vector<Finding> findings;
  for (const auto& health : m.health) {
    const auto parts = split_url(health.url);
    if (!parts) {
      findings.push_back(Finding{health.url, Outcome::error,
                                 health.url + " is not an http or https URL with a host",
                                 nlohmann::json::object()});
      continue;
    }
    try {
      std::string address = parts->host;
      if (parts->host.find_first_not_of("0123456789.") != std::string::npos &&
          parts->host.find(':') == std::string::npos) {
        const Resolution where = resolve(context, parts->host);
        if (auto unreachable = evaluate_unreachable(health.url, parts->host, where)) {
          findings.push_back(std::move(*unreachable));
          continue;
        }
        address = where.addresses.front();
      }
      findings.push_back(
          evaluate_http_health(health, context.web.health(health.url, *parts, address)));
    } catch (const std::runtime_error& e) {
      findings.push_back(dns_lookup_error(health.url, e.what()));
    }
  }
  return findings;
}

}  // namespace spaceport
