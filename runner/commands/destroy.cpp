#include "runner/commands/destroy.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>

#include "checks/decommission_data_addons_check.hpp"
#include "checks/decommission_dataclips_check.hpp"
#include "checks/decommission_domains_check.hpp"
#include "checks/decommission_shared_addons_check.hpp"
#include "checks/registry.hpp"
#include "core/config_error.hpp"
#include "core/duration.hpp"
#include "core/sha256.hpp"
#include "core/text.hpp"
#include "core/version.hpp"
#include "jobs/evidence.hpp"
#include "jobs/interruption.hpp"
#include "jobs/report_files.hpp"
#include "jobs/session.hpp"
#include "plan/plan_loader.hpp"
#include "probes/unique_fd.hpp"
#include "reporters/console_reporter.hpp"
#include "reporters/json_reporter.hpp"
#include "runner/exit_codes.hpp"
#include "runner/run_output.hpp"

namespace spaceport {
namespace {

using nlohmann::json;

/// How a destroy run ended, as destroy-record.json's "outcome" says it (docs/evidence.md).
enum class DestroyOutcome {
  started,
  interrupted,
  refused,
  failed,
  dry_run,
  destroyed,
  already_gone,
  unknown
};

std::string_view to_string(DestroyOutcome outcome) {
  switch (outcome) {
    case DestroyOutcome::started:
      return "started";
    case DestroyOutcome::interrupted:
      return "interrupted";
    case DestroyOutcome::refused:
      return "refused";
    case DestroyOutcome::failed:
      return "failed";
    case DestroyOutcome::dry_run:
      return "dry-run";
    case DestroyOutcome::destroyed:
      return "destroyed";
    case DestroyOutcome::already_gone:
      return "already-gone";
    case DestroyOutcome::unknown:
      return "unknown";
  }
  return "unknown";
}

/// The evidence record, rewritten whole (atomically) after every step, so that however the run
/// ends, the file says how far it got.
class DestroyRecord {
 public:
  DestroyRecord(EvidenceBundle* bundle, const Plan& plan, const std::string& app)
      : m_document{{"schema", "spaceport.destroy/1"},
                   {"tool", {{"name", "spaceport"}, {"version", k_version}}},
                   {"plan", {{"path", plan.path}, {"sha256", plan.sha256}}},
                   {"app", {{"name", app}, {"id", nullptr}, {"as_written", app}}},
                   {"started_at", format_rfc3339(std::chrono::system_clock::now())},
                   {"steps", json::array()},
                   {"outcome", to_string(DestroyOutcome::started)}},
        m_bundle(bundle) {
    save();
  }

  /// Who the app is: the API's id and name (the command line may have spelt either).
  void app(const App& app) {
    m_document["app"]["id"] = app.id;
    m_document["app"]["name"] = app.name;
  }
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
  void outcome(DestroyOutcome outcome, const std::string& message) {
    m_document["outcome"] = to_string(outcome);
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

/// Where destroy locks live: $XDG_RUNTIME_DIR/spaceport, else spaceport-UID in the temporary
/// directory; made 0700 when missing, and used only when it is a real directory this user owns
/// that nobody else can write to (a shared /tmp is anyone's to plant things in).
std::filesystem::path lock_directory() {
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  const std::filesystem::path dir =
      runtime != nullptr && *runtime != '\0'
          ? std::filesystem::path(runtime) / "spaceport"
          : std::filesystem::temp_directory_path() / ("spaceport-" + std::to_string(::geteuid()));
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw ConfigError("cannot create the lock directory " + dir.string() + " (" +
                      std::strerror(errno) + "); set XDG_RUNTIME_DIR to a private directory");
  }
  struct stat info {};
  if (::lstat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != ::geteuid() ||
      (info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    throw ConfigError("the lock directory " + dir.string() +
                      " is not a private directory of this user (a symlink, another owner, or "
                      "open to others); remove it, or set XDG_RUNTIME_DIR to a private "
                      "directory; nothing was sent");
  }
  return dir;
}

/// One destroy of an app at a time on this machine: a second run against the same API and app
/// while one goes on is refused before it reads anything (exit 2, like any run that could not
/// start). A run on another machine is caught by the re-read and the DELETE by id, which then
/// finds nothing (404).
class DestroyLock {
 public:
  DestroyLock(const std::string& api_base, const std::string& app) {
    const auto path =
        lock_directory() / ("destroy-" + sha256_hex(api_base + "\n" + app).substr(0, 16) + ".lock");
    // Never through a symlink, and only a regular file of this user's: anything else planted
    // at the name is refused, not followed or obeyed.
    m_fd = UniqueFd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
    struct stat info {};
    if (m_fd.get() < 0 || ::fstat(m_fd.get(), &info) != 0 || !S_ISREG(info.st_mode) ||
        info.st_uid != ::geteuid()) {
      const std::string why =
          m_fd.get() < 0 ? std::strerror(errno) : "it is not a regular file of this user";
      throw ConfigError("cannot use the lock file " + path.string() + " (" + why +
                        "); remove whatever is there, or set XDG_RUNTIME_DIR to a private "
                        "directory; nothing was sent");
    }
    if (::flock(m_fd.get(), LOCK_EX | LOCK_NB) != 0) {
      throw ConfigError("another spaceport destroy of \"" + app + "\" against " + api_base +
                        " is running on this machine (it holds " + path.string() +
                        "); nothing was sent. Let it finish, then read its evidence");
    }
  }

 private:
  UniqueFd m_fd;
};

/// How a destroy run ends: the outcome and message the record keeps, what the console says
/// (on standard error) and the exit code. Every step returns one when the run cannot go on.
struct Stop {
  DestroyOutcome outcome;
  std::string message;
  std::string said;
  ExitCode code;
};

[[noreturn]] void refuse_target(const std::string& app, const Migration& m, const Plan& plan) {
  throw ConfigError("\"" + app + "\" is the target of migration \"" + m.name + "\" in " +
                    plan.path + " (\"" + m.target.app + "\", id " +
                    (m.target.id.empty() ? std::string("not resolved") : m.target.id) +
                    "): spaceport never destroys a target");
}

/// Before any request: `--app` spelt as a migration's target is refused at once.
void refuse_a_named_target(const Plan& plan, const std::string& app) {
  for (const auto& m : plan.migrations) {
    if (m.target.written == app) {
      refuse_target(app, m, plan);
    }
  }
}

/// The migration whose source `app` is, by identity: `app` and the plan's apps are resolved
/// through the API, so an id and a name of one app are one app. ConfigError when the plan does
/// not make it a source, or makes it any migration's target however either is spelt; an
/// ApiError when a target could not be resolved (the app might be it). When `app` itself cannot
/// be resolved, the audit reports why; the plan's spelling picks the migration meanwhile.
const Migration& source_migration(const Plan& plan, const std::string& app, Platform& platform) {
  std::optional<App> record;
  try {
    record = platform.app(app);
  } catch (const ApiError&) {
    // The audit reads it again and stops with the API's reason.
  }
  const Migration* found = nullptr;
  for (const auto& m : plan.migrations) {
    if (record && m.target.id == record->id) {
      refuse_target(app, m, plan);
    }
    if (record && m.target.id.empty()) {
      // A target the API could not show (it answers 404 for an app that does not exist): only
      // an error leaves the question open.
      const auto target = platform.app(m.target.written);
      if (target && target->id == record->id) {
        refuse_target(app, m, plan);
      }
    }
    if (record ? m.source.id == record->id : m.source.written == app) {
      found = &m;
    }
  }
  if (found == nullptr) {
    throw ConfigError("\"" + app + "\" is not the source of any migration in " + plan.path +
                      ": destroy only removes a source app the plan names");
  }
  return *found;
}

/// One destroy run after its usage checks: each step either lets the run go on or stops it, and
/// every stop is recorded and said in one place.
class DestroyRun {
 public:
  /// `audited` holds the migration whose source is destroyed. The checks point into it, and a
  /// check cut short by a signal still runs on its thread until the process ends: it belongs
  /// to the caller, who outlives this run.
  DestroyRun(const DestroyCommand& command, const std::vector<std::string>& args, const Plan& plan,
             const std::vector<Migration>& audited, Session& session, EvidenceBundle* evidence,
             std::ostream& out)
      : m_command(command),
        m_args(args),
        m_plan(plan),
        m_audited(audited),
        m_migration(audited.front()),
        m_evidence(evidence),
        m_out(out),
        m_session(session),
        m_seal(evidence, plan, m_session),
        m_record(evidence, plan, command.app) {}

  int run(std::ostream& err) {
    std::optional<Stop> stop = before_the_delete();
    if (!stop) {
      // From here the run goes to its end, the bundle sealed: a signal cannot stop a DELETE that
      // may have happened before its outcome is known and recorded.
      m_in_flight.emplace();
      stop = send_delete();
      if (!stop) {
        stop = confirm_gone();
      }
    }
    if (!stop->said.empty()) {
      err << "spaceport: " << sanitize_text(stop->said, 20000) << '\n';
    }
    if (stop->code == ExitCode::ok && !m_command.dry_run) {
      m_out << "destroyed " << sanitize_text(m_what, 20000) << '\n';
      if (m_evidence != nullptr) {
        m_out << "evidence bundle: " << m_evidence->path().string() << '\n';
      }
      if (interrupted()) {
        err << "spaceport: a signal arrived during the deletion; it was finished and recorded\n";
      }
    }
    m_record.outcome(stop->outcome, stop->message);
    return static_cast<int>(stop->code);
  }

 private:
  /// Every step up to the DELETE; a stop asked for by a signal is honoured between any two.
  std::optional<Stop> before_the_delete() {
    const auto stopped = [] {
      return Stop{
          DestroyOutcome::interrupted,
          "interrupted (" + interrupting_signal() + ") before the DELETE; nothing was destroyed",
          "interrupted (" + interrupting_signal() + ") before the DELETE; nothing was destroyed",
          ExitCode::undecided};
    };
    try {
      std::optional<Stop> stop = audit();
      if (interrupted()) {
        return stopped();  // before a refusal: checks cut short are not the guard's verdict
      }
      if (!stop) {
        stop = describe_what_goes();
      }
      if (!stop && interrupted()) {
        return stopped();
      }
      if (!stop) {
        stop = reread();
      }
      if (!stop && interrupted()) {
        return stopped();
      }
      if (!stop) {
        stop = recheck();
      }
      if (!stop && interrupted()) {
        return stopped();
      }
      return stop;
    } catch (const std::exception& e) {
      return Stop{
          DestroyOutcome::failed,
          std::string("could not complete the checks: ") + e.what() + "; nothing was destroyed",
          std::string(e.what()) + "\nnothing was destroyed", ExitCode::undecided};
    }
  }

  /// The app as audited (its id is what gets deleted) and every decommission check, live.
  std::optional<Stop> audit() {
    const auto app = m_session.platform().app(m_command.app);
    if (!app) {
      return Stop{DestroyOutcome::refused, "the app was not found",
                  "\"" + m_command.app + "\" was not found (404): nothing to destroy",
                  ExitCode::failed};
    }
    m_audited_id = app->id;
    m_audited_owner = app->owner;
    m_audited_team = app->team;
    m_record.app(*app);
    const std::vector<Phase> phases{Phase::decommission};
    Report report = m_session.begin_report(m_plan);
    report.run = RunInfo{.command = "destroy",
                         .command_line = m_session.redacted(m_args),
                         .phases = phases,
                         .strict = true};
    report.results = results_of(m_session.run(select_checks(phases, {}, {}, m_audited)));
    report.finished_at = std::chrono::system_clock::now();
    // destroy demands that every result passes: a warning refuses as a failure does.
    report.run.exit_code = static_cast<int>(exit_code_for(report.summary(), Strictness::strict));
    report.run.account = m_session.account();
    report.api_use = m_session.api_use();
    m_record.checks(report);
    if (m_evidence != nullptr) {
      add_reports_to_bundle(report, *m_evidence);
    }
    write_console_report(report, Colour::off,
                         m_command.common.quiet ? Verbosity::problems_only : Verbosity::all, m_out);
    std::vector<std::string> reasons;
    for (const auto& r : report.results) {
      if (r.finding.outcome != Outcome::pass) {
        reasons.push_back(r.check + "[" + r.finding.subject + "]: " +
                          std::string(to_string(r.finding.outcome)) + ": " + r.finding.message);
      }
    }
    if (reasons.empty()) {
      return std::nullopt;
    }
    std::string said = "refused to destroy \"" + m_command.app + "\"; nothing was sent:";
    for (const auto& reason : reasons) {
      said += "\n  - " + reason;
    }
    return Stop{DestroyOutcome::refused, join(reasons, "\n"), said, ExitCode::failed};
  }

  /// What goes with the app; a dry run stops here.
  std::optional<Stop> describe_what_goes() {
    std::vector<std::string> going;
    for (const auto& addon :
         m_session.platform().addons(m_audited_id).value_or(std::vector<Addon>{})) {
      if (addon.app_id == m_audited_id) {
        going.push_back(addon.name + " (" + addon.plan + ")");
      }
    }
    std::vector<std::string> domains;
    for (const auto& d :
         m_session.platform().domains(m_audited_id).value_or(std::vector<Domain>{})) {
      if (d.kind == "custom") {
        domains.push_back(d.hostname);
      }
    }
    m_what =
        "\"" + m_command.app + "\" (id " + m_audited_id +
        ") with its add-ons: " + (going.empty() ? std::string("none") : join(going, ", ")) +
        "; custom domains left: " + (domains.empty() ? std::string("none") : join(domains, ", "));
    if (!m_command.dry_run) {
      return std::nullopt;
    }
    m_out << "dry run: would destroy " << sanitize_text(m_what, 20000) << "\nnothing was sent\n";
    return Stop{DestroyOutcome::dry_run, "would destroy " + m_what, {}, ExitCode::ok};
  }

  /// `--app`, as given, must still mean the app that was audited: the same id, owner and team.
  std::optional<Stop> reread() {
    const std::string action = "GET /apps/" + m_command.app;
    std::optional<std::pair<App, std::string>> now;
    try {
      now = m_session.platform().app_now(m_command.app);
    } catch (const std::exception& e) {
      m_record.step(action, std::string("failed: ") + e.what());
      return Stop{
          DestroyOutcome::failed, "could not re-read the app; nothing was destroyed",
          "could not re-read \"" + m_command.app + "\": " + e.what() + "\nnothing was destroyed",
          ExitCode::undecided};
    }
    if (!now || now->first.id != m_audited_id) {
      m_record.step(action, now ? "another app (id " + now->first.id + ")" : "not found",
                    now ? now->second : std::string());
      return Stop{
          DestroyOutcome::refused, "the app changed between the checks and the deletion",
          "\"" + m_command.app + "\" is no longer the app that was checked; nothing was destroyed",
          ExitCode::failed};
    }
    if (now->first.owner != m_audited_owner || now->first.team != m_audited_team) {
      // Transferred: the checks were of an app in other hands; whoever owns it now decides.
      m_record.step(action,
                    "same app, other owner (owner " + now->first.owner + ", team " +
                        (now->first.team.empty() ? std::string("none") : now->first.team) + ")",
                    now->second);
      return Stop{DestroyOutcome::refused,
                  "the app was transferred between the checks and the deletion",
                  "\"" + m_command.app +
                      "\" was transferred to another owner or team after the checks; nothing was "
                      "destroyed",
                  ExitCode::failed};
    }
    m_record.step(action, "same app, id " + now->first.id, now->second);
    return std::nullopt;
  }

  /// What can change between the checks and the DELETE, read afresh by the audited id: the
  /// add-ons the app owns and every attachment of each, and its custom domains. The guards'
  /// own judgements decide again on what is read now; anything but a pass refuses.
  std::optional<Stop> recheck() {
    const std::string action =
        "GET /apps/" + m_audited_id + "/addons, each add-on's attachments, /domains";
    std::vector<Finding> findings;
    try {
      m_session.forget();  // read what the API says now, not what the checks read
      Platform& platform = m_session.platform();
      const auto addons = platform.addons(m_audited_id);
      const auto domains = platform.domains(m_audited_id);
      if (!addons || !domains) {
        m_record.step(action, "not found");
        return Stop{DestroyOutcome::refused, "the app changed between the checks and the deletion",
                    "\"" + m_command.app +
                        "\" is no longer the app that was checked; nothing was destroyed",
                    ExitCode::failed};
      }
      std::vector<Addon> owned;
      std::map<std::string, std::vector<Attachment>> attachments;
      for (const auto& addon : *addons) {
        if (addon.app_id == m_audited_id) {
          owned.push_back(addon);
          attachments[addon.id] =
              platform.addon_attachments(addon.id).value_or(std::vector<Attachment>{});
        }
      }
      for (auto&& batch : {evaluate_shared_addons(m_migration, owned, attachments),
                           evaluate_data_addons(m_migration, owned),
                           evaluate_decommission_dataclips(m_migration, owned),
                           evaluate_decommission_domains(m_migration, *domains)}) {
        findings.insert(findings.end(), batch.begin(), batch.end());
      }
    } catch (const std::exception& e) {
      m_record.step(action, std::string("failed: ") + e.what());
      return Stop{DestroyOutcome::failed,
                  "could not re-read the app's add-ons and domains; nothing was destroyed",
                  "could not re-read the add-ons and domains of \"" + m_command.app +
                      "\": " + e.what() + "\nnothing was destroyed",
                  ExitCode::undecided};
    }
    std::vector<std::string> reasons;
    for (const auto& f : findings) {
      if (f.outcome != Outcome::pass) {
        reasons.push_back(f.subject + ": " + f.message);
      }
    }
    if (reasons.empty()) {
      m_record.step(action, "unchanged: every guard still passes");
      return std::nullopt;
    }
    m_record.step(action, "changed: " + join(reasons, "; "));
    std::string said = "refused to destroy \"" + m_command.app +
                       "\": it changed after the checks; nothing was sent:";
    for (const auto& reason : reasons) {
      said += "\n  - " + reason;
    }
    return Stop{DestroyOutcome::refused, "changed after the checks: " + join(reasons, "\n"), said,
                ExitCode::failed};
  }

  /// One DELETE, by id, never repeated.
  std::optional<Stop> send_delete() {
    const std::string action = "DELETE /apps/" + m_audited_id;
    m_record.step(action, "sending");
    try {
      const auto request_id = m_session.app_deleter().delete_app(m_audited_id);
      if (!request_id) {
        // Someone else deleted it (or a run elsewhere did) after the re-read: this run destroyed
        // nothing, and a person should see what exists under the name now.
        m_record.step(action, "not found (404)");
        const std::string check = "check with `heroku apps:info -a " + m_command.app + "`";
        return Stop{DestroyOutcome::already_gone,
                    "the DELETE found no app with id " + m_audited_id +
                        ": it was deleted by someone else after the checks; " + check,
                    "the DELETE found no app with id " + m_audited_id + " (404): \"" +
                        m_command.app + "\" was deleted by someone else after the checks\n" + check,
                    ExitCode::undecided};
      }
      m_record.step(action, "accepted", *request_id);
      return std::nullopt;
    } catch (const std::exception& e) {
      m_record.step(action, std::string("failed: ") + e.what());
      const std::string check = "check with `heroku apps:info -a " + m_command.app + "`";
      return Stop{DestroyOutcome::unknown, "the DELETE failed or its answer was lost: " + check,
                  "the DELETE of \"" + m_command.app +
                      "\" failed or its answer was lost: " + e.what() + "\n" + check,
                  ExitCode::undecided};
    }
  }

  /// The app answers 404 now.
  std::optional<Stop> confirm_gone() {
    const std::string action = "GET /apps/" + m_audited_id;
    try {
      const auto after = m_session.platform().app_now(m_audited_id);
      if (after) {
        m_record.step(action, "still exists", after->second);
        return Stop{DestroyOutcome::unknown, "the DELETE was accepted but the app still exists",
                    "the DELETE was accepted but \"" + m_command.app + "\" still exists",
                    ExitCode::undecided};
      }
      m_record.step(action, "404: gone");
      return Stop{DestroyOutcome::destroyed, "destroyed " + m_what, {}, ExitCode::ok};
    } catch (const std::exception& e) {
      m_record.step(action, std::string("failed: ") + e.what());
      return Stop{DestroyOutcome::unknown, "deleted, but the confirmation failed",
                  "\"" + m_command.app + "\" was deleted but the confirmation failed: " + e.what(),
                  ExitCode::undecided};
    }
  }

  const DestroyCommand& m_command;
  const std::vector<std::string>& m_args;
  const Plan& m_plan;
  const std::vector<Migration>& m_audited;
  const Migration& m_migration;
  EvidenceBundle* m_evidence;
  std::ostream& m_out;
  Session& m_session;
  std::optional<DeleteInFlight> m_in_flight;  // outlives the seal: destroyed after it
  BundleSeal m_seal;
  DestroyRecord m_record;
  std::string m_audited_id;
  std::string m_audited_owner;
  std::string m_audited_team;
  std::string m_what;
};

}  // namespace

int run_destroy(const DestroyCommand& command, const std::vector<std::string>& args,
                std::ostream& out, std::ostream& err) {
  // Byte for byte: a near miss is exactly the mistake this guards against.
  if (command.confirm != command.app) {
    throw ConfigError("--confirm \"" + sanitize_text(command.confirm, 200) +
                      "\" does not match --app \"" + sanitize_text(command.app, 200) +
                      "\"; nothing was destroyed");
  }
  ensure_evidence_parent(command.evidence);
  Plan plan = load_plan(command.plan);
  refuse_a_named_target(plan, command.app);
  watch_signals();
  // The session first: a missing token stops the run before any bundle directory is made.
  Session session(command.common, err);
  const DestroyLock lock(session.api_base, command.app);
  session.account();  // first, as check does: an interrupted run does not wait to learn it
  session.read_each_app("destroy reads the app it destroys, and every app it compares, on its own");
  session.resolve_apps(plan.migrations);
  const Migration* found = nullptr;
  try {
    found = &source_migration(plan, command.app, session.platform());
  } catch (const ApiError& e) {
    err << "spaceport: could not tell whether \"" << sanitize_text(command.app, 200)
        << "\" is a migration's target: " << e.what() << "\nnothing was destroyed\n";
    return static_cast<int>(ExitCode::undecided);
  }
  const Migration& migration = *found;
  const std::vector<Migration> audited{migration};
  // The same app under another spelling (its id, or its name) is the same destroy.
  std::optional<DestroyLock> id_lock;
  if (!migration.source.id.empty() && migration.source.id != command.app) {
    id_lock.emplace(session.api_base, migration.source.id);
  }
  std::optional<EvidenceBundle> bundle;
  if (command.evidence) {
    bundle.emplace(*command.evidence, "destroy");
  }
  int code = 0;
  {
    DestroyRun destroy(command, args, plan, audited, session, bundle ? &*bundle : nullptr, out);
    code = destroy.run(err);
  }  // the bundle is sealed here
  if (interrupted()) {
    end_interrupted_run(code, out, err);
  }
  return code;
}

}  // namespace spaceport
