#include "jobs/scheduler.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

#include "core/budget_waits.hpp"
#include "core/duration.hpp"
#include "jobs/interruption.hpp"

namespace spaceport {
namespace {

using Clock = std::chrono::steady_clock;

struct Slot {
  enum class State { waiting, running, finished, collected };
  State state = State::waiting;
  Clock::time_point started;
  long long held_at_start = 0;  // BudgetWaits::held() when it started
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

/// The findings of a task, or why there are none.
std::pair<std::vector<Finding>, std::string> run_one(const ScheduledTask& task) {
  try {
    auto findings = task.run();
    if (findings.empty()) {
      return {{}, "the check produced no result (a bug in spaceport: please report it)"};
    }
    return {std::move(findings), {}};
  } catch (const std::exception& e) {
    return {{}, e.what()};
  } catch (...) {
    return {{}, "unknown exception"};
  }
}

/// One run of tasks on a pool of `concurrency` worker threads, each taking the next task when it
/// is free; the runner's thread collects each task's findings when it finishes or its time is up.
/// A pool rather than a thread per task: a fleet's run has thousands of tasks, and every thread
/// started costs a stack and, on glibc, may hold on to a malloc arena.
/// Shared with its workers: when a run is interrupted its results are returned while checks
/// still run, and the workers keep it alive until they end.
class TaskRunner : public std::enable_shared_from_this<TaskRunner> {
 public:
  TaskRunner(std::vector<ScheduledTask> tasks, std::chrono::milliseconds check_timeout,
             std::stop_token stop)
      : m_stop(std::move(stop)),
        m_tasks(std::move(tasks)),
        m_timeout(check_timeout),
        m_slots(m_tasks.size()),
        m_waited(m_tasks.size()),
        m_results(m_tasks.size()) {}

  std::vector<std::vector<Result>> run(int concurrency, const TaskDone& on_done) {
    const std::stop_callback wake(m_stop, [this] {
      const std::lock_guard guard(m_mutex);
      m_changed.notify_all();
    });
    std::unique_lock lock(m_mutex);
    const auto workers = std::min(static_cast<std::size_t>(concurrency), m_tasks.size());
    for (std::size_t w = 0; w < workers; ++w) {
      start_worker();
    }
    while (m_done < m_tasks.size() && !m_stop.stop_requested()) {
      wait_for_a_change(lock);
      tell(lock, collect(Clock::now()), on_done);
    }
    if (m_done < m_tasks.size()) {
      tell(lock, abandon_the_rest(), on_done);
      lock.unlock();
      // Checks still in flight finish on their own threads, which hold this runner; the command
      // ends the process once its reports are written.
      for (auto& thread : m_threads) {
        thread.detach();
      }
      return std::move(m_results);
    }
    lock.unlock();
    // A timed-out task's thread finishes on its own: every network operation has a timeout.
    for (auto& thread : m_threads) {
      thread.join();
    }
    return std::move(m_results);
  }

 private:
  void start_worker() {
    m_threads.emplace_back([self = shared_from_this()] { self->work(); });
  }

  /// Tells `on_done` of the tasks just collected, outside the lock: what it does (progress
  /// output) must not hold up the workers.
  void tell(std::unique_lock<std::mutex>& lock, const std::vector<std::size_t>& collected,
            const TaskDone& on_done) {
    if (!on_done || collected.empty()) {
      return;
    }
    lock.unlock();
    for (const std::size_t i : collected) {
      on_done(i, m_results[i]);  // a collected task's results are never written again
    }
    lock.lock();
  }

  /// After a stop was asked for: what finished is filed, everything else is `error`. Returns
  /// the tasks collected.
  std::vector<std::size_t> abandon_the_rest() {
    std::vector<std::size_t> collected = collect(Clock::now());
    const std::string signal = interrupting_signal();
    const std::string message = "interrupted" + (signal.empty() ? "" : " (" + signal + ")") +
                                " before this check finished; run it again";
    const auto now = Clock::now();
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
      if (m_slots[i].state == Slot::State::collected) {
        continue;
      }
      if (m_slots[i].state == Slot::State::waiting) {
        m_slots[i].started = now;
        m_slots[i].held_at_start = BudgetWaits::held();
      }
      file(i, {error_finding(m_tasks[i], message)}, now);
      m_slots[i].state = Slot::State::collected;
      ++m_done;
      collected.push_back(i);
    }
    return collected;
  }

  void work() {
    std::unique_lock lock(m_mutex);
    while (m_next < m_tasks.size() && !m_stop.stop_requested()) {
      const std::size_t i = m_next++;
      m_slots[i].state = Slot::State::running;
      m_slots[i].started = Clock::now();
      m_slots[i].held_at_start = BudgetWaits::held();
      m_running.push_back(i);
      ++m_started;
      m_changed.notify_all();  // the runner's next deadline may be this task's
      lock.unlock();
      BudgetWaits::count_into(&m_waited[i]);
      auto [findings, failure] = run_one(m_tasks[i]);
      BudgetWaits::count_into(nullptr);
      lock.lock();
      if (m_slots[i].state != Slot::State::running) {
        // Its time ran out and a new worker took this one's place: this one bows out, so no
        // more than `concurrency` tasks run at once.
        return;
      }
      m_slots[i].findings = std::move(findings);
      m_slots[i].failure = std::move(failure);
      m_slots[i].state = Slot::State::finished;
      m_finished.push_back(i);
      m_changed.notify_all();
    }
  }

  /// When task i's time is up: its limit after it started, plus what it or the run waited for
  /// the rate budget meanwhile (core/budget_waits.hpp). The runner wakes at the deadline it knew
  /// and looks again.
  Clock::time_point deadline(std::size_t i) const {
    const long long held = BudgetWaits::held() - m_slots[i].held_at_start;
    return m_slots[i].started + m_timeout +
           std::chrono::milliseconds(std::max(m_waited[i].load(), held));
  }

  void wait_for_a_change(std::unique_lock<std::mutex>& lock) {
    std::optional<Clock::time_point> earliest_deadline;
    for (const std::size_t i : m_running) {
      if (!earliest_deadline || deadline(i) < *earliest_deadline) {
        earliest_deadline = deadline(i);
      }
    }
    const auto changed = [this, started = m_started] {
      return !m_finished.empty() || m_started != started || m_stop.stop_requested();
    };
    if (earliest_deadline) {
      m_changed.wait_until(lock, *earliest_deadline, changed);
    } else {
      m_changed.wait(lock, changed);
    }
  }

  /// Files what finished or ran out of time; returns those tasks.
  std::vector<std::size_t> collect(Clock::time_point now) {
    std::vector<std::size_t> ready;
    ready.swap(m_finished);
    for (const std::size_t i : m_running) {
      if (m_slots[i].state == Slot::State::running && now >= deadline(i)) {
        ready.push_back(i);
      }
    }
    for (const std::size_t i : ready) {
      Slot& slot = m_slots[i];
      if (slot.state == Slot::State::finished) {
        file(i,
             slot.failure.empty() ? std::move(slot.findings)
                                  : std::vector<Finding>{error_finding(m_tasks[i], slot.failure)},
             now);
      } else {
        file(i,
             {error_finding(m_tasks[i], "the check did not finish within " +
                                            format_duration(m_timeout) +
                                            "; raise --timeout or look for a hanging server")},
             now);
        if (m_next < m_tasks.size()) {
          start_worker();
        }
      }
      slot.state = Slot::State::collected;
      std::erase(m_running, i);
      ++m_done;
    }
    return ready;
  }

  void file(std::size_t i, std::vector<Finding> findings, Clock::time_point end) {
    const auto duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(end - m_slots[i].started);
    for (auto& finding : findings) {
      m_results[i].push_back(Result{m_tasks[i].migration, m_tasks[i].phase, m_tasks[i].check,
                                    std::move(finding), duration, 1});
    }
  }

  std::stop_token m_stop;
  std::vector<ScheduledTask> m_tasks;
  std::chrono::milliseconds m_timeout;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<Slot> m_slots;
  std::vector<std::atomic<long long>> m_waited;  // each task's wait for the budget, in ms
  std::vector<std::vector<Result>> m_results;
  std::vector<std::size_t> m_running;   // started, not yet collected
  std::vector<std::size_t> m_finished;  // finished, not yet collected
  std::vector<std::thread> m_threads;
  std::size_t m_next = 0;
  std::size_t m_started = 0;
  std::size_t m_done = 0;
};

}  // namespace

std::vector<std::vector<Result>> run_tasks(std::vector<ScheduledTask> tasks, int concurrency,
                                           std::chrono::milliseconds check_timeout,
                                           std::stop_token stop, const TaskDone& on_done) {
  return std::make_shared<TaskRunner>(std::move(tasks), check_timeout, std::move(stop))
      ->run(concurrency, on_done);
}

}  // namespace spaceport
