#include "jobs/interruption.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stop_token>
#include <thread>

namespace spaceport {
namespace {

struct State {
  std::mutex mutex;
  std::condition_variable changed;
  std::atomic<int> signal{0};
  std::stop_source stop;  // requested with the first signal
  int deletes_in_flight = 0;
};

State& state() {
  static State* const s = new State();  // never destroyed: the watcher thread outlives main
  return *s;
}

sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

/// A short line straight to standard error: the console stream may be mid-line in another thread.
void say(const std::string& text) {
  const std::string line = "spaceport: " + text + "\n";
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, line.data(), line.size());
}

void watch(sigset_t set) {
  State& s = state();
  for (;;) {
    int number = 0;
    if (sigwait(&set, &number) != 0) {
      continue;
    }
    std::unique_lock lock(s.mutex);
    if (s.signal.load() == 0) {
      s.signal = number;
      say(std::string("interrupted (SIG") + sigabbrev_np(number) +
          "): finishing what is done and writing the reports; a second signal stops at once");
      s.changed.notify_all();
      lock.unlock();
      s.stop.request_stop();  // its callbacks take their owners' locks: not under this one
      continue;
    }
    if (s.deletes_in_flight > 0) {
      say("a DELETE is in flight: spaceport stops as soon as its outcome is recorded");
      continue;
    }
    say(std::string("stopped at once (SIG") + sigabbrev_np(number) +
        "); reports not yet written are missing");
    std::_Exit(3);
  }
}

}  // namespace

void watch_signals() {
  const sigset_t set = watched_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread(watch, set).detach();
}

std::stop_token stop_token() {
  return state().stop.get_token();
}

bool interrupted() {
  return state().signal.load() != 0;
}

std::string interrupting_signal() {
  const int number = state().signal.load();
  return number == 0 ? std::string() : std::string("SIG") + sigabbrev_np(number);
}

DeleteInFlight::DeleteInFlight() {
  const std::lock_guard lock(state().mutex);
  ++state().deletes_in_flight;
}

DeleteInFlight::~DeleteInFlight() {
  const std::lock_guard lock(state().mutex);
  --state().deletes_in_flight;
}

void sleep_unless_interrupted(std::chrono::milliseconds duration) {
  State& s = state();
  std::unique_lock lock(s.mutex);
  s.changed.wait_for(lock, duration, [&s] { return s.signal.load() != 0; });
}

void end_interrupted_run(int code, std::ostream& out, std::ostream& err) {
  out.flush();
  err.flush();
  std::_Exit(code);
}

}  // namespace spaceport
