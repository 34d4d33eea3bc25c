#include "runner/scheduler.hpp"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "core/duration.hpp"

namespace spaceport {
namespace {

using Clock = std::chrono::steady_clock;

struct Slot {
  enum class State { waiting, running, finished, collected };
  State state = State::waiting;
  Clock::time_point started;
  std::vector<Finding> findings;
  std::string failure;  // what the task threw, when it threw
};

Finding error_finding(const ScheduledTask& task, std::string message) {
  Finding finding;
  finding.subject = task.primary_subject;
  finding.outcome = Outcome::error;
  finding.message = std::move(message);
  return finding;
}

}  // namespace

std::vector<Result> run_tasks(std::vector<ScheduledTask> tasks, int concurrency,
                              std::chrono::milliseconds check_timeout) {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<Slot> slots(tasks.size());
  std::vector<std::vector<Result>> results(tasks.size());
  std::vector<std::thread> threads;

  const auto collect = [&](std::size_t i, std::vector<Finding> findings, Clock::time_point end) {
    const auto duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(end - slots[i].started);
    for (auto& finding : findings) {
      results[i].push_back(Result{tasks[i].migration, tasks[i].phase, tasks[i].check,
                                  std::move(finding), duration, 1});
    }
  };

  std::size_t next = 0;
  std::size_t done = 0;
  std::size_t running = 0;
  std::unique_lock lock(mutex);
  while (done < tasks.size()) {
    while (running < static_cast<std::size_t>(concurrency) && next < tasks.size()) {
      const std::size_t i = next++;
      slots[i].state = Slot::State::running;
      slots[i].started = Clock::now();
      ++running;
      threads.emplace_back([&, i] {
        std::vector<Finding> findings;
        std::string failure;
        try {
          findings = tasks[i].run();
          if (findings.empty()) {
            failure = "the check produced no result (a bug in spaceport: please report it)";
          }
        } catch (const std::exception& e) {
          failure = e.what();
        } catch (...) {
          failure = "unknown exception";
        }
        const std::lock_guard guard(mutex);
        slots[i].findings = std::move(findings);
        slots[i].failure = std::move(failure);
        if (slots[i].state == Slot::State::running) {
          slots[i].state = Slot::State::finished;
        }
        changed.notify_all();
      });
    }

    std::optional<Clock::time_point> earliest_deadline;
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (slots[i].state == Slot::State::running) {
        const auto deadline = slots[i].started + check_timeout;
        if (!earliest_deadline || deadline < *earliest_deadline) {
          earliest_deadline = deadline;
        }
      }
    }
    const auto any_finished = [&] {
      for (const auto& slot : slots) {
        if (slot.state == Slot::State::finished) {
          return true;
        }
      }
      return false;
    };
    if (earliest_deadline) {
      changed.wait_until(lock, *earliest_deadline, any_finished);
    } else {
      changed.wait(lock, any_finished);
    }

    const auto now = Clock::now();
    for (std::size_t i = 0; i < slots.size(); ++i) {
      Slot& slot = slots[i];
      if (slot.state == Slot::State::finished) {
        if (slot.failure.empty()) {
          collect(i, std::move(slot.findings), now);
        } else {
          collect(i, {error_finding(tasks[i], slot.failure)}, now);
        }
      } else if (slot.state == Slot::State::running && now >= slot.started + check_timeout) {
        collect(i,
                {error_finding(tasks[i], "the check did not finish within " +
                                             format_duration(check_timeout) +
                                             "; raise --timeout or look for a hanging server")},
                now);
      } else {
        continue;
      }
      slot.state = Slot::State::collected;
      ++done;
      --running;
    }
  }
  lock.unlock();
  // A timed-out task's thread finishes on its own: every network operation has a timeout.
  for (auto& thread : threads) {
    thread.join();
  }

  std::vector<Result> flat;
  for (auto& group : results) {
    for (auto& result : group) {
      flat.push_back(std::move(result));
    }
  }
  return flat;
}

}  // namespace spaceport
