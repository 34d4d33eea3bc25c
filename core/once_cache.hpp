#pragma once

#include <exception>
#include <future>
#include <map>
#include <mutex>

namespace spaceport {

/// "Fetch once per key and share the result": the first caller of a key starts the work; every
/// caller of the same key, while it runs or after, gets the same value or the same exception.
/// Thread-safe. forget() drops every result, so the next caller of a key starts afresh.
template <typename Key, typename Value>
class OnceCache {
 public:
  /// The shared future of `key`, made by `start()` (under the cache's lock, so it must only
  /// start the work, not wait for it) when there is none yet.
  template <typename Start>
  std::shared_future<Value> future_of(const Key& key, Start&& start) {
    const std::lock_guard lock(m_mutex);
    if (const auto found = m_entries.find(key); found != m_entries.end()) {
      return found->second;
    }
    std::shared_future<Value> future = start();
    m_entries.emplace(key, future);
    return future;
  }

  /// The value of `key`, computed by `compute()` on the first caller's thread (outside the lock,
  /// so other keys proceed meanwhile).
  template <typename Compute>
  Value get(const Key& key, Compute&& compute) {
    std::promise<Value> promise;
    std::shared_future<Value> answer;
    bool first = false;
    {
      const std::lock_guard lock(m_mutex);
      if (const auto found = m_entries.find(key); found != m_entries.end()) {
        answer = found->second;
      } else {
        answer = promise.get_future().share();
        m_entries.emplace(key, answer);
        first = true;
      }
    }
    if (first) {
      try {
        promise.set_value(compute());
      } catch (...) {
        promise.set_exception(std::current_exception());
      }
    }
    return answer.get();
  }

  void forget() {
    const std::lock_guard lock(m_mutex);
    m_entries.clear();
  }

 private:
  std::mutex m_mutex;
  std::map<Key, std::shared_future<Value>> m_entries;
};

}  // namespace spaceport
