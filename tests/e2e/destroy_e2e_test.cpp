// `spaceport destroy` against fake-heroku and its request log: every unsafe case sends no
// DELETE; the safe case sends exactly one, by id, and the app and its add-ons are gone.
#include <csignal>
#include <filesystem>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace destroy_e2e_test {
namespace {

class Destroy : public testing::Test {
 protected:
  static void SetUpTestSuite() { s_dns = new DnsServers(); }
  static void TearDownTestSuite() { delete s_dns; }

  /// The decommission-ready world: the cutover is done, nothing of old-app is needed any more.
  /// The moved domain is one the fixture DNS serves: the guards ask about every domain of both
  /// apps, whatever the plan lists.
  static json scenario() {
    json world = cutover_scenario();
    world["apps"][1]["domains"] = json::array(
        {{{"hostname", "www.acme.test"}, {"cname", "www-acme-test.new.herokudns.test"}}});
    return world;
  }

  /// The plan that accepts losing old-app's database (its data moved by the changeover).
  static json plan() {
    json p = base_plan();
    p["migrations"][0]["domains"] = {"www.acme.test"};
    p["migrations"][0]["accept_data_loss"] = {
        {{"addon", "postgresql-old-1"},
         {"reason", "its data moved to postgresql-new-1 by the follower changeover"}}};
    return p;
  }

  struct Run {
    ProcessResult process;
    std::vector<json> deletes;
    std::filesystem::path evidence;
  };

  std::vector<std::string> destroy_args(const FakeHeroku& fake, const json& the_plan,
                                        const std::vector<std::string>& extra = {},
                                        const std::string& app = "old-app",
                                        const std::string& confirm = "old-app") {
    const auto plan_path = m_dir.write("plan.json", the_plan.dump());
    std::vector<std::string> args{
        "destroy",         "--plan",     plan_path.string(),
        "--app",           app,          "--confirm",
        confirm,           "--api-url",  fake.url(),
        "--data-api-url",  fake.url(),   "--resolver",
        s_dns->resolver(), "--evidence", (m_dir.path() / "evidence").string()};
    if (std::find(extra.begin(), extra.end(), "--timeout") == extra.end()) {
      args.insert(args.end(), {"--timeout", "5s"});
    }
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  Run destroy(const FakeHeroku& fake, const json& the_plan, std::vector<std::string> extra = {},
              const std::string& app = "old-app", const std::string& confirm = "old-app") {
    Run run;
    run.process = run_spaceport(destroy_args(fake, the_plan, extra, app, confirm));
    return judged(fake, std::move(run));
  }

  /// The DELETEs the fake saw, and where the evidence is.
  Run judged(const FakeHeroku& fake, Run run) const {
    for (const auto& request : fake.requests()) {
      if (request["method"] == "DELETE") {
        run.deletes.push_back(request);
      }
    }
    run.evidence = m_dir.path() / "evidence";
    return run;
  }

  /// destroy in the background, for a test that acts while it runs.
  BackgroundProcess start_destroy(const FakeHeroku& fake, const json& the_plan) {
    std::vector<std::string> argv{spaceport_binary()};
    for (auto& arg : destroy_args(fake, the_plan)) {
      argv.push_back(std::move(arg));
    }
    return BackgroundProcess(argv, {{"HEROKU_API_KEY", "test-token-7d1f"}, {"NO_COLOR", "1"}});
  }

  /// The one evidence record written.
  static json record(const Run& run) {
    for (const auto& entry : std::filesystem::directory_iterator(run.evidence)) {
      return json::parse(read_file(entry.path() / "destroy-record.json"));
    }
    ADD_FAILURE() << "no evidence bundle";
    return json::object();
  }

  /// Every unsafe case: refused with exit 1, the reason named, nothing deleted.
  void expect_refused(const json& world, const json& the_plan, const std::string& check) {
    const FakeHeroku fake(world);
    const Run run = destroy(fake, the_plan);
    EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
    EXPECT_TRUE(run.deletes.empty());
    EXPECT_NE(run.process.err.find("refused to destroy \"old-app\"; nothing was sent"),
              std::string::npos)
        << run.process.err;
    EXPECT_NE(run.process.err.find("  - " + check + "["), std::string::npos) << run.process.err;
    EXPECT_EQ(record(run)["outcome"], "refused");
  }

  TempDir m_dir;
  static DnsServers* s_dns;
};

DnsServers* Destroy::s_dns = nullptr;

TEST_F(Destroy, TheSafeCaseDeletesOnceByIdAndTheAppIsGone) {
  const FakeHeroku fake(scenario());
  const Run run = destroy(fake, plan());
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
  ASSERT_EQ(run.deletes.size(), 1U);
  const std::string path = run.deletes[0]["path"];
  EXPECT_EQ(path.rfind("/apps/", 0), 0U);
  EXPECT_NE(path, "/apps/old-app");  // by id, never by name
  EXPECT_NE(run.process.out.find("destroyed \"old-app\" (id " + path.substr(6) +
                                 ") with its add-ons: postgresql-old-1"),
            std::string::npos)
      << run.process.out;
  const json r = record(run);
  EXPECT_EQ(r["outcome"], "destroyed");
  EXPECT_EQ(r["app"]["id"], path.substr(6));
  EXPECT_EQ(r["checks"]["summary"]["fail"], 0);
  bool delete_step = false;
  for (const auto& step : r["steps"]) {
    if (step["action"] == "DELETE " + path && step["result"] == "accepted") {
      delete_step = !step["request_id"].is_null();
    }
  }
  EXPECT_TRUE(delete_step) << r.dump(2);
  // The bundle verifies, and its request log shows the one DELETE with its Request-Id.
  for (const auto& bundle : std::filesystem::directory_iterator(run.evidence)) {
    const auto verify = run_process(
        {"/bin/sh", "-c", "cd '" + bundle.path().string() + "' && sha256sum -c SHA256SUMS"});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    EXPECT_NE(verify.out.find("destroy-record.json: OK"), std::string::npos);
    EXPECT_NE(read_file(bundle.path() / "requests.jsonl").find("\"method\":\"DELETE\""),
              std::string::npos);
  }
  // Gone from the fake, with the add-on it owned; the new app keeps its own.
  const auto after =
      run_spaceport({"check", "--plan", m_dir.write("p2.json", base_plan().dump()).string(),
                     "--phase", "preflight", "--only", "app.source", "--api-url", fake.url()});
  EXPECT_NE(after.out.find("not found"), std::string::npos) << after.out;
  for (const auto& request : fake.requests()) {
    if (request["method"] == "GET" && request["path"] == path) {
      EXPECT_EQ(request["status"], 404);  // the confirmation read
    }
  }
  // The official Heroku CLI agrees: the app is gone.
  TempDir home;
  const auto cli = run_process({HEROKU_CLI, "apps:info", "-a", "old-app"},
                               {{"HOME", home.path().string()},
                                {"HEROKU_HOST", fake.url()},
                                {"HEROKU_API_KEY", "test-token-7d1f"},
                                {"HEROKU_DISABLE_AUTOUPDATE", "1"},
                                {"HEROKU_SKIP_NEW_VERSION_CHECK", "1"},
                                {"HEROKU_SKIP_ANALYTICS", "1"},
                                {"DISABLE_TELEMETRY", "true"},
                                {"NO_COLOR", "1"}});
  EXPECT_NE(cli.exit_code, 0);
  EXPECT_NE((cli.out + cli.err).find("Couldn't find that app"), std::string::npos)
      << cli.out << cli.err;
}

TEST_F(Destroy, ADryRunSaysWhatWouldGoAndSendsNothing) {
  const FakeHeroku fake(scenario());
  const Run run = destroy(fake, plan(), {"--dry-run"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.err;
  EXPECT_TRUE(run.deletes.empty());
  EXPECT_NE(run.process.out.find("dry run: would destroy \"old-app\" (id "), std::string::npos);
  EXPECT_NE(run.process.out.find("postgresql-old-1 (heroku-postgresql:standard-0)"),
            std::string::npos);
  EXPECT_EQ(record(run)["outcome"], "dry-run");
  // Nothing that changes anything: reads, and the read-only log session.
  for (const auto& request : fake.requests()) {
    const std::string method = request["method"];
    const std::string path = request["path"];
    EXPECT_TRUE(method == "GET" || (method == "POST" && path.size() > 13 &&
                                    path.substr(path.size() - 13) == "/log-sessions"))
        << request.dump();
  }
}

TEST_F(Destroy, AConfirmThatDiffersInAnyByteIsAUsageError) {
  const FakeHeroku fake(scenario());
  for (const std::string confirm : {"old-ap", "old-app ", "Old-app", ""}) {
    const Run run = destroy(fake, plan(), {}, "old-app", confirm);
    EXPECT_EQ(run.process.exit_code, 2) << confirm;
    EXPECT_NE(run.process.err.find("does not match --app \"old-app\"; nothing was destroyed"),
              std::string::npos)
        << run.process.err;
  }
  EXPECT_TRUE(fake.requests().empty());  // not even a read
}

TEST_F(Destroy, TheTargetOrAnAppOutsideThePlanIsRefused) {
  const FakeHeroku fake(scenario());
  Run run = destroy(fake, plan(), {}, "new-app", "new-app");
  EXPECT_EQ(run.process.exit_code, 2);
  EXPECT_NE(run.process.err.find("never destroys a target"), std::string::npos);
  EXPECT_TRUE(fake.requests().empty());  // spelt as the plan's target: not even a read
  // Any other spelling may be one of the plan's apps by its id: the API says which it is.
  run = destroy(fake, plan(), {}, "other-app", "other-app");
  EXPECT_EQ(run.process.exit_code, 2);
  EXPECT_NE(run.process.err.find("is not the source of any migration"), std::string::npos);
  for (const auto& request : fake.requests()) {
    EXPECT_EQ(request["method"], "GET") << request.dump();
  }
}

TEST_F(Destroy, AnAddOnAttachedToTheTargetRefuses) {
  json world = scenario();
  world["addons"][0]["attachments"] = json::array({{{"app", "new-app"}, {"name", "OLD_DATABASE"}}});
  expect_refused(world, plan(), "decommission.shared-addons");
}

TEST_F(Destroy, PostgresStillOwnedBySourceRefuses) {
  json p = plan();
  p["migrations"][0].erase("accept_data_loss");
  expect_refused(scenario(), p, "decommission.data-addons");
}

TEST_F(Destroy, ADataclipOnTheSourceDatabaseRefuses) {
  json p = plan();
  p["migrations"][0]["dataclips"] = {
      {{"name", "daily revenue"}, {"database", "postgresql-old-1"}, {"reassigned", false}}};
  expect_refused(scenario(), p, "decommission.dataclips");
}

TEST_F(Destroy, ADomainStillOnTheSourceRefuses) {
  json world = scenario();
  world["apps"][0]["domains"] = {{{"hostname", "legacy.example.test"}}};
  expect_refused(world, plan(), "decommission.domains");
}

TEST_F(Destroy, DnsStillPointingAtTheSourceRefuses) {
  json world = dns_scenario();  // old.acme.test is CNAME to old-app's DNS target
  json p = plan();
  p["migrations"][0]["domains"] = {"old.acme.test"};
  expect_refused(world, p, "decommission.dns");
}

TEST_F(Destroy, APlanWithNoDomainsCannotHideTheAppsDomainsFromTheGuards) {
  // old.acme.test is still a domain of old-app and still a CNAME to its DNS target; a plan that
  // lists no domains must not make decommission.dns pass.
  json p = plan();
  p["migrations"][0]["domains"] = json::array();
  const FakeHeroku fake(dns_scenario());
  const Run run = destroy(fake, p);
  EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
  EXPECT_TRUE(run.deletes.empty());
  const json checks = record(run)["checks"];
  int dns_results = 0;
  bool seen = false;
  for (const auto& r : checks["results"]) {
    if (r["check"] == "decommission.dns") {
      ++dns_results;
      EXPECT_NE(r["subject"], "old-app") << "no domains must never read as nothing to check";
    }
    if (r["check"] == "decommission.dns" && r["subject"] == "old.acme.test") {
      seen = true;
      EXPECT_EQ(r["outcome"], "fail") << r.dump();
    }
  }
  EXPECT_TRUE(seen) << run.process.out;
  EXPECT_GT(dns_results, 1);  // the target's domains are asked about too
}

TEST_F(Destroy, ADeleteThatGetsA503IsNotRetried) {
  json world = scenario();
  world["faults"] = json::array(
      {{{"method", "DELETE"}, {"path", "/apps/*"}, {"kind", "status"}, {"status", 503}}});
  const FakeHeroku fake(world);
  const Run run = destroy(fake, plan());
  EXPECT_EQ(run.process.exit_code, 3) << run.process.err;
  EXPECT_EQ(run.deletes.size(), 1U);  // a read would have been tried again; a DELETE never is
}

TEST_F(Destroy, RecentTrafficRefuses) {
  json world = scenario();
  world["apps"][0]["logs"] = {
      "{{ago:60}} heroku[router]: at=info method=GET path=\"/\" host=www.example.test "
      "request_id=1 fwd=\"1.2.3.4\" dyno=web.1 connect=1ms service=5ms status=200 bytes=9"};
  expect_refused(world, plan(), "decommission.traffic");
}

TEST_F(Destroy, AnApiErrorDuringTheChecksRefuses) {
  json world = scenario();
  test::fault(world, app_path("old-app", "/domains"));
  expect_refused(world, plan(), "decommission.domains");
}

TEST_F(Destroy, AFailedDeleteIsRecordedAndExitsThree) {
  json world = scenario();
  world["faults"] = json::array(
      {{{"method", "DELETE"}, {"path", "/apps/*"}, {"kind", "status"}, {"status", 500}}});
  const FakeHeroku fake(world);
  const Run run = destroy(fake, plan());
  EXPECT_EQ(run.process.exit_code, 3) << run.process.err;
  EXPECT_EQ(run.deletes.size(), 1U);
  const json r = record(run);
  EXPECT_EQ(r["outcome"], "unknown");
  EXPECT_NE(r["message"].get<std::string>().find("heroku apps:info -a old-app"), std::string::npos);
}

// Identity: the guards decide by the API's ids, whatever the plan and the command line spell.

TEST_F(Destroy, ASourceNamedByIdInThePlanIsGuardedAsByName) {
  // The security review's world: the cutover is done, but old-app's database is still attached
  // to new-app (as HEROKU_POSTGRESQL_OLD): destroying old-app would destroy it under the new app.
  json world = scenario();
  world["addons"][0]["attachments"] = {{{"app", "new-app"}, {"name", "HEROKU_POSTGRESQL_OLD"}}};
  const std::string id = test::fake_app_id("old-app");
  for (const bool by_id : {false, true}) {
    std::filesystem::remove_all(m_dir.path() / "evidence");  // one bundle per run
    const FakeHeroku fake(world);
    json p = plan();
    p["migrations"][0]["source"]["app"] = by_id ? id : "old-app";
    const std::string app = by_id ? id : "old-app";
    const Run run = destroy(fake, p, {}, app, app);
    EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
    EXPECT_TRUE(run.deletes.empty()) << "by id: " << by_id;
    EXPECT_NE(run.process.err.find("  - decommission.shared-addons[postgresql-old-1]: fail: "
                                   "postgresql-old-1 (heroku-postgresql:standard-0) is owned by "
                                   "\"old-app\" and attached to new-app"),
              std::string::npos)
        << run.process.err;
    // The record names the app by its name and keeps the spelling it was given.
    const json r = record(run);
    EXPECT_EQ(r["app"]["name"], "old-app");
    EXPECT_EQ(r["app"]["id"], id);
    EXPECT_EQ(r["app"]["as_written"], app);
  }
}

TEST_F(Destroy, ATargetIsRefusedHoweverEitherSideSpellsIt) {
  const std::string id = test::fake_app_id("new-app");
  struct Case {
    std::string plan_target;
    std::string app;
  };
  for (const Case& c : {Case{"new-app", id}, Case{id, "new-app"}, Case{id, id}}) {
    const FakeHeroku fake(scenario());
    json p = plan();
    p["migrations"][0]["target"]["app"] = c.plan_target;
    const Run run = destroy(fake, p, {}, c.app, c.app);
    EXPECT_EQ(run.process.exit_code, 2) << c.plan_target << " / " << c.app << run.process.err;
    EXPECT_NE(run.process.err.find("is the target of migration \"old-app\""), std::string::npos)
        << run.process.err;
    EXPECT_NE(run.process.err.find("spaceport never destroys a target"), std::string::npos);
    EXPECT_TRUE(run.deletes.empty());
  }
}

TEST_F(Destroy, AnEmptyLogFileCannotHideTheLiveStream) {
  json world = scenario();
  for (int i = 0; i < 20; ++i) {
    world["apps"][0]["logs"].push_back(
        "{{ago:" + std::to_string(60 + i) +
        "}} heroku[router]: at=info method=GET path=\"/\" host=www.example.test request_id=" +
        std::to_string(i) +
        " fwd=\"1.2.3.4\" dyno=web.1 connect=1ms service=5ms status=200 bytes=9");
  }
  json p = plan();
  p["migrations"][0]["logs"] = {{"source_file", m_dir.write("empty.log", "").string()}};
  const FakeHeroku fake(world);
  const Run run = destroy(fake, p);
  EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
  EXPECT_TRUE(run.deletes.empty());
  EXPECT_NE(run.process.err.find("  - decommission.traffic[old-app]: fail: \"old-app\" still "
                                 "served 20 requests"),
            std::string::npos)
      << run.process.err;
  EXPECT_EQ(fake.count("POST", "/apps/" + test::fake_app_id("old-app") + "/log-sessions"), 1);
}

TEST_F(Destroy, WithoutALogSessionAFileMustCoverTheWholeWindow) {
  json world = scenario();
  world["apps"][0]["log_sessions"] = false;  // as in a space with Private Space Logging
  const auto line = [](int seconds_ago) {
    const auto at = std::chrono::system_clock::now() - std::chrono::seconds(seconds_ago);
    const std::time_t t = std::chrono::system_clock::to_time_t(at);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
    return std::string(stamp) + " app[web.1]: still quiet\n";
  };
  json p = plan();
  // The last three minutes of a fifteen-minute window: the twelve before are unaccounted for.
  p["migrations"][0]["logs"] = {
      {"source_file", m_dir.write("part.log", line(180) + line(10)).string()}};
  {
    const FakeHeroku fake(world);
    const Run run = destroy(fake, p);
    EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
    EXPECT_TRUE(run.deletes.empty());
    EXPECT_NE(run.process.err.find("  - decommission.traffic[old-app]: error: \"old-app\" has no "
                                   "log session to read and the file covers "),
              std::string::npos)
        << run.process.err;
    EXPECT_NE(run.process.err.find(", the window is "), std::string::npos);
  }
  // One that reaches back past the window's start stands in for the session.
  p["migrations"][0]["logs"] = {
      {"source_file", m_dir.write("whole.log", line(20 * 60) + line(10)).string()}};
  const FakeHeroku fake(world);
  const Run run = destroy(fake, p, {"--dry-run"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
}

TEST_F(Destroy, AnAttachmentAddedAfterTheChecksRefuses) {
  json world = scenario();
  // Someone attaches old-app's database to new-app while the checks run: the change is made just
  // before the re-read (the second GET /apps/old-app), after every guard passed.
  world["faults"] = {{{"method", "GET"},
                      {"path", "/apps/old-app"},
                      {"after", 1},
                      {"kind", "attach"},
                      {"app", "new-app"},
                      {"to", "postgresql-old-1"}}};
  const FakeHeroku fake(world);
  const Run run = destroy(fake, plan());
  EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
  EXPECT_TRUE(run.deletes.empty());
  EXPECT_NE(run.process.err.find("refused to destroy \"old-app\": it changed after the checks; "
                                 "nothing was sent"),
            std::string::npos)
      << run.process.err;
  EXPECT_NE(run.process.err.find("postgresql-old-1 (heroku-postgresql:standard-0) is owned by "
                                 "\"old-app\" and attached to new-app"),
            std::string::npos);
  const json r = record(run);
  EXPECT_EQ(r["outcome"], "refused");
  EXPECT_EQ(r["checks"]["summary"]["fail"], 0);  // the checks themselves had passed
}

TEST_F(Destroy, ADomainAddedAfterTheChecksRefuses) {
  json world = scenario();
  world["faults"] = {{{"method", "GET"},
                      {"path", "/apps/" + test::fake_app_id("old-app") + "/domains"},
                      {"after", 1},
                      {"kind", "add_domain"},
                      {"app", "old-app"},
                      {"to", "late.example.test"}}};
  const FakeHeroku fake(world);
  const Run run = destroy(fake, plan());
  EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
  EXPECT_TRUE(run.deletes.empty());
  EXPECT_NE(run.process.err.find("late.example.test is still a custom domain of \"old-app\""),
            std::string::npos)
      << run.process.err;
}

// The fault matrix: the API failing at each step of a destroy (the audit's reads, the checks,
// the re-read, the DELETE, the confirmation), the app changing hands between the checks and the
// DELETE, signals at each step and two runs at once. The fake's request log is the judge: at
// most one DELETE, always by id, never after a step that did not show the app safe; the evidence
// says what happened, and the exit code is the documented one.

/// old-app's id, fixed so that a fault can name the confirmation's GET /apps/{id}.
constexpr const char* k_old_id = "0e1d0c0b-0a09-4807-8605-040302010000";

struct FaultCase {
  std::string name;
  json faults;
  int exit_code;
  std::size_t deletes;
  std::string outcome;  // the destroy record's
  std::string said;     // on standard error
  std::vector<std::string> extra = {};
};

json fault_at(const std::string& method, const std::string& path, json kind, int after = 0) {
  kind["method"] = method;
  kind["path"] = path;
  if (after > 0) {
    kind["after"] = after;
  }
  return kind;
}

const json k_500 = {{"kind", "status"}, {"status", 500}};
const json k_503 = {{"kind", "status"}, {"status", 503}};
const json k_reset = {{"kind", "reset"}};
const json k_429 = {{"kind", "rate_limit"}, {"retry_after", 0}};
const json k_slow = {{"kind", "hang"}, {"ms", 3000}};  // past --timeout 1s
const std::vector<std::string> k_short_timeout = {"--timeout", "1s"};
const std::string k_by_id = std::string("/apps/") + k_old_id;

std::vector<FaultCase> fault_cases() {
  const std::string app = "/apps/old-app";
  const std::string lost = "failed or its answer was lost";
  return {
      // Before the DELETE: nothing may be sent.
      {"AuditRead500", {fault_at("GET", app, k_500)}, 3, 0, "failed", "answered 500"},
      {"AuditReadReset", {fault_at("GET", app, k_reset)}, 3, 0, "failed", "nothing was destroyed"},
      {"AuditRead429", {fault_at("GET", app, k_429)}, 3, 0, "failed", "rate limited"},
      {"AuditReadTimeout",
       {fault_at("GET", app, k_slow)},
       3,
       0,
       "failed",
       "timed out",
       k_short_timeout},
      // The checks read the app's resources by its id.
      {"CheckRead503", {fault_at("GET", k_by_id + "/addons", k_503)}, 1, 0, "refused", "refused"},
      {"CheckReadReset",
       {fault_at("GET", k_by_id + "/domains", k_reset)},
       1,
       0,
       "refused",
       "refused"},
      {"ReRead500", {fault_at("GET", app, k_500, 1)}, 3, 0, "failed", "could not re-read"},
      {"ReReadReset", {fault_at("GET", app, k_reset, 1)}, 3, 0, "failed", "could not re-read"},
      {"ReRead429", {fault_at("GET", app, k_429, 1)}, 3, 0, "failed", "could not re-read"},
      {"ReReadTimeout",
       {fault_at("GET", app, k_slow, 1)},
       3,
       0,
       "failed",
       "could not re-read",
       k_short_timeout},
      // The DELETE itself: sent once, never again, and its outcome unknown.
      {"Delete500", {fault_at("DELETE", "/apps/*", k_500)}, 3, 1, "unknown", lost},
      {"Delete503", {fault_at("DELETE", "/apps/*", k_503)}, 3, 1, "unknown", lost},
      {"DeleteReset", {fault_at("DELETE", "/apps/*", k_reset)}, 3, 1, "unknown", lost},
      {"Delete429", {fault_at("DELETE", "/apps/*", k_429)}, 3, 1, "unknown", lost},
      {"DeleteTimeout",
       {fault_at("DELETE", "/apps/*", k_slow)},
       3,
       1,
       "unknown",
       lost,
       k_short_timeout},
      {"DeleteDoneAnswerLost",
       {fault_at("DELETE", "/apps/*", {{"kind", "lost"}})},
       3,
       1,
       "unknown",
       lost},
      // After it: deleted, and the confirmation could not say so.
      {"Confirm500",
       {fault_at("GET", k_by_id, k_500)},
       3,
       1,
       "unknown",
       "was deleted but the confirmation failed"},
      {"ConfirmReset",
       {fault_at("GET", k_by_id, k_reset)},
       3,
       1,
       "unknown",
       "was deleted but the confirmation failed"},
      // The app changes between the checks and the DELETE.
      {"RenamedAfterTheChecks",
       {fault_at("GET", app, {{"kind", "rename"}, {"app", "old-app"}, {"to", "old-app-kept"}}, 1)},
       1,
       0,
       "refused",
       "no longer the app that was checked"},
      {"RecreatedAfterTheChecks",
       {fault_at("GET", app, {{"kind", "recreate"}, {"app", "old-app"}}, 1)},
       1,
       0,
       "refused",
       "no longer the app that was checked"},
      {"TransferredAfterTheChecks",
       {fault_at("GET", app,
                 {{"kind", "transfer"}, {"app", "old-app"}, {"to", "someone@else.example"}}, 1)},
       1,
       0,
       "refused",
       "was transferred"},
      {"RecreatedAfterTheReRead",
       {fault_at("DELETE", "/apps/*", {{"kind", "recreate"}, {"app", "old-app"}})},
       3,
       1,
       "already-gone",
       "was deleted by someone else after the checks"},
  };
}

void PrintTo(const FaultCase& c, std::ostream* out) {
  *out << c.name;
}

class DestroyFaults : public Destroy, public testing::WithParamInterface<FaultCase> {
 protected:
  static json world() {
    json w = scenario();
    w["apps"][0]["id"] = k_old_id;
    return w;
  }
};

TEST_P(DestroyFaults, AtMostOneDeleteByIdAndTheEvidenceSaysWhatHappened) {
  const FaultCase& c = GetParam();
  json w = world();
  w["faults"] = c.faults;
  const FakeHeroku fake(w);
  Run run;
  run.process = run_spaceport(destroy_args(fake, plan(), c.extra));
  if (c.faults[0]["kind"] == "hang" && c.deletes > 0) {
    // spaceport gave up waiting; the fake carries the request out later.
    ASSERT_TRUE(fake.wait_for_answer(c.faults[0]["method"], k_by_id));
  }
  run = judged(fake, std::move(run));
  EXPECT_EQ(run.process.exit_code, c.exit_code) << run.process.out << run.process.err;
  ASSERT_EQ(run.deletes.size(), c.deletes) << run.process.err;
  for (const auto& d : run.deletes) {
    EXPECT_EQ(d["path"], k_by_id);  // by the audited id, never by name
  }
  EXPECT_NE(run.process.err.find(c.said), std::string::npos) << run.process.err;
  const json r = record(run);
  EXPECT_EQ(r["outcome"], c.outcome) << r.dump(2);
  if (c.deletes == 0) {
    EXPECT_NE(r.value("message", std::string()), "") << r.dump(2);
    for (const auto& step : r["steps"]) {
      EXPECT_EQ(step["action"].get<std::string>().rfind("DELETE", 0), std::string::npos);
    }
  } else if (c.outcome == "unknown" && c.said == "failed or its answer was lost") {
    // "The DELETE was sent and its answer never came": a person checks before retrying.
    EXPECT_NE(r["message"].get<std::string>().find("heroku apps:info -a old-app"),
              std::string::npos);
    bool sending = false;
    for (const auto& step : r["steps"]) {
      sending = sending || (step["action"] == "DELETE " + k_by_id && step["result"] == "sending");
    }
    EXPECT_TRUE(sending) << r.dump(2);
  }
}

INSTANTIATE_TEST_SUITE_P(EveryStep, DestroyFaults, testing::ValuesIn(fault_cases()),
                         [](const auto& test_case) { return test_case.param.name; });

TEST_F(DestroyFaults, ADeleteWhoseAnswerWasLostDidHappen) {
  // The fake carried the DELETE out and reset the connection: the record says "unknown", and the
  // app is in fact gone, which is why a person must look before running destroy again.
  json w = world();
  w["faults"] = {fault_at("DELETE", "/apps/*", {{"kind", "lost"}})};
  const FakeHeroku fake(w);
  EXPECT_EQ(destroy(fake, plan()).process.exit_code, 3);
  const Run again = destroy(fake, plan());
  EXPECT_EQ(again.process.exit_code, 1) << again.process.err;
  EXPECT_NE(again.process.err.find("was not found (404): nothing to destroy"), std::string::npos);
  EXPECT_EQ(again.deletes.size(), 1U);  // still only the first run's
}

TEST_F(DestroyFaults, ARecreatedAppIsNotTheOneDeleted) {
  json w = world();
  w["faults"] = {fault_at("DELETE", "/apps/*", {{"kind", "recreate"}, {"app", "old-app"}})};
  const FakeHeroku fake(w);
  const Run run = destroy(fake, plan());
  EXPECT_EQ(run.process.exit_code, 3);
  // The app now under the name is untouched: check still finds it.
  const auto after =
      run_spaceport({"check", "--plan", m_dir.write("p2.json", base_plan().dump()).string(),
                     "--phase", "preflight", "--only", "app.source", "--api-url", fake.url()});
  EXPECT_EQ(after.exit_code, 0) << after.out << after.err;
}

struct SignalCase {
  std::string name;
  json fault;  // a hang on the step's request; the signal is sent when it arrives
  std::string method;
  std::string path;
  int signal;
  int exit_code;
  std::size_t deletes;
  std::string outcome;
};

void PrintTo(const SignalCase& c, std::ostream* out) {
  *out << c.name;
}

class DestroySignals : public Destroy, public testing::WithParamInterface<SignalCase> {};

TEST_P(DestroySignals, ASignalStopsBeforeTheDeleteAndNeverHalfWayThroughIt) {
  const SignalCase& c = GetParam();
  json w = scenario();
  w["apps"][0]["id"] = k_old_id;
  w["faults"] = {c.fault};
  const FakeHeroku fake(w);
  auto process = start_destroy(fake, plan());
  ASSERT_TRUE(fake.wait_for_arrival(c.method, c.path));
  process.signal(c.signal);
  const Run run = judged(fake, Run{process.finish(), {}, {}});
  EXPECT_EQ(run.process.exit_code, c.exit_code) << run.process.out << run.process.err;
  EXPECT_EQ(run.deletes.size(), c.deletes) << run.process.err;
  EXPECT_EQ(record(run)["outcome"], c.outcome) << record(run).dump(2);
  if (c.deletes == 0) {
    EXPECT_NE(run.process.err.find("before the DELETE; nothing was destroyed"), std::string::npos)
        << run.process.err;
  } else {
    EXPECT_NE(run.process.err.find("a signal arrived during the deletion; it was finished and "
                                   "recorded"),
              std::string::npos)
        << run.process.err;
  }
  // However it ended, the bundle is complete and verifies.
  for (const auto& bundle : std::filesystem::directory_iterator(run.evidence)) {
    const auto verify = run_process(
        {"/bin/sh", "-c", "cd '" + bundle.path().string() + "' && sha256sum -c SHA256SUMS"});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  }
}

std::vector<SignalCase> signal_cases() {
  const json held = {{"kind", "hang"}, {"ms", 1500}};
  return {
      {"SigintDuringTheChecks", fault_at("GET", k_by_id + "/domains", held), "GET",
       k_by_id + "/domains", SIGINT, 3, 0, "interrupted"},
      {"SigtermDuringTheReRead", fault_at("GET", "/apps/old-app", held, 1), "GET", "/apps/old-app",
       SIGTERM, 3, 0, "interrupted"},
      {"SigintDuringTheDelete", fault_at("DELETE", "/apps/*", held), "DELETE", k_by_id, SIGINT, 0,
       1, "destroyed"},
      {"SigtermDuringTheConfirmation", fault_at("GET", k_by_id, held), "GET", k_by_id, SIGTERM, 0,
       1, "destroyed"},
  };
}

INSTANTIATE_TEST_SUITE_P(EveryStep, DestroySignals, testing::ValuesIn(signal_cases()),
                         [](const auto& test_case) { return test_case.param.name; });

TEST_F(DestroySignals, ASecondSignalDuringTheDeleteWaitsForItsOutcome) {
  json w = scenario();
  w["apps"][0]["id"] = k_old_id;
  w["faults"] = {fault_at("DELETE", "/apps/*", {{"kind", "hang"}, {"ms", 1500}})};
  const FakeHeroku fake(w);
  auto process = start_destroy(fake, plan());
  ASSERT_TRUE(fake.wait_for_arrival("DELETE", k_by_id));
  process.signal(SIGINT);
  ASSERT_TRUE(process.wait_for_stderr("interrupted (SIGINT)", std::chrono::seconds(30)));
  process.signal(SIGINT);
  const Run run = judged(fake, Run{process.finish(), {}, {}});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.err;
  EXPECT_NE(run.process.err.find("a DELETE is in flight"), std::string::npos) << run.process.err;
  EXPECT_EQ(run.deletes.size(), 1U);
  EXPECT_EQ(record(run)["outcome"], "destroyed");
}

TEST_F(DestroySignals, TwoRunsAtOnceSendOneDelete) {
  json w = scenario();
  w["apps"][0]["id"] = k_old_id;
  w["faults"] = {fault_at("DELETE", "/apps/*", {{"kind", "hang"}, {"ms", 1500}})};
  const FakeHeroku fake(w);
  auto first = start_destroy(fake, plan());
  ASSERT_TRUE(fake.wait_for_arrival("DELETE", k_by_id));
  // The second, on the same machine, while the first's DELETE is in flight: refused at once.
  TempDir other;
  const auto second =
      run_spaceport({"destroy", "--plan", other.write("plan.json", plan().dump()).string(), "--app",
                     "old-app", "--confirm", "old-app", "--api-url", fake.url(), "--data-api-url",
                     fake.url(), "--resolver", s_dns->resolver()});
  EXPECT_EQ(second.exit_code, 2) << second.err;
  EXPECT_NE(second.err.find("another spaceport destroy of \"old-app\""), std::string::npos)
      << second.err;
  const auto done = first.finish();
  EXPECT_EQ(done.exit_code, 0) << done.err;
  // And one after it finds nothing to destroy.
  const Run third = destroy(fake, plan());
  EXPECT_EQ(third.process.exit_code, 1);
  EXPECT_EQ(third.deletes.size(), 1U);  // the first run's only
}

}  // namespace
}  // namespace destroy_e2e_test
}  // namespace spaceport::test
