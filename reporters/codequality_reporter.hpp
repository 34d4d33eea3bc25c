#pragma once

#include <ostream>

#include "reporters/report.hpp"

namespace spaceport {

/// A GitLab Code Quality report (the JSON array of issues GitLab shows in a merge request): one
/// issue per fail, error or warning, with `description` (migration, check, subject, message),
/// `check_name` (the check id), `fingerprint` (SHA-256 of migration, check and subject: the same
/// problem keeps its fingerprint from run to run, so GitLab can tell new from fixed), `severity`
/// (fail: critical, error: major, warning: minor, or major under --strict) and `location` (the
/// plan file, line 1).
void write_gitlab_codequality(const Report& report, std::ostream& out);

}  // namespace spaceport
