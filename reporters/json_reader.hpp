#pragma once

#include <nlohmann/json.hpp>

#include "reporters/report.hpp"

namespace spaceport {

/// A report read back from its JSON document (spaceport.report/2), for `report merge`. Throws
/// std::runtime_error naming the field that is missing or of the wrong type.
Report report_from_json(const nlohmann::json& document);

}  // namespace spaceport
