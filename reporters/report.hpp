#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/duration.hpp"
#include "core/plan.hpp"
#include "core/result.hpp"

namespace spaceport {

struct Summary {
  int total = 0;
  int pass = 0;
  int fail = 0;
  int warn = 0;
  int skip = 0;
  int error = 0;
  int waived = 0;
};

/// A waiver of the plan and what became of it: "applied" (it waived at least one failure),
/// "expired" (past its date: it waived nothing) or "unmatched" (no failure matched it).
struct WaiverUse {
  std::string migration;
  Migration::Waiver waiver;
  std::string status;
  int matched = 0;
};

/// Everything a reporter writes: one run of `spaceport check`, results in catalogue order.
struct Report {
  std::string tool_version;
  std::chrono::system_clock::time_point started_at;
  std::chrono::system_clock::time_point finished_at;
  std::string plan_path;
  std::string plan_sha256;
  std::string api_url;
  std::vector<Result> results;
  std::vector<WaiverUse> waivers;

  Summary summary() const;
};

}  // namespace spaceport
