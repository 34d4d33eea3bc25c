#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace spaceport {

/// Throws ConfigError before any work is done when `path` could not be written afterwards.
void ensure_writable(const std::optional<std::string>& path, const char* option);

/// The whole content of a file (empty when it cannot be read).
std::string read_whole_file(const std::string& path);

/// Writes through a temporary file and a rename, so that a reader never sees half a report.
void write_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace spaceport
