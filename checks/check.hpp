#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <chrono>

#include "core/dns_facts.hpp"
#include "core/heroku_facts.hpp"
#include "core/phase.hpp"
#include "core/plan.hpp"
#include "core/result.hpp"
#include "core/web_facts.hpp"

namespace spaceport {

/// A check's identity. Ids are stable: scripts, waivers and CI filters depend on them.
struct CheckInfo {
  std::string_view id;
  Phase phase;
  std::string_view title;
  std::string_view subject;  // what one result is about, e.g. "config var key"
  std::optional<Phase> also =
      std::nullopt;  // a second phase that runs it too (postflight re-checks cutover)
};

// The probes a check reads the world through. Declared, not included: a check's header (and so
// everything that includes the registry) does not compile libcurl, c-ares, libpq or <future>.
class Platform;
class Dns;
class WebProbe;
class Databases;
class LogSource;

/// What a check may read about the world for one migration, and nothing else: no environment
/// variable, file or clock of its own.
struct CheckContext {
  const Migration& migration;
  Platform& platform;
  Dns& dns;
  WebProbe& web;
  Databases& databases;                       // the databases data.parity compares
  LogSource& logs;                            // captured log files named in the plan
  std::chrono::system_clock::time_point now;  // when this run of the check started
};

/// The fact, or an exception that makes the result `error`: a check cannot decide about an app
/// or a space that is not there (the check named in `see` reports its absence).
template <typename T>
T found_or_error(std::optional<T> fact, const std::string& what, std::string_view see) {
  if (!fact) {
    throw std::runtime_error(what + " was not found (404); see " + std::string(see));
  }
  return std::move(*fact);
}

/// The id of an app the plan names, which every read and comparison of it uses: resolved at the
/// start of the run (runner/identities.hpp), else asked now (the app was missing or the API
/// failed then; a retry asks again). Throws, an `error` result, when the app is not there; `see`
/// names the check that reports its absence.
std::string app_id(const CheckContext& context, const AppRef& app, std::string_view see);

/// As app_id, but nullopt when the app is not there, for a check that can decide without it
/// (dns.target after the source is destroyed).
std::optional<std::string> found_app_id(const CheckContext& context, const AppRef& app);

/// The app's record (GET /apps/{as written}: the answer the run resolved it from); nullopt on 404.
std::optional<App> app_record(const CheckContext& context, const AppRef& app);

/// One check of the catalogue (the README's "Checks"). run() gathers facts through the context and
/// decides with a pure function of those facts; when it cannot decide it throws, and the runner
/// records `error` under primary_subject().
class Check {
 public:
  virtual ~Check() = default;
  virtual const CheckInfo& info() const noexcept = 0;
  virtual std::string primary_subject(const Migration& migration) const = 0;
  virtual std::vector<Finding> run(const CheckContext& context) const = 0;
};

}  // namespace spaceport
