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

  /// While the pool is at its reserve the whole run is held, not only the checks whose requests
  /// wait: a check waiting for an answer another check's request is to bring (a shared GET)
  /// waits for the budget too, on no counter of its own. The rate budget adds each of its waits
  /// here as it begins it; the scheduler does not count what was added while a task ran.
  static void add_held(std::chrono::milliseconds held) noexcept;
  /// Everything add_held was given so far, in milliseconds.
  static long long held() noexcept;
};

}  // namespace spaceport
