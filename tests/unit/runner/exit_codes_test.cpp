#include "runner/exit_codes.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace exit_codes_test {
namespace {

TEST(ExitCodes, FollowTheContract) {
  Summary s;
  EXPECT_EQ(exit_code_for(s, Strictness::normal), ExitCode::ok);
  s.warn = 1;
  s.skip = 1;
  s.waived = 1;
  EXPECT_EQ(exit_code_for(s, Strictness::normal), ExitCode::ok);
  EXPECT_EQ(exit_code_for(s, Strictness::strict), ExitCode::failed);
  s.error = 1;
  EXPECT_EQ(exit_code_for(s, Strictness::normal), ExitCode::undecided);
  s.fail = 1;
  EXPECT_EQ(exit_code_for(s, Strictness::normal), ExitCode::failed);
}

}  // namespace
}  // namespace exit_codes_test
}  // namespace spaceport
