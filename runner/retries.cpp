#include "runner/retries.hpp"

#include <algorithm>
#include <map>
#include <thread>

#include "checks/registry.hpp"
#include "core/duration.hpp"

namespace spaceport {

std::chrono::milliseconds next_pause(const std::vector<const Result*>& failing,
                                     std::chrono::milliseconds sleep,
                                     std::chrono::milliseconds left) {
  auto pause = std::min(sleep, left);
  bool all_dns = !failing.empty();
  std::int64_t longest_ttl = 0;
  for (const Result* r : failing) {
    all_dns = all_dns && r->check.rfind("dns.", 0) == 0;
    const auto servers = r->finding.evidence.find("servers");
    if (servers == r->finding.evidence.end() || !servers->is_array()) {
      continue;
    }
    for (const auto& server : *servers) {
      for (const auto& record : server.value("answers", nlohmann::json::array())) {
        longest_ttl = std::max<std::int64_t>(longest_ttl, record.value("ttl", 0));
      }
    }
  }
  if (all_dns && longest_ttl > 0) {
    pause = std::min(pause, std::chrono::milliseconds((longest_ttl + 1) * 1000));
  }
  return pause;
}

void retry_until_passing(Session& session, const std::vector<Migration>& migrations,
                         std::vector<Result>& results, const RetryOptions& options,
                         std::ostream& progress) {
  using clock = std::chrono::steady_clock;
  const auto started = clock::now();
  const auto deadline = started + options.timeout;
  // The first failure of each (migration, check, subject), for the results that come to pass.
  std::map<std::string, std::string> first_failure;
  const auto key = [](const Result& r) {
    return r.migration + '\n' + r.check + '\n' + r.finding.subject;
  };
  for (int attempt = 2;; ++attempt) {
    std::vector<const Result*> failing;
    std::vector<Job> jobs;
    for (const auto& r : results) {
      if (r.finding.outcome != Outcome::fail && r.finding.outcome != Outcome::error) {
        continue;
      }
      failing.push_back(&r);
      first_failure.emplace(key(r), r.finding.message);
      const Check* check = find_check(r.check);
      const auto migration =
          std::find_if(migrations.begin(), migrations.end(),
                       [&](const Migration& m) { return m.name == r.migration; });
      const bool queued = std::any_of(jobs.begin(), jobs.end(), [&](const Job& j) {
        return j.check == check && j.migration == &*migration;
      });
      if (check != nullptr && migration != migrations.end() && !queued) {
        jobs.push_back(Job{check, r.phase, &*migration});
      }
    }
    const auto now = clock::now();
    if (jobs.empty() || now >= deadline) {
      if (!jobs.empty()) {
        progress << "spaceport: --retry-timeout " << format_duration(options.timeout)
                 << " is over; " << failing.size() << " result(s) still not passing\n";
      }
      return;
    }
    const auto pause =
        next_pause(failing, options.sleep,
                   std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
    progress << "spaceport: " << failing.size() << " result(s) of " << jobs.size()
             << " check(s) not passing; attempt " << attempt << " in " << format_duration(pause)
             << '\n'
             << std::flush;
    std::this_thread::sleep_for(pause);
    session.forget();
    std::vector<Result> fresh = session.run(jobs);
    // Replace every result of the re-run checks; count the attempt on each.
    std::map<std::string, int> attempts;
    for (const auto& r : results) {
      attempts[key(r)] = r.attempts;
    }
    std::vector<Result> kept;
    for (auto& r : results) {
      const bool rerun = std::any_of(jobs.begin(), jobs.end(), [&](const Job& j) {
        return j.migration->name == r.migration && j.check->info().id == r.check;
      });
      if (!rerun) {
        kept.push_back(std::move(r));
      }
    }
    for (auto& r : fresh) {
      const auto before = attempts.find(key(r));
      r.attempts = (before == attempts.end() ? attempt - 1 : before->second) + 1;
      const auto failed = first_failure.find(key(r));
      if (failed != first_failure.end()) {
        r.finding.evidence["retry"] = {
            {"attempts", r.attempts},
            {"first_failure", failed->second},
            {"time_to_pass_ms",
             r.finding.outcome == Outcome::pass
                 ? nlohmann::json(
                       std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started)
                           .count())
                 : nlohmann::json(nullptr)}};
      }
      kept.push_back(std::move(r));
    }
    // Catalogue order, as the reports expect.
    std::stable_sort(kept.begin(), kept.end(), [&](const Result& a, const Result& b) {
      const auto index = [](const Result& r) {
        const auto& all = registered_checks();
        for (std::size_t i = 0; i < all.size(); ++i) {
          if (all[i]->info().id == r.check) {
            return i;
          }
        }
        return all.size();
      };
      const auto ma = std::find_if(migrations.begin(), migrations.end(),
                                   [&](const Migration& m) { return m.name == a.migration; });
      const auto mb = std::find_if(migrations.begin(), migrations.end(),
                                   [&](const Migration& m) { return m.name == b.migration; });
      return std::pair(ma - migrations.begin(), index(a)) <
             std::pair(mb - migrations.begin(), index(b));
    });
    results = std::move(kept);
  }
}

}  // namespace spaceport
