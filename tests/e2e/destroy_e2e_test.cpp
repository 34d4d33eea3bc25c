// `spaceport destroy` against fake-heroku and its request log: every unsafe case sends no
// DELETE; the safe case sends exactly one, by id, and the app and its add-ons are gone.
#include <filesystem>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
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

  Run destroy(const FakeHeroku& fake, const json& the_plan, std::vector<std::string> extra = {},
              const std::string& app = "old-app", const std::string& confirm = "old-app") {
    const auto plan_path = m_dir.write("plan.json", the_plan.dump());
    std::vector<std::string> args{
        "destroy",         "--plan",     plan_path.string(),
        "--app",           app,          "--confirm",
        confirm,           "--api-url",  fake.url(),
        "--data-api-url",  fake.url(),   "--resolver",
        s_dns->resolver(), "--evidence", (m_dir.path() / "evidence").string(),
        "--timeout",       "5s"};
    args.insert(args.end(), extra.begin(), extra.end());
    Run run;
    run.process = run_spaceport(args);
    for (const auto& request : fake.requests()) {
      if (request["method"] == "DELETE") {
        run.deletes.push_back(request);
      }
    }
    run.evidence = m_dir.path() / "evidence";
    return run;
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
  run = destroy(fake, plan(), {}, "other-app", "other-app");
  EXPECT_EQ(run.process.exit_code, 2);
  EXPECT_NE(run.process.err.find("is not the source of any migration"), std::string::npos);
  EXPECT_TRUE(fake.requests().empty());
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
  test::fault(world, "/apps/old-app/domains");
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

}  // namespace
}  // namespace spaceport::test
