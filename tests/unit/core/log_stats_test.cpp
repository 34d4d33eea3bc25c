#include "core/log_stats.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace spaceport {
namespace log_stats_test {
namespace {

const HostCount* host_named(const LogStats& stats, std::string_view name) {
  for (const auto& [host, count] : stats.hosts()) {
    if (host == name) {
      return &count;
    }
  }
  return nullptr;
}

TEST(LatencyHistogram, QuantilesAreWithinTheStatedBound) {
  std::mt19937 random(7);
  std::lognormal_distribution<double> times(4.0, 1.2);
  std::vector<std::uint32_t> values;
  LatencyHistogram histogram;
  for (int i = 0; i < 100'000; ++i) {
    const auto v = static_cast<std::uint32_t>(times(random));
    values.push_back(v);
    histogram.add(v);
  }
  std::sort(values.begin(), values.end());
  for (const double q : {0.5, 0.95, 0.99}) {
    const auto exact =
        static_cast<double>(values[static_cast<std::size_t>(std::ceil(q * 100'000)) - 1]);
    const double estimate = *histogram.quantile(q);
    // Exact below 32 ms; above, the midpoint of a bucket 1/32 wide.
    EXPECT_LE(std::abs(estimate - exact), std::max(0.5, exact * LatencyHistogram::k_relative_error))
        << "q=" << q << " exact " << exact << " estimate " << estimate;
  }
  EXPECT_EQ(histogram.count(), 100'000U);
  EXPECT_FALSE(LatencyHistogram().quantile(0.5));
  LatencyHistogram huge;
  huge.add(4'000'000'000U);
  EXPECT_GT(*huge.quantile(1.0), 3.9e9);
}

TEST(LatencyHistogram, EveryBucketEdgeIsWithinTheBound) {
  std::vector<std::uint32_t> values = {
      0, 1, 30, 31, 32, 33, 63, 64, 65, 127, 128, 129, 4'000'000'000U, 4'294'967'295U};
  for (unsigned bit = 6; bit < 32; ++bit) {
    const std::uint32_t edge = 1U << bit;
    values.insert(values.end(), {edge - 1, edge, edge + 1, edge + edge / 64});
  }
  for (const std::uint32_t v : values) {
    LatencyHistogram h;
    h.add(v);
    const double estimate = *h.quantile(1.0);
    EXPECT_LE(std::abs(estimate - v), std::max(0.5, v * LatencyHistogram::k_relative_error)) << v;
  }
}

TEST(LogStats, CountsAndMerges) {
  LogStats a;
  LogLine router;
  router.kind = LineKind::router;
  router.host = "a.com";
  router.status = 503;
  router.service_ms = 10;
  router.code = "H12";
  router.timestamp = "2026-11-24T10:00:00Z";
  a.add(router);
  router.status = 200;
  router.code = {};
  a.add(router);
  LogStats b;
  router.host = "b.com";
  router.code = "H12";
  router.timestamp = "2026-11-24T09:00:00Z";
  b.add(router);
  b.add_unparsed();
  a.merge(b);
  EXPECT_EQ(a.lines, 4U);
  EXPECT_EQ(a.router_lines, 3U);
  EXPECT_EQ(a.unparsed, 1U);
  EXPECT_EQ(a.server_errors, 1U);
  EXPECT_DOUBLE_EQ(*a.server_error_ratio(), 1.0 / 3);
  EXPECT_EQ(a.codes["H12"].count, 2U);
  EXPECT_EQ(a.codes["H12"].first_seen, "2026-11-24T09:00:00Z");
  EXPECT_EQ(a.codes["H12"].last_seen, "2026-11-24T10:00:00Z");
  const auto json = a.to_json();
  EXPECT_EQ(json["hosts"][0]["host"], "a.com");
  EXPECT_EQ(json["codes"][0]["name"], "Request timeout");
}

TEST(LogStats, ARequestWithoutAHostIsCountedUnderAnEmptyName) {
  LogStats stats;
  LogLine router;  // host is a default (null) view, as the parser leaves it without host=
  router.kind = LineKind::router;
  router.status = 503;
  stats.add(router);
  stats.add_request({}, 200, 12);
  ASSERT_NE(host_named(stats, ""), nullptr);
  EXPECT_EQ(host_named(stats, "")->requests, 2U);
  EXPECT_EQ(host_named(stats, "")->server_errors, 1U);
  EXPECT_EQ(stats.hosts().size(), 1U);
}

TEST(LogStats, HostsAreCapped) {
  LogStats stats;
  LogLine router;
  router.kind = LineKind::router;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < LogStats::k_max_hosts + 50; ++i) {
    names.push_back("host-" + std::to_string(i) + ".test");
  }
  for (const auto& name : names) {
    router.host = name;
    stats.add(router);
  }
  EXPECT_EQ(stats.hosts().size(), LogStats::k_max_hosts + 1);
  ASSERT_NE(host_named(stats, LogStats::k_other_hosts), nullptr);
  EXPECT_EQ(host_named(stats, LogStats::k_other_hosts)->requests, 50U);
  for (std::size_t i = 0; i < LogStats::k_max_hosts; ++i) {
    ASSERT_NE(host_named(stats, names[i]), nullptr) << names[i];
    EXPECT_EQ(host_named(stats, names[i])->requests, 1U);
  }
  EXPECT_EQ(host_named(stats, names.back()), nullptr);
  // Seen again, a host keeps its own count; merged, the other hosts stay one entry.
  router.host = names[3];
  stats.add(router);
  EXPECT_EQ(host_named(stats, names[3])->requests, 2U);
  LogStats merged;
  merged.merge(stats);
  merged.merge(stats);
  EXPECT_EQ(merged.hosts().size(), LogStats::k_max_hosts + 1);
  EXPECT_EQ(host_named(merged, LogStats::k_other_hosts)->requests, 100U);
  EXPECT_EQ(host_named(merged, names[3])->requests, 4U);
}

}  // namespace
}  // namespace log_stats_test
}  // namespace spaceport
