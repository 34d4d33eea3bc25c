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

/// One run of tasks: threads started up to the concurrency, each task's findings collected when
/// it finishes or its time is up, under one mutex.
class TaskRunner {
 public:
  TaskRunner(std::vector<ScheduledTask> tasks, int concurrency,
             std::chrono::milliseconds check_timeout, const TaskDone& on_done)
      : m_on_done(on_done),
        m_tasks(std::move(tasks)),
        m_concurrency(static_cast<std::size_t>(concurrency)),
        m_timeout(check_timeout),
        m_slots(m_tasks.size()),
        m_results(m_tasks.size()) {}

  std::vector<std::vector<Result>> run() {
    std::unique_lock lock(m_mutex);
    while (m_done < m_tasks.size()) {
      start_more();
      wait_for_a_change(lock);
      collect(Clock::now());
    }
    lock.unlock();
    // A timed-out task's thread finishes on its own: every network operation has a timeout.
    for (auto& thread : m_threads) {
      if (thread.joinable()) {
        thread.join();
      }
    }
    return std::move(m_results);
  }

 private:
  void start_more() {
    while (m_running < m_concurrency && m_next < m_tasks.size()) {
      const std::size_t i = m_next++;
      m_slots[i].state = Slot::State::running;
      m_slots[i].started = Clock::now();
      ++m_running;
      m_threads.emplace_back([this, i] {
        auto [findings, failure] = run_one(m_tasks[i]);
        const std::lock_guard guard(m_mutex);
        m_slots[i].findings = std::move(findings);
        m_slots[i].failure = std::move(failure);
        if (m_slots[i].state == Slot::State::running) {
          m_slots[i].state = Slot::State::finished;
        }
        m_changed.notify_all();
      });
    }
  }

  void wait_for_a_change(std::unique_lock<std::mutex>& lock) {
    std::optional<Clock::time_point> earliest_deadline;
    for (const auto& slot : m_slots) {
      if (slot.state == Slot::State::running &&
          (!earliest_deadline || slot.started + m_timeout < *earliest_deadline)) {
        earliest_deadline = slot.started + m_timeout;
      }
    }
    const auto any_finished = [this] {
      for (const auto& slot : m_slots) {
        if (slot.state == Slot::State::finished) {
          return true;
        }
      }
      return false;
    };
    if (earliest_deadline) {
      m_changed.wait_until(lock, *earliest_deadline, any_finished);
    } else {
      m_changed.wait(lock, any_finished);
    }
  }

  void collect(Clock::time_point now) {
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
      Slot& slot = m_slots[i];
      if (slot.state == Slot::State::finished) {
        // A finished thread is joined at once: one left unjoined keeps its stack until the end,
        // and a fleet's run starts thousands of them.
        m_threads[i].join();
        file(i,
             slot.failure.empty() ? std::move(slot.findings)
                                  : std::vector<Finding>{error_finding(m_tasks[i], slot.failure)},
             now);
      } else if (slot.state == Slot::State::running && now >= slot.started + m_timeout) {
        file(i,
             {error_finding(m_tasks[i], "the check did not finish within " +
                                            format_duration(m_timeout) +
                                            "; raise --timeout or look for a hanging server")},
             now);
      } else {
        continue;
      }
      slot.state = Slot::State::collected;
      ++m_done;
      --m_running;
      if (m_on_done) {
        m_on_done(i, m_results[i]);
      }
    }
  }

  void file(std::size_t i, std::vector<Finding> findings, Clock::time_point end) {
    const auto duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(end - m_slots[i].started);
    for (auto& finding : findings) {
      m_results[i].push_back(Result{m_tasks[i].migration, m_tasks[i].phase, m_tasks[i].check,
                                    std::move(finding), duration, 1});
    }
  }

  const TaskDone& m_on_done;
  std::vector<ScheduledTask> m_tasks;
  std::size_t m_concurrency;
  std::chrono::milliseconds m_timeout;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<Slot> m_slots;
  std::vector<std::vector<Result>> m_results;
  std::vector<std::thread> m_threads;
  std::size_t m_next = 0;
  std::size_t m_done = 0;
  std::size_t m_running = 0;
};

}  // namespace

std::vector<std::vector<Result>> run_tasks(std::vector<ScheduledTask> tasks, int concurrency,
                                           std::chrono::milliseconds check_timeout,
                                           const TaskDone& on_done) {
  return TaskRunner(std::move(tasks), concurrency, check_timeout, on_done).run();
}

}  // namespace spaceport
