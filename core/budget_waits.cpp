#include "core/budget_waits.hpp"

namespace spaceport {
namespace {

thread_local std::atomic<long long>* t_counter = nullptr;

}  // namespace

void BudgetWaits::count_into(std::atomic<long long>* milliseconds) noexcept {
  t_counter = milliseconds;
}

void BudgetWaits::add(std::chrono::milliseconds waited) noexcept {
  if (t_counter != nullptr && waited.count() > 0) {
    t_counter->fetch_add(waited.count());
  }
}

}  // namespace spaceport
