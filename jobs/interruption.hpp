#pragma once

#include <chrono>
#include <ostream>
#include <stop_token>
#include <string>

namespace spaceport {

/// SIGINT, SIGTERM and SIGHUP, taken by one watcher thread instead of ending the process where it
/// stands: the first asks the run to stop (checks not yet finished become `error`, "interrupted",
/// and the reports of what finished are written; exit 3); a second ends the process at once
/// (exit 3), unless a DELETE is in flight (DeleteInFlight), which is always finished and recorded
/// first. Started by check, watch and destroy before any other thread, so that every thread
/// inherits the blocked mask; the other commands keep the default (a signal ends them).
void watch_signals();

/// Requested with the first signal: what the scheduler is handed, so that it hears of the stop
/// without reading this file's globals.
std::stop_token stop_token();

/// Whether a stop was asked for, and by which signal ("SIGINT").
bool interrupted();
std::string interrupting_signal();

/// While one exists, a signal never ends the process at once: destroy's DELETE, from the moment
/// it is sent until its outcome is recorded.
class DeleteInFlight {
 public:
  DeleteInFlight();
  ~DeleteInFlight();
  DeleteInFlight(const DeleteInFlight&) = delete;
  DeleteInFlight& operator=(const DeleteInFlight&) = delete;
};

/// Sleeps for `duration`, or less when a stop is asked for.
void sleep_unless_interrupted(std::chrono::milliseconds duration);

/// After an interrupted run has written its reports: ends the process with `code` at once,
/// without running destructors, since checks abandoned mid-request may still hold the session's
/// parts. Streams are flushed first.
[[noreturn]] void end_interrupted_run(int code, std::ostream& out, std::ostream& err);

}  // namespace spaceport
