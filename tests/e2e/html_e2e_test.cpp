// The HTML report in a real browser: headless Chromium (Debian's) opens the page the real binary
// wrote, runs its script, and the test reads the page as the browser left it (--dump-dom), what
// the browser logged (console messages, CSP refusals) and a screenshot (kept in
// out/test-artifacts/).
#include <regex>
#include <sstream>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace html_e2e_test {
namespace {

struct HtmlRun {
  ProcessResult process;
  json report;  // the JSON report of the same run
  std::filesystem::path html;
};

HtmlRun check_with_html(const TempDir& dir, const FakeHeroku& fake, const json& plan,
                        const std::vector<std::string>& phases_and_extra) {
  std::vector<std::string> args{"check",
                                "--plan",
                                dir.write("plan.json", plan.dump(2)).string(),
                                "--api-url",
                                fake.url(),
                                "--data-api-url",
                                fake.url(),
                                "--json",
                                (dir.path() / "r.json").string(),
                                "--html",
                                (dir.path() / "r.html").string()};
  args.insert(args.end(), k_skip_dns_checks.begin(), k_skip_dns_checks.end());
  args.insert(args.end(), phases_and_extra.begin(), phases_and_extra.end());
  HtmlRun run{run_spaceport(args), {}, dir.path() / "r.html"};
  run.report = json::parse(read_file(dir.path() / "r.json"));
  return run;
}

/// The text of the element with this id, as the browser rendered it.
std::string text_of(const std::string& dom, const std::string& id) {
  const auto at = dom.find("id=\"" + id + "\"");
  if (at == std::string::npos) {
    return {};
  }
  const auto start = dom.find('>', at) + 1;
  return dom.substr(start, dom.find('<', start) - start);
}

int rows_of(const std::string& dom) {
  int n = 0;
  for (auto at = dom.find("class=\"result\""); at != std::string::npos;
       at = dom.find("class=\"result\"", at + 1)) {
    ++n;
  }
  return n;
}

/// Nothing the browser said: no console message (the report's script writes none, so any is an
/// error), no refusal by the Content-Security-Policy. Chromium's own performance notes
/// ("[Violation] … took 52ms", a busy machine's) are about the machine, not the page.
void expect_quiet_console(const BrowserView& view) {
  std::istringstream lines(view.log);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find("[Violation]") != std::string::npos) {
      continue;
    }
    EXPECT_EQ(line.find("CONSOLE"), std::string::npos) << line;
    EXPECT_EQ(line.find("Refused"), std::string::npos) << line;
    EXPECT_EQ(line.find("Uncaught"), std::string::npos) << line;
  }
}

TEST(Html, AReportReadsInABrowserWithItsVerdictCountsAndFilteredView) {
  const FakeHeroku fake(cutover_scenario());
  TempDir dir;
  const HtmlRun run = check_with_html(dir, fake, base_plan(), {"--phase", "all"});
  ASSERT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
  const std::string page = read_file(run.html);
  // Self-contained: nothing is fetched from anywhere.
  EXPECT_EQ(page.find("src=\"http"), std::string::npos);
  EXPECT_EQ(page.find("href=\"http"), std::string::npos);
  EXPECT_NE(page.find("Content-Security-Policy"), std::string::npos);
  // Every result's evidence is in the page, its Request-Ids kept once however many results
  // share them.
  for (const auto& r : run.report["results"]) {
    for (const auto& id : r["evidence"].value("request_ids", json::array())) {
      const std::string text = "\"" + id.get<std::string>() + "\"";
      const auto first = page.find(text);
      EXPECT_NE(first, std::string::npos) << text;
      EXPECT_EQ(page.find(text, first + 1), std::string::npos) << text;
    }
  }

  const BrowserView view = open_in_browser("file://" + run.html.string());
  ASSERT_EQ(view.process.exit_code, 0) << view.log;
  expect_quiet_console(view);
  EXPECT_NE(view.dom.find("data-rendered-ms="), std::string::npos) << "the script did not run";
  EXPECT_EQ(text_of(view.dom, "verdict"), "failed (exit 1)");
  const json& summary = run.report["summary"];
  const int total = summary["total"].get<int>();
  EXPECT_NE(view.dom.find("\u2717 " + std::to_string(summary["fail"].get<int>()) + " fail"),
            std::string::npos);
  EXPECT_EQ(text_of(view.dom, "shown"),
            std::to_string(total) + " of " + std::to_string(total) + " results");
  EXPECT_EQ(rows_of(view.dom), total);
  EXPECT_NE(view.dom.find(">guards<"), std::string::npos);  // the decommission column's mark

  // A link to a filtered view shows the same rows to whoever opens it.
  const BrowserView failed =
      open_in_browser("file://" + run.html.string() + "#outcome=fail&phase=decommission");
  int expected = 0;
  for (const auto& r : run.report["results"]) {
    expected += r["outcome"] == "fail" && r["phase"] == "decommission" ? 1 : 0;
  }
  ASSERT_GT(expected, 0);
  EXPECT_EQ(rows_of(failed.dom), expected);
  EXPECT_EQ(text_of(failed.dom, "shown"),
            std::to_string(expected) + " of " + std::to_string(total) + " results");
  EXPECT_EQ(failed.dom.find(">\u2713 pass<"), std::string::npos);
  expect_quiet_console(failed);

  // Printed for a change ticket: a PDF, with the print stylesheet (no filters, no buttons).
  const TempDir profile;
  const auto pdf = artifacts_dir() / "html-report.pdf";
  const auto printed = run_process(
      {"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
       "--disable-dev-shm-usage", "--user-data-dir=" + profile.path().string(),
       "--no-pdf-header-footer", "--print-to-pdf=" + pdf.string(), "file://" + run.html.string()},
      {{"HOME", profile.path().string()}});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_EQ(read_file(pdf).substr(0, 5), "%PDF-");

  const auto png = artifacts_dir() / "html-report.png";
  const auto shot = screenshot(run.html, png, 1280, 1100);
  ASSERT_EQ(shot.exit_code, 0) << shot.err;
  const auto colours = png_colours(png, {"fbe4e2", "e3f4e8"});  // fail and pass backgrounds
  EXPECT_GT(colours.at("fbe4e2"), 100) << "no failure drawn; see " << png;
  EXPECT_GT(colours.at("e3f4e8"), 100) << "no pass drawn; see " << png;
}

TEST(Html, HostileNamesFromTheApiAndThePlanStayTextAndRunNoScript) {
  // Markup in every place a name can come from: the plan's migration, an app, an add-on, a config
  // var key, a waiver's reason. A page that interpreted any of them would set data-pwned.
  const std::string img = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">";
  const std::string script =
      "</script><script>document.body.setAttribute('data-pwned','script')</script><!--";
  json world = cutover_scenario();
  world["apps"][1]["name"] = "new-" + img;
  world["apps"][1]["id"] = "0e1d0c0b-0a09-4807-8605-0403020100ff";
  world["addons"][1]["app"] = world["apps"][1]["name"];
  world["addons"][0]["name"] = "pg-" + script;
  world["apps"][0]["config_vars"][script + "KEY"] = "value";
  const FakeHeroku fake(world);
  TempDir dir;
  json plan = base_plan();
  plan["migrations"][0]["name"] = "web " + img;
  plan["migrations"][0]["target"]["app"] = "0e1d0c0b-0a09-4807-8605-0403020100ff";
  plan["migrations"][0]["waivers"] = {{{"check", "config.parity"},
                                       {"subject", "*"},
                                       {"reason", script},
                                       {"approved_by", img},
                                       {"expires", "2099-01-01"}}};
  const HtmlRun run = check_with_html(dir, fake, plan, {"--phase", "preflight,cutover"});
  ASSERT_NE(run.process.exit_code, 2) << run.process.out << run.process.err;
  const std::string page = read_file(run.html);
  // In the file: the one script end tag is the report's own.
  std::size_t ends = 0;
  for (auto at = page.find("</script>"); at != std::string::npos;
       at = page.find("</script>", at + 1)) {
    ++ends;
  }
  EXPECT_EQ(ends, 2U);  // the data element's and the script's
  const BrowserView view = open_in_browser("file://" + run.html.string());
  ASSERT_EQ(view.process.exit_code, 0) << view.log;
  EXPECT_NE(view.dom.find("data-rendered-ms="), std::string::npos);
  // The names hold the words (as text); only a script that ran would make them an attribute.
  EXPECT_EQ(view.dom.find("data-pwned=\""), std::string::npos) << "a name ran as script";
  expect_quiet_console(view);
  // They are shown, as text.
  EXPECT_NE(view.dom.find("web &lt;img src=x onerror="), std::string::npos);
  EXPECT_NE(view.dom.find("&lt;/script&gt;&lt;script&gt;"), std::string::npos);
  screenshot(run.html, artifacts_dir() / "html-report-hostile.png", 1280, 900);
}

TEST(Html, AThousandMigrationFleetOpensWithEveryMigrationInTheMatrix) {
  json world = fleet_scenario(1000);
  // A bucket for the fleet: this test is about the page, not the rate budget.
  world["rate_limit"] = {{"size", 100000}, {"remaining", 100000}, {"refill_per_second", 1000}};
  const FakeHeroku fake(world);
  TempDir dir;
  // Two checks a migration keep the run short; the page still has every migration.
  const HtmlRun run = check_with_html(dir, fake, fleet_plan(1000),
                                      {"--phase", "preflight", "--only", "app.source,app.target"});
  ASSERT_NE(run.process.exit_code, 2) << run.process.out << run.process.err;
  const BrowserView view = open_in_browser("file://" + run.html.string());
  ASSERT_EQ(view.process.exit_code, 0) << view.log;
  ASSERT_NE(view.dom.find("data-rendered-ms="), std::string::npos)
      << "the script did not finish: " << view.log << view.dom.substr(0, 2000);
  expect_quiet_console(view);
  const int total = run.report["summary"]["total"].get<int>();
  EXPECT_EQ(text_of(view.dom, "shown"), std::to_string(total) + " of " + std::to_string(total) +
                                            " results, the first 500 shown")
      << view.log;
  EXPECT_EQ(rows_of(view.dom), 500) << view.log;
  // One matrix row per migration, each a link to its results.
  const std::regex row_link("<th scope=\"row\"><a href=\"#migration=");
  const auto rows = std::distance(std::sregex_iterator(view.dom.begin(), view.dom.end(), row_link),
                                  std::sregex_iterator());
  EXPECT_EQ(rows, 1000);
  screenshot(run.html, artifacts_dir() / "html-report-fleet.png", 1280, 900);
}

TEST(Html, WatchWritesItEachRoundAndEveryEvidenceBundleHoldsIt) {
  const FakeHeroku fake(cutover_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", base_plan().dump());
  const auto page = dir.path() / "watch.html";
  const auto watch = run_spaceport({"watch", "--plan", plan.string(), "--count", "1", "--interval",
                                    "1h", "--only", "logs.errors", "--api-url", fake.url(),
                                    "--data-api-url", fake.url(), "--html", page.string()});
  ASSERT_NE(watch.exit_code, 2) << watch.out << watch.err;
  EXPECT_NE(read_file(page).find("<title>spaceport watch: "), std::string::npos);
  const BrowserView view = open_in_browser("file://" + page.string());
  EXPECT_NE(view.dom.find("data-rendered-ms="), std::string::npos) << view.log;
  expect_quiet_console(view);

  const auto check =
      run_spaceport({"check", "--plan", plan.string(), "--phase", "preflight", "--only",
                     "app.source", "--api-url", fake.url(), "--data-api-url", fake.url(),
                     "--evidence", (dir.path() / "evidence").string()});
  ASSERT_EQ(check.exit_code, 0) << check.out << check.err;
  std::filesystem::path bundle;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "evidence")) {
    bundle = entry.path();
  }
  EXPECT_NE(read_file(bundle / "report.html").find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(read_file(bundle / "SHA256SUMS").find("report.html"), std::string::npos);

  // It is a file to keep: standard output is refused, before anything is asked.
  const auto dash = run_spaceport({"check", "--plan", plan.string(), "--phase", "preflight",
                                   "--api-url", fake.url(), "--html", "-"});
  EXPECT_EQ(dash.exit_code, 2);
  EXPECT_NE(dash.err.find("--html needs a file"), std::string::npos) << dash.err;
}

}  // namespace
}  // namespace html_e2e_test
}  // namespace spaceport::test
