#include "checks/registry.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace spaceport {
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

}  // namespace
}  // namespace spaceport
