// The official Heroku CLI (npm package "heroku"), pointed at fake-heroku, is the proof that the
// fake speaks the Platform API faithfully: each command must succeed and show the scenario's data.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/support.hpp"

namespace spaceport {
namespace heroku_cli_conformance_test {
namespace {

using nlohmann::json;

class HerokuCli : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(HEROKU_CLI))
        << "the Heroku CLI is not installed at " << HEROKU_CLI << "; run scripts/setup";
  }

  /// Runs the CLI offline against the fake, as docs/sources.md §4 describes.
  test::ProcessResult heroku(const test::FakeHeroku& fake, std::vector<std::string> args,
                             const std::string& token = "test-token-7d1f") {
    args.insert(args.begin(), HEROKU_CLI);
    return test::run_process(args, {{"HOME", m_home.path().string()},
                                    {"HEROKU_HOST", fake.url()},
                                    {"HEROKU_API_KEY", token},
                                    {"HEROKU_DATA_HOST", "localhost"},
                                    {"HEROKU_PARTICLEBOARD_URL", fake.url()},
                                    {"HEROKU_DISABLE_AUTOUPDATE", "1"},
                                    {"HEROKU_SKIP_NEW_VERSION_CHECK", "1"},
                                    {"HEROKU_SKIP_ANALYTICS", "1"},
                                    {"DISABLE_TELEMETRY", "true"},
                                    {"NO_COLOR", "1"},
                                    {"NO_PROXY", "127.0.0.1,localhost"}});
  }

  test::TempDir m_home;
};

TEST_F(HerokuCli, AppsInfoShowsTheApp) {
  test::FakeHeroku fake(test::base_scenario());
  const auto result = heroku(fake, {"apps:info", "-a", "old-app", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json info = json::parse(result.out);
  EXPECT_EQ(info["app"]["name"], "old-app");
  EXPECT_EQ(info["app"]["region"]["name"], "us");
  EXPECT_EQ(info["addons"][0]["name"], "postgresql-old-1");
  EXPECT_EQ(info["dynos"].size(), 2U);
  const auto text = heroku(fake, {"apps:info", "-a", "new-app"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Space:"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("shield-space"), std::string::npos);
}

TEST_F(HerokuCli, LogsReadsALogSessionAsServerSentEvents) {
  json scenario = test::base_scenario();
  scenario["apps"][0]["logs"] = {
      "{{ago:30}} heroku[router]: at=error code=H10 desc=\"App crashed\" method=GET path=\"/\" "
      "host=old-app.herokuapp.com fwd=\"1.2.3.4\" dyno= connect= service= status=503 bytes=",
      "{{ago:20}} app[web.1]: hello from the fake"};
  test::FakeHeroku fake(scenario);
  const auto result = heroku(fake, {"logs", "-a", "old-app", "-n", "50"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("heroku[router]: at=error code=H10"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("app[web.1]: hello from the fake"), std::string::npos);
  EXPECT_EQ(result.out.find("{{ago:"), std::string::npos);
  EXPECT_EQ(fake.count("POST", "/apps/old-app/log-sessions"), 1);
}

TEST_F(HerokuCli, PgInfoReadsTheDataApi) {
  json scenario = test::base_scenario();
  scenario["addons"][1]["database"] = {{"following", "postgresql-old-1"}, {"behind_by", 125}};
  test::FakeHeroku fake(scenario);
  const auto result = heroku(fake, {"pg:info", "-a", "new-app"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("=== DATABASE_URL"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Plan:"), std::string::npos);
  EXPECT_NE(result.out.find("shield-0"), std::string::npos);
  EXPECT_NE(result.out.find("PG Version:"), std::string::npos);
  EXPECT_NE(result.out.find("16.4"), std::string::npos);
  EXPECT_NE(result.out.find("Behind By:"), std::string::npos);
  EXPECT_NE(result.out.find("125 commits"), std::string::npos);
  EXPECT_NE(result.out.find("Following:"), std::string::npos);
  EXPECT_NE(result.out.find("Add-on:"), std::string::npos);
  EXPECT_NE(result.out.find("postgresql-new-1"), std::string::npos);
  const std::string id = fake.requests().back()["path"];
  EXPECT_EQ(id.rfind("/client/v11/databases/", 0), 0U) << id;
}

TEST_F(HerokuCli, AddonsListsAddOnsWithAttachmentsAndPrices) {
  test::FakeHeroku fake(test::base_scenario());
  const auto result = heroku(fake, {"addons", "-a", "old-app", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json addons = json::parse(result.out);
  ASSERT_EQ(addons.size(), 1U);
  EXPECT_EQ(addons[0]["name"], "postgresql-old-1");
  EXPECT_EQ(addons[0]["attachments"][0]["name"], "DATABASE");
  const auto text = heroku(fake, {"addons", "-a", "old-app"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("heroku-postgresql (postgresql-old-1)"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("undefined"), std::string::npos) << text.out;
}

TEST_F(HerokuCli, DomainsPagesThroughTheList) {
  json scenario = test::base_scenario();
  scenario["page_size"] = 1;
  scenario["apps"][0]["domains"].push_back({{"hostname", "api.example.test"}});
  test::FakeHeroku fake(scenario);
  const auto result = heroku(fake, {"domains", "-a", "old-app", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json domains = json::parse(result.out);
  std::vector<std::string> hosts;
  for (const auto& d : domains) {
    hosts.push_back(d["hostname"]);
  }
  std::sort(hosts.begin(), hosts.end());
  ASSERT_EQ(hosts.size(), 3U);
  EXPECT_EQ(hosts[0], "api.example.test");
  EXPECT_EQ(hosts[2], "www.example.test");
  EXPECT_EQ(fake.count("GET", "/apps/old-app/domains"), 3);
}

TEST_F(HerokuCli, ConfigShowsTheVars) {
  test::FakeHeroku fake(test::base_scenario());
  const auto result = heroku(fake, {"config", "-a", "new-app", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(json::parse(result.out)["RAILS_ENV"], "production");
}

TEST_F(HerokuCli, SpacesInfoShowsTheSpaceAndItsOutboundIps) {
  test::FakeHeroku fake(test::base_scenario());
  const auto result = heroku(fake, {"spaces:info", "-s", "shield-space"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Shield:       on"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("State:        allocated"), std::string::npos);
  EXPECT_NE(result.out.find("203.0.113.10"), std::string::npos);
}

TEST_F(HerokuCli, AWrongTokenIsRejectedLikeTheRealApi) {
  test::FakeHeroku fake(test::base_scenario());
  const auto result = heroku(fake, {"apps:info", "-a", "old-app"}, "wrong-token");
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("HEROKU_API_KEY"), std::string::npos) << result.err;
}

TEST_F(HerokuCli, AMissingAppIsANotFound) {
  test::FakeHeroku fake(test::base_scenario());
  const auto result = heroku(fake, {"config", "-a", "no-such-app"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("Couldn't find that app"), std::string::npos) << result.err;
}

TEST_F(HerokuCli, PsShowsTheFormation) {
  test::FakeHeroku fake(test::base_scenario());
  const auto result = heroku(fake, {"ps", "-a", "new-app", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json dynos = json::parse(result.out);
  ASSERT_EQ(dynos.size(), 2U);
  EXPECT_EQ(dynos[0]["type"], "web");
  EXPECT_EQ(dynos[0]["size"], "Shield-M");
  const auto text = heroku(fake, {"ps", "-a", "new-app"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("web (Shield-M)"), std::string::npos) << text.out;
}

TEST_F(HerokuCli, MaintenanceShowsAndChangesTheMode) {
  test::FakeHeroku fake(test::base_scenario());
  const auto before = heroku(fake, {"maintenance", "-a", "new-app"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(before.out, "off\n");
  const auto on = heroku(fake, {"maintenance:on", "-a", "new-app"});
  ASSERT_EQ(on.exit_code, 0) << on.err;
  const auto after = heroku(fake, {"maintenance", "-a", "new-app"});
  EXPECT_EQ(after.out, "on\n");
  EXPECT_EQ(fake.count("PATCH", "/apps/new-app"), 1);
}

TEST(FakeHerokuProtocol, WithoutTheV3AcceptHeaderTheAnswerIs406) {
  test::FakeHeroku fake(test::base_scenario());
  const auto result =
      test::run_process({"/usr/bin/curl", "-s", "-H", "Authorization: Bearer test-token-7d1f",
                         fake.url() + "/apps/old-app"});
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_EQ(json::parse(result.out)["id"], "not_acceptable");
}

}  // namespace
}  // namespace heroku_cli_conformance_test
}  // namespace spaceport
