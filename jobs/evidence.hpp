#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace spaceport {

/// A compliance evidence bundle: a new directory per run under the one given, never reused (an
/// earlier bundle is never overwritten), holding the run's files and a SHA256SUMS manifest that
/// `sha256sum -c` verifies.
class EvidenceBundle {
 public:
  /// Creates `parent` if needed and a fresh "spaceport-COMMAND-TIME[-N]" directory in it; throws
  /// ConfigError when that cannot be done.
  EvidenceBundle(const std::string& parent, const std::string& command);

  const std::filesystem::path& path() const noexcept { return m_path; }

  /// Writes (or rewrites) one file of the bundle, atomically.
  void write(const std::string& name, const std::string& content);
  /// The same, the content written by `writer`: a fleet's report need not be held as a string.
  void write(const std::string& name, const std::function<void(std::ostream&)>& writer);

  /// Writes SHA256SUMS over every file of the bundle.
  void seal();

 private:
  std::filesystem::path m_path;
  std::vector<std::string> m_files;
};

}  // namespace spaceport
