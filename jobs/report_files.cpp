#include "jobs/report_files.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>

#include <ext/stdio_filebuf.h>
#include <stdexcept>

#include "core/config_error.hpp"

namespace spaceport {

namespace fs = std::filesystem;

namespace {

/// Whether a new file can be made in `directory`: the one way to know for /proc, read-only mounts
/// and ACLs alike is to make one (and remove it at once).
std::optional<std::string> cannot_create_in(const fs::path& directory) {
  std::string probe = (directory / ".spaceport-probe-XXXXXX").string();
  const int fd = mkstemp(probe.data());
  if (fd < 0) {
    return std::string(std::strerror(errno));
  }
  close(fd);
  unlink(probe.c_str());
  return std::nullopt;
}

bool is_special_file(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0 && (S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode));
}

}  // namespace

void ensure_writable(const std::optional<std::string>& path, const char* option) {
  if (!path || *path == "-") {
    return;
  }
  const std::string where = std::string(option) + " " + *path;
  if (path->empty()) {
    throw ConfigError(std::string(option) + " needs a file name (or - for standard output)");
  }
  std::error_code error;
  if (fs::is_directory(*path, error)) {
    throw ConfigError(where + " is a directory; name a file in it");
  }
  if (is_special_file(*path)) {
    if (access(path->c_str(), W_OK) != 0) {
      throw ConfigError(where + ": cannot write (" + std::strerror(errno) + ")");
    }
    return;
  }
  const fs::path parent = fs::absolute(*path).parent_path();
  if (!fs::is_directory(parent, error)) {
    throw ConfigError(where + ": the directory " + parent.string() +
                      " does not exist; create it first");
  }
  if (const auto why = cannot_create_in(parent)) {
    throw ConfigError(where + ": cannot create a file in " + parent.string() + " (" + *why + ")");
  }
}

void ensure_evidence_parent(const std::optional<std::string>& parent) {
  if (!parent) {
    return;
  }
  if (parent->empty()) {
    throw ConfigError("--evidence needs a directory");
  }
  std::error_code error;
  fs::path directory = fs::absolute(*parent);
  if (!fs::exists(directory, error)) {
    // The bundle's parent may be made by the run (reports/evidence), but only one level: a
    // mistyped path should not grow a tree of directories.
    directory = directory.parent_path();
    if (!fs::is_directory(directory, error)) {
      throw ConfigError("--evidence " + *parent + ": the directory " + directory.string() +
                        " does not exist; create it first");
    }
  } else if (!fs::is_directory(directory, error)) {
    throw ConfigError("--evidence " + *parent + " is not a directory");
  }
  if (const auto why = cannot_create_in(directory)) {
    throw ConfigError("--evidence " + *parent + ": cannot create anything in " +
                      directory.string() + " (" + *why + ")");
  }
}

void write_atomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (is_special_file(path)) {
    std::ofstream out(path, std::ios::binary);
    write(out);
    out.flush();
    if (!out) {
      throw std::runtime_error("cannot write " + path + " (" + std::strerror(errno) + ")");
    }
    return;
  }
  // A name nobody can guess, created by this call alone (O_EXCL) in the target's directory, and
  // written through the descriptor that created it: a symlink or file planted in a shared
  // directory cannot make spaceport write anywhere else.
  const fs::path target(path);
  std::string temporary =
      (target.parent_path() / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = mkstemp(temporary.data());
  if (fd < 0) {
    throw std::runtime_error("cannot write " + path + " (" + std::strerror(errno) + ")");
  }
  // mkstemp makes the file 0600; a report gets the mode any new file would (the umask's).
  const mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, static_cast<mode_t>(0666U & ~mask));
  {
    __gnu_cxx::stdio_filebuf<char> buffer(fd, std::ios::out | std::ios::binary);
    std::ostream out(&buffer);
    write(out);
    out.flush();
    const bool written = static_cast<bool>(out) && buffer.close() != nullptr;
    if (!written) {
      const std::string why = std::strerror(errno != 0 ? errno : EIO);
      std::remove(temporary.c_str());
      throw std::runtime_error("cannot write " + path + " (" + why + ")");
    }
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) {
    std::remove(temporary.c_str());
    throw std::runtime_error("cannot write " + path + " (" + error.message() + ")");
  }
}

void ReportWriter::write(const char* option, const std::optional<std::string>& path,
                         const std::function<void(std::ostream&)>& content) {
  if (!path) {
    return;
  }
  if (*path == "-") {
    content(m_stdout);
    m_stdout.flush();
    return;
  }
  try {
    write_atomically(*path, content);
  } catch (const std::exception& e) {
    m_failures.push_back(std::string(option) + ": " + e.what());
  }
}

void ReportWriter::append(const char* option, const std::string& path,
                          const std::function<void(std::ostream&)>& content) {
  std::ofstream out(path, std::ios::app | std::ios::binary);
  if (out) {
    content(out);
    out.flush();
  }
  if (!out) {
    m_failures.push_back(std::string(option) + ": cannot append to " + path + " (" +
                         std::strerror(errno) + ")");
  }
}

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace spaceport
