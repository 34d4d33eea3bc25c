#include "reporters/markdown_reporter.hpp"

#include "core/text.hpp"

namespace spaceport {
namespace {

/// Makes text safe inside a table cell: no pipes, newlines or raw HTML.
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : sanitize_text(text, 2000)) {
    switch (c) {
      case '|':
        out += "\\|";
        break;
      case '\n':
        out += "<br>";
        break;
      case '\r':
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

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

}  // namespace

void write_markdown_report(const Report& report, std::ostream& out) {
  const Summary s = report.summary();
  out << "## spaceport check\n\n";
  out << "Plan `" << cell(report.plan_path) << "` (sha256 `" << report.plan_sha256.substr(0, 12)
      << "`), " << format_rfc3339(report.started_at) << ", spaceport " << report.tool_version
      << ".\n\n";
  out << "| Total | Pass | Fail | Warn | Skip | Error | Waived |\n";
  out << "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  out << "| " << s.total << " | " << s.pass << " | " << s.fail << " | " << s.warn << " | " << s.skip
      << " | " << s.error << " | " << s.waived << " |\n\n";
  if (report.results.empty()) {
    out << "No checks ran.\n";
    return;
  }
  out << "| Outcome | Migration | Phase | Check | Subject | Message |\n";
  out << "| --- | --- | --- | --- | --- | --- |\n";
  for (const auto& r : report.results) {
    out << "| " << badge(r.finding.outcome) << " | " << cell(r.migration) << " | "
        << to_string(r.phase) << " | `" << cell(r.check) << "` | " << cell(r.finding.subject)
        << " | " << cell(r.finding.message) << " |\n";
  }
  if (!report.waivers.empty()) {
    out << "\n| Waiver | Migration | Check | Subject | Approved by | Expires | Status |\n";
    out << "| --- | --- | --- | --- | --- | --- | --- |\n";
    for (const auto& use : report.waivers) {
      out << "| " << cell(use.waiver.reason) << " | " << cell(use.migration) << " | `"
          << cell(use.waiver.check) << "` | " << cell(use.waiver.subject) << " | "
          << cell(use.waiver.approved_by) << " | " << use.waiver.expires << " | " << use.status
          << " |\n";
    }
  }
}

}  // namespace spaceport
