#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "reporters/report.hpp"

namespace spaceport {

/// The "spaceport.report/1" document (fields in shared/DESIGN.md, schema in
/// reporters/report.schema.json).
nlohmann::json report_to_json(const Report& report);

/// Writes the document; bytes that are not UTF-8 become U+FFFD instead of aborting the report.
void write_json_report(const Report& report, std::ostream& out);

}  // namespace spaceport
