#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "reporters/codequality_reporter.hpp"
#include "reporters/github_reporter.hpp"
#include "tests/unit/reporters/sample_report.hpp"

namespace spaceport {
namespace ci_reporters_test {
namespace {

Report one_problem(Outcome outcome, std::string subject, std::string message) {
  Report report;
  report.plan_path = "plan.json";
  Finding finding;
  finding.subject = std::move(subject);
  finding.outcome = outcome;
  finding.message = std::move(message);
  report.results.push_back(Result{"acme", Phase::cutover, "dns.target", finding, {}, 1});
  return report;
}

TEST(GithubAnnotations, EscapeWhatTheRunnerWouldReadAsCommands) {
  std::ostringstream out;
  write_github_annotations(
      one_problem(Outcome::fail, "a:b,c", "100% wrong\nnext line\r::error::injected"), out);
  EXPECT_EQ(out.str(),
            "::error file=plan.json,title=dns.target[a%3Ab%2Cc]::acme (cutover, fail): 100%25 "
            "wrong%0Anext line%0D::error::injected\n");
}

TEST(GithubAnnotations, WarningsAreErrorsUnderStrictAndPassesSayNothing) {
  Report report = one_problem(Outcome::warn, "x", "hmm");
  std::ostringstream normal;
  write_github_annotations(report, normal);
  EXPECT_EQ(normal.str().rfind("::warning file=plan.json,title=", 0), 0U);
  report.run.strict = true;
  std::ostringstream strict;
  write_github_annotations(report, strict);
  EXPECT_EQ(strict.str().rfind("::error file=plan.json,title=", 0), 0U);
  std::ostringstream none;
  write_github_annotations(one_problem(Outcome::pass, "x", "ok"), none);
  EXPECT_EQ(none.str(), "");
  std::ostringstream hostile;
  write_github_annotations(test::hostile_report(), hostile);
  std::istringstream lines(hostile.str());
  for (std::string line; std::getline(lines, line);) {
    EXPECT_EQ(line.rfind("::", 0), 0U) << line;  // one line per annotation, whatever the text
  }
}

/// A report of `count` results of `outcome` for check `check` in `phase`, subjects s0, s1, ...
void add_problems(Report& report, int count, Outcome outcome, Phase phase,
                  const std::string& check) {
  for (int i = 0; i < count; ++i) {
    Finding finding;
    finding.subject = check + "-s" + std::to_string(i);
    finding.outcome = outcome;
    finding.message = "problem";
    report.results.push_back(Result{"acme", phase, check, finding, {}, 1});
  }
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

TEST(GithubAnnotations, StayWithinGitHubsLimitsMostImportantFirstAndSayWhatIsLeftOut) {
  // GitHub keeps 10 errors and 10 warnings per step and drops the rest silently: in report
  // order the decommission guards, listed last, would be the ones dropped.
  Report report;
  report.plan_path = "plan.json";
  add_problems(report, 8, Outcome::fail, Phase::preflight, "dns.ttl");
  add_problems(report, 12, Outcome::warn, Phase::preflight, "config.parity");
  add_problems(report, 3, Outcome::error, Phase::cutover, "tls.certificate");
  add_problems(report, 4, Outcome::fail, Phase::decommission, "decommission.domains");
  std::ostringstream out;
  write_github_annotations(report, out);
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 21U) << out.str();
  int errors = 0;
  int warnings = 0;
  for (std::size_t i = 0; i < 20; ++i) {
    errors += lines[i].rfind("::error ", 0) == 0 ? 1 : 0;
    warnings += lines[i].rfind("::warning ", 0) == 0 ? 1 : 0;
  }
  EXPECT_EQ(errors, 10);
  EXPECT_EQ(warnings, 10);
  // Undecided checks, then the guards, then the other failures.
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NE(lines[i].find("title=tls.certificate["), std::string::npos) << lines[i];
  }
  for (std::size_t i = 3; i < 7; ++i) {
    EXPECT_NE(lines[i].find("title=decommission.domains["), std::string::npos) << lines[i];
  }
  EXPECT_NE(lines[7].find("title=dns.ttl[dns.ttl-s0]"), std::string::npos) << lines[7];
  // 5 failures and 2 warnings did not fit: 27 problems in all.
  EXPECT_EQ(lines[20],
            "::notice title=spaceport::7 more problems are not annotated (GitHub shows 10 errors "
            "and 10 warnings per step): see the step summary and the reports for all 27");
}

TEST(GithubAnnotations, PointAtThePlanLineInTheWorkspace) {
  Report report = one_problem(Outcome::fail, "www.acme.test", "points at the source");
  report.ci_plan_path = "deploy/plan.json";
  report.results.front().plan_line = 14;
  std::ostringstream out;
  write_github_annotations(report, out);
  EXPECT_EQ(out.str().rfind("::error file=deploy/plan.json,line=14,title=dns.target[", 0), 0U)
      << out.str();
  std::ostringstream gitlab;
  write_gitlab_codequality(report, gitlab);
  const auto issues = nlohmann::json::parse(gitlab.str());
  EXPECT_EQ(issues[0]["location"]["path"], "deploy/plan.json");
  EXPECT_EQ(issues[0]["location"]["lines"]["begin"], 14);
}

TEST(CodeQuality, HasGitLabsFieldsAndAStableFingerprint) {
  std::ostringstream first;
  write_gitlab_codequality(one_problem(Outcome::fail, "www.acme.test", "points at the source"),
                           first);
  std::ostringstream again;
  write_gitlab_codequality(one_problem(Outcome::fail, "www.acme.test", "another message"), again);
  const auto a = nlohmann::json::parse(first.str());
  const auto b = nlohmann::json::parse(again.str());
  ASSERT_EQ(a.size(), 1U);
  EXPECT_EQ(a[0]["check_name"], "dns.target");
  EXPECT_EQ(a[0]["severity"], "critical");
  EXPECT_EQ(a[0]["location"]["path"], "plan.json");
  EXPECT_EQ(a[0]["location"]["lines"]["begin"], 1);
  EXPECT_EQ(a[0]["description"], "acme: dns.target[www.acme.test] fail: points at the source");
  EXPECT_EQ(a[0]["fingerprint"], b[0]["fingerprint"]);  // the same problem, the same issue
  std::ostringstream none;
  write_gitlab_codequality(one_problem(Outcome::waived, "x", "waived"), none);
  EXPECT_EQ(nlohmann::json::parse(none.str()), nlohmann::json::array());
}

}  // namespace
}  // namespace ci_reporters_test
}  // namespace spaceport
