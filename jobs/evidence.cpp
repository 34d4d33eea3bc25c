#include "jobs/evidence.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iterator>

#include "core/config_error.hpp"
#include "core/sha256.hpp"
#include "jobs/report_files.hpp"

namespace spaceport {

namespace fs = std::filesystem;

EvidenceBundle::EvidenceBundle(const std::string& parent, const std::string& command) {
  std::error_code error;
  fs::create_directories(parent, error);
  if (!fs::is_directory(parent)) {
    throw ConfigError("--evidence " + parent + ": cannot create the directory (" + error.message() +
                      ")");
  }
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  const std::string base = "spaceport-" + command + "-" + stamp;
  for (int n = 0; n < 1000; ++n) {
    const fs::path candidate = fs::path(parent) / (n == 0 ? base : base + "-" + std::to_string(n));
    // create_directory is atomic: two runs in the same second cannot share a bundle.
    if (fs::create_directory(candidate, error)) {
      m_path = candidate;
      return;
    }
    if (error) {
      throw ConfigError("--evidence " + parent + ": cannot create a bundle directory there (" +
                        error.message() + ")");
    }
  }
  throw ConfigError("--evidence " + parent + ": too many bundles for this second");
}

void EvidenceBundle::write(const std::string& name, const std::string& content) {
  write(name, [&](std::ostream& out) { out << content; });
}

void EvidenceBundle::write(const std::string& name,
                           const std::function<void(std::ostream&)>& writer) {
  write_atomically((m_path / name).string(), writer);
  if (std::find(m_files.begin(), m_files.end(), name) == m_files.end()) {
    m_files.push_back(name);
  }
}

void EvidenceBundle::seal() {
  std::vector<std::string> names = m_files;
  std::sort(names.begin(), names.end());
  std::string manifest;
  for (const auto& name : names) {
    std::ifstream in(m_path / name, std::ios::binary);
    const std::string content((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    manifest += sha256_hex(content) + "  " + name + "\n";
  }
  write_atomically((m_path / "SHA256SUMS").string(), [&](std::ostream& out) { out << manifest; });
}

}  // namespace spaceport
