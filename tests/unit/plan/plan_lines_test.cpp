#include "plan/plan_lines.hpp"

#include <gtest/gtest.h>

#include "plan/plan_loader.hpp"

namespace spaceport {
namespace plan_lines_test {
namespace {

constexpr const char* k_plan = R"(// line 1
{
  "version": 1,
  "migrations": [
    {
      "name": "shop",
      "source": { "app": "shop-old" },
      "target": { "app": "shop-new", "space": "s", "shield": true },
      "domains": [
        "WWW.Shop.Test."
      ],
      "health": [
        { "url": "https://www.shop.test/healthz" }
      ],
      "dataclips": [
        { "name": "revenue", "database": "db-1", "reassigned": false }
      ],
      "accept_data_loss": [
        { "addon": "redis-cache", "reason": "a cache" }
      ],
      "waivers": [
        { "check": "addons.availability", "subject": "papertrail-*", "reason": "r",
          "approved_by": "p", "expires": "2099-01-01" }
      ]
    }
  ]
}
)";

Result result(const std::string& check, const std::string& subject,
              Outcome outcome = Outcome::fail) {
  Result r;
  r.migration = "shop";
  r.check = check;
  r.finding.subject = subject;
  r.finding.outcome = outcome;
  return r;
}

TEST(PlanLines, EachResultPointsAtTheLineOfWhatItIsAbout) {
  const Plan plan = parse_plan(k_plan, "plan.json");
  const Migration& m = plan.migrations.front();
  EXPECT_EQ(plan_line_of(m, result("dns.ttl", "www.shop.test")), 10);  // spelt otherwise there
  EXPECT_EQ(plan_line_of(m, result("http.health", "https://www.shop.test/healthz")), 13);
  EXPECT_EQ(plan_line_of(m, result("app.source", "shop-old")), 7);
  EXPECT_EQ(plan_line_of(m, result("app.target", "shop-new")), 8);
  EXPECT_EQ(plan_line_of(m, result("decommission.dataclips", "revenue")), 16);
  EXPECT_EQ(plan_line_of(m, result("decommission.data-addons", "redis-cache")), 19);
  EXPECT_EQ(plan_line_of(m, result("addons.availability", "papertrail-1", Outcome::waived)), 22);
  // Anything else: the migration.
  EXPECT_EQ(plan_line_of(m, result("config.parity", "API_KEY")), 5);
  EXPECT_EQ(plan_line_of(m, result("addons.availability", "papertrail-1")), 5);

  std::vector<Result> results{result("app.source", "shop-old"), result("x.y", "z")};
  results.push_back(result("app.source", "elsewhere"));
  results.back().migration = "not in the plan";
  set_plan_lines(results, plan);
  EXPECT_EQ(results[0].plan_line, 7);
  EXPECT_EQ(results[1].plan_line, 5);
  EXPECT_EQ(results[2].plan_line, 0);
}

}  // namespace
}  // namespace plan_lines_test
}  // namespace spaceport
