#pragma once

#include <cstddef>
#include <ostream>

#include "reporters/report.hpp"

namespace spaceport {

/// GitHub's limit on a comment or a step summary's body, in characters.
inline constexpr std::size_t k_github_comment_limit = 65'536;

/// The report for a pull request, a change ticket or a CI step summary: the verdict first, the
/// summary (and one row per migration for a fleet), the problems worst first, the passes folded
/// in <details>. It stays under `max_bytes`, cutting rows and saying so when it must.
void write_markdown_report(const Report& report, std::ostream& out,
                           std::size_t max_bytes = k_github_comment_limit);

}  // namespace spaceport
