#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/cutover_timeline.hpp"
#include "core/heroku_facts.hpp"
#include "core/plan.hpp"

namespace spaceport {

class Session;

/// What `spaceport cutover` samples, and how: DNS and the health URLs every interval (free of
/// the API's budget), the apps, their domains and the target's databases at the API's pace. It
/// only reads: GET requests and DNS queries.
class CutoverSampler {
 public:
  CutoverSampler(Session& session, const std::vector<Migration>& migrations, int concurrency);

  /// Reads, once, what the samples follow: each migration's hostnames (the plan's domains,
  /// else both apps' custom domains) and the target's Postgres databases; and the names and
  /// addresses that lead to each app. Throws std::runtime_error when an app cannot be read.
  void discover();

  /// Every authoritative server's and resolver's answer for each hostname (old, new, other,
  /// none) and the health URL through each distinct answer; concurrent, at most `concurrency`
  /// hostnames at once.
  std::vector<Observation> sample_network();

  /// Both apps' maintenance mode, the hostnames' state on both apps, the target databases'.
  /// Forgets the previous answers first: each sample reads the API again.
  std::vector<Observation> sample_api();

  /// The Platform and data API requests one sample_api() makes.
  long api_requests_per_sample() const;

  /// How many DNS queries and health requests the last sample_network() made.
  long last_network_queries() const noexcept { return m_network_queries; }

 private:
  struct Subject {
    const Migration* migration;
    std::vector<std::string> hostnames;
    std::vector<std::pair<std::string, std::string>> target_databases;  // add-on id, name
    // What leads to each app: names (CNAME targets) and their addresses. Names are added as
    // the API reports them (a domain moved onto the target gets its DNS target then).
    std::set<std::string> source_names;
    std::set<std::string> target_names;
    bool source_in_maintenance = false;
    bool target_in_maintenance = false;
  };
  std::vector<Observation> sample_subject(Subject& subject, const std::string& hostname);
  /// The addresses of `name` at the resolvers, remembered for the run.
  std::vector<std::string> addresses_of(const Migration& migration, const std::string& name);
  /// Adds the names that lead to each app, from its domains as the API reports them.
  static void learn_names(Subject& subject, const std::vector<Domain>& source,
                          const std::vector<Domain>& target);

  Session& m_session;
  std::vector<Subject> m_subjects;
  int m_concurrency;
  std::mutex m_mutex;  // the caches below, shared by the sampling threads
  std::map<std::string, std::vector<std::string>> m_addresses;
  long m_network_queries = 0;
};

}  // namespace spaceport
