#pragma once

#include <ostream>

#include "reporters/report.hpp"

namespace spaceport {

/// One self-contained HTML page of a run, for people and auditors: the verdict and who ran what
/// when, a matrix of migrations by phase, every result with its evidence, filters kept in the
/// address, the waivers and the API use. The results travel as compact JSON inside the page and
/// a small inline script renders them with text nodes only; a Content-Security-Policy lets no
/// other script run and nothing load from the network.
void write_html_report(const Report& report, std::ostream& out);

}  // namespace spaceport
