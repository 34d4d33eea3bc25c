#pragma once

#include "reporters/report.hpp"

namespace spaceport::test {

/// A report whose strings hold everything that breaks careless writers: every C0 control,
/// DEL, ANSI colour, "]]>", quotes, markup, invalid UTF-8 and U+FFFE.
inline Report hostile_report() {
  std::string controls;
  for (int c = 0; c < 0x20; ++c) {
    controls += static_cast<char>(c);
  }
  const std::string nasty = "ctl[" + controls + "\x7F] ansi[\x1b[31mred\x1b[0m] cdata[]]>] " +
                            "quotes[\"'] markup[<b>&amp;</b> | pipe] bad[\xFF\xC0\xAF] " +
                            "nonchar[\xEF\xBF\xBE] ok[é ✓]";
  Report report;
  report.tool_version = "0.1.0";
  report.started_at = std::chrono::system_clock::time_point(std::chrono::seconds(1'790'000'000));
  report.finished_at = report.started_at + std::chrono::milliseconds(1234);
  report.plan_path = "plans/acme.json";
  report.plan_sha256 = std::string(64, 'a');
  report.api_url = "http://127.0.0.1:5055";
  const Outcome outcomes[] = {Outcome::pass, Outcome::fail,  Outcome::warn,
                              Outcome::skip, Outcome::error, Outcome::waived};
  int i = 0;
  for (const Outcome outcome : outcomes) {
    Result r;
    r.migration = i < 3 ? "acme-web" : "acme-api";
    r.phase = i % 2 == 0 ? Phase::preflight : Phase::cutover;
    r.check = "config.parity";
    r.finding =
        Finding{"KEY_" + std::to_string(i) + nasty, outcome, "message " + nasty, {{"note", nasty}}};
    r.duration = std::chrono::milliseconds(1500 * i + 7);
    report.results.push_back(r);
    ++i;
  }
  return report;
}

}  // namespace spaceport::test
