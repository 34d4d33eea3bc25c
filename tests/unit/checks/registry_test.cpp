#include "checks/registry.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <type_traits>

#include "checks/check.hpp"
#include "probes/platform.hpp"

namespace spaceport {
namespace registry_test {
namespace {

TEST(Registry, IdsAreUniqueStableAndInPhaseOrder) {
  const std::regex id_shape("^[a-z0-9-]+(\\.[a-z0-9-]+)+$");
  Phase previous = Phase::preflight;
  for (const auto& check : registered_checks()) {
    const auto& info = check->info();
    EXPECT_TRUE(std::regex_match(std::string(info.id), id_shape)) << info.id;
    EXPECT_GE(info.phase, previous) << info.id;
    previous = info.phase;
    EXPECT_EQ(find_check(info.id), check.get());
  }
  EXPECT_NE(find_check("app.source"), nullptr);
  EXPECT_NE(find_check("config.parity"), nullptr);
  EXPECT_EQ(find_check("no.such-check"), nullptr);
}

// "A check only reads" holds by type, checked when this file compiles: what a check is handed
// has no way to send a DELETE (the one that can, AppDeleter, is built by destroy alone).
template <typename P>
concept has_delete_app = requires(P& platform, const std::string& id) {
  platform.delete_app(id);
};
template <typename P>
concept has_delete_object = requires(P& platform, const std::string& id) {
  platform.delete_object(id);
};
static_assert(std::is_same_v<decltype(CheckContext::platform), Platform&>);
static_assert(!has_delete_app<Platform> && !has_delete_object<Platform>);

}  // namespace
}  // namespace registry_test
}  // namespace spaceport
