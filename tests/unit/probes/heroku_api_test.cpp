#include "probes/heroku_api.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace {

TEST(EncodePathSegment, KeepsNamesAndEscapesTheRest) {
  EXPECT_EQ(encode_path_segment("acme-web_2.x~"), "acme-web_2.x~");
  EXPECT_EQ(encode_path_segment("../apps?x=1 y"), "..%2Fapps%3Fx%3D1%20y");
}

}  // namespace
}  // namespace spaceport
