#include "jobs/waivers.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace waivers_test {
namespace {

Result failing(const std::string& check, const std::string& subject) {
  Result r;
  r.migration = "web";
  r.check = check;
  r.finding = Finding{subject, Outcome::fail, "it failed", nlohmann::json::object()};
  return r;
}

Plan plan_with(std::vector<Migration::Waiver> waivers) {
  Plan plan;
  Migration m;
  m.name = "web";
  m.waivers = std::move(waivers);
  plan.migrations.push_back(m);
  return plan;
}

TEST(Waivers, AnUnexpiredMatchingWaiverWaivesAFailure) {
  std::vector<Result> results{failing("addons.availability", "papertrail-old"),
                              failing("addons.availability", "searchbox-old"),
                              failing("config.parity", "papertrail-x")};
  const auto uses = apply_waivers(results,
                                  plan_with({{"addons.availability", "papertrail-*",
                                              "logs move to the drain", "cto@acme", "2027-01-31"}}),
                                  "2027-01-31");
  EXPECT_EQ(results[0].finding.outcome, Outcome::waived);
  EXPECT_EQ(results[0].finding.message,
            "waived until 2027-01-31 by cto@acme (logs move to the drain): it failed");
  EXPECT_EQ(results[1].finding.outcome, Outcome::fail);  // another subject
  EXPECT_EQ(results[2].finding.outcome, Outcome::fail);  // another check
  ASSERT_EQ(uses.size(), 1U);
  EXPECT_EQ(uses[0].status, "applied");
  EXPECT_EQ(uses[0].matched, 1);
}

TEST(Waivers, ADomainIsOneNameWhateverTheWaiverSpellsIt) {
  std::vector<Result> results{failing("dns.ttl", "www.acme.test"),
                              failing("config.parity", "API_KEY")};
  apply_waivers(results,
                plan_with({{"dns.ttl", "WWW.Acme.Test.", "r", "cto@acme", "2027-01-31"},
                           {"config.parity", "api_key", "r", "cto@acme", "2027-01-31"}}),
                "2027-01-31");
  EXPECT_EQ(results[0].finding.outcome, Outcome::waived);
  EXPECT_EQ(results[1].finding.outcome, Outcome::fail);  // config var names are case-sensitive
}

TEST(Waivers, AnExpiredWaiverDoesNotApplyAndSaysSo) {
  std::vector<Result> results{failing("config.parity", "SECRET")};
  const auto uses = apply_waivers(
      results, plan_with({{"config.parity", "*", "r", "me", "2026-11-23"}}), "2026-11-24");
  EXPECT_EQ(results[0].finding.outcome, Outcome::fail);
  EXPECT_NE(results[0].finding.message.find("expired on 2026-11-23, so it does not apply"),
            std::string::npos);
  EXPECT_EQ(uses[0].status, "expired");
}

TEST(Waivers, AWaiverThatMatchesNothingIsReported) {
  std::vector<Result> results{failing("config.parity", "SECRET")};
  Result passing = failing("formation.sizes", "web");
  passing.finding.outcome = Outcome::pass;
  results.push_back(passing);
  const auto uses = apply_waivers(
      results, plan_with({{"formation.sizes", "web", "r", "me", "2030-01-01"}}), "2026-11-24");
  EXPECT_EQ(results[1].finding.outcome, Outcome::pass);  // only failures are waived
  EXPECT_EQ(uses[0].status, "unmatched");
}

}  // namespace
}  // namespace waivers_test
}  // namespace spaceport
