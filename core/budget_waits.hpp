#pragma once

#include <atomic>
#include <chrono>

namespace spaceport {

/// Time a check spends waiting for the account's rate budget is not its own: its time limit
/// (jobs/scheduler.cpp) does not count it, or a fleet's run that reaches the reserve would see
/// its checks time out while they wait their turn. The scheduler points each worker thread at
/// its task's counter while it runs the task; the rate budget adds each wait to the counter of
/// the thread that waited.
class BudgetWaits {
 public:
  /// The counter (milliseconds) this thread's waits go to; nullptr: none.
  static void count_into(std::atomic<long long>* milliseconds) noexcept;
  static void add(std::chrono::milliseconds waited) noexcept;
};

}  // namespace spaceport
