#include "reporters/console_reporter.hpp"

#include <algorithm>
#include <map>

#include "core/text.hpp"

namespace spaceport {
namespace {

struct Style {
  std::string_view label;
  std::string_view colour;
};

Style style_of(Outcome outcome) {
  switch (outcome) {
    case Outcome::pass:
      return {"PASS  ", "\x1b[32m"};
    case Outcome::fail:
      return {"FAIL  ", "\x1b[1;31m"};
    case Outcome::warn:
      return {"WARN  ", "\x1b[33m"};
    case Outcome::skip:
      return {"SKIP  ", "\x1b[2m"};
    case Outcome::error:
      return {"ERROR ", "\x1b[1;35m"};
    case Outcome::waived:
      return {"WAIVED", "\x1b[36m"};
  }
  return {"?", ""};
}

/// Messages may carry text from the API; a terminal must never receive its escape sequences.
std::string one_line(const std::string& text) {
  std::string out = sanitize_text(text, 4000);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') {
      c = ' ';
    }
  }
  return out;
}

}  // namespace

void write_console_report(const Report& report, Colour colour, Verbosity verbosity,
                          std::ostream& out) {
  const auto paint = [&](std::string_view code, std::string_view text) {
    if (colour == Colour::on) {
      out << code << text << "\x1b[0m";
    } else {
      out << text;
    }
  };
  const auto shown = [&](const Result& r) {
    return verbosity == Verbosity::all ||
           (r.finding.outcome != Outcome::pass && r.finding.outcome != Outcome::skip);
  };
  const auto label_of = [](const Result& r) {
    return one_line(r.check + "[" + r.finding.subject + "]");
  };
  // Labels are padded to the widest one shown (up to a limit) so the messages line up.
  std::size_t width = 0;
  for (const auto& r : report.results) {
    if (shown(r)) {
      width = std::max(width, std::min<std::size_t>(label_of(r).size(), 48));
    }
  }
  std::string group;
  // An error many checks share (an app the token cannot read) is printed in full once; the
  // others point at it, so the console does not repeat one cause per check.
  std::map<std::string, std::string> first_with_error;
  for (const auto& r : report.results) {
    const Outcome outcome = r.finding.outcome;
    if (!shown(r)) {
      continue;
    }
    const std::string this_group = r.migration + " · " + std::string(to_string(r.phase));
    if (this_group != group) {
      out << (group.empty() ? "" : "\n");
      paint("\x1b[1m", one_line(this_group));
      out << '\n';
      group = this_group;
    }
    const Style style = style_of(outcome);
    out << "  ";
    paint(style.colour, style.label);
    const std::string label = label_of(r);
    std::string message = one_line(r.finding.message);
    if (outcome == Outcome::error) {
      const auto [first, inserted] = first_with_error.emplace(message, label);
      if (!inserted) {
        message = "the same error as " + first->second + " above";
      }
    }
    out << "  " << label << std::string(width > label.size() ? width - label.size() : 0, ' ')
        << "  " << message << '\n';
  }
  const Summary s = report.summary();
  out << (group.empty() ? "" : "\n") << "Summary: " << s.total
      << (s.total == 1 ? " result: " : " results: ");
  const std::pair<Outcome, int> counts[] = {{Outcome::pass, s.pass},   {Outcome::fail, s.fail},
                                            {Outcome::warn, s.warn},   {Outcome::skip, s.skip},
                                            {Outcome::error, s.error}, {Outcome::waived, s.waived}};
  bool first = true;
  for (const auto& [outcome, count] : counts) {
    out << (first ? "" : ", ");
    first = false;
    const std::string text = std::to_string(count) + " " + std::string(to_string(outcome));
    if (count > 0 && outcome != Outcome::pass && outcome != Outcome::skip) {
      paint(style_of(outcome).colour, text);
    } else {
      out << text;
    }
  }
  out << '\n' << describe_api_use(report.api_use) << '\n';
  for (const auto& use : report.waivers) {
    if (use.status != "applied") {
      out << "Waiver " << use.status << ": " << one_line(use.waiver.check) << " ["
          << one_line(use.waiver.subject) << "] of " << one_line(use.migration) << ", approved by "
          << one_line(use.waiver.approved_by) << ", expires " << use.waiver.expires
          << (use.status == "unmatched" ? ": no failure matched it" : ": it no longer applies")
          << '\n';
    }
  }
}

}  // namespace spaceport
