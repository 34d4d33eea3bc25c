#include "core/budget_waits.hpp"

namespace spaceport {
namespace {

thread_local std::atomic<long long>* t_counter = nullptr;
std::atomic<long long> g_held{0};

}  // namespace

void BudgetWaits::count_into(std::atomic<long long>* milliseconds) noexcept {
  t_counter = milliseconds;
}

void BudgetWaits::add(std::chrono::milliseconds waited) noexcept {
  if (t_counter != nullptr && waited.count() > 0) {
    t_counter->fetch_add(waited.count());
  }
}

void BudgetWaits::add_held(std::chrono::milliseconds held) noexcept {
  if (held.count() > 0) {
    g_held.fetch_add(held.count());
  }
}

long long BudgetWaits::held() noexcept {
  return g_held.load();
}

}  // namespace spaceport
