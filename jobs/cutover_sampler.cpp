#include "jobs/cutover_sampler.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "checks/addon_kinds.hpp"
#include "checks/dns_lookup.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "jobs/session.hpp"
#include "probes/platform.hpp"
#include "probes/web_probe.hpp"

namespace spaceport {
namespace {

struct Judged {
  LaneState state = LaneState::none;
  std::string detail;
  std::string next_name;  // the CNAME, when the answer has one
};

/// Where one server's answer for `hostname` leads: the old app, the new one, elsewhere, nowhere.
/// The same reading as dns.target's (the target's names win when a name is both apps').
Judged judge(const DnsServerAnswer& a, const std::string& hostname,
             const std::set<std::string>& target_names, const std::set<std::string>& source_names,
             const std::vector<std::string>& target_addresses,
             const std::vector<std::string>& source_addresses) {
  if (!a.replied()) {
    return {LaneState::none, "no answer: " + a.failure, {}};
  }
  const auto records = records_for(a, hostname);
  if (a.rcode != dns_rcode::noerror && records.empty()) {
    return {LaneState::none, dns_rcode_name(a.rcode), {}};
  }
  for (const auto& r : records) {
    if (r.type == dns_type::cname) {
      if (target_names.count(r.data) != 0) {
        return {LaneState::new_app, "CNAME " + r.data, r.data};
      }
      if (source_names.count(r.data) != 0) {
        return {LaneState::old_app, "CNAME " + r.data, r.data};
      }
      return {LaneState::other, "CNAME " + r.data + " (neither app's)", r.data};
    }
  }
  std::vector<std::string> addresses;
  for (const auto& r : records) {
    if (r.type == dns_type::a || r.type == dns_type::aaaa) {
      addresses.push_back(r.data);
    }
  }
  if (addresses.empty()) {
    return {LaneState::none, "no A or CNAME record", {}};
  }
  const auto all_in = [&](const std::vector<std::string>& list) {
    return !list.empty() && std::all_of(addresses.begin(), addresses.end(), [&](const auto& x) {
      return std::find(list.begin(), list.end(), x) != list.end();
    });
  };
  const std::string listed = "A " + join(addresses, ", ");
  if (all_in(target_addresses)) {
    return {LaneState::new_app, listed, {}};
  }
  if (all_in(source_addresses)) {
    return {LaneState::old_app, listed, {}};
  }
  return {LaneState::other, listed + " (neither app's)", {}};
}

/// What users asking through one server see: the health URL's answer at the address that server
/// gave, on the side (old app, new app) its answer leads to.
Observation health_observation(const Lane& lane, const HealthFacts& h, int expected, LaneState side,
                               bool in_maintenance) {
  if (!h.failure.empty()) {
    return {lane, LaneState::down, "no answer from " + h.address + ": " + h.failure};
  }
  std::string detail = std::to_string(h.status) + " in " + std::to_string(h.elapsed.count()) +
                       " ms from " + h.address;
  if (h.status == expected) {
    const LaneState state = side == LaneState::new_app   ? LaneState::new_app
                            : side == LaneState::old_app ? LaneState::old_app
                                                         : LaneState::other;
    return {lane, state, detail};
  }
  if (h.status == 503 && in_maintenance) {
    return {lane, LaneState::maintenance, detail + " (maintenance mode)"};
  }
  return {lane, LaneState::down, detail};
}

/// Where a hostname is on the apps: the source's (old), the target's with a certificate (new),
/// on its way (pending: on both, or without a certificate yet), or on neither.
Observation domain_observation(const Lane& lane, const std::string& hostname,
                               const std::vector<Domain>& source,
                               const std::vector<Domain>& target) {
  const auto on = [&](const std::vector<Domain>& list) -> const Domain* {
    for (const auto& d : list) {
      if (d.kind == "custom" && canonical_dns_name(d.hostname) == hostname) {
        return &d;
      }
    }
    return nullptr;
  };
  const Domain* s = on(source);
  const Domain* t = on(target);
  if (t != nullptr && s == nullptr) {
    const bool certified =
        t->acm_status == std::optional<std::string>("cert issued") || t->sni_endpoint.has_value();
    return {lane, certified ? LaneState::new_app : LaneState::pending,
            "on the target (" + t->status + ", certificate " +
                t->acm_status.value_or(t->sni_endpoint ? "SNI endpoint" : "none") + ")"};
  }
  if (t != nullptr) {
    return {lane, LaneState::pending, "on both apps"};
  }
  if (s != nullptr) {
    return {lane, LaneState::old_app, "on the source"};
  }
  return {lane, LaneState::none, "on neither app"};
}

/// The target's database: still following the old one (old), promoted (new), or not available.
Observation database_observation(const Lane& lane, const std::optional<Database>& db) {
  if (!db) {
    return {lane, LaneState::none, "the data API has no record (404)"};
  }
  const bool available = db->status == "Available" || db->status == "available";
  if (db->following || db->leader) {
    return {lane, available ? LaneState::old_app : LaneState::pending,
            "following " + db->leader.value_or("its leader") +
                (db->behind_by ? ", " + std::to_string(*db->behind_by) + " commits behind"
                               : std::string())};
  }
  return {lane, available ? LaneState::new_app : LaneState::pending,
          "follows nothing; status " + db->status};
}

/// Runs `work(i)` for i in [0, count) on at most `threads` threads.
template <typename Work>
void for_each_index(std::size_t count, int threads, Work work) {
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      work(i);
    }
  };
  std::vector<std::jthread> pool;
  const auto n = std::min<std::size_t>(count, static_cast<std::size_t>(std::max(threads, 1)));
  for (std::size_t t = 1; t < n; ++t) {
    pool.emplace_back(worker);
  }
  worker();
}

Lane lane_of(const std::string& kind, const Migration& m, const std::string& subject,
             const std::string& via = {}, const std::string& role = {},
             const std::string& url = {}) {
  std::string id = kind + " " + m.name + " " + (url.empty() ? subject : url);
  if (!via.empty()) {
    id += " " + via + " " + role;
  } else if (!role.empty()) {
    id += " " + role;
  }
  return Lane{id, kind, m.name, subject, url, via, role};
}

}  // namespace

CutoverSampler::CutoverSampler(Session& session, const std::vector<Migration>& migrations,
                               int concurrency)
    : m_session(session), m_concurrency(concurrency) {
  for (const auto& m : migrations) {
    m_subjects.push_back(Subject{&m, {}, {}, {}, {}, false, false});
  }
}

void CutoverSampler::learn_names(Subject& subject, const std::vector<Domain>& source,
                                 const std::vector<Domain>& target) {
  const auto source_names = names_leading_to(source);
  const auto target_names = names_leading_to(target);
  subject.source_names.insert(source_names.begin(), source_names.end());
  subject.target_names.insert(target_names.begin(), target_names.end());
  // A hostname is served where its own name leads: it is no DNS target of either app.
  for (const auto& hostname : subject.hostnames) {
    subject.source_names.erase(hostname);
    subject.target_names.erase(hostname);
  }
}

void CutoverSampler::discover() {
  for (auto& subject : m_subjects) {
    const Migration& m = *subject.migration;
    const CheckContext context = m_session.context_for(m);
    subject.hostnames = migration_hostnames(context);
    for (const auto& health : m.health) {
      const auto parts = split_url(health.url);
      if (parts && std::find(subject.hostnames.begin(), subject.hostnames.end(),
                             canonical_dns_name(parts->host)) == subject.hostnames.end()) {
        subject.hostnames.push_back(canonical_dns_name(parts->host));
      }
    }
    const std::string target = app_id(context, m.target, "app.target");
    for (const auto& addon : found_or_error(context.platform.addons(target),
                                            "target app \"" + m.target.app + "\"", "app.target")) {
      if (is_postgres_of(addon, target)) {
        subject.target_databases.emplace_back(addon.id, addon.name);
      }
    }
    const auto source = found_app_id(context, m.source);
    learn_names(subject,
                source ? context.platform.domains(*source).value_or(std::vector<Domain>{})
                       : std::vector<Domain>{},
                context.platform.domains(target).value_or(std::vector<Domain>{}));
  }
}

std::vector<std::string> CutoverSampler::addresses_of(const Migration& migration,
                                                      const std::string& name) {
  {
    const std::lock_guard lock(m_mutex);
    const auto found = m_addresses.find(name);
    if (found != m_addresses.end()) {
      return found->second;
    }
  }
  const auto addresses = resolve(m_session.context_for(migration), name).addresses;
  const std::lock_guard lock(m_mutex);
  m_addresses.emplace(name, addresses);
  return addresses;
}

std::vector<Observation> CutoverSampler::sample_subject(Subject& subject,
                                                        const std::string& hostname) {
  const Migration& m = *subject.migration;
  const CheckContext context = m_session.context_for(m);
  std::vector<Observation> out;
  HostnameDns dns;
  try {
    dns = ask_about(context, hostname, true);
  } catch (const std::runtime_error& e) {
    out.push_back(
        Observation{lane_of("dns", m, hostname, "-", "resolver"), LaneState::none, e.what()});
    return out;
  }
  std::vector<DnsServerAnswer> answers = dns.authoritative;
  answers.insert(answers.end(), dns.resolvers.begin(), dns.resolvers.end());
  // The apps' addresses matter only for an answer of addresses without a CNAME (an apex ALIAS);
  // resolving the apps' names costs queries, and a timeout where one does not resolve.
  const bool addresses_needed = std::any_of(answers.begin(), answers.end(), [&](const auto& a) {
    const auto records = records_for(a, hostname);
    return !records.empty() && std::none_of(records.begin(), records.end(), [](const auto& r) {
      return r.type == dns_type::cname;
    });
  });
  std::vector<std::string> target_addresses;
  std::vector<std::string> source_addresses;
  if (addresses_needed) {
    for (const auto& name : subject.target_names) {
      const auto a = addresses_of(m, name);
      target_addresses.insert(target_addresses.end(), a.begin(), a.end());
    }
    for (const auto& name : subject.source_names) {
      const auto a = addresses_of(m, name);
      source_addresses.insert(source_addresses.end(), a.begin(), a.end());
    }
  }
  std::vector<Judged> judged;
  for (const auto& a : answers) {
    judged.push_back(judge(a, hostname, subject.target_names, subject.source_names,
                           target_addresses, source_addresses));
    out.push_back(Observation{lane_of("dns", m, hostname, a.server, to_string(a.role)),
                              judged.back().state, judged.back().detail});
  }
  long queries = static_cast<long>(answers.size());
  for (const auto& health : m.health) {
    const auto parts = split_url(health.url);
    if (!parts || canonical_dns_name(parts->host) != hostname) {
      continue;
    }
    std::map<std::string, HealthFacts> asked;  // by address: each distinct answer once
    for (std::size_t i = 0; i < answers.size(); ++i) {
      const auto& a = answers[i];
      const Lane lane = lane_of("health", m, hostname, a.server, to_string(a.role), health.url);
      auto addresses = chain_addresses(a, hostname);
      if (addresses.empty() && !judged[i].next_name.empty()) {
        addresses = addresses_of(m, judged[i].next_name);
      }
      if (addresses.empty()) {
        out.push_back(Observation{lane, LaneState::none, "no address from this server"});
        continue;
      }
      const std::string& address = addresses.front();
      auto found = asked.find(address);
      if (found == asked.end()) {
        found = asked.emplace(address, m_session.web().health(health.url, *parts, address)).first;
        ++queries;
      }
      const LaneState side = judged[i].state;
      const bool in_maintenance = (side == LaneState::old_app && subject.source_in_maintenance) ||
                                  (side == LaneState::new_app && subject.target_in_maintenance);
      out.push_back(health_observation(lane, found->second, health.status, side, in_maintenance));
    }
  }
  const std::lock_guard lock(m_mutex);
  m_network_queries += queries;
  return out;
}

std::vector<Observation> CutoverSampler::sample_network() {
  // Every sample asks the servers again: nothing from the previous one is reused.
  m_session.forget();
  m_network_queries = 0;
  std::vector<std::pair<Subject*, std::string>> work;
  for (auto& subject : m_subjects) {
    for (const auto& hostname : subject.hostnames) {
      work.emplace_back(&subject, hostname);
    }
  }
  std::vector<std::vector<Observation>> parts(work.size());
  for_each_index(work.size(), m_concurrency,
                 [&](std::size_t i) { parts[i] = sample_subject(*work[i].first, work[i].second); });
  std::vector<Observation> out;
  for (auto& part : parts) {
    std::move(part.begin(), part.end(), std::back_inserter(out));
  }
  return out;
}

std::vector<Observation> CutoverSampler::sample_api() {
  m_session.forget();
  std::vector<Observation> out;
  for (auto& subject : m_subjects) {
    const Migration& m = *subject.migration;
    const CheckContext context = m_session.context_for(m);
    Platform& platform = context.platform;
    std::string source_id;
    std::string target_id;
    for (const bool source : {true, false}) {
      const AppRef& ref = source ? static_cast<const AppRef&>(m.source) : m.target;
      const Lane lane = lane_of("app", m, ref.app, {}, source ? "source" : "target");
      try {
        const auto app = platform.app(ref.id.empty() ? ref.app : ref.id);
        if (!app) {
          out.push_back(Observation{lane, LaneState::none, "not found (404)"});
          continue;
        }
        (source ? source_id : target_id) = app->id;
        (source ? subject.source_in_maintenance : subject.target_in_maintenance) = app->maintenance;
        const LaneState serving = source ? LaneState::old_app : LaneState::new_app;
        out.push_back(Observation{lane, app->maintenance ? LaneState::maintenance : serving,
                                  app->maintenance ? "maintenance mode on" : "serving"});
      } catch (const std::runtime_error& e) {
        out.push_back(Observation{lane, LaneState::none, e.what()});
      }
    }
    try {
      const auto source_domains = source_id.empty()
                                      ? std::vector<Domain>{}
                                      : platform.domains(source_id).value_or(std::vector<Domain>{});
      const auto target_domains = target_id.empty()
                                      ? std::vector<Domain>{}
                                      : platform.domains(target_id).value_or(std::vector<Domain>{});
      learn_names(subject, source_domains, target_domains);
      for (const auto& hostname : subject.hostnames) {
        out.push_back(domain_observation(lane_of("domain", m, hostname), hostname, source_domains,
                                         target_domains));
      }
    } catch (const std::runtime_error& e) {
      for (const auto& hostname : subject.hostnames) {
        out.push_back(Observation{lane_of("domain", m, hostname), LaneState::none, e.what()});
      }
    }
    for (const auto& [id, name] : subject.target_databases) {
      const Lane lane = lane_of("database", m, name);
      try {
        out.push_back(database_observation(lane, platform.database(id)));
      } catch (const std::runtime_error& e) {
        out.push_back(Observation{lane, LaneState::none, e.what()});
      }
    }
  }
  return out;
}

long CutoverSampler::api_requests_per_sample() const {
  long n = 0;
  for (const auto& subject : m_subjects) {
    n += 4 + static_cast<long>(subject.target_databases.size());  // 2 apps, 2 domain lists
  }
  return n;
}

}  // namespace spaceport
