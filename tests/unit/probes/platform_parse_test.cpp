#include "probes/platform_parse.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace spaceport {
namespace platform_parse_test {
namespace {

std::string refusal(const nlohmann::json& body) {
  try {
    (void)parse_app(body);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "accepted";
}

TEST(PlatformParse, AnAppWithoutItsFieldsIsRefusedNamingTheField) {
  EXPECT_EQ(refusal({{"name", "a"}, {"region", {{"name", "us"}}}}), "has no \"id\"");
  EXPECT_EQ(refusal({{"id", 7}, {"name", "a"}, {"region", {{"name", "us"}}}}),
            "has a \"id\" that is not a string");
  EXPECT_EQ(refusal({{"id", "i"}, {"name", "a"}, {"region", "us"}}), "has no \"region.name\"");
  EXPECT_EQ(refusal(nlohmann::json::array()), "has no \"id\"");
  const App app = parse_app({{"id", "i"},
                             {"name", "a"},
                             {"region", {{"name", "us"}}},
                             {"owner", {{"id", "u-1"}, {"email", "ops@acme.test"}}},
                             {"team", {{"name", "acme"}}}});
  EXPECT_EQ(app.owner, "u-1");
  EXPECT_EQ(app.team, "acme");
}

TEST(PlatformParse, ConfigVarsAreKeptAsDigestsOnly) {
  const auto digests = parse_config({{"SECRET", "hunter2"}, {"UNSET", nullptr}});
  ASSERT_EQ(digests.size(), 1U);
  EXPECT_EQ(digests.at("SECRET").size(), 64U);
  EXPECT_EQ(digests.at("SECRET").find("hunter2"), std::string::npos);
  EXPECT_THROW((void)parse_config({{"N", 1}}), std::invalid_argument);
}

}  // namespace
}  // namespace platform_parse_test
}  // namespace spaceport
