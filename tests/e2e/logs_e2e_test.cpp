// The log checks and `spaceport logs scan`, end to end: log sessions served by fake-heroku as
// Server-Sent Events, captured files, and a stream that breaks off.
#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace logs_e2e_test {
namespace {

std::string router(int ago, const std::string& host, int status, int service_ms,
                   const std::string& code = "") {
  std::string line = "{{ago:" + std::to_string(ago) + "}} heroku[router]: ";
  line += code.empty() ? "at=info" : "at=error code=" + code + " desc=\"App crashed\"";
  line += " method=GET path=\"/\" host=" + host +
          " request_id=3f336f1a-9be3-4791-afe3-596a1f2a481f fwd=\"17.17.17.17\" dyno=web.1 "
          "connect=1ms service=" +
          std::to_string(service_ms) + "ms status=" + std::to_string(status) +
          " bytes=975 protocol=https";
  return line;
}

json healthy_lines(const std::string& host) {
  json lines = json::array();
  for (int i = 0; i < 40; ++i) {
    lines.push_back(router(300 - i, host, 200, 20 + i));
  }
  lines.push_back("{{ago:100}} app[web.1]: Completed 200 OK in 12ms");
  return lines;
}

CheckRun run_logs(const json& scenario, const json& plan = base_plan(),
                  const std::vector<std::string>& only = {"logs.errors,logs.source-drained"}) {
  const FakeHeroku fake(scenario);
  return check(fake, plan, {"--only", only.front()}, {"postflight"});
}

TEST(LogsE2e, ACleanWindowPasses) {
  json scenario = cutover_scenario();
  scenario["apps"][1]["logs"] = healthy_lines("www.example.test");
  const auto r = run_logs(scenario);
  EXPECT_EQ(r.process.exit_code, 0) << r.process.out << r.process.err;
  const auto errors = result(r, "logs.errors", "new-app");
  EXPECT_EQ(errors["outcome"], "pass");
  const std::string message = errors["message"];
  EXPECT_NE(message.find("40 requests, 0.00% 5xx, p50"), std::string::npos) << message;
  // new-app is in a Shield space: what a clean log cannot show there is said.
  EXPECT_NE(message.find("R14"), std::string::npos) << message;
  EXPECT_EQ(errors["evidence"]["router_lines"], 40);
  EXPECT_TRUE(errors["evidence"]["service_ms"].contains("p95"));
  // The source served nothing in the window.
  EXPECT_EQ(result(r, "logs.source-drained", "old-app")["outcome"], "pass");
}

TEST(LogsE2e, AnH10BurstFailsWithCounts) {
  json scenario = cutover_scenario();
  json lines = healthy_lines("www.example.test");
  for (int i = 0; i < 5; ++i) {
    lines.push_back(router(60 - i, "www.example.test", 503, 0, "H10"));
  }
  // Older than the 15-minute window: not counted.
  lines.push_back(router(3600, "www.example.test", 503, 0, "H10"));
  scenario["apps"][1]["logs"] = lines;
  const auto r = run_logs(scenario, base_plan(), {"logs.errors"});
  EXPECT_EQ(r.process.exit_code, 1);
  const auto errors = result(r, "logs.errors", "new-app");
  EXPECT_EQ(errors["outcome"], "fail");
  const std::string message = errors["message"];
  EXPECT_NE(message.find("H10 (App crashed) ×5 from "), std::string::npos) << message;
  EXPECT_NE(message.find("5xx responses are 11.11% of 45 router responses, above 1.00%"),
            std::string::npos)
      << message;
  EXPECT_EQ(errors["evidence"]["codes"][0]["count"], 5);
}

TEST(LogsE2e, PlanThresholdsApply) {
  json scenario = cutover_scenario();
  scenario["apps"][1]["logs"] = healthy_lines("www.example.test");
  json plan = base_plan();
  plan["migrations"][0]["logs"] = {{"max_p95_ms", 30}, {"fail_codes", {"H12"}}};
  const auto r = run_logs(scenario, plan, {"logs.errors"});
  const auto errors = result(r, "logs.errors", "new-app");
  EXPECT_EQ(errors["outcome"], "fail");
  EXPECT_NE(errors["message"].get<std::string>().find("router service time p95 is 5"),
            std::string::npos)
      << errors["message"];
}

TEST(LogsE2e, ASourceStillServingRequestsFails) {
  json scenario = cutover_scenario();
  json lines = json::array();
  for (int i = 0; i < 3; ++i) {
    lines.push_back(router(120 - i, "www.example.test", 200, 15));
  }
  lines.push_back(router(30, "old-app-1234.herokuapp.com", 200, 15));
  scenario["apps"][0]["logs"] = lines;
  const auto r = run_logs(scenario, base_plan(), {"logs.source-drained"});
  EXPECT_EQ(r.process.exit_code, 1);
  const auto drained = result(r, "logs.source-drained", "old-app");
  EXPECT_EQ(drained["outcome"], "fail");
  EXPECT_NE(drained["message"].get<std::string>().find(
                "\"old-app\" still served 4 requests in the last 15 minutes of a log session"),
            std::string::npos)
      << drained["message"];
  EXPECT_NE(drained["message"].get<std::string>().find("www.example.test (3)"), std::string::npos);
}

TEST(LogsE2e, ALogSessionThatBreaksOffIsAnErrorNotAPass) {
  json scenario = cutover_scenario();
  scenario["apps"][1]["logs"] = healthy_lines("www.example.test");
  scenario["faults"] = json::array({{{"path", "/log-streams/*"}, {"kind", "truncated"}}});
  const auto r = run_logs(scenario, base_plan(), {"logs.errors"});
  EXPECT_EQ(r.process.exit_code, 3) << r.process.out;
  const auto errors = result(r, "logs.errors", "new-app");
  EXPECT_EQ(errors["outcome"], "error");
  EXPECT_NE(errors["message"].get<std::string>().find("the log stream of \"new-app\" broke off"),
            std::string::npos)
      << errors["message"];
  // The stream's URL is a credential: it is never printed.
  EXPECT_EQ(r.process.out.find("/log-streams/"), std::string::npos);
}

TEST(LogsE2e, ACapturedDrainFileIsReadInsteadOfASession) {
  TempDir dir;
  const std::string body =
      "<158>1 2026-11-24T10:00:00.000000+00:00 host heroku router - at=error code=H12 "
      "desc=\"Request timeout\" method=GET path=\"/\" host=www.example.test dyno=web.1 "
      "connect=1ms service=30001ms status=503 bytes=0";
  const auto file = dir.write("drain.log", std::to_string(body.size()) + " " + body);
  json plan = base_plan();
  plan["migrations"][0]["logs"] = {{"target_file", file.string()}};
  const FakeHeroku fake(cutover_scenario());
  const auto r = check(fake, plan, {"--only", "logs.errors"}, {"postflight"});
  const auto errors = result(r, "logs.errors", "new-app");
  EXPECT_EQ(errors["outcome"], "fail");
  EXPECT_NE(errors["message"].get<std::string>().find("H12 (Request timeout) ×1"),
            std::string::npos);
  EXPECT_EQ(fake.count("POST", app_path("new-app", "/log-sessions")), 0);
}

TEST(LogsE2e, LogsScanPrintsATableAndWritesJson) {
  TempDir dir;
  const std::string text =
      "2010-10-06T21:51:12-07:00 heroku[router]: at=error code=H10 desc=\"App crashed\" "
      "method=GET path=\"/\" host=myapp.herokuapp.com fwd=17.17.17.17 dyno= connect= service= "
      "status=503 bytes=\n"
      "2010-10-06T21:52:12-07:00 heroku[router]: at=error code=H10 desc=\"App crashed\" "
      "method=GET path=\"/\" host=myapp.herokuapp.com fwd=17.17.17.17 dyno= connect= service= "
      "status=503 bytes=\n"
      "2011-05-03T17:40:11+00:00 heroku[worker.1]: Error R14 (Memory quota exceeded)\n"
      "\x01\x02 binary garbage \xff\n";
  const auto file = dir.write("app.log", text);
  const auto json_path = dir.path() / "scan.json";
  const auto r = run_spaceport({"logs", "scan", file.string(), "--json", json_path.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("unparsed 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("H10   App crashed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2010-10-06T21:51:12-07:00"), std::string::npos);
  EXPECT_NE(r.out.find("R14   Memory quota exceeded"), std::string::npos);
  const json summary = json::parse(read_file(json_path));
  EXPECT_EQ(summary["schema"], "spaceport.logs-scan/1");
  EXPECT_EQ(summary["summary"]["codes"][0]["code"], "H10");
  EXPECT_EQ(summary["summary"]["codes"][0]["count"], 2);
  EXPECT_EQ(summary["summary"]["lines"], 4);

  const auto missing = run_spaceport({"logs", "scan", (dir.path() / "nope.log").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope.log: No such file or directory"), std::string::npos)
      << missing.err;
  const auto bad_format = run_spaceport({"logs", "scan", file.string(), "--format", "json"});
  EXPECT_EQ(bad_format.exit_code, 2);
}

TEST(LogsE2e, LogsScanReadsStandardInput) {
  TempDir dir;
  const auto file = dir.write(
      "in.log",
      "2011-05-03T17:40:11+00:00 heroku[worker.1]: Error R15 (Memory quota vastly exceeded)\n");
  const auto r =
      run_process({"/bin/sh", "-c", spaceport_binary() + " logs scan - < " + file.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("standard input"), std::string::npos);
  EXPECT_NE(r.out.find("R15   Memory quota vastly exceeded"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace logs_e2e_test
}  // namespace spaceport::test
