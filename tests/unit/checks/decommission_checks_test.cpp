#include <gtest/gtest.h>

#include "checks/decommission_data_addons_check.hpp"
#include "checks/decommission_dataclips_check.hpp"
#include "checks/decommission_dns_check.hpp"
#include "checks/decommission_domains_check.hpp"
#include "checks/decommission_shared_addons_check.hpp"
#include "tests/unit/checks/dns_answers.hpp"
#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace decommission_checks_test {
namespace {

const Addon pg =
    test::owned_addon("pg-old", "old-app", "heroku-postgresql", "heroku-postgresql:standard-0");
const Addon papertrail = test::owned_addon("pt-old", "old-app", "papertrail", "papertrail:choklad");

TEST(Decommission, SharedAddOnsFailWhenAttachedElsewhere) {
  const Migration m = test::migration();
  std::map<std::string, std::vector<Attachment>> attachments{
      {papertrail.id,
       {test::attachment("PAPERTRAIL", "old-app", "pt-old", "old-app"),
        test::attachment("PAPERTRAIL", "new-app", "pt-old", "old-app")}}};
  const auto findings = evaluate_shared_addons(m, {papertrail}, attachments);
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_NE(findings[0].message.find("attached to new-app"), std::string::npos);
  EXPECT_EQ(evaluate_shared_addons(m, {}, {})[0].outcome, Outcome::pass);
}

TEST(Decommission, DataAddOnsNeedAnAcceptedReason) {
  Migration m = test::migration();
  auto findings = evaluate_data_addons(m, {pg, papertrail});
  ASSERT_EQ(findings.size(), 1U);  // only the data add-on is judged
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  m.accept_data_loss = {{"pg-old", "copied by the changeover"}};
  findings = evaluate_data_addons(m, {pg});
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
  EXPECT_NE(findings[0].message.find("copied by the changeover"), std::string::npos);
}

TEST(Decommission, DataclipsWithoutAnInventoryCannotBeCleared) {
  Migration m = test::migration();
  EXPECT_EQ(evaluate_decommission_dataclips(m, {pg})[0].outcome, Outcome::error);
  EXPECT_EQ(evaluate_decommission_dataclips(m, {papertrail})[0].outcome, Outcome::pass);
  m.dataclips = std::vector<Migration::Dataclip>{{"rev", "pg-old", true}, {"kpi", "pg-new", true}};
  const auto findings = evaluate_decommission_dataclips(m, {pg});
  EXPECT_EQ(findings[0].outcome, Outcome::fail);
  EXPECT_EQ(findings[1].outcome, Outcome::pass);
}

TEST(Decommission, APlanMayNameAnAddOnByItsNameOrItsId) {
  Migration m = test::migration();
  m.accept_data_loss = {{pg.id, "copied by the changeover"}};
  EXPECT_EQ(evaluate_data_addons(m, {pg})[0].outcome, Outcome::pass);
  m.dataclips = std::vector<Migration::Dataclip>{{"rev", pg.id, true}};
  EXPECT_EQ(evaluate_decommission_dataclips(m, {pg})[0].outcome, Outcome::fail);
  m.accept_data_loss = {{"PG-OLD", "another spelling is another add-on"}};
  EXPECT_EQ(evaluate_data_addons(m, {pg})[0].outcome, Outcome::fail);
}

TEST(Decommission, AnAttachmentIsJudgedByItsAppsIdNotItsName) {
  // Attached to an app that is not the owner, whatever the names say.
  Attachment elsewhere = test::attachment("PAPERTRAIL", "old-app", "pt-old", "old-app");
  elsewhere.app_id = "id-another-app";
  EXPECT_EQ(
      evaluate_shared_addons(test::migration(), {papertrail}, {{papertrail.id, {elsewhere}}})[0]
          .outcome,
      Outcome::fail);
  // The source's own attachment, however the plan spells the source.
  Migration by_id = test::migration();
  by_id.source.written = "id-old-app";
  EXPECT_EQ(
      evaluate_shared_addons(
          by_id, {papertrail},
          {{papertrail.id, {test::attachment("PAPERTRAIL", "old-app", "pt-old", "old-app")}}})[0]
          .outcome,
      Outcome::pass);
}

TEST(Decommission, DomainsAndDns) {
  const Migration m = test::migration();
  Domain heroku;
  heroku.hostname = "old-app-1.herokuapp.com";
  heroku.kind = "heroku";
  EXPECT_EQ(evaluate_decommission_domains(m, {heroku})[0].outcome, Outcome::pass);
  Domain custom = heroku;
  custom.hostname = "www.a.com";
  custom.kind = "custom";
  EXPECT_EQ(evaluate_decommission_domains(m, {heroku, custom})[0].outcome, Outcome::fail);

  using test::cname;
  using test::reply;
  const auto at_source = evaluate_decommission_dns(
      "www.a.com", {"old.herokudns.com"},
      {reply("r:53", DnsRole::resolver, {cname("www.a.com", "old.herokudns.com")})});
  EXPECT_EQ(at_source.outcome, Outcome::fail);
  EXPECT_EQ(evaluate_decommission_dns(
                "www.a.com", {"old.herokudns.com"},
                {reply("r:53", DnsRole::resolver, {cname("www.a.com", "new.herokudns.com")})})
                .outcome,
            Outcome::pass);
  EXPECT_EQ(evaluate_decommission_dns("www.a.com", {}, {test::silence("r:53", DnsRole::resolver)})
                .outcome,
            Outcome::error);
}

}  // namespace
}  // namespace decommission_checks_test
}  // namespace spaceport
