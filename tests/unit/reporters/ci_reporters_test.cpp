#include <gtest/gtest.h>

#include <sstream>

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
            "::error title=dns.target[a%3Ab%2Cc]::acme (cutover, fail): 100%25 wrong%0Anext "
            "line%0D::error::injected\n");
}

TEST(GithubAnnotations, WarningsAreErrorsUnderStrictAndPassesSayNothing) {
  Report report = one_problem(Outcome::warn, "x", "hmm");
  std::ostringstream normal;
  write_github_annotations(report, normal);
  EXPECT_EQ(normal.str().rfind("::warning title=", 0), 0U);
  report.run.strict = true;
  std::ostringstream strict;
  write_github_annotations(report, strict);
  EXPECT_EQ(strict.str().rfind("::error title=", 0), 0U);
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
