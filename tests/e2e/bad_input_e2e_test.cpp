// The rows of docs/bad-input.md that no other suite covers: plans that are not UTF-8, nested past
// any plan's shape, larger than any plan, naming 10,000 migrations or a host name DNS cannot
// carry, and a 10 MB log line. Each: the exit code and the first line the user sees.
#include <fstream>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace bad_input_e2e_test {
namespace {

/// The first line of what spaceport printed on standard error.
std::string first_line(const ProcessResult& r) {
  return r.err.substr(0, r.err.find('\n'));
}

ProcessResult check_plan(const std::filesystem::path& plan) {
  return run_spaceport({"check", "--plan", plan.string(), "--phase", "preflight", "--api-url",
                        "http://127.0.0.1:9", "--timeout", "1s"});
}

TEST(BadInput, AMissingPlanFileIsNamed) {
  TempDir dir;
  const auto r = check_plan(dir.path() / "nope.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r), "spaceport: error: " + (dir.path() / "nope.json").string() +
                               ": cannot read the plan file (No such file or directory); check the "
                               "--plan path");
}

TEST(BadInput, MalformedPlanJsonIsRefusedWhereItBreaks) {
  TempDir dir;
  const auto plan = dir.write("plan.json", "{\n  \"source\": {\"app\": \"a\"},\n}\n");
  const auto r = check_plan(plan);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r).rfind("spaceport: error: " + plan.string() + ":3:1: invalid JSON: ", 0),
            0U)
      << r.err;
}

TEST(BadInput, AShardReportThatIsNotOneIsRefusedNamingTheFile) {
  TempDir dir;
  const auto not_json = dir.write("shard-1.json", "<html>not a report</html>");
  const auto r = run_spaceport(
      {"report", "merge", "--json", (dir.path() / "out.json").string(), not_json.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(first_line(r).find(not_json.string()), std::string::npos) << r.err;
  const auto wrong = dir.write("shard-2.json", R"({"schema": "spaceport.report/2"})");
  const auto r2 = run_spaceport(
      {"report", "merge", "--json", (dir.path() / "out.json").string(), wrong.string()});
  EXPECT_EQ(r2.exit_code, 2);
  EXPECT_NE(first_line(r2).find(wrong.string()), std::string::npos) << r2.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out.json"));
}

TEST(BadInput, APlanThatIsNotUtf8IsRefusedWhereTheByteIs) {
  TempDir dir;
  const auto plan = dir.write(
      "plan.json",
      "{\"source\": {\"app\": \"a\xff\"}, \"target\": {\"app\": \"b\", \"space\": \"s\"}}");
  const auto r = check_plan(plan);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r), "spaceport: error: " + plan.string() +
                               ":1:22: the plan is not UTF-8 text (byte 0xFF here); save it as "
                               "UTF-8");
}

TEST(BadInput, ADeeplyNestedPlanIsRefusedWithoutRecursingIntoIt) {
  TempDir dir;
  const auto plan = dir.write("plan.json", std::string(100'000, '[') + std::string(100'000, ']'));
  const auto r = check_plan(plan);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r), "spaceport: error: " + plan.string() +
                               ":1:66: invalid JSON: nesting is deeper than 64 levels");
}

TEST(BadInput, AHundredMegabytePlanIsRefusedPastSixteen) {
  TempDir dir;
  const auto plan = dir.path() / "plan.json";
  {
    std::ofstream out(plan);
    out << R"({"source": {"app": "a"}, "target": {"app": "b", "space": "s"}, "domains": [")";
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 100; ++i) {
      out << chunk;
    }
    out << "\"]}";
  }
  const auto r = check_plan(plan);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r), "spaceport: error: " + plan.string() +
                               ": the plan file is larger than 16 MiB (a plan of 10,000 migrations "
                               "is about 2 MiB); is it the right file?");
}

TEST(BadInput, APlanOfTenThousandMigrationsIsReadAndOneCanBeChosen) {
  TempDir dir;
  json plan = {{"version", 1}, {"migrations", json::array()}};
  for (int i = 0; i < 10'000; ++i) {
    plan["migrations"].push_back(
        {{"name", "m" + std::to_string(i)},
         {"source", {{"app", "old-" + std::to_string(i)}}},
         {"target", {{"app", "new-" + std::to_string(i)}, {"space", "s"}}}});
  }
  const FakeHeroku fake(base_scenario());
  const auto r = run_spaceport({"check", "--plan", dir.write("plan.json", plan.dump()).string(),
                                "--phase", "preflight", "--only", "app.source", "--migration",
                                "m9999", "--api-url", fake.url()});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // old-9999 does not exist in the fake: a fail, not a crash
  EXPECT_NE(r.out.find("m9999 · preflight"), std::string::npos) << r.out;
  EXPECT_EQ(fake.count("GET", "/apps/old-9999"), 1);
  EXPECT_EQ(fake.count("GET", "/apps/old-0"), 0);
}

TEST(BadInput, ADomainThatIsNotAHostNameIsRefused) {
  TempDir dir;
  const auto plan = dir.write("plan.json", json{{"source", {{"app", "a"}}},
                                                {"target", {{"app", "b"}, {"space", "s"}}},
                                                {"domains", {std::string(300, 'x') + ".test"}}}
                                               .dump());
  const auto r = check_plan(plan);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(first_line(r).find("in \"domains\" of the plan is not a host name (at most 253 "
                               "characters, labels of letters, digits and hyphens)"),
            std::string::npos)
      << r.err;
}

TEST(BadInput, ATenMegabyteLogLineIsCountedUnparsedAndTheRestStillRead) {
  TempDir dir;
  const auto log = dir.path() / "app.log";
  {
    std::ofstream out(log);
    out << "2010-10-06T21:51:04-07:00 app[web.1]: " << std::string(10 << 20, 'y') << "\n"
        << "2010-10-06T21:51:12-07:00 heroku[router]: at=error code=H10 desc=\"App crashed\" "
           "method=GET path=\"/\" host=a.example fwd=17.17.17.17 dyno= connect= service= "
           "status=503 bytes=\n";
  }
  const auto r = run_spaceport({"logs", "scan", log.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "spaceport logs scan: " + log.string());
  EXPECT_NE(r.out.find("lines 2 (router 1, system 0, app 0, unparsed 1)"), std::string::npos)
      << r.out.substr(0, 500);
  EXPECT_NE(r.out.find("H10   App crashed"), std::string::npos);
}

}  // namespace
}  // namespace bad_input_e2e_test
}  // namespace spaceport::test
