#pragma once

#include "reporters/report.hpp"

namespace spaceport {

/// The exit-code contract (README "Exit codes"): scripts and CI depend on it.
enum class ExitCode : int {
  ok = 0,         // nothing failed and nothing errored
  failed = 1,     // at least one check failed (with --strict, a warning counts)
  usage = 2,      // usage, plan or configuration error: nothing was checked
  undecided = 3,  // nothing failed, but at least one check could not decide
};

enum class Strictness { normal, strict };

ExitCode exit_code_for(const Summary& summary, Strictness strictness) noexcept;

}  // namespace spaceport
