#include "checks/maintenance_page_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace maintenance_page_check_test {
namespace {

using Url = MaintenancePageFacts::Url;

MaintenancePageFacts facts(Url url, long status, std::string scheme, bool error_page = true) {
  MaintenancePageFacts f;
  f.url = url;
  f.fetch = PageFetch{status, status == 0 ? "could not connect" : "", std::move(scheme)};
  f.error_page_set = error_page;
  return f;
}

TEST(MaintenancePageCheck, HttpsPageAnswering2xxPasses) {
  const auto findings =
      evaluate_maintenance_page(test::migration(), facts(Url::https, 200, "https"));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_EQ(findings[0].message.find("ERROR_PAGE_URL"), std::string::npos);
}

TEST(MaintenancePageCheck, PlainHttpWarnsEvenAfterARedirectDownToHttp) {
  EXPECT_EQ(evaluate_maintenance_page(test::migration(), facts(Url::http, 200, "http"))[0].outcome,
            Outcome::warn);
  EXPECT_EQ(evaluate_maintenance_page(test::migration(), facts(Url::https, 200, "http"))[0].outcome,
            Outcome::warn);
}

TEST(MaintenancePageCheck, UnsetFailsAndMentionsTheErrorPage) {
  MaintenancePageFacts f;
  const auto findings = evaluate_maintenance_page(test::migration(), f);
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("heroku config:set MAINTENANCE_PAGE_URL="), std::string::npos);
  EXPECT_NE(findings[0].message.find("ERROR_PAGE_URL is not set either"), std::string::npos);
}

TEST(MaintenancePageCheck, ErrorStatusOrNoAnswerFails) {
  const auto not_found =
      evaluate_maintenance_page(test::migration(), facts(Url::https, 404, "https"));
  EXPECT_EQ(not_found[0].outcome, Outcome::fail);
  EXPECT_NE(not_found[0].message.find("answered HTTP 404"), std::string::npos);
  const auto unreachable = evaluate_maintenance_page(test::migration(), facts(Url::https, 0, ""));
  EXPECT_EQ(unreachable[0].outcome, Outcome::fail);
  EXPECT_NE(unreachable[0].message.find("could not connect"), std::string::npos);
}

TEST(MaintenancePageCheck, NonHttpUrlFails) {
  MaintenancePageFacts f;
  f.url = Url::not_http;
  EXPECT_EQ(evaluate_maintenance_page(test::migration(), f)[0].outcome, Outcome::fail);
}

TEST(MaintenancePageCheck, MissingErrorPageIsOnlyAdvice) {
  const auto findings =
      evaluate_maintenance_page(test::migration(), facts(Url::https, 200, "https", false));
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_NE(findings[0].message.find("ERROR_PAGE_URL is not set"), std::string::npos);
}

}  // namespace
}  // namespace maintenance_page_check_test
}  // namespace spaceport
