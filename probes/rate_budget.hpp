#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>

#include "core/rate_use.hpp"

namespace spaceport {

/// Keeps a run inside the account's shared Platform API rate limit (docs/sources.md §4: a pool
/// of 4,500 tokens, one per request, refilled at about 75 a minute). The run may spend down to a
/// reserve — what the first reading says is left, less --request-budget (default: 10 % of that
/// reading) — and no further: before a request would take the pool to the reserve it waits,
/// asking GET /account/rate-limits (which costs nothing) how far the pool has refilled, and
/// says so on `progress`. The goal is no 429 at all, rather than backing off after one.
/// Thread-safe: requests in flight are counted against the pool before their answers arrive.
class RateBudget {
 public:
  struct Options {
    std::optional<long> budget;  // --request-budget: at most this many requests' worth
    std::ostream* progress = nullptr;
    // The documented refill, one token per 800 ms, until the pool's own pace has been seen.
    std::chrono::milliseconds refill_interval{800};
    std::chrono::milliseconds longest_poll{5000};
    // Once the pool's pace is known, it is read again when it should have gained this many
    // tokens, not after each one: at 75 a minute a long wait reads it every 6.4 s, not every
    // 0.8 s, and the run's pace is the pool's either way (the tokens accrue while it sleeps).
    long tokens_per_read = 8;
    // The pool refills about 75 tokens a minute; when it has gained none for this long, others
    // are spending every token as it comes, and waiting on would hang the run.
    std::chrono::milliseconds give_up_after{std::chrono::minutes(2)};
  };
  /// Asks the API what is left of the pool (GET /account/rate-limits); nullopt when it cannot
  /// tell.
  using PoolReader = std::function<std::optional<long>()>;

  explicit RateBudget(Options options) : m_options(std::move(options)) {}

  /// Before a request: waits until the pool can give a token above the reserve, then counts it
  /// as in flight; `read_pool` is how the client that sends the request reads the pool (the
  /// budget is a step of the client's request path and holds no reference back to it). Throws
  /// std::runtime_error, saying why, when the pool has not refilled for give_up_after; every
  /// later call then throws at once, so the run ends with its checks in `error` instead of
  /// hanging.
  void acquire(const PoolReader& read_pool);
  /// After its answer: `remaining` is its RateLimit-Remaining header, when it had one.
  void release(std::optional<long> remaining, bool rate_limited);

  RateUse use() const;

 private:
  void start_if_needed(std::unique_lock<std::mutex>& lock, const PoolReader& read_pool);
  void wait_for_refill(std::unique_lock<std::mutex>& lock, const PoolReader& read_pool);

  Options m_options;
  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  bool m_started = false;
  bool m_reading = false;           // one thread asks the API; the others wait for its answer
  std::string m_given_up;           // why the budget gave up waiting, once it has
  std::optional<long> m_remaining;  // the last reading of the pool
  // The pool's refill pace as last seen while waiting (kept across waits); until then, the
  // documented one.
  std::chrono::milliseconds m_interval{m_options.refill_interval};
  bool m_pace_seen = false;
  std::optional<std::chrono::steady_clock::time_point> m_said_at;  // the wait last said
  long m_in_flight = 0;  // requests sent since that reading was taken
  RateUse m_use;
};

}  // namespace spaceport
