#include <gtest/gtest.h>

#include <sstream>

#include "reporters/console_reporter.hpp"
#include "reporters/markdown_reporter.hpp"
#include "tests/unit/reporters/sample_report.hpp"

namespace spaceport {
namespace text_reporters_test {
namespace {

TEST(ConsoleReporter, WithoutColourWritesNoEscapeAtAll) {
  std::ostringstream out;
  write_console_report(test::hostile_report(), Colour::off, Verbosity::all, out);
  EXPECT_EQ(out.str().find('\x1b'), std::string::npos);
  EXPECT_NE(out.str().find("FAIL    config.parity[KEY_1"), std::string::npos);
  EXPECT_NE(out.str().find("Summary: 6 results: 1 pass, 1 fail, 1 warn, 1 skip, 1 error, 1 waived"),
            std::string::npos);
}

TEST(ConsoleReporter, ColourComesOnlyFromTheReporter) {
  std::ostringstream out;
  write_console_report(test::hostile_report(), Colour::on, Verbosity::all, out);
  EXPECT_NE(out.str().find("\x1b[1;31mFAIL  \x1b[0m"), std::string::npos);
  EXPECT_EQ(out.str().find("\x1b[31mred"),
            std::string::npos);  // the message's own escapes are gone
}

TEST(ConsoleReporter, QuietShowsOnlyProblems) {
  std::ostringstream out;
  write_console_report(test::hostile_report(), Colour::off, Verbosity::problems_only, out);
  EXPECT_EQ(out.str().find("PASS"), std::string::npos);
  EXPECT_NE(out.str().find("ERROR"), std::string::npos);
}

TEST(MarkdownReporter, EscapesCellsSoTheTableHolds) {
  std::ostringstream out;
  write_markdown_report(test::hostile_report(), out);
  const std::string md = out.str();
  EXPECT_NE(md.find("| 6 | 1 | 1 | 1 | 1 | 1 | 1 |"), std::string::npos);
  EXPECT_NE(md.find("markup\\[&lt;b&gt;&amp;amp;&lt;/b&gt; \\| pipe\\]"), std::string::npos) << md;
  std::istringstream lines(md);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    rows += line.rfind("| ❌ fail", 0) == 0 || line.rfind("| ✅ pass", 0) == 0 ? 1 : 0;
  }
  EXPECT_EQ(rows, 2);
}

TEST(MarkdownReporter, TextFromOutsideIsNeverMarkupLinksOrMentions) {
  Report report = test::hostile_report();
  // A name that closes spaceport's code span with an escaped backtick, then smuggles HTML; links,
  // an image, a mention and an issue reference, all from the API.
  const std::string name = "x\\` <img src=x onerror=alert(1)> </details>";
  report.results[1].finding.message =
      "run `heroku addons:attach " + name +
      " -a new-app` then see [docs](https://evil.example) "
      "![i](https://evil.example/i.png) @acme/sre #123 www.evil.example";
  std::ostringstream out;
  write_markdown_report(report, out);
  const std::string md = out.str();
  EXPECT_EQ(md.find("<img"), std::string::npos) << md;
  EXPECT_EQ(md.find("</details> "), std::string::npos) << md;
  EXPECT_EQ(md.find("[docs](https://"), std::string::npos) << md;
  EXPECT_EQ(md.find("![i]("), std::string::npos) << md;
  EXPECT_EQ(md.find("@acme"), std::string::npos) << md;
  EXPECT_EQ(md.find("#123"), std::string::npos) << md;
  EXPECT_EQ(md.find("www.evil"), std::string::npos) << md;
  EXPECT_NE(md.find("\\[docs\\]"), std::string::npos) << md;  // shown, as text
}

TEST(MarkdownReporter, ACodeSpansFenceOutrunsTheBackticksInIt) {
  Report report = test::hostile_report();
  report.plan_path = "a``b";
  std::ostringstream out;
  write_markdown_report(report, out);
  EXPECT_NE(out.str().find("``` a``b ```"), std::string::npos) << out.str();
}

TEST(MarkdownReporter, CodeSpansKeepTheirCharacters) {
  Report report = test::hostile_report();
  report.plan_path = "plans/<team>&acme.json";
  report.results[1].finding.message =
      "run `heroku domains:remove <domain> -a old-app` first; a <b>tag</b> outside is escaped";
  std::ostringstream out;
  write_markdown_report(report, out);
  const std::string md = out.str();
  // GitHub shows a code span's characters literally: an entity there would show as "&lt;".
  EXPECT_NE(md.find("`heroku domains:remove <domain> -a old-app`"), std::string::npos) << md;
  EXPECT_NE(md.find("a &lt;b&gt;tag&lt;/b&gt; outside"), std::string::npos) << md;
  EXPECT_NE(md.find("Plan `plans/<team>&acme.json`"), std::string::npos) << md;
  EXPECT_EQ(md.find("`plans/&lt;"), std::string::npos);
}

TEST(MarkdownReporter, TheVerdictFirstThenProblemsThenFoldedPasses) {
  Report report = test::hostile_report();
  report.run.exit_code = 1;
  std::ostringstream out;
  write_markdown_report(report, out);
  const std::string md = out.str();
  EXPECT_EQ(md.rfind("## spaceport check: ❌ failed\n", 0), 0U) << md.substr(0, 80);
  const auto fail = md.find("| ❌ fail |");
  const auto error = md.find("| ⛔ error |");
  const auto warn = md.find("| ⚠️ warn |");
  const auto details = md.find("<details><summary>2 passed or skipped</summary>");
  const auto pass = md.find("| ✅ pass |");
  ASSERT_NE(details, std::string::npos) << md;
  EXPECT_LT(fail, error);
  EXPECT_LT(error, warn);
  EXPECT_LT(warn, details);
  EXPECT_LT(details, pass);
  EXPECT_NE(md.find("</details>"), std::string::npos);
  // Two migrations: one summary row each, the failing one first.
  EXPECT_LT(md.find("| ❌ acme-web | 3 |"), md.find("| ⛔ acme-api | 3 |")) << md;
}

TEST(MarkdownReporter, AFleetReportStaysUnderGithubsLimitAndSaysItWasCut) {
  Report report;
  report.tool_version = "0.1.0";
  report.plan_sha256 = std::string(64, 'a');
  report.run.exit_code = 1;
  for (int m = 0; m < 400; ++m) {
    for (int c = 0; c < 14; ++c) {
      Result r;
      r.migration = "app-" + std::to_string(m);
      r.check = "config.parity";
      r.finding = Finding{"KEY_" + std::to_string(c), c == 0 ? Outcome::fail : Outcome::pass,
                          "a message long enough to matter in a big fleet of migrations",
                          nlohmann::json::object()};
      report.results.push_back(r);
    }
  }
  std::ostringstream out;
  write_markdown_report(report, out);
  const std::string md = out.str();
  EXPECT_LE(md.size(), k_github_comment_limit);
  EXPECT_GT(md.size(), k_github_comment_limit / 2);  // it uses the room it has
  EXPECT_NE(md.find("_Cut to stay under GitHub's 65536-character limit: "), std::string::npos);
  EXPECT_NE(md.find("| ❌ app-0 |"), std::string::npos);  // the fleet summary comes first
  EXPECT_NE(md.find("| ❌ fail | app-0 |"), std::string::npos);
  // A small report is not cut.
  std::ostringstream small;
  write_markdown_report(test::hostile_report(), small);
  EXPECT_EQ(small.str().find("_Cut to stay"), std::string::npos);
}

}  // namespace
}  // namespace text_reporters_test
}  // namespace spaceport
