#include "runner/report_files.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "runner/config_error.hpp"

namespace spaceport {

namespace fs = std::filesystem;

void ensure_writable(const std::optional<std::string>& path, const char* option) {
  if (!path) {
    return;
  }
  if (path->empty()) {
    throw ConfigError(std::string(option) + " needs a file name");
  }
  const fs::path parent = fs::absolute(*path).parent_path();
  std::error_code error;
  if (!fs::is_directory(parent, error)) {
    throw ConfigError(std::string(option) + " " + *path + ": the directory " + parent.string() +
                      " does not exist; create it first");
  }
  if (access(parent.c_str(), W_OK) != 0) {
    throw ConfigError(std::string(option) + " " + *path + ": the directory " + parent.string() +
                      " is not writable");
  }
}

void write_atomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    write(out);
    out.flush();
    if (!out) {
      throw std::runtime_error("cannot write " + temporary);
    }
  }
  fs::rename(temporary, path);
}

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace spaceport
