#include "jobs/scheduler.hpp"

#include <gtest/gtest.h>

#include <latch>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "core/budget_waits.hpp"

namespace spaceport {
namespace scheduler_test {
namespace {

ScheduledTask task(std::string check, std::function<std::vector<Finding>()> run) {
  return ScheduledTask{"m", Phase::preflight, std::move(check), "subject", std::move(run)};
}

std::vector<Finding> passing(std::string subject) {
  return {Finding{std::move(subject), Outcome::pass, "ok", nlohmann::json::object()}};
}

/// Blocks the calling task for `duration`, as a check held by a slow server would.
void held_for(std::chrono::milliseconds duration) {
  std::mutex mutex;
  std::condition_variable never;
  std::unique_lock lock(mutex);
  never.wait_for(lock, duration, [] { return false; });
}

TEST(Scheduler, KeepsTaskOrderAndEveryFinding) {
  std::vector<ScheduledTask> tasks;
  tasks.push_back(task("a.one", [] {
    auto f = passing("x");
    f.push_back(Finding{"y", Outcome::warn, "hmm", {}});
    return f;
  }));
  tasks.push_back(task("b.two", [] { return passing("z"); }));
  const auto groups = run_tasks(std::move(tasks), 4, std::chrono::seconds(30));
  ASSERT_EQ(groups.size(), 2U);
  ASSERT_EQ(groups[0].size(), 2U);
  ASSERT_EQ(groups[1].size(), 1U);
  EXPECT_EQ(groups[0][0].check, "a.one");
  EXPECT_EQ(groups[0][1].finding.outcome, Outcome::warn);
  EXPECT_EQ(groups[1][0].check, "b.two");
  EXPECT_EQ(groups[1][0].attempts, 1);
}

TEST(Scheduler, AThrowingCheckBecomesErrorAndOthersStillRun) {
  std::vector<ScheduledTask> tasks;
  tasks.push_back(task("a.throws", []() -> std::vector<Finding> {
    throw std::runtime_error("GET /apps/x answered 503");
  }));
  tasks.push_back(task("b.fine", [] { return passing("z"); }));
  const auto groups = run_tasks(std::move(tasks), 1, std::chrono::seconds(30));
  ASSERT_EQ(groups.size(), 2U);
  const std::vector<Result> results{groups[0].at(0), groups[1].at(0)};
  EXPECT_EQ(results[0].finding.outcome, Outcome::error);
  EXPECT_EQ(results[0].finding.subject, "subject");
  EXPECT_EQ(results[0].finding.message, "GET /apps/x answered 503");
  EXPECT_EQ(results[1].finding.outcome, Outcome::pass);
}

TEST(Scheduler, AStuckCheckTimesOutAsErrorAndOthersStillRun) {
  // The stuck task blocks fifty times longer than the check timeout, then returns a pass that
  // must be discarded; the other task is unaffected.
  std::vector<ScheduledTask> tasks;
  tasks.push_back(task("a.stuck", [] {
    held_for(std::chrono::seconds(1));
    return passing("late");
  }));
  tasks.push_back(task("b.fine", [] { return passing("z"); }));
  const auto groups = run_tasks(std::move(tasks), 2, std::chrono::milliseconds(20));
  ASSERT_EQ(groups.size(), 2U);
  const std::vector<Result> results{groups[0].at(0), groups[1].at(0)};
  EXPECT_EQ(results[0].finding.outcome, Outcome::error);
  EXPECT_EQ(results[0].finding.subject, "subject");
  EXPECT_NE(results[0].finding.message.find("did not finish within 20ms"), std::string::npos);
  EXPECT_EQ(results[1].finding.outcome, Outcome::pass);
}

TEST(Scheduler, TimeWaitingForTheRateBudgetIsNotCountedAgainstTheLimit) {
  // The task says it waited an hour for the budget (as RateBudget::acquire says), then takes
  // five times its 20 ms limit: its own time is within the limit plus that wait.
  std::vector<ScheduledTask> tasks;
  tasks.push_back(task("a.patient", [] {
    BudgetWaits::add(std::chrono::hours(1));
    held_for(std::chrono::milliseconds(100));
    return passing("on time");
  }));
  tasks.push_back(task("b.stuck", [] {
    held_for(std::chrono::milliseconds(100));
    return passing("late");
  }));
  const auto groups = run_tasks(std::move(tasks), 2, std::chrono::milliseconds(20));
  ASSERT_EQ(groups.size(), 2U);
  EXPECT_EQ(groups[0].at(0).finding.outcome, Outcome::pass) << groups[0].at(0).finding.message;
  EXPECT_EQ(groups[1].at(0).finding.outcome, Outcome::error);  // the limit still holds
}

TEST(Scheduler, WhileTheRunIsHeldByTheRateBudgetNoRunningCheckTimesOut) {
  // A 1,000-migration run at the reserve had checks time out that waited for an answer another
  // check's request was waiting for the budget to send: the hold counts for every check that
  // runs meanwhile, with no counter of its own.
  std::latch both_running(2);
  std::vector<ScheduledTask> tasks;
  tasks.push_back(task("a.sending", [&] {
    both_running.arrive_and_wait();
    BudgetWaits::add_held(std::chrono::hours(1));
    held_for(std::chrono::seconds(1));
    return passing("sent");
  }));
  tasks.push_back(task("b.sharing", [&] {
    both_running.arrive_and_wait();
    held_for(std::chrono::seconds(1));
    return passing("answered");
  }));
  const auto groups = run_tasks(std::move(tasks), 2, std::chrono::milliseconds(300));
  ASSERT_EQ(groups.size(), 2U);
  EXPECT_EQ(groups[0].at(0).finding.outcome, Outcome::pass) << groups[0].at(0).finding.message;
  EXPECT_EQ(groups[1].at(0).finding.outcome, Outcome::pass) << groups[1].at(0).finding.message;
}

TEST(Scheduler, NoMoreThanTheConcurrencyRunAtOnceAndEveryTaskRuns) {
  std::atomic<int> in_flight = 0;
  std::atomic<int> most = 0;
  std::vector<ScheduledTask> tasks;
  for (int i = 0; i < 300; ++i) {
    tasks.push_back(task("t." + std::to_string(i), [&, i] {
      const int now = ++in_flight;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::yield();
      --in_flight;
      return passing(std::to_string(i));
    }));
  }
  const auto groups = run_tasks(std::move(tasks), 3, std::chrono::seconds(30));
  ASSERT_EQ(groups.size(), 300U);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    ASSERT_EQ(groups[i].size(), 1U);
    EXPECT_EQ(groups[i][0].finding.subject, std::to_string(i));
  }
  EXPECT_LE(most.load(), 3);
  EXPECT_GE(most.load(), 1);
}

TEST(Scheduler, AStuckCheckDoesNotHoldUpTheQueueBehindIt) {
  // One worker: the tasks behind the stuck one still run, on a worker that takes its place.
  std::vector<ScheduledTask> tasks;
  tasks.push_back(task("a.stuck", [] {
    held_for(std::chrono::seconds(1));
    return passing("late");
  }));
  for (int i = 0; i < 3; ++i) {
    tasks.push_back(task("b.fine", [] { return passing("z"); }));
  }
  const auto groups = run_tasks(std::move(tasks), 1, std::chrono::milliseconds(20));
  ASSERT_EQ(groups.size(), 4U);
  EXPECT_EQ(groups[0].at(0).finding.outcome, Outcome::error);
  for (std::size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(groups[i].at(0).finding.outcome, Outcome::pass);
  }
}

TEST(Scheduler, EmptyFindingsAreABugReportedAsError) {
  std::vector<ScheduledTask> tasks;
  tasks.push_back(task("a.empty", [] { return std::vector<Finding>{}; }));
  const auto groups = run_tasks(std::move(tasks), 1, std::chrono::seconds(30));
  ASSERT_EQ(groups.size(), 1U);
  ASSERT_EQ(groups[0].size(), 1U);
  EXPECT_EQ(groups[0][0].finding.outcome, Outcome::error);
}

// The stop comes as a token, not from the signal handler's globals: once it is requested no task
// starts, and every task not finished is an `error` that says so.
TEST(Scheduler, AfterAStopNoTaskStartsAndEachIsAnInterruptedError) {
  std::atomic<int> started{0};
  std::vector<ScheduledTask> tasks;
  for (const char* check : {"a.one", "b.two", "c.three"}) {
    tasks.push_back(task(check, [&started] {
      ++started;
      return passing("x");
    }));
  }
  std::stop_source stop;
  stop.request_stop();
  const auto groups = run_tasks(std::move(tasks), 2, std::chrono::seconds(30), stop.get_token());
  EXPECT_EQ(started.load(), 0);
  ASSERT_EQ(groups.size(), 3U);
  for (const auto& group : groups) {
    ASSERT_EQ(group.size(), 1U);
    EXPECT_EQ(group[0].finding.outcome, Outcome::error);
    EXPECT_EQ(group[0].finding.message, "interrupted before this check finished; run it again");
  }
}

// on_done hears of each task outside the scheduler's lock: a slow listener (a terminal's
// progress line) holds up no worker. With one worker, the next task can only start while the
// listener still waits on the first if the listener does not hold the lock the worker needs.
TEST(Scheduler, TheListenerIsCalledOutsideTheLock) {
  std::mutex mutex;
  std::condition_variable changed;
  bool second_started = false;
  bool started_while_listening = false;
  std::vector<ScheduledTask> tasks;
  tasks.push_back(task("a.one", [] { return passing("x"); }));
  tasks.push_back(task("b.two", [&] {
    {
      const std::lock_guard lock(mutex);
      second_started = true;
    }
    changed.notify_all();
    return passing("y");
  }));
  run_tasks(std::move(tasks), 1, std::chrono::minutes(1), {},
            [&](std::size_t index, const std::vector<Result>&) {
              if (index == 0) {
                std::unique_lock lock(mutex);
                started_while_listening = changed.wait_for(lock, std::chrono::seconds(30),
                                                           [&] { return second_started; });
              }
            });
  EXPECT_TRUE(started_while_listening);
}

}  // namespace
}  // namespace scheduler_test
}  // namespace spaceport
