#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "checks/check.hpp"

namespace spaceport {

/// Every check this build implements, in catalogue order (phase, then the order of
/// shared/DESIGN.md). Built once; duplicate ids abort start-up.
const std::vector<std::unique_ptr<const Check>>& registered_checks();

const Check* find_check(std::string_view id);

}  // namespace spaceport
