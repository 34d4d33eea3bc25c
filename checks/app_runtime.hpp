#pragma once

#include <string>

#include "core/heroku_facts.hpp"

namespace spaceport {

/// "the Common Runtime", "Private Space \"x\"" or "Shield Private Space \"x\"".
std::string describe_runtime(const App& app);

}  // namespace spaceport
