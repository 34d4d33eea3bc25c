#include "runner/destroy_command.hpp"

#include <signal.h>
#include <unistd.h>

#include <sstream>

#include "checks/registry.hpp"
#include "core/duration.hpp"
#include "core/text.hpp"
#include "reporters/console_reporter.hpp"
#include "reporters/json_reporter.hpp"
#include "runner/config_error.hpp"
#include "runner/evidence.hpp"
#include "runner/exit_codes.hpp"
#include "runner/plan_loader.hpp"
#include "runner/report_files.hpp"
#include "runner/run_output.hpp"
#include "runner/session.hpp"
#include "runner/version.hpp"

namespace spaceport {
namespace {

using nlohmann::json;

/// The evidence record, rewritten whole (atomically) after every step, so that however the run
/// ends, the file says how far it got.
class DestroyRecord {
 public:
  DestroyRecord(EvidenceBundle* bundle, const Plan& plan, const std::string& app)
      : m_document{{"schema", "spaceport.destroy/1"},
                   {"tool", {{"name", "spaceport"}, {"version", k_version}}},
                   {"plan", {{"path", plan.path}, {"sha256", plan.sha256}}},
                   {"app", {{"name", app}, {"id", nullptr}}},
                   {"started_at", format_rfc3339(std::chrono::system_clock::now())},
                   {"steps", json::array()},
                   {"outcome", "started"}},
        m_bundle(bundle) {
    save();
  }

  void app_id(const std::string& id) { m_document["app"]["id"] = id; }
  void checks(const Report& report) {
    std::ostringstream text;
    write_json_report(report, text);
    m_document["checks"] = json::parse(text.str());
  }
  void step(const std::string& action, const std::string& result,
            const std::string& request_id = {}) {
    m_document["steps"].push_back(
        {{"at", format_rfc3339(std::chrono::system_clock::now())},
         {"action", action},
         {"result", result},
         {"request_id", request_id.empty() ? json(nullptr) : json(request_id)}});
    save();
  }
  void outcome(const std::string& outcome, const std::string& message) {
    m_document["outcome"] = outcome;
    m_document["message"] = message;
    m_document["finished_at"] = format_rfc3339(std::chrono::system_clock::now());
    save();
  }

 private:
  void save() {
    if (m_bundle != nullptr) {
      m_bundle->write("destroy-record.json", m_document.dump(2) + "\n");
    }
  }

  json m_document;
  EvidenceBundle* m_bundle;
};

/// Completes the bundle however the run ends: the plan as read, the request log, the account,
/// the tool and the manifest.
class BundleSeal {
 public:
  BundleSeal(EvidenceBundle* bundle, const Plan& plan, Session& session)
      : m_bundle(bundle), m_plan(plan), m_session(session) {}
  BundleSeal(const BundleSeal&) = delete;
  BundleSeal& operator=(const BundleSeal&) = delete;
  ~BundleSeal() {
    if (m_bundle == nullptr) {
      return;
    }
    try {
      m_session.complete_evidence(*m_bundle, m_plan);
    } catch (const std::exception&) {
      // The record written step by step stays; a destructor must not throw.
    }
  }

 private:
  EvidenceBundle* m_bundle;
  const Plan& m_plan;
  Session& m_session;
};

/// SIGINT, SIGTERM and SIGHUP are held from the start: an interrupt before the DELETE stops the
/// run with nothing destroyed; one after it is acted on only once the deletion is confirmed and
/// recorded, so no run ends half-done and unreported. Threads started later inherit the mask.
class HeldSignals {
 public:
  HeldSignals() {
    sigemptyset(&m_set);
    sigaddset(&m_set, SIGINT);
    sigaddset(&m_set, SIGTERM);
    sigaddset(&m_set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &m_set, &m_previous);
  }
  ~HeldSignals() {
    // A held signal is taken here (after the record is written): the default action ends us.
    pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
  }
  HeldSignals(const HeldSignals&) = delete;
  HeldSignals& operator=(const HeldSignals&) = delete;

  bool pending() const {
    sigset_t pending_set;
    sigpending(&pending_set);
    for (const int s : {SIGINT, SIGTERM, SIGHUP}) {
      if (sigismember(&pending_set, s) == 1) {
        return true;
      }
    }
    return false;
  }

 private:
  sigset_t m_set{};
  sigset_t m_previous{};
};

}  // namespace

int run_destroy(const DestroyCommand& command, const std::vector<std::string>& args,
                std::ostream& out, std::ostream& err) {
  const HeldSignals signals;
  // Byte for byte: a near miss is exactly the mistake this guards against.
  if (command.confirm != command.app) {
    throw ConfigError("--confirm \"" + sanitize_text(command.confirm, 200) +
                      "\" does not match --app \"" + sanitize_text(command.app, 200) +
                      "\"; nothing was destroyed");
  }
  ensure_evidence_parent(command.evidence);
  const Plan plan = load_plan(command.plan);
  const Migration* migration = nullptr;
  for (const auto& m : plan.migrations) {
    if (m.target.app == command.app) {
      throw ConfigError("\"" + command.app + "\" is the target of migration \"" + m.name +
                        "\" in " + plan.path + ": spaceport never destroys a target");
    }
    if (m.source.app == command.app) {
      migration = &m;
    }
  }
  if (migration == nullptr) {
    throw ConfigError("\"" + command.app + "\" is not the source of any migration in " + plan.path +
                      ": destroy only removes a source app the plan names");
  }

  Session session(command.common);
  std::optional<EvidenceBundle> bundle;
  if (command.evidence) {
    bundle.emplace(*command.evidence, "destroy");
  }
  EvidenceBundle* const evidence = bundle ? &*bundle : nullptr;
  const BundleSeal seal(evidence, plan, session);
  DestroyRecord record(evidence, plan, command.app);
  // The app audited: its id is what gets deleted, and only if the name still means it.
  const auto audited = session.platform().app(command.app);
  if (!audited) {
    record.outcome("refused", "the app was not found");
    err << "spaceport: \"" << command.app << "\" was not found (404): nothing to destroy\n";
    return static_cast<int>(ExitCode::failed);
  }
  record.app_id(audited->id);

  const std::vector<Phase> phases{Phase::decommission};
  const std::vector<Migration> audited_migration{*migration};
  Report report = session.begin_report(plan);
  report.run.command = "destroy";
  report.run.phases = phases;
  report.results = results_of(session.run(select_checks(phases, {}, {}, audited_migration)));
  report.finished_at = std::chrono::system_clock::now();
  // destroy demands that every result passes: a warning refuses as a failure does.
  report.run.strict = true;
  report.run.command_line = session.redacted(args);
  report.run.exit_code = static_cast<int>(exit_code_for(report.summary(), Strictness::strict));
  report.run.account = session.account();
  record.checks(report);
  if (evidence != nullptr) {
    add_reports_to_bundle(report, *evidence);
  }
  write_console_report(report, Colour::off,
                       command.common.quiet ? Verbosity::problems_only : Verbosity::all, out);

  std::vector<std::string> reasons;
  for (const auto& r : report.results) {
    if (r.finding.outcome != Outcome::pass) {
      reasons.push_back(r.check + "[" + r.finding.subject + "]: " +
                        std::string(to_string(r.finding.outcome)) + ": " + r.finding.message);
    }
  }
  if (!reasons.empty()) {
    record.outcome("refused", join(reasons, "\n"));
    err << "spaceport: refused to destroy \"" << command.app << "\"; nothing was sent:\n";
    for (const auto& reason : reasons) {
      err << "  - " << reason << '\n';
    }
    return static_cast<int>(ExitCode::failed);
  }

  // What goes with the app.
  std::vector<std::string> going;
  for (const auto& addon : session.platform().addons(command.app).value_or(std::vector<Addon>{})) {
    if (addon.app == command.app) {
      going.push_back(addon.name + " (" + addon.plan + ")");
    }
  }
  std::vector<std::string> domains;
  for (const auto& d : session.platform().domains(command.app).value_or(std::vector<Domain>{})) {
    if (d.kind == "custom") {
      domains.push_back(d.hostname);
    }
  }
  const std::string what =
      "\"" + command.app + "\" (id " + audited->id +
      ") with its add-ons: " + (going.empty() ? std::string("none") : join(going, ", ")) +
      "; custom domains left: " + (domains.empty() ? std::string("none") : join(domains, ", "));
  if (command.dry_run) {
    record.outcome("dry-run", "would destroy " + what);
    out << "dry run: would destroy " << what << "\nnothing was sent\n";
    return static_cast<int>(ExitCode::ok);
  }
  if (signals.pending()) {
    record.outcome("interrupted", "interrupted before the DELETE; nothing was destroyed");
    err << "spaceport: interrupted before the DELETE; nothing was destroyed\n";
    return static_cast<int>(ExitCode::failed);
  }

  // Re-read: the name must still mean the app that was audited.
  std::optional<std::pair<App, std::string>> now;
  try {
    now = session.platform().app_now(command.app);
  } catch (const std::exception& e) {
    record.step("GET /apps/" + command.app, std::string("failed: ") + e.what());
    record.outcome("failed", "could not re-read the app; nothing was destroyed");
    err << "spaceport: could not re-read \"" << command.app << "\": " << e.what()
        << "\nnothing was destroyed\n";
    return static_cast<int>(ExitCode::undecided);
  }
  if (!now || now->first.id != audited->id) {
    record.step("GET /apps/" + command.app,
                now ? "another app (id " + now->first.id + ")" : "not found",
                now ? now->second : std::string());
    record.outcome("refused", "the app changed between the checks and the deletion");
    err << "spaceport: \"" << command.app
        << "\" is no longer the app that was checked; nothing was destroyed\n";
    return static_cast<int>(ExitCode::failed);
  }
  record.step("GET /apps/" + command.app, "same app, id " + now->first.id, now->second);

  record.step("DELETE /apps/" + audited->id, "sending");
  try {
    const auto request_id = session.platform().delete_app(audited->id);
    record.step("DELETE /apps/" + audited->id, request_id ? "accepted" : "already gone (404)",
                request_id.value_or(""));
  } catch (const std::exception& e) {
    record.step("DELETE /apps/" + audited->id, std::string("failed: ") + e.what());
    record.outcome("unknown",
                   "the DELETE failed or its answer was lost: check with `heroku "
                   "apps:info -a " +
                       command.app + "`");
    err << "spaceport: the DELETE of \"" << command.app
        << "\" failed or its answer was lost: " << e.what() << "\ncheck with `heroku apps:info -a "
        << command.app << "`\n";
    return static_cast<int>(ExitCode::undecided);
  }
  try {
    const auto after = session.platform().app_now(audited->id);
    if (after) {
      record.step("GET /apps/" + audited->id, "still exists", after->second);
      record.outcome("unknown", "the DELETE was accepted but the app still exists");
      err << "spaceport: the DELETE was accepted but \"" << command.app << "\" still exists\n";
      return static_cast<int>(ExitCode::undecided);
    }
    record.step("GET /apps/" + audited->id, "404: gone");
  } catch (const std::exception& e) {
    record.step("GET /apps/" + audited->id, std::string("failed: ") + e.what());
    record.outcome("unknown", "deleted, but the confirmation failed");
    err << "spaceport: \"" << command.app
        << "\" was deleted but the confirmation failed: " << e.what() << '\n';
    return static_cast<int>(ExitCode::undecided);
  }
  record.outcome("destroyed", "destroyed " + what);
  out << "destroyed " << what << '\n';
  if (bundle) {
    out << "evidence bundle: " << bundle->path().string() << '\n';
  }
  if (signals.pending()) {
    err << "spaceport: a signal arrived during the deletion; it was finished and recorded\n";
  }
  return static_cast<int>(ExitCode::ok);
}

}  // namespace spaceport
