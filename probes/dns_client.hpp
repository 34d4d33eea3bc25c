#pragma once

#include <ares.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/dns_facts.hpp"
#include "core/once_cache.hpp"
#include "probes/request_log.hpp"
#include "probes/unique_fd.hpp"

namespace spaceport {

/// ares_library_init for the process, paired with ares_library_cleanup; constructed once, early,
/// in run_cli beside CurlGlobal, before any channel exists and after the last is gone.
class AresGlobal {
 public:
  AresGlobal();
  ~AresGlobal();
  AresGlobal(const AresGlobal&) = delete;
  AresGlobal& operator=(const AresGlobal&) = delete;
};

/// Sole owner of a c-ares channel.
class AresChannel {
 public:
  /// A channel that asks only `server`.
  AresChannel(const std::string& server, std::chrono::milliseconds timeout, int tries);
  /// A channel configured from the system (/etc/resolv.conf).
  AresChannel();
  AresChannel(const AresChannel&) = delete;
  AresChannel& operator=(const AresChannel&) = delete;
  ~AresChannel();

  ares_channel get() const noexcept { return m_channel; }

 private:
  ares_channel m_channel = nullptr;
};

/// Asks DNS servers directly, asynchronously, on c-ares: one thread drives every query, so any
/// number of checks can have queries in flight. c-ares 1.18 cannot aim one query at one server
/// of a channel, and spaceport must hear each server separately, so there is one channel per
/// server (all driven by the same loop). Each distinct question (server, name, type, recursion)
/// is sent once per run; the answer is shared.
class DnsClient {
 public:
  struct Options {
    std::chrono::milliseconds timeout{30'000};  // the whole budget of one question
    RequestLog* log = nullptr;                  // every answered question is added when set
  };

  explicit DnsClient(Options options);
  ~DnsClient();
  DnsClient(const DnsClient&) = delete;
  DnsClient& operator=(const DnsClient&) = delete;

  /// `server` in normalize_dns_server() form. Never throws for what a server does: a timeout,
  /// a refusal or a malformed reply is in the answer's `failure`.
  std::shared_future<DnsServerAnswer> ask(const std::string& server, const std::string& name,
                                          std::uint16_t type, bool recursive);

  /// Forgets every answer of this run, so questions are asked again (between retries).
  void forget();

  /// The system's resolvers (/etc/resolv.conf, as c-ares reads it).
  static std::vector<std::string> system_resolvers();

  /// One query in flight; opaque outside the client (public only for c-ares's callback).
  struct Pending;

 private:
  void run();
  void start(std::unique_ptr<Pending> pending);
  /// A new question for the loop thread, and the future of its answer.
  std::shared_future<DnsServerAnswer> enqueue(const std::string& server, const std::string& name,
                                              std::uint16_t type, bool recursive);
  AresChannel& channel(const std::string& server);

  Options m_options;
  int m_tries = 2;
  std::chrono::milliseconds m_first_try_timeout;
  UniqueFd m_wake;
  std::mutex m_mutex;
  OnceCache<std::string, DnsServerAnswer> m_cache;
  std::deque<std::unique_ptr<Pending>> m_queue;
  bool m_stopping = false;
  std::map<std::string, std::unique_ptr<AresChannel>> m_channels;  // loop thread only
  std::thread m_thread;
};

}  // namespace spaceport
