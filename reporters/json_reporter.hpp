#pragma once

#include <ostream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "reporters/report.hpp"

namespace spaceport {

/// The schema this build writes. Version 2 adds "run" (who, how, with which exit code, from
/// which CI run) and "tool.commit" to version 1, whose fields it keeps unchanged; the schema of
/// version 1 stays in reporters/report-1.schema.json for readers of older reports.
inline constexpr std::string_view k_report_schema = "spaceport.report/2";

/// The report document (fields in the README's "Reports", schema in reporters/report.schema.json).
nlohmann::json report_to_json(const Report& report);

/// Writes the document; bytes that are not UTF-8 become U+FFFD instead of aborting the report.
void write_json_report(const Report& report, std::ostream& out);

}  // namespace spaceport
