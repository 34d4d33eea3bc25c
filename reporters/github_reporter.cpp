#include "reporters/github_reporter.hpp"

#include <algorithm>
#include <vector>

#include "core/text.hpp"

namespace spaceport {
namespace {

/// The runner reads "%", CR and LF as escapes in a message; a property (the title) also ends at
/// ":" or ",". It also obeys the older "##[command]" syntax anywhere in a line, so "##[" from
/// outside ("X##[stop-commands]" as a config var's name) is broken up: "##%5B" means nothing.
std::string escaped(std::string_view text, bool property) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '[' && i >= 2 && text[i - 1] == '#' && text[i - 2] == '#') {
      out += "%5B";
      continue;
    }
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

namespace {

/// 0 first: what GitHub is shown when there are more problems than it keeps.
int importance(const Result& r) {
  switch (r.finding.outcome) {
    case Outcome::error:
      return 0;
    case Outcome::fail:
      return r.phase == Phase::decommission ? 1 : 2;
    default:
      return 3;
  }
}

std::string location(const Report& report, const Result& r) {
  std::string text = "file=" + escaped(sanitize_text(report.plan_path_in_ci(), 1000), true);
  if (r.plan_line > 0) {
    text += ",line=" + std::to_string(r.plan_line);
  }
  return text;
}

}  // namespace

void write_github_annotations(const Report& report, std::ostream& out) {
  std::vector<const Result*> problems;
  for (const auto& r : report.results) {
    const Outcome outcome = r.finding.outcome;
    if (outcome == Outcome::fail || outcome == Outcome::error || outcome == Outcome::warn) {
      problems.push_back(&r);
    }
  }
  std::stable_sort(problems.begin(), problems.end(), [](const Result* a, const Result* b) {
    return importance(*a) < importance(*b);
  });
  int errors = 0;
  int warnings = 0;
  std::size_t left_out = 0;
  for (const Result* r : problems) {
    const Outcome outcome = r->finding.outcome;
    const bool error = outcome != Outcome::warn || report.run.strict;
    int& shown = error ? errors : warnings;
    if (shown == k_github_annotations_per_kind) {
      ++left_out;
      continue;
    }
    ++shown;
    out << (error ? "::error " : "::warning ") << location(report, *r)
        << ",title=" << escaped(sanitize_text(r->check + "[" + r->finding.subject + "]", 300), true)
        << "::"
        << escaped(sanitize_text(r->migration + " (" + std::string(to_string(r->phase)) + ", " +
                                     std::string(to_string(outcome)) + "): " + r->finding.message,
                                 4000),
                   false)
        << '\n';
  }
  if (left_out > 0) {
    out << "::notice title=spaceport::" << left_out << " more problem"
        << (left_out == 1 ? " is" : "s are") << " not annotated (GitHub shows "
        << k_github_annotations_per_kind << " errors and " << k_github_annotations_per_kind
        << " warnings per step): see the step summary and the reports for all " << problems.size()
        << '\n';
  }
}

}  // namespace spaceport
