#include "probes/credentials.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace credentials_test {
namespace {

TEST(Netrc, FindsThePasswordOfTheMachine) {
  const std::string netrc =
      "machine git.heroku.com\n  login a@b.c\n  password git-token\n"
      "machine api.heroku.com login a@b.c password api-token\n"
      "# a comment\nmacdef init\ncd /tmp\n\nmachine 127.0.0.1:5055 password local-token\n";
  EXPECT_EQ(netrc_password(netrc, "api.heroku.com"), "api-token");
  EXPECT_EQ(netrc_password(netrc, "git.heroku.com"), "git-token");
  EXPECT_EQ(netrc_password(netrc, "127.0.0.1:5055"), "local-token");
  EXPECT_EQ(netrc_password(netrc, "example.com"), std::nullopt);
}

TEST(Netrc, TheValuesOfLoginAndAccountAreNeverTakenForKeywords) {
  EXPECT_EQ(netrc_password("machine h login password password real-token\n", "h"), "real-token");
  EXPECT_EQ(netrc_password("machine h account password password real-token\n", "h"), "real-token");
  EXPECT_EQ(netrc_password("machine h login password\n", "h"), std::nullopt);
}

TEST(ApiBase, FollowsTheOfficialCliRules) {
  EXPECT_EQ(resolve_api_base(std::string("http://127.0.0.1:5055/")), "http://127.0.0.1:5055");
  setenv("HEROKU_HOST", "herokudev.com", 1);
  EXPECT_EQ(resolve_api_base(std::nullopt), "https://api.herokudev.com");
  setenv("HEROKU_HOST", "http://localhost:9000", 1);
  EXPECT_EQ(resolve_api_base(std::nullopt), "http://localhost:9000");
  unsetenv("HEROKU_HOST");
  EXPECT_EQ(resolve_api_base(std::nullopt), "https://api.heroku.com");
}

}  // namespace
}  // namespace credentials_test
}  // namespace spaceport
