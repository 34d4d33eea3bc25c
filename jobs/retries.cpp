#include "jobs/retries.hpp"

#include <algorithm>
#include <map>
#include <thread>

#include "core/duration.hpp"
#include "jobs/interruption.hpp"

namespace spaceport {
namespace {

using Clock = std::chrono::steady_clock;

bool not_passing(const Result& r) {
  return r.finding.outcome == Outcome::fail || r.finding.outcome == Outcome::error;
}

/// What a retry records on a result that had failed: its first failure, and when it came to pass.
void record_retry(Result& r, const std::string& first_failure, Clock::time_point started) {
  r.finding.evidence["retry"] = {
      {"attempts", r.attempts},
      {"first_failure", first_failure},
      {"time_to_pass_ms",
       r.finding.outcome == Outcome::pass
           ? nlohmann::json(
                 std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started)
                     .count())
           : nlohmann::json(nullptr)}};
}

}  // namespace

std::chrono::milliseconds next_pause(const std::vector<const Result*>& failing,
                                     std::chrono::milliseconds sleep,
                                     std::chrono::milliseconds left) {
  auto pause = std::min(sleep, left);
  const bool all_wait_on_caches =
      !failing.empty() && std::all_of(failing.begin(), failing.end(), [](const Result* r) {
        return r->finding.settles_within.has_value();
      });
  if (!all_wait_on_caches) {
    return pause;
  }
  std::chrono::seconds longest{0};
  for (const Result* r : failing) {
    longest = std::max(longest, *r->finding.settles_within);
  }
  if (longest.count() > 0) {
    pause = std::min<std::chrono::milliseconds>(pause, longest + std::chrono::seconds(1));
  }
  return pause;
}

void retry_until_passing(Session& session, std::vector<JobRun>& runs, const RetryOptions& options,
                         std::ostream& progress) {
  const auto started = Clock::now();
  const auto deadline = started + options.timeout;
  // The first failure of each (job, subject), for the results that come to pass.
  std::map<std::pair<std::size_t, std::string>, std::string> first_failure;
  for (int attempt = 2;; ++attempt) {
    std::vector<std::size_t> rerun;
    std::vector<const Result*> failing;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      for (const auto& r : runs[i].results) {
        if (not_passing(r)) {
          failing.push_back(&r);
          first_failure.emplace(std::pair(i, r.finding.subject), r.finding.message);
        }
      }
      if (std::any_of(runs[i].results.begin(), runs[i].results.end(), not_passing)) {
        rerun.push_back(i);
      }
    }
    const auto now = Clock::now();
    if (rerun.empty() || now >= deadline) {
      if (!rerun.empty()) {
        progress << "spaceport: --retry-timeout " << format_duration(options.timeout)
                 << " is over; " << failing.size() << " result(s) still not passing\n";
      }
      return;
    }
    const auto pause =
        next_pause(failing, options.sleep,
                   std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
    progress << "spaceport: " << failing.size() << " result(s) of " << rerun.size()
             << " check(s) not passing; attempt " << attempt << " in " << format_duration(pause)
             << '\n'
             << std::flush;
    sleep_unless_interrupted(pause);
    if (interrupted()) {
      return;  // the latest results stand
    }
    session.forget();
    std::vector<Job> jobs;
    for (const std::size_t i : rerun) {
      jobs.push_back(runs[i].job);
    }
    auto fresh = session.run(jobs);
    for (std::size_t k = 0; k < rerun.size(); ++k) {
      JobRun& run = runs[rerun[k]];
      run.attempts += 1;
      run.results = std::move(fresh[k].results);
      for (auto& r : run.results) {
        r.attempts = run.attempts;
        const auto failed = first_failure.find(std::pair(rerun[k], r.finding.subject));
        if (failed != first_failure.end()) {
          record_retry(r, failed->second, started);
        }
      }
    }
  }
}

}  // namespace spaceport
