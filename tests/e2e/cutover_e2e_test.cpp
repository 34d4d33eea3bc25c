// `spaceport cutover` over a scripted cutover: fake-heroku's timeline puts the old app in
// maintenance, promotes the new database, moves the domain, turns the new app's health URL on and
// rewrites the zone NSD serves; a second fake-heroku on 127.0.0.2 stands for the old app's
// routers (where the old DNS target leads). The figures spaceport derives are checked against
// the script.
#include <pugixml.hpp>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace cutover_e2e_test {
namespace {

// The script, in seconds from the fakes' start.
constexpr double k_maintenance_at = 2.0;
constexpr double k_promoted_at = 3.0;
constexpr double k_moved_at = 4.0;
constexpr double k_dns_at = 4.5;
constexpr int k_ttl = 3;  // the CNAME's TTL: how long the resolver may keep the old answer
// Unbound's clock counts whole seconds: an answer cached at 4.9 s with a TTL of 3 s is kept
// until the clock reads 8, not 7.9.
constexpr double k_resolver_clock = 1.0;

std::string zone(const std::string& serial, const std::string& target) {
  return "$ORIGIN cutover.test.\n$TTL " + std::to_string(k_ttl) +
         "\n@ 3600 SOA ns1.cutover.test. hostmaster.cutover.test. " + serial +
         " 3600 600 86400 3\n@ 3600 NS ns1.cutover.test.\nns1 3600 A 127.0.0.1\nwww " +
         std::to_string(k_ttl) + " CNAME " + target + ".\n";
}

const std::string k_old_target = "old-app.old.herokudns.test";        // 127.0.0.2
const std::string k_new_target = "www-acme-test.new.herokudns.test";  // 127.0.0.1

json world(const DnsServers& dns) {
  return {{"api_key", "test-token-7d1f"},
          {"account", {{"email", "sre@acme.example"}}},
          {"spaces",
           {{{"name", "acme-space"},
             {"region", "virginia"},
             {"state", "allocated"},
             {"team", "acme"}}}},
          // The new app's routers answer for the domain only once it is moved there.
          {"pages", {{"/health", {{"status", 404}, {"body", "no such app"}}}}},
          {"apps",
           {{{"name", "old-app"},
             {"region", "us"},
             {"domains", {{{"hostname", "www.cutover.test"}, {"cname", k_old_target}}}}},
            {{"name", "new-app"}, {"space", "acme-space"}}}},
          {"addon_services",
           {{{"name", "heroku-postgresql"},
             {"plans",
              {{{"name", "standard-0"}, {"installable_outside_private_network", true}},
               {{"name", "private-0"}, {"installable_inside_private_network", true}}}},
             {"regions", {{{"region", "us"}}, {{"region", "virginia"}}}}}}},
          {"addons",
           {{{"name", "postgresql-old-1"},
             {"app", "old-app"},
             {"plan", "heroku-postgresql:standard-0"},
             {"config_vars", {"DATABASE_URL"}}},
            {{"name", "postgresql-new-1"},
             {"app", "new-app"},
             {"plan", "heroku-postgresql:private-0"},
             {"config_vars", {"DATABASE_URL"}},
             {"database", {{"following", "postgresql-old-1"}, {"behind_by", 0}}}}}},
          {"timeline",
           {{{"at", k_maintenance_at}, {"kind", "maintenance"}, {"app", "old-app"}, {"on", true}},
            {{"at", k_promoted_at}, {"kind", "promote"}, {"addon", "postgresql-new-1"}},
            {{"at", k_moved_at},
             {"kind", "move_domain"},
             {"hostname", "www.cutover.test"},
             {"to", "new-app"},
             {"cname", k_new_target}},
            {{"at", k_moved_at}, {"kind", "page"}, {"path", "/health"}, {"status", 200}},
            {{"at", k_dns_at},
             {"kind", "zone"},
             {"file", dns.ns1_zone("cutover.test.zone").string()},
             {"text", zone("2026120602", k_new_target)},
             {"pid_file", dns.ns1_pid_file().string()}}}}};
}

/// The old app's routers: serving until the app goes into maintenance, then its 503 page.
json old_routers() {
  return {{"api_key", "unused"},
          {"pages", {{"/health", {{"status", 200}, {"body", "old"}}}}},
          {"timeline",
           {{{"at", k_maintenance_at},
             {"kind", "page"},
             {"path", "/health"},
             {"status", 503},
             {"body", "<html><body>Down for maintenance</body></html>"}}}}};
}

/// The migration with its domain and no health URL.
json plan_without_health() {
  return {{"version", 1},
          {"migrations",
           {{{"name", "web"},
             {"source", {{"app", "old-app"}}},
             {"target", {{"app", "new-app"}, {"space", "acme-space"}}},
             {"domains", {"www.cutover.test"}}}}}};
}

/// The world before anything moves, and nothing scheduled to: the old app serves.
struct Unscripted {
  static json without_timeline(json scenario) {
    scenario.erase("timeline");
    return scenario;
  }
  DnsServers dns{{{"cutover.test", zone("2026120601", k_old_target)}}};
  FakeHeroku fake{without_timeline(world(dns))};
};

const json* find_by(const json& list, const std::string& key, const std::string& value) {
  for (const auto& item : list) {
    if (item.value(key, "") == value) {
      return &item;
    }
  }
  return nullptr;
}

TEST(Cutover, AScriptedCutoverGivesTheDowntimeAndEachResolversSwitchAsScripted) {
  const DnsServers dns({{"cutover.test", zone("2026120601", k_old_target)}});
  const FakeHeroku fake(world(dns));
  const FakeHeroku old(old_routers(), "127.0.0.2", fake.port());
  TempDir dir;
  const std::string health = "http://www.cutover.test:" + std::to_string(fake.port()) + "/health";
  const json plan = {{"version", 1},
                     {"migrations",
                      {{{"name", "web"},
                        {"source", {{"app", "old-app"}}},
                        {"target", {{"app", "new-app"}, {"space", "acme-space"}}},
                        {"domains", {"www.cutover.test"}},
                        {"health", {{{"url", health}, {"status", 200}}}}}}}};
  const auto plan_path = dir.write("plan.json", plan.dump(2));
  const auto result = run_spaceport({"cutover",
                                     "--plan",
                                     plan_path.string(),
                                     "--api-url",
                                     fake.url(),
                                     "--data-api-url",
                                     fake.url(),
                                     "--authoritative",
                                     dns.ns1(),
                                     "--resolver",
                                     dns.resolver(),
                                     "--interval",
                                     "250ms",
                                     "--until-settled",
                                     "--settle",
                                     "1500ms",
                                     "--for",
                                     "60s",
                                     "--request-budget",
                                     "100000",
                                     "--json",
                                     (dir.path() / "c.json").string(),
                                     "--markdown",
                                     (dir.path() / "c.md").string(),
                                     "--svg",
                                     (dir.path() / "c.svg").string()});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(old.wait_for_step("page", "2"));
  const json report = json::parse(read_file(dir.path() / "c.json"));
  EXPECT_EQ(report["run"]["stopped"], "settled");
  // It only read: GETs (and no DELETE, PATCH or POST).
  for (const auto& r : fake.requests()) {
    EXPECT_EQ(r["method"], "GET") << r.dump();
  }
  const json& figures = report["figures"];
  const double interval = 0.25;
  const double api_interval = report["run"]["api_interval_ms"].get<double>() / 1000.0;

  // Users of the resolver were down from the maintenance page until the resolver's cached CNAME
  // ran out after the zone changed: between the scripted DNS change and it plus the TTL.
  const json* down = find_by(figures["downtime"], "hostname", "www.cutover.test");
  ASSERT_NE(down, nullptr) << figures.dump(2);
  ASSERT_TRUE((*down)["downtime"].is_object()) << down->dump(2);
  const double downtime = (*down)["downtime"]["ms"].get<double>() / 1000.0;
  EXPECT_GE(downtime, k_dns_at - k_maintenance_at - interval) << down->dump(2);
  EXPECT_LE(downtime, k_dns_at + k_ttl + k_resolver_clock - k_maintenance_at + 2 * interval)
      << down->dump(2);
  EXPECT_LE((*down)["downtime"]["uncertainty_ms"].get<double>() / 1000.0, interval + 0.2);

  // The authoritative server switched first; the resolver after, within its cached TTL.
  const json* authoritative = find_by(figures["dns_switches"], "role", "authoritative");
  const json* resolver = find_by(figures["dns_switches"], "role", "resolver");
  ASSERT_NE(authoritative, nullptr);
  ASSERT_NE(resolver, nullptr);
  ASSERT_TRUE((*resolver)["after_authoritative"].is_object()) << resolver->dump(2);
  const double lag = (*resolver)["after_authoritative"]["ms"].get<double>() / 1000.0;
  EXPECT_GE(lag, -interval);
  EXPECT_LE(lag, k_ttl + k_resolver_clock + 2 * interval);
  // The down time, seen from the DNS side: the resolver's switch minus the maintenance start.
  const double switched = (*resolver)["switched_at_ms"].get<double>() / 1000.0;
  EXPECT_NEAR(downtime, switched - (*down)["down_from_ms"].get<double>() / 1000.0, interval);

  // The source has been in maintenance since the script put it there; the freeze lasted from
  // then until the promotion, within the API samples' interval.
  const json* source = find_by(figures["maintenance"], "role", "source");
  ASSERT_NE(source, nullptr);
  EXPECT_TRUE((*source)["ongoing"].get<bool>());
  const json& freeze = figures["data_freeze"][0];
  ASSERT_TRUE(freeze["freeze"].is_object()) << freeze.dump(2);
  EXPECT_NEAR(freeze["freeze"]["ms"].get<double>() / 1000.0, k_promoted_at - k_maintenance_at,
              api_interval + interval);

  // The lanes ended on the new app; their changes say what was seen.
  for (const auto& lane : report["lanes"]) {
    if (!(lane["kind"] == "app" && lane["role"] == "source")) {
      EXPECT_EQ(lane["state"], "new") << lane.dump();
    }
  }
  const std::string markdown = read_file(dir.path() / "c.md");
  EXPECT_NE(markdown.find("### User-visible downtime"), std::string::npos);
  EXPECT_NE(markdown.find("[The timeline as a picture](c.svg)"), std::string::npos) << markdown;
  EXPECT_LT(markdown.find("### User-visible downtime"), markdown.find("### Timeline"));

  // The picture is well-formed XML with a lane per DNS server and health path.
  pugi::xml_document svg;
  ASSERT_TRUE(svg.load_file((dir.path() / "c.svg").c_str())) << read_file(dir.path() / "c.svg");
  EXPECT_STREQ(svg.document_element().name(), "svg");
  const std::string text = read_file(dir.path() / "c.svg");
  EXPECT_NE(text.find("DNS www.cutover.test at " + dns.resolver() + " (resolver)"),
            std::string::npos);
  EXPECT_NE(text.find("www.cutover.test downtime"), std::string::npos);
  // A real browser draws it: the lanes' colours are on the screen, not a blank page.
  const auto png = artifacts_dir() / "cutover-timeline.png";
  const auto shot = screenshot(dir.path() / "c.svg", png, 1200, 400);
  ASSERT_EQ(shot.exit_code, 0) << shot.out << shot.err;
  const auto colours = png_colours(png, {"4e79a7", "3a9d5d", "f2a93b"});
  EXPECT_GT(colours.at("4e79a7"), 2000) << "no old-app lane drawn; see " << png;
  EXPECT_GT(colours.at("3a9d5d"), 2000) << "no new-app lane drawn; see " << png;
  EXPECT_GT(colours.at("f2a93b"), 500) << "no maintenance drawn; see " << png;
  const auto validation = validate_report(dir.path() / "c.json", "reporters/cutover.schema.json");
  EXPECT_EQ(validation.exit_code, 0) << validation.out << validation.err;
}

TEST(Cutover, WhenTheTimeIsUpBeforeTheMoveItSaysSoAndExitsOne) {
  const Unscripted unscripted;
  const DnsServers& dns = unscripted.dns;
  const FakeHeroku& fake = unscripted.fake;
  TempDir dir;
  const auto plan_path = dir.write("plan.json", plan_without_health().dump(2));
  const auto result = run_spaceport({"cutover", "--plan", plan_path.string(), "--api-url",
                                     fake.url(), "--data-api-url", fake.url(), "--authoritative",
                                     dns.ns1(), "--resolver", dns.resolver(), "--interval", "200ms",
                                     "--for", "600ms", "--json", (dir.path() / "c.json").string()});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  const json report = json::parse(read_file(dir.path() / "c.json"));
  EXPECT_EQ(report["run"]["stopped"], "time-up");
  const json* down = find_by(report["figures"]["downtime"], "hostname", "www.cutover.test");
  ASSERT_NE(down, nullptr);
  EXPECT_TRUE((*down)["downtime"].is_null());
  EXPECT_NE((*down)["note"].get<std::string>().find("health URL"), std::string::npos);
  const json* resolver = find_by(report["lanes"], "role", "resolver");
  ASSERT_NE(resolver, nullptr);
  EXPECT_EQ((*resolver)["state"], "old");
  EXPECT_NE(result.out.find("not everything is on the new app"), std::string::npos) << result.out;
}

TEST(Cutover, OnATerminalTheLanesAreRedrawnInPlaceAndInALogTheyAreNot) {
  const Unscripted unscripted;
  const DnsServers& dns = unscripted.dns;
  const FakeHeroku& fake = unscripted.fake;
  TempDir dir;
  const auto plan_path = dir.write("plan.json", plan_without_health().dump(2));
  const std::string command = spaceport_binary() + " cutover --plan " + plan_path.string() +
                              " --api-url " + fake.url() + " --data-api-url " + fake.url() +
                              " --authoritative " + dns.ns1() + " --resolver " + dns.resolver() +
                              " --interval 200ms --for 700ms";
  const std::map<std::string, std::optional<std::string>> env{{"HEROKU_API_KEY", "test-token-7d1f"},
                                                              {"TERM", "xterm"}};
  // script(1): a pseudo-terminal, as a person at a shell has.
  const auto terminal = run_process({"/usr/bin/script", "-qec", command, "/dev/null"}, env);
  EXPECT_EQ(terminal.exit_code, 1) << terminal.out;
  EXPECT_NE(terminal.out.find("\x1b[J"), std::string::npos) << terminal.out;  // redrawn
  EXPECT_NE(terminal.out.find("  old         DNS www.cutover.test at " + dns.resolver()),
            std::string::npos)
      << terminal.out;
  // Standard error to a file (a CI log): change lines only, nothing that rewrites itself.
  const auto log = dir.path() / "stderr.txt";
  const auto plain =
      run_process({"/usr/bin/script", "-qec", command + " 2>" + log.string(), "/dev/null"}, env);
  EXPECT_EQ(plain.exit_code, 1) << plain.out;
  EXPECT_EQ(plain.out.find('\x1b'), std::string::npos) << plain.out;
  EXPECT_EQ(read_file(log).find('\x1b'), std::string::npos);
  EXPECT_NE(plain.out.find("(resolver): old (CNAME " + k_old_target + ")"), std::string::npos)
      << plain.out;
}

TEST(Cutover, UsageMistakesAreRefusedBeforeAnySample) {
  const FakeHeroku fake(base_scenario());
  TempDir dir;
  const auto plan = dir.write("plan.json", plan_without_health().dump());
  const auto cutover = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args{"cutover", "--plan", plan.string(), "--api-url", fake.url()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_spaceport(args);
  };
  auto r = cutover({"--svg", "-"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--svg needs a file name"), std::string::npos) << r.err;
  r = cutover({"--interval", "10ms"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--interval must be 100ms or more"), std::string::npos) << r.err;
  r = cutover({"--json", "-", "--markdown", "-"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("only one report can go to standard output"), std::string::npos) << r.err;
  EXPECT_TRUE(fake.requests().empty());  // nothing was asked
}

}  // namespace
}  // namespace cutover_e2e_test
}  // namespace spaceport::test
