// `spaceport watch` over a world that changes between rounds: the transition is printed with its
// time, and the Prometheus file is valid text exposition.
#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace watch_e2e_test {
namespace {

TEST(Watch, ReportsTransitionsAndWritesPrometheusMetrics) {
  json scenario = cutover_scenario();
  scenario["apps"][1]["logs"] = {
      "{{ago:30}} heroku[router]: at=info method=GET path=\"/\" host=www.example.test "
      "request_id=1 fwd=\"1.2.3.4\" dyno=web.1 connect=1ms service=12ms status=200 bytes=9"};
  // The first log session fails; the next rounds read the logs.
  scenario["faults"] = json::array({{{"method", "POST"},
                                     {"path", app_path("new-app", "/log-sessions")},
                                     {"kind", "status"},
                                     {"status", 503},
                                     {"times", 1}}});
  const FakeHeroku fake(scenario);
  TempDir dir;
  json plan = base_plan();
  plan["migrations"][0]["domains"] = json::array();  // no DNS, TLS or health to watch here
  const auto plan_path = dir.write("plan.json", plan.dump());
  const auto metrics = dir.path() / "spaceport.prom";
  const auto report = dir.path() / "latest.json";
  const auto r = run_spaceport({"watch", "--plan", plan_path.string(), "--api-url", fake.url(),
                                "--data-api-url", fake.url(), "--interval", "100ms", "--count", "3",
                                "--request-budget", "1000000", "--prometheus", metrics.string(),
                                "--json", report.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;  // the last round is clean
  // A problem's message is on the console from the first round.
  EXPECT_NE(r.out.find("old-app logs.errors[new-app]  error: POST "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("old-app logs.source-drained[old-app]  pass\n"), std::string::npos);
  EXPECT_NE(r.out.find("old-app logs.errors[new-app]  error -> pass: "), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("round 3: "), std::string::npos);
  EXPECT_EQ(r.out.find("round 4"), std::string::npos);
  // Each change line starts with its time.
  const auto change = r.out.find("error -> pass");
  const auto line_start = r.out.rfind('\n', change) + 1;
  EXPECT_EQ(r.out.substr(line_start, 2), "20") << r.out.substr(line_start, 40);

  const auto validation = validate_prometheus(metrics);
  EXPECT_EQ(validation.exit_code, 0) << validation.out << validation.err << read_file(metrics);
  const std::string text = read_file(metrics);
  EXPECT_NE(text.find("spaceport_check_ok{migration=\"old-app\",check=\"logs.errors\","
                      "subject=\"new-app\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("outcome=\"pass\"} 1"), std::string::npos);
  // Every outcome's series is there, 0 or 1, so none vanishes when the outcome changes.
  EXPECT_NE(text.find("spaceport_check_outcome{migration=\"old-app\",check=\"logs.errors\","
                      "subject=\"new-app\",outcome=\"error\"} 0\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("spaceport_build_info{version=\""), std::string::npos);
  EXPECT_NE(text.find("spaceport_last_run_timestamp_seconds "), std::string::npos);
  EXPECT_EQ(json::parse(read_file(report))["summary"]["error"], 0);
  EXPECT_EQ(fake.count("POST", app_path("new-app", "/log-sessions")), 3);  // read afresh each round
}

TEST(Watch, OnlySkipStrictAndJunitApplyToEveryRound) {
  json scenario = cutover_scenario();
  scenario["apps"][1]["logs"] = {
      "{{ago:30}} heroku[router]: at=error code=H12 desc=\"Request timeout\" method=GET "
      "path=\"/\" host=www.example.test request_id=1 fwd=\"1.2.3.4\" dyno=web.1 connect=1ms "
      "service=30000ms status=503 bytes=0"};
  const FakeHeroku fake(scenario);
  TempDir dir;
  json plan = base_plan();
  plan["migrations"][0]["domains"] = json::array();
  // H12 only warns under this plan; --strict makes the warning fail every round.
  plan["migrations"][0]["logs"] = {
      {"fail_codes", json::array()}, {"warn_codes", {"H12"}}, {"max_5xx_ratio", 1}};
  const auto plan_path = dir.write("plan.json", plan.dump());
  const auto junit = dir.path() / "watch.xml";
  const auto r =
      run_spaceport({"watch",        "--plan",     plan_path.string(),
                     "--api-url",    fake.url(),   "--data-api-url",
                     fake.url(),     "--interval", "50ms",
                     "--count",      "2",          "--request-budget",
                     "1000000",      "--only",     "logs.errors,logs.source-drained,dns.target",
                     "--skip",       "dns.target", "--junit",
                     junit.string(), "--strict"});
  EXPECT_NE(r.out.find("round 2: "), std::string::npos) << r.out << r.err;
  EXPECT_EQ(r.out.find("dns.target"), std::string::npos) << r.out;  // skipped
  EXPECT_EQ(r.out.find("tls.certificate"), std::string::npos);      // not in --only
  EXPECT_NE(r.out.find("logs.errors[new-app]"), std::string::npos);
  const std::string xml = read_file(junit);
  EXPECT_NE(xml.find("<testsuite name=\"old-app.postflight\" tests=\"2\""), std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<property name=\"strict\" value=\"true\""), std::string::npos);
  const auto validation = validate_xml(junit, "junit.xsd");
  EXPECT_EQ(validation.exit_code, 0) << validation.err;
  EXPECT_NE(xml.find("warn (--strict): "), std::string::npos) << xml;
  EXPECT_EQ(r.exit_code, 1) << r.out;
}

TEST(Watch, AnIntervalTooShortForTheRateBudgetIsRefused) {
  const FakeHeroku fake(cutover_scenario());
  TempDir dir;
  json plan = base_plan();
  for (int i = 2; i <= 10; ++i) {
    json m = plan["migrations"][0];
    m["name"] = "migration-" + std::to_string(i);
    plan["migrations"].push_back(m);
  }
  const auto plan_path = dir.write("plan.json", plan.dump());
  const auto r = run_spaceport(
      {"watch", "--plan", plan_path.string(), "--api-url", fake.url(), "--interval", "1m"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  // 10 migrations cost 60 requests a round; a quarter of 4,500 an hour allows one every 192 s.
  EXPECT_NE(r.err.find("--interval 1m is too short for this plan: a round costs about 60 Platform "
                       "API requests (6 for each of 10 migration(s)), and watch may spend 1125 an "
                       "hour"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("use --interval 192s or longer"), std::string::npos) << r.err;
  EXPECT_TRUE(fake.requests().empty());
  // A bounded watch is refused only when its rounds together do not fit: 20 rounds cost 1,200.
  const auto too_many = run_spaceport({"watch", "--plan", plan_path.string(), "--api-url",
                                       fake.url(), "--interval", "1m", "--count", "20"});
  EXPECT_EQ(too_many.exit_code, 2) << too_many.err;
  EXPECT_NE(too_many.err.find("20 rounds cost about 1200, more than that"), std::string::npos)
      << too_many.err;
  EXPECT_TRUE(fake.requests().empty());
  // What fits is accepted.
  const auto fits = run_spaceport({"watch", "--plan", plan_path.string(), "--api-url", fake.url(),
                                   "--data-api-url", fake.url(), "--interval", "4m", "--count", "1",
                                   "--only", "logs.errors"});
  EXPECT_NE(fits.exit_code, 2) << fits.err;
}

TEST(Watch, ALargePlansRoundsAreCountedWithTheAccountsLists) {
  // 12 migrations name 24 apps: each round reads the account's 3 lists instead of the 24 apps,
  // so a round costs 4 requests a migration (log sessions and domains) and 3 more.
  const FakeHeroku fake(fleet_scenario(12));
  TempDir dir;
  const auto plan_path = dir.write("plan.json", fleet_plan(12).dump());
  const auto r = run_spaceport(
      {"watch", "--plan", plan_path.string(), "--api-url", fake.url(), "--interval", "1m"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("a round costs about 51 Platform API requests (4 for each of 12 "
                       "migration(s), and the account's 3 lists)"),
            std::string::npos)
      << r.err;
  const auto fits = run_spaceport({"watch", "--plan", plan_path.string(), "--api-url", fake.url(),
                                   "--data-api-url", fake.url(), "--interval", "1s", "--count", "2",
                                   "--only", "logs.errors"});
  EXPECT_NE(fits.exit_code, 2) << fits.err;
  EXPECT_NE(fits.out.find("round 2:"), std::string::npos) << fits.out;
}

TEST(Watch, AShortBoundedWatchWhoseRoundsFitRuns) {
  // Three 1-second rounds of one migration cost 18 requests: an hour of them would not fit,
  // these do (DESIGN.md: --count N bounds the run).
  const FakeHeroku fake(cutover_scenario());
  TempDir dir;
  const auto plan_path = dir.write("plan.json", base_plan().dump());
  const auto r = run_spaceport({"watch", "--plan", plan_path.string(), "--api-url", fake.url(),
                                "--data-api-url", fake.url(), "--interval", "1s", "--count", "3",
                                "--only", "logs.errors"});
  EXPECT_NE(r.exit_code, 2) << r.err;
  EXPECT_NE(r.out.find("round 3:"), std::string::npos) << r.out << r.err;
  const auto unbounded =
      run_spaceport({"watch", "--plan", plan_path.string(), "--api-url", fake.url(),
                     "--data-api-url", fake.url(), "--interval", "1s", "--only", "logs.errors"});
  EXPECT_EQ(unbounded.exit_code, 2);
  // Whole seconds, as a person would type them.
  EXPECT_NE(unbounded.err.find("use --interval 20s or longer"), std::string::npos) << unbounded.err;
}

}  // namespace
}  // namespace watch_e2e_test
}  // namespace spaceport::test
