// The plan file: JSON with comments, every key. Bad input must be refused with ConfigError
// (which the CLI prints as a plan error, exit 2); nothing else may escape.
#include "core/config_error.hpp"
#include "plan/plan_loader.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spaceport;
  try {
    const Plan plan = parse_plan(fuzz::as_text(data, size), "fuzz.json");
    fuzz::require(!plan.migrations.empty(), "a plan was accepted without a migration");
    fuzz::require(plan.text == fuzz::as_text(data, size), "the plan's text is not what was read");
  } catch (const ConfigError&) {
  }
  return 0;
}
