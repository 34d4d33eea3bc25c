#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace spaceport {

/// Checks, before any work is done, that a report can be written to `path` afterwards ("-" is
/// standard output): a directory, a missing or unwritable directory, or a place where no file can
/// be created (/proc, a read-only mount) is a ConfigError naming the option. Nothing is left
/// behind.
void ensure_writable(const std::optional<std::string>& path, const char* option);

/// The same for --evidence: the bundle goes into a new directory under `parent`, which must exist
/// (or whose own parent must, to be created) and take new directories.
void ensure_evidence_parent(const std::optional<std::string>& parent);

/// The whole content of a file (empty when it cannot be read).
std::string read_whole_file(const std::string& path);

/// Writes through a temporary file and a rename, so that a reader never sees half a report; the
/// temporary file is removed when writing fails. A device or FIFO is written directly. Throws
/// std::runtime_error saying what failed.
void write_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

/// The reports of a run, written at its end: each to its file ("-": `standard_output`). A failure
/// does not stop the others; it is remembered, by option and path.
class ReportWriter {
 public:
  explicit ReportWriter(std::ostream& standard_output) : m_stdout(standard_output) {}

  void write(const char* option, const std::optional<std::string>& path,
             const std::function<void(std::ostream&)>& content);

  /// Appends to `path` (GitHub's step summary is one file the steps of a job add to).
  void append(const char* option, const std::string& path,
              const std::function<void(std::ostream&)>& content);

  /// "--json /dev/full: cannot write ... (No space left on device)", one per failed report.
  const std::vector<std::string>& failures() const noexcept { return m_failures; }

 private:
  std::ostream& m_stdout;
  std::vector<std::string> m_failures;
};

}  // namespace spaceport
