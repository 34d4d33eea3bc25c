#include "checks/app_runtime.hpp"

namespace spaceport {

std::string describe_runtime(const App& app) {
  if (!app.space) {
    return "the Common Runtime";
  }
  const bool shield = app.space->shield.value_or(false);
  return std::string(shield ? "Shield Private Space" : "Private Space") + " \"" + app.space->name +
         "\"";
}

}  // namespace spaceport
