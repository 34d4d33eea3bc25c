#include "probes/heroku_api.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace {

TEST(ThrottleDelay, SpacesRequestsOnlyWhenThePoolRunsLow) {
  EXPECT_EQ(throttle_delay(4500).count(), 0);
  EXPECT_EQ(throttle_delay(200).count(), 0);
  EXPECT_GT(throttle_delay(100).count(), 0);
  EXPECT_LT(throttle_delay(100), throttle_delay(10));
  EXPECT_EQ(throttle_delay(0).count(), 800);  // the pool's refill interval
  EXPECT_EQ(throttle_delay(-5).count(), 800);
}

TEST(EncodePathSegment, KeepsNamesAndEscapesTheRest) {
  EXPECT_EQ(encode_path_segment("acme-web_2.x~"), "acme-web_2.x~");
  EXPECT_EQ(encode_path_segment("../apps?x=1 y"), "..%2Fapps%3Fx%3D1%20y");
}

}  // namespace
}  // namespace spaceport
