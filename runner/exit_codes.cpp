#include "runner/exit_codes.hpp"

namespace spaceport {

ExitCode exit_code_for(const Summary& summary, Strictness strictness) noexcept {
  if (summary.fail > 0 || (strictness == Strictness::strict && summary.warn > 0)) {
    return ExitCode::failed;
  }
  if (summary.error > 0) {
    return ExitCode::undecided;
  }
  return ExitCode::ok;
}

}  // namespace spaceport
