#include "probes/rate_budget.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "core/budget_waits.hpp"
#include "core/duration.hpp"

namespace spaceport {

void RateBudget::start_if_needed(std::unique_lock<std::mutex>& lock, const PoolReader& read_pool) {
  if (m_started) {
    return;
  }
  m_started = true;
  m_reading = true;
  lock.unlock();
  const auto remaining = read_pool();
  // Said before the lock is taken again: a slow terminal holds up no request.
  // Under 1 % of the pool: someone else has spent it, and this run will crawl.
  if (remaining && *remaining < 45 && m_options.progress != nullptr) {
    *m_options.progress << "spaceport: the account's API rate limit is nearly spent at the "
                           "start (RateLimit-Remaining "
                        << *remaining
                        << "): other tools or people are using it; this run goes on as the "
                           "pool refills (about 75 requests a minute)\n"
                        << std::flush;
  }
  lock.lock();
  m_reading = false;
  if (remaining) {
    m_remaining = remaining;
    m_use.lowest_remaining = *remaining;
    const long budget = m_options.budget.value_or(*remaining - *remaining / 10);
    m_use.reserve = std::max(0L, *remaining - budget);
  }
  m_changed.notify_all();
}

void RateBudget::wait_for_refill(std::unique_lock<std::mutex>& lock, const PoolReader& read_pool) {
  const long reserve = m_use.reserve.value_or(0);
  const auto started = std::chrono::steady_clock::now();
  auto last_gain = started;
  while (m_remaining && *m_remaining - m_in_flight <= reserve) {
    if (std::chrono::steady_clock::now() - last_gain >= m_options.give_up_after) {
      m_given_up = "the account's Platform API rate limit has not refilled above the reserve in " +
                   format_duration(m_options.give_up_after) + " (RateLimit-Remaining " +
                   std::to_string(*m_remaining) + ", reserve " + std::to_string(reserve) +
                   "): other tools or people are spending it as it refills; run again later, "
                   "or lower the reserve with --request-budget";
      break;
    }
    const long needed = reserve + 1 - (*m_remaining - m_in_flight);
    const auto expected = m_interval * needed;
    std::string say;
    // Said when the run first reaches the reserve, then at most once a minute: a long wait is
    // many short ones, one per few tokens.
    const auto now_time = std::chrono::steady_clock::now();
    if (m_options.progress != nullptr &&
        (!m_said_at || now_time - *m_said_at >= std::chrono::minutes(1))) {
      say = "spaceport: the API rate budget is down to its reserve (RateLimit-Remaining " +
            std::to_string(*m_remaining) + ", reserve " + std::to_string(reserve) +
            " left for other tools and people): waiting about " + format_duration(expected) +
            " for it to refill\n";
      m_said_at = now_time;
    }
    // One token at a time until the pace is seen (a fast pool is not slept past), then a few.
    const long per_read = m_pace_seen ? std::max(needed, m_options.tokens_per_read) : needed;
    const auto pause = std::clamp<std::chrono::milliseconds>(
        m_interval * per_read, std::chrono::milliseconds(100),
        std::max(m_options.longest_poll, m_interval * m_options.tokens_per_read));
    m_reading = true;
    lock.unlock();
    BudgetWaits::add_held(pause);  // before the sleep: a deadline that falls in it is moved
    if (!say.empty()) {
      *m_options.progress << say << std::flush;  // outside the lock, as above
    }
    std::this_thread::sleep_for(pause);
    const auto before = m_remaining;
    const auto now = read_pool();
    lock.lock();
    m_reading = false;
    if (!now) {
      break;  // the pool cannot be read: go on, and let Retry-After govern any 429
    }
    // Learn the pool's own pace from what it gained while we waited.
    if (before && *now > *before - m_in_flight) {
      const long gained = *now - (*before - m_in_flight);
      m_interval =
          std::max<std::chrono::milliseconds>(std::chrono::milliseconds(1), pause / gained);
      m_pace_seen = true;
      last_gain = std::chrono::steady_clock::now();
    }
    m_remaining = *now;
    m_changed.notify_all();
  }
  m_use.waited += std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
}

void RateBudget::acquire(const PoolReader& read_pool) {
  const auto entered = std::chrono::steady_clock::now();
  // Whatever the outcome, the time spent here was the budget's, not the asking check's.
  struct Counted {
    std::chrono::steady_clock::time_point since;
    ~Counted() {
      BudgetWaits::add(std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - since));
    }
  } const counted{entered};
  std::unique_lock lock(m_mutex);
  start_if_needed(lock, read_pool);
  m_changed.wait(lock, [this] { return !m_reading; });
  if (m_given_up.empty() && m_remaining &&
      *m_remaining - m_in_flight <= m_use.reserve.value_or(0)) {
    wait_for_refill(lock, read_pool);
  }
  if (!m_given_up.empty()) {
    throw std::runtime_error(m_given_up);
  }
  ++m_in_flight;
  ++m_use.requests;
}

void RateBudget::release(std::optional<long> remaining, bool rate_limited) {
  const std::lock_guard lock(m_mutex);
  m_in_flight = std::max(0L, m_in_flight - 1);
  m_use.rate_limited += rate_limited ? 1 : 0;
  if (!remaining) {
    return;
  }
  // The answer counts every request the server had seen, this one included; those still in
  // flight may or may not be in it, so they stay counted against the pool. Answers arrive out of
  // order, so an answer never raises what is known to be left: only a reading of the pool does.
  m_remaining = std::min(m_remaining.value_or(*remaining), *remaining);
  m_use.lowest_remaining = std::min(m_use.lowest_remaining.value_or(*remaining), *remaining);
  if (!m_use.reserve) {
    // No reading at the start: the first answer sets the reserve.
    const long budget = m_options.budget.value_or(*remaining - *remaining / 10);
    m_use.reserve = std::max(0L, *remaining - budget);
  }
}

RateUse RateBudget::use() const {
  const std::lock_guard lock(m_mutex);
  return m_use;
}

}  // namespace spaceport
