#include "reporters/codequality_reporter.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/sha256.hpp"
#include "core/text.hpp"

namespace spaceport {

void write_gitlab_codequality(const Report& report, std::ostream& out) {
  nlohmann::json issues = nlohmann::json::array();
  for (const auto& r : report.results) {
    const Outcome outcome = r.finding.outcome;
    const char* severity = outcome == Outcome::fail    ? "critical"
                           : outcome == Outcome::error ? "major"
                           : outcome == Outcome::warn  ? (report.run.strict ? "major" : "minor")
                                                       : nullptr;
    if (severity == nullptr) {
      continue;
    }
    issues.push_back(
        {{"type", "issue"},
         {"description",
          sanitize_text(r.migration + ": " + r.check + "[" + r.finding.subject + "] " +
                            std::string(to_string(outcome)) + ": " + r.finding.message,
                        4000)},
         {"check_name", r.check},
         {"fingerprint", sha256_hex(r.migration + "\n" + r.check + "\n" + r.finding.subject)},
         {"severity", severity},
         // GitLab shows an entry on the merge request's diff when its path is relative to the
         // project and its line is one of the plan's.
         {"location",
          {{"path", report.plan_path_in_ci()}, {"lines", {{"begin", std::max(r.plan_line, 1)}}}}}});
  }
  out << issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace spaceport
