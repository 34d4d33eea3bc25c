#include "jobs/waivers.hpp"

#include <fnmatch.h>

#include <chrono>
#include <ctime>

#include "checks/registry.hpp"
#include "core/dns_facts.hpp"

namespace spaceport {

std::vector<WaiverUse> apply_waivers(std::vector<Result>& results, const Plan& plan,
                                     const std::string& today) {
  std::vector<WaiverUse> uses;
  for (const auto& migration : plan.migrations) {
    for (const auto& waiver : migration.waivers) {
      WaiverUse use{migration.name, waiver, "unmatched", 0};
      // ISO dates compare as text; a waiver is good through its expiry day.
      const bool expired = waiver.expires < today;
      // A domain's subject is its canonical name; the waiver's may be spelt otherwise.
      const Check* check = find_check(waiver.check);
      const bool host = check != nullptr && check->info().subject == "domain";
      const std::string pattern = host ? canonical_dns_name(waiver.subject) : waiver.subject;
      for (auto& r : results) {
        if (r.migration != migration.name || r.check != waiver.check ||
            r.finding.outcome != Outcome::fail ||
            fnmatch(pattern.c_str(), r.finding.subject.c_str(), 0) != 0) {
          continue;
        }
        ++use.matched;
        if (expired) {
          use.status = "expired";
          r.finding.message += " (a waiver approved by " + waiver.approved_by +
                               " matches, but it "
                               "expired on " +
                               waiver.expires + ", so it does not apply)";
          r.finding.evidence["expired_waiver"] = {{"approved_by", waiver.approved_by},
                                                  {"expires", waiver.expires}};
        } else {
          use.status = "applied";
          r.finding.outcome = Outcome::waived;
          r.finding.message = "waived until " + waiver.expires + " by " + waiver.approved_by +
                              " (" + waiver.reason + "): " + r.finding.message;
          r.finding.evidence["waiver"] = {{"reason", waiver.reason},
                                          {"approved_by", waiver.approved_by},
                                          {"expires", waiver.expires},
                                          {"subject", waiver.subject}};
        }
      }
      if (use.matched == 0 && expired) {
        use.status = "expired";
      }
      uses.push_back(std::move(use));
    }
  }
  return uses;
}

std::string utc_today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

}  // namespace spaceport
