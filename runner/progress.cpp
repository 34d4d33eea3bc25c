#include "runner/progress.hpp"

namespace spaceport {
namespace {

// Back to the start of the line and clear it (VT100, which every terminal emulator speaks).
constexpr std::string_view k_clear_line = "\r\x1b[K";

std::string describe(const Summary& s) {
  std::string text = std::to_string(s.pass) + " pass";
  const std::pair<const char*, int> others[] = {{"fail", s.fail},
                                                {"warn", s.warn},
                                                {"error", s.error},
                                                {"skip", s.skip},
                                                {"waived", s.waived}};
  for (const auto& [name, count] : others) {
    if (count > 0) {
      text += ", " + std::to_string(count) + " " + name;
    }
  }
  return text;
}

}  // namespace

MigrationProgress::MigrationProgress(const std::vector<Job>& jobs, std::ostream& out, bool enabled)
    : m_jobs(jobs), m_out(out), m_enabled(enabled) {
  for (const auto& job : jobs) {
    ++m_migrations[job.migration->name].jobs_left;
  }
}

void MigrationProgress::job_done(std::size_t index, const std::vector<Result>& results) {
  if (!m_enabled || index >= m_jobs.size()) {
    return;
  }
  const std::string& name = m_jobs[index].migration->name;
  Tally& tally = m_migrations[name];
  for (const auto& r : results) {
    tally.summary.add(r.finding.outcome);
  }
  if (--tally.jobs_left > 0) {
    return;
  }
  ++m_finished;
  const Summary& s = tally.summary;
  m_with_problems += s.fail + s.error > 0 ? 1 : 0;
  m_out << k_clear_line << "  " << name << ": " << describe(s) << '\n'
        << "spaceport: " << m_finished << "/" << m_migrations.size() << " migrations checked, "
        << m_with_problems << " with failures or errors" << std::flush;
}

void MigrationProgress::finish() {
  if (m_enabled && m_finished > 0) {
    m_out << k_clear_line << std::flush;
  }
}

}  // namespace spaceport
