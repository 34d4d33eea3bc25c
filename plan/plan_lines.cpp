#include "plan/plan_lines.hpp"

#include <fnmatch.h>

#include <map>
#include <string_view>

#include "core/dns_facts.hpp"

namespace spaceport {

int plan_line_of(const Migration& migration, const Result& result) {
  const std::string& subject = result.finding.subject;
  if (result.finding.outcome == Outcome::waived) {
    for (const auto& waiver : migration.waivers) {
      // The waiver that applied: its subject is a pattern (jobs/waivers.cpp), perhaps of a
      // domain spelt otherwise.
      if (waiver.check == result.check && waiver.line > 0 &&
          (fnmatch(waiver.subject.c_str(), subject.c_str(), 0) == 0 ||
           fnmatch(canonical_dns_name(waiver.subject).c_str(), subject.c_str(), 0) == 0)) {
        return waiver.line;
      }
    }
  }
  if (const auto domain = migration.domain_lines.find(canonical_dns_name(subject));
      domain != migration.domain_lines.end()) {
    return domain->second;
  }
  if (const auto named = migration.named_lines.find(subject);
      named != migration.named_lines.end()) {
    return named->second;
  }
  for (const auto& health : migration.health) {
    if (health.url == subject && health.line > 0) {
      return health.line;
    }
  }
  const auto names = [&](const AppRef& app) {
    return !subject.empty() && (subject == app.app || subject == app.written || subject == app.id);
  };
  if (names(migration.source) && migration.source_line > 0) {
    return migration.source_line;
  }
  if (names(migration.target) && migration.target_line > 0) {
    return migration.target_line;
  }
  return migration.line;
}

void set_plan_lines(std::vector<Result>& results, const Plan& plan) {
  std::map<std::string_view, const Migration*> by_name;
  for (const auto& m : plan.migrations) {
    by_name.emplace(m.name, &m);
  }
  for (auto& r : results) {
    if (const auto found = by_name.find(r.migration); found != by_name.end()) {
      r.plan_line = plan_line_of(*found->second, r);
    }
  }
}

}  // namespace spaceport
