#include "checks/dns_lookup.hpp"

#include <set>

#include "core/text.hpp"
#include "probes/dns.hpp"
#include "probes/platform.hpp"

namespace spaceport {

namespace {

std::set<std::string> custom_domains_of_apps(const CheckContext& context) {
  const Migration& m = context.migration;
  std::set<std::string> all;
  // A missing app cannot say which domains it has: the check cannot decide (error), which beats
  // a skip for "no domains" that would hide the domains the app really has.
  for (const auto& [app, see] : {std::pair<const AppRef&, const char*>{m.source, "app.source"},
                                 std::pair<const AppRef&, const char*>{m.target, "app.target"}}) {
    for (const auto& d : found_or_error(context.platform.domains(app_id(context, app, see)),
                                        "app \"" + app.app + "\"", see)) {
      if (d.kind == "custom") {
        all.insert(canonical_dns_name(d.hostname));
      }
    }
  }
  return all;
}

}  // namespace

std::vector<std::string> migration_hostnames(const CheckContext& context) {
  if (context.migration.domains) {
    return *context.migration.domains;
  }
  const auto all = custom_domains_of_apps(context);
  return {all.begin(), all.end()};
}

std::vector<std::string> guarded_hostnames(const CheckContext& context) {
  auto all = custom_domains_of_apps(context);
  for (const auto& name : context.migration.domains.value_or(std::vector<std::string>{})) {
    all.insert(canonical_dns_name(name));
  }
  return {all.begin(), all.end()};
}

Finding no_hostnames(const std::string& subject, std::string_view what) {
  return Finding{
      subject, Outcome::skip,
      "no custom domains on the apps and none in the plan: no " + std::string(what) + " to check",
      nlohmann::json::object()};
}

Finding dns_lookup_error(const std::string& hostname, const std::string& why) {
  return Finding{hostname, Outcome::error, hostname + ": " + why, nlohmann::json::object()};
}

HostnameDns ask_about(const CheckContext& context, const std::string& hostname,
                      bool with_resolvers) {
  const auto resolvers = context.dns.resolvers(context.migration);
  HostnameDns out;
  out.authoritative = context.dns.ask_all(context.dns.authoritative(hostname, resolvers),
                                          DnsRole::authoritative, hostname, dns_type::a);
  if (with_resolvers) {
    out.resolvers = context.dns.ask_all(resolvers, DnsRole::resolver, hostname, dns_type::a);
  }
  return out;
}

Resolution resolve(const CheckContext& context, const std::string& name) {
  Resolution out;
  std::vector<std::string> tried;
  for (auto& answer : context.dns.ask_all(context.dns.resolvers(context.migration),
                                          DnsRole::resolver, name, dns_type::a)) {
    if (!answer.replied()) {
      tried.push_back(answer.server + ": " + answer.failure);
    } else if (answer.rcode == dns_rcode::nxdomain) {
      out.nxdomain = true;
      return out;
    } else if (answer.rcode != dns_rcode::noerror) {
      tried.push_back(answer.server + ": " + dns_rcode_name(answer.rcode));
    } else {
      out.addresses = chain_addresses(answer, canonical_dns_name(name));
      return out;
    }
  }
  out.failure = "no resolver answered for " + name + " (" + join(tried, "; ") + ")";
  return out;
}

std::optional<Finding> evaluate_unreachable(const std::string& subject, const std::string& host,
                                            const Resolution& where) {
  const std::string prefix = subject == host ? std::string() : subject + ": ";
  if (where.nxdomain) {
    return Finding{subject, Outcome::fail,
                   prefix + host + " does not resolve (NXDOMAIN): nothing to connect to",
                   nlohmann::json::object()};
  }
  if (where.addresses.empty()) {
    // dns_lookup_error puts the subject first.
    return dns_lookup_error(
        subject, where.failure.empty() ? (subject == host ? "it" : host) + " resolves to no address"
                                       : where.failure);
  }
  return std::nullopt;
}

std::set<std::string> names_leading_to(const std::vector<Domain>& domains) {
  std::set<std::string> names;
  for (const auto& d : domains) {
    names.insert(canonical_dns_name(d.kind == "custom" && d.cname ? *d.cname : d.hostname));
  }
  return names;
}

nlohmann::json servers_evidence(const std::vector<DnsServerAnswer>& authoritative,
                                const std::vector<DnsServerAnswer>& resolvers) {
  nlohmann::json servers = nlohmann::json::array();
  for (const auto* list : {&authoritative, &resolvers}) {
    for (const auto& answer : *list) {
      servers.push_back(to_json(answer));
    }
  }
  return servers;
}

std::optional<std::chrono::seconds> longest_ttl(const std::vector<DnsServerAnswer>& authoritative,
                                                const std::vector<DnsServerAnswer>& resolvers) {
  std::optional<std::chrono::seconds> longest;
  for (const auto* list : {&authoritative, &resolvers}) {
    for (const auto& answer : *list) {
      for (const auto& record : answer.answers) {
        longest =
            std::max(longest.value_or(std::chrono::seconds(0)), std::chrono::seconds(record.ttl));
      }
    }
  }
  return longest;
}

std::string describe_wait(std::uint32_t seconds) {
  std::string text = std::to_string(seconds) + " s";
  if (seconds >= 7200) {
    text += " (about " + std::to_string((seconds + 1800) / 3600) + " h)";
  } else if (seconds >= 120) {
    text += " (about " + std::to_string((seconds + 30) / 60) + " min)";
  }
  return text;
}

}  // namespace spaceport
