#include "reporters/github_reporter.hpp"

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

void write_github_annotations(const Report& report, std::ostream& out) {
  for (const auto& r : report.results) {
    const Outcome outcome = r.finding.outcome;
    if (outcome != Outcome::fail && outcome != Outcome::error && outcome != Outcome::warn) {
      continue;
    }
    const bool error = outcome != Outcome::warn || report.run.strict;
    out << (error ? "::error" : "::warning")
        << " title=" << escaped(sanitize_text(r.check + "[" + r.finding.subject + "]", 300), true)
        << "::"
        << escaped(sanitize_text(r.migration + " (" + std::string(to_string(r.phase)) + ", " +
                                     std::string(to_string(outcome)) + "): " + r.finding.message,
                                 4000),
                   false)
        << '\n';
  }
}

}  // namespace spaceport
