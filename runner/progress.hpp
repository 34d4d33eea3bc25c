#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "checks/registry.hpp"
#include "reporters/report.hpp"

namespace spaceport {

/// What a long run has done so far, for a person at a terminal: each migration's one-line
/// summary as its last check finishes, and a progress line kept at the bottom ("37/100
/// migrations checked"). Silent when not enabled (standard error is not a terminal), so that CI
/// logs hold the report alone.
class MigrationProgress {
 public:
  MigrationProgress(const std::vector<Job>& jobs, std::ostream& out, bool enabled);
  MigrationProgress(const MigrationProgress&) = delete;
  MigrationProgress& operator=(const MigrationProgress&) = delete;

  void job_done(std::size_t index, const std::vector<Result>& results);
  /// Clears the progress line before the report is printed.
  void finish();

 private:
  struct Tally {
    std::size_t jobs_left = 0;
    Summary summary;
  };
  const std::vector<Job>& m_jobs;
  std::ostream& m_out;
  bool m_enabled;
  std::map<std::string, Tally> m_migrations;
  std::size_t m_finished = 0;
  std::size_t m_with_problems = 0;
};

}  // namespace spaceport
