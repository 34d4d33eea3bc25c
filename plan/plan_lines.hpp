#pragma once

#include <vector>

#include "core/plan.hpp"
#include "core/result.hpp"

namespace spaceport {

/// The line of the plan a result is about, for CI annotations that point into the plan: the
/// line of its subject when the plan names it (a domain, whatever its spelling; a dataclip; an
/// accepted data loss's add-on; a health URL; the source or target app), the waiver's for a
/// waived result, else the migration's.
int plan_line_of(const Migration& migration, const Result& result);

/// Sets each result's plan_line from the plan's migration of its name (after waivers apply).
void set_plan_lines(std::vector<Result>& results, const Plan& plan);

}  // namespace spaceport
