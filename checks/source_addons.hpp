#pragma once

#include <string>
#include <vector>

#include "checks/check.hpp"

namespace spaceport {

/// Shared by the decommission checks: the add-ons the source app owns (not those it only has
/// attached). Throws (an `error` result) when the source is missing.
std::vector<Addon> addons_owned_by_source(const CheckContext& context);

/// A pass for a source that has nothing of this kind: `destroy` needs every check to pass.
Finding nothing_to_keep(const Migration& migration, const std::string& message);

}  // namespace spaceport
