#pragma once
// Helpers for end-to-end tests that run `spaceport check` against fake-heroku.

#include <gtest/gtest.h>

#include <set>

#include "tests/support/support.hpp"

namespace spaceport::test {

using nlohmann::json;

struct CheckRun {
  test::ProcessResult process;
  json report;
  std::string junit;
  std::string markdown;
};

inline CheckRun check(const FakeHeroku& fake, const json& plan, std::vector<std::string> extra = {},
                      const std::vector<std::string>& phases = {"preflight"}) {
  TempDir dir;
  const auto plan_path = dir.write("plan.json", plan.dump(2));
  std::vector<std::string> args{"check",
                                "--plan",
                                plan_path.string(),
                                "--api-url",
                                fake.url(),
                                "--data-api-url",
                                fake.url(),
                                "--json",
                                (dir.path() / "r.json").string(),
                                "--junit",
                                (dir.path() / "r.xml").string(),
                                "--markdown",
                                (dir.path() / "r.md").string()};
  if (std::find(extra.begin(), extra.end(), "--only") == extra.end() &&
      std::find(extra.begin(), extra.end(), "--resolver") == extra.end()) {
    args.insert(args.end(), k_skip_dns_checks.begin(), k_skip_dns_checks.end());
  }
  if (std::find(extra.begin(), extra.end(), "--timeout") == extra.end()) {
    args.insert(args.end(), {"--timeout", "5s"});
  }
  for (const auto& phase : phases) {
    args.insert(args.end(), {"--phase", phase});
  }
  args.insert(args.end(), extra.begin(), extra.end());
  CheckRun run;
  run.process = run_spaceport(args);
  const std::string report = test::read_file(dir.path() / "r.json");
  run.report = report.empty() ? json() : json::parse(report);
  run.junit = test::read_file(dir.path() / "r.xml");
  run.markdown = test::read_file(dir.path() / "r.md");
  return run;
}

/// Two runs of the same checks on the same world, spelt differently: the same results, one for
/// one (check, subject, outcome) and the same exit code. Returns the checks compared.
inline std::set<std::string> expect_same_verdicts(const CheckRun& a, const CheckRun& b) {
  std::set<std::string> checks;
  EXPECT_EQ(b.process.exit_code, a.process.exit_code) << b.process.err;
  EXPECT_EQ(b.report["results"].size(), a.report["results"].size());
  for (std::size_t i = 0; i < a.report["results"].size() && i < b.report["results"].size(); ++i) {
    const json& x = a.report["results"][i];
    const json& y = b.report["results"][i];
    EXPECT_EQ(y["check"], x["check"]);
    EXPECT_EQ(y["subject"], x["subject"]) << x["check"];
    EXPECT_EQ(y["outcome"], x["outcome"])
        << x["check"] << " " << x["subject"] << ": " << y["message"];
    checks.insert(x["check"].get<std::string>());
  }
  EXPECT_EQ(b.report["summary"], a.report["summary"]);
  return checks;
}

/// The entry of a scenario list ("apps", "addons", ...) with this name; throws when there is none.
inline json& named(json& scenario, const std::string& list, const std::string& name) {
  for (auto& entry : scenario[list]) {
    if (entry["name"] == name) {
      return entry;
    }
  }
  throw std::runtime_error("no " + list + " entry named " + name);
}

/// Makes fake-heroku answer requests to `path` (a glob) with `status`.
inline void fault(json& scenario, const std::string& path, int status = 503) {
  scenario["faults"].push_back({{"path", path}, {"kind", "status"}, {"status", status}});
}

/// The one result of check for subject.
inline json result(const CheckRun& run, const std::string& check, const std::string& subject) {
  for (const auto& r : run.report.at("results")) {
    if (r["check"] == check && r["subject"] == subject) {
      return r;
    }
  }
  ADD_FAILURE() << "no result " << check << "[" << subject << "] in\n" << run.process.out;
  return json::object();
}

}  // namespace spaceport::test
