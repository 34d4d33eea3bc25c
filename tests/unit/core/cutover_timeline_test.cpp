#include "core/cutover_timeline.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace cutover_timeline_test {
namespace {

Lane dns(const std::string& server, const std::string& role) {
  return Lane{"dns " + server, "dns", "web", "www.acme.test", "", server, role};
}
Lane health(const std::string& server, const std::string& role) {
  return Lane{"health " + server,         "health", "web", "www.acme.test",
              "https://www.acme.test/up", server,   role};
}
Lane app(const std::string& role) {
  return Lane{"app " + role, "app", "web", role + "-app", "", "", role};
}
const Lane k_database{"database", "database", "web", "postgresql-new", "", "", ""};

/// A cutover sampled every second: the source goes into maintenance at 10 s, the database is
/// promoted at 13 s, the authoritative server answers the new app at 15 s, the resolver at 18 s.
CutoverTimeline scripted() {
  CutoverTimeline t;
  for (std::int64_t s = 0; s <= 25; ++s) {
    const auto state = [&](std::int64_t from, LaneState before, LaneState after) {
      return s >= from ? after : before;
    };
    const LaneState resolver_side = state(18, LaneState::old_app, LaneState::new_app);
    LaneState users = resolver_side == LaneState::new_app ? LaneState::new_app
                      : s >= 10                           ? LaneState::maintenance
                                                          : LaneState::old_app;
    t.add(s * 1000,
          {{app("source"), state(10, LaneState::old_app, LaneState::maintenance), ""},
           {app("target"), LaneState::new_app, ""},
           {k_database, state(13, LaneState::old_app, LaneState::new_app), ""},
           {dns("ns1", "authoritative"), state(15, LaneState::old_app, LaneState::new_app), ""},
           {dns("resolver", "resolver"), resolver_side, ""},
           {health("resolver", "resolver"), users, ""}});
  }
  return t;
}

TEST(CutoverTimeline, KeepsOnlyTheChangesOfEachLane) {
  const CutoverTimeline t = scripted();
  EXPECT_EQ(t.samples(), 26);
  EXPECT_EQ(t.lanes().size(), 6U);
  // Six first states, then one change each for source, database, ns1, resolver, and two for the
  // users' view (maintenance, then new).
  EXPECT_EQ(t.changes().size(), 6U + 6U);
  EXPECT_EQ(t.current("dns resolver"), LaneState::new_app);
  EXPECT_EQ(t.current_since("dns resolver"), 18'000);
}

TEST(CutoverTimeline, DowntimeRunsFromTheFirstBadAnswerToTheNewAppForGood) {
  const CutoverFigures f = scripted().figures();
  ASSERT_EQ(f.downtime.size(), 1U);
  const DomainDowntime& d = f.downtime[0];
  EXPECT_EQ(d.hostname, "www.acme.test");
  EXPECT_EQ(d.health_url, "https://www.acme.test/up");
  EXPECT_EQ(d.down_from_ms, 10'000);
  EXPECT_EQ(d.up_from_ms, 18'000);
  ASSERT_TRUE(d.downtime);
  EXPECT_EQ(d.downtime->ms, 8'000);
  EXPECT_EQ(d.downtime->uncertainty_ms, 1'000);  // each end between two samples a second apart
  EXPECT_FALSE(d.ongoing);
}

TEST(CutoverTimeline, EachResolverSwitchIsMeasuredFromTheAuthoritativeServers) {
  const CutoverFigures f = scripted().figures();
  ASSERT_EQ(f.switches.size(), 2U);
  EXPECT_EQ(f.switches[0].role, "authoritative");
  EXPECT_EQ(f.switches[0].switched_at_ms, 15'000);
  EXPECT_FALSE(f.switches[0].after_authoritative);
  EXPECT_EQ(f.switches[1].switched_at_ms, 18'000);
  ASSERT_TRUE(f.switches[1].after_authoritative);
  EXPECT_EQ(f.switches[1].after_authoritative->ms, 3'000);
}

TEST(CutoverTimeline, MaintenanceAndTheDataFreezeAreMeasured) {
  const CutoverFigures f = scripted().figures();
  ASSERT_EQ(f.maintenance.size(), 2U);
  EXPECT_EQ(f.maintenance[0].role, "source");
  EXPECT_EQ(f.maintenance[0].total.ms, 15'000);  // from 10 s to the last sample, 25 s
  EXPECT_TRUE(f.maintenance[0].ongoing);
  EXPECT_EQ(f.maintenance[1].total.ms, 0);
  ASSERT_EQ(f.data_freeze.size(), 1U);
  ASSERT_TRUE(f.data_freeze[0].freeze);
  EXPECT_EQ(f.data_freeze[0].freeze->ms, 3'000);
}

TEST(CutoverTimeline, SettledOnlyWhenEveryLaneButTheSourceAppIsOnTheNewApp) {
  CutoverTimeline t = scripted();
  EXPECT_EQ(t.settled_since(), 18'000);
  t.add(26'000, {{dns("resolver", "resolver"), LaneState::old_app, "flapped back"}});
  EXPECT_FALSE(t.settled_since());
  const CutoverFigures f = t.figures();
  EXPECT_FALSE(f.switches[1].switched_at_ms);
  // The users' view is still on the new app: its downtime stands; the DNS lane no longer does.
  ASSERT_TRUE(f.downtime[0].downtime);
}

TEST(CutoverTimeline, AnOutageThatHasNotEndedHasNoFigureAndSaysSo) {
  CutoverTimeline t;
  t.add(0, {{health("r", "resolver"), LaneState::old_app, "200"}});
  t.add(2'000, {{health("r", "resolver"), LaneState::down, "no answer"}});
  const DomainDowntime d = t.figures().downtime[0];
  EXPECT_TRUE(d.ongoing);
  EXPECT_FALSE(d.downtime);
  EXPECT_EQ(d.down_from_ms, 2'000);
  EXPECT_NE(d.note.find("still down"), std::string::npos);
}

TEST(CutoverTimeline, ADomainWithoutAHealthUrlSaysItsDowntimeCannotBeSeen) {
  CutoverTimeline t;
  t.add(0, {{dns("ns1", "authoritative"), LaneState::new_app, ""}});
  const DomainDowntime d = t.figures().downtime[0];
  EXPECT_FALSE(d.downtime);
  EXPECT_NE(d.note.find("no health URL"), std::string::npos);
}

TEST(CutoverTimeline, NoSampleDownIsNoDowntimeWithinTheInterval) {
  CutoverTimeline t;
  t.add(0, {{health("r", "resolver"), LaneState::old_app, ""}});
  t.add(2'000, {{health("r", "resolver"), LaneState::new_app, ""}});
  const DomainDowntime d = t.figures().downtime[0];
  ASSERT_TRUE(d.downtime);
  EXPECT_EQ(d.downtime->ms, 0);
  EXPECT_EQ(d.downtime->uncertainty_ms, 2'000);
}

}  // namespace
}  // namespace cutover_timeline_test
}  // namespace spaceport
