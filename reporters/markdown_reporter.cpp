#include "reporters/markdown_reporter.hpp"

#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "reporters/markdown_text.hpp"

namespace spaceport {
namespace {

std::string_view badge(Outcome outcome) {
  switch (outcome) {
    case Outcome::pass:
      return "✅ pass";
    case Outcome::fail:
      return "❌ fail";
    case Outcome::warn:
      return "⚠️ warn";
    case Outcome::skip:
      return "⏭️ skip";
    case Outcome::error:
      return "⛔ error";
    case Outcome::waived:
      return "📝 waived";
  }
  return "";
}

std::string verdict(int exit_code) {
  switch (exit_code) {
    case 0:
      return "✅ passed";
    case 1:
      return "❌ failed";
    case 3:
      return "⛔ could not decide";
    default:
      return "exit " + std::to_string(exit_code);
  }
}

/// Problems first, the worst first: fail, error, warn, then waived.
int problem_rank(Outcome outcome) {
  switch (outcome) {
    case Outcome::fail:
      return 0;
    case Outcome::error:
      return 1;
    case Outcome::warn:
      return 2;
    case Outcome::waived:
      return 3;
    default:
      return 4;
  }
}

std::string summary_row(const Summary& s) {
  return std::to_string(s.total) + " | " + std::to_string(s.pass) + " | " + std::to_string(s.fail) +
         " | " + std::to_string(s.warn) + " | " + std::to_string(s.skip) + " | " +
         std::to_string(s.error) + " | " + std::to_string(s.waived) + " |\n";
}

std::string result_row(const Result& r) {
  return "| " + std::string(badge(r.finding.outcome)) + " | " + markdown_cell(r.migration) + " | " +
         std::string(to_string(r.phase)) + " | " + markdown_code(r.check) + " | " +
         markdown_cell(r.finding.subject) + " | " + markdown_cell(r.finding.message) + " |\n";
}

constexpr std::string_view k_result_header =
    "| Outcome | Migration | Phase | Check | Subject | Message |\n"
    "| --- | --- | --- | --- | --- | --- |\n";

/// The report as it is built: rows are added while they fit under the limit (GitHub's comment
/// limit, counted in bytes, which are never fewer than its characters), the rest counted.
class Budget {
 public:
  explicit Budget(std::size_t limit) : m_limit(limit) {}

  void always(std::string_view text) { m_out += text; }
  /// Adds a section: its header and then rows while they fit; false when not even one row did.
  bool section(std::string_view header, const std::vector<std::string>& rows,
               std::string_view footer = {}) {
    std::size_t taken = 0;
    std::size_t size = header.size() + footer.size();
    while (taken < rows.size() && m_out.size() + size + rows[taken].size() <= m_limit) {
      size += rows[taken].size();
      ++taken;
    }
    m_omitted += rows.size() - taken;
    if (taken == 0) {
      return false;
    }
    m_out += header;
    for (std::size_t i = 0; i < taken; ++i) {
      m_out += rows[i];
    }
    m_out += footer;
    return true;
  }
  std::size_t omitted() const noexcept { return m_omitted; }
  std::string& text() noexcept { return m_out; }

 private:
  std::string m_out;
  std::size_t m_limit;
  std::size_t m_omitted = 0;
};

void write_migrations(const Report& report, Budget& budget) {
  std::vector<std::string> order;
  std::map<std::string, Summary> by_migration;
  for (const auto& r : report.results) {
    if (by_migration.find(r.migration) == by_migration.end()) {
      order.push_back(r.migration);
    }
    by_migration[r.migration].add(r.finding.outcome);
  }
  if (order.size() < 2) {
    return;
  }
  // Migrations with failures first, then those that could not decide, then the rest.
  std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    const Summary& x = by_migration[a];
    const Summary& y = by_migration[b];
    return std::pair(x.fail == 0, x.error == 0) < std::pair(y.fail == 0, y.error == 0);
  });
  std::vector<std::string> rows;
  for (const auto& name : order) {
    const Summary& s = by_migration[name];
    const std::string state = s.fail > 0 ? "❌" : s.error > 0 ? "⛔" : s.warn > 0 ? "⚠️" : "✅";
    rows.push_back("| " + state + " " + markdown_cell(name) + " | " + summary_row(s));
  }
  budget.section(
      "### Migrations\n\n| Migration | Total | Pass | Fail | Warn | Skip | Error | Waived |\n"
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
      rows, "\n");
}

std::vector<std::string> waiver_rows(const Report& report) {
  std::vector<std::string> rows;
  for (const auto& use : report.waivers) {
    rows.push_back("| " + markdown_cell(use.waiver.reason) + " | " + markdown_cell(use.migration) +
                   " | " + markdown_code(use.waiver.check) + " | " +
                   markdown_cell(use.waiver.subject) + " | " +
                   markdown_cell(use.waiver.approved_by) + " | " +
                   markdown_cell(use.waiver.expires) + " | " + use.status + " |\n");
  }
  return rows;
}

}  // namespace

void write_markdown_report(const Report& report, std::ostream& out, std::size_t max_bytes) {
  const Summary s = report.summary();
  Budget budget(max_bytes - std::min<std::size_t>(max_bytes, 400));  // room for the cut note
  budget.always("## spaceport " + report.run.command + ": " + verdict(report.run.exit_code) +
                "\n\n");
  budget.always("Plan " + markdown_code(report.plan_path) + " (sha256 " +
                markdown_code(report.plan_sha256.substr(0, 12)) + "), " +
                format_rfc3339(report.started_at) + ", spaceport " + report.tool_version +
                (report.run.strict ? ", `--strict` (warnings fail)" : "") + ". " +
                describe_api_use(report.api_use) + ".\n\n");
  budget.always("| Total | Pass | Fail | Warn | Skip | Error | Waived |\n");
  budget.always("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  budget.always("| " + summary_row(s) + "\n");
  if (report.results.empty()) {
    budget.always("No checks ran.\n");
    out << budget.text();
    return;
  }
  write_migrations(report, budget);

  std::vector<const Result*> problems;
  std::vector<std::string> rest;
  for (const auto& r : report.results) {
    if (problem_rank(r.finding.outcome) < 4) {
      problems.push_back(&r);
    } else {
      rest.push_back(result_row(r));
    }
  }
  std::stable_sort(problems.begin(), problems.end(), [](const Result* a, const Result* b) {
    return problem_rank(a->finding.outcome) < problem_rank(b->finding.outcome);
  });
  std::vector<std::string> problem_rows;
  for (const Result* r : problems) {
    problem_rows.push_back(result_row(*r));
  }
  if (problem_rows.empty()) {
    budget.always("No problems: every check passed or was skipped.\n\n");
  } else {
    budget.section("### Problems\n\n" + std::string(k_result_header), problem_rows, "\n");
  }
  if (!report.waivers.empty()) {
    budget.section(
        "### Waivers\n\n| Waiver | Migration | Check | Subject | Approved by | Expires | Status "
        "|\n| --- | --- | --- | --- | --- | --- | --- |\n",
        waiver_rows(report), "\n");
  }
  budget.section("<details><summary>" + std::to_string(rest.size()) +
                     " passed or skipped</summary>\n\n" + std::string(k_result_header),
                 rest, "\n</details>\n");
  if (budget.omitted() > 0) {
    budget.always("\n_Cut to stay under GitHub's " + std::to_string(max_bytes) +
                  "-character limit: " + std::to_string(budget.omitted()) +
                  " row(s) not shown. Every result is in the JSON report._\n");
  }
  out << budget.text();
}

}  // namespace spaceport
