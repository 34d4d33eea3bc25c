#include "jobs/retries.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace retries_test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

Result failing(std::optional<seconds> settles_within) {
  Result r;
  r.finding.outcome = Outcome::fail;
  r.finding.settles_within = settles_within;
  return r;
}

TEST(NextPause, IsTheSleepBoundedByTheTimeLeft) {
  const Result plain = failing(std::nullopt);
  EXPECT_EQ(next_pause({&plain}, seconds(10), seconds(60)), seconds(10));
  EXPECT_EQ(next_pause({&plain}, seconds(10), seconds(3)), seconds(3));
}

TEST(NextPause, WaitsNoLongerThanTheCachesThatEveryFailureWaitsOn) {
  const Result short_ttl = failing(seconds(4));
  const Result long_ttl = failing(seconds(20));
  // Past the longest TTL plus a second, every cache has forgotten the old answer.
  EXPECT_EQ(next_pause({&short_ttl, &long_ttl}, seconds(60), seconds(600)), seconds(21));
  EXPECT_EQ(next_pause({&short_ttl}, seconds(2), seconds(600)), seconds(2));
  // One failure that waits on something else: the hint does not apply.
  const Result plain = failing(std::nullopt);
  EXPECT_EQ(next_pause({&short_ttl, &plain}, seconds(60), seconds(600)), seconds(60));
  // A zero TTL says nothing about how long to wait.
  const Result zero = failing(seconds(0));
  EXPECT_EQ(next_pause({&zero}, milliseconds(1500), seconds(600)), milliseconds(1500));
}

}  // namespace
}  // namespace retries_test
}  // namespace spaceport
