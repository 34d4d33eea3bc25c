#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace spaceport::test {

/// Paths the build passes in: the binaries under test and the source tree.
std::string spaceport_binary();
std::string fake_heroku_binary();
std::filesystem::path source_dir();

/// A temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path m_path;
};

std::string read_file(const std::filesystem::path& path);

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs a program to completion with stdin closed. env sets variables (an empty optional unsets
/// one). A program still running after `limit` is killed and reported as exit code -9.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::optional<std::string>>& env = {},
                          std::chrono::seconds limit = std::chrono::seconds(120));

/// xmllint --schema against one of tests/schemas/ (junit.xsd, jenkins-xunit-junit-10.xsd).
ProcessResult validate_xml(const std::filesystem::path& document, const std::string& xsd);

/// Validates a JSON report against reporters/report.schema.json (python3-jsonschema).
ProcessResult validate_report(const std::filesystem::path& document);

/// A throwaway self-signed certificate for 127.0.0.1, made with openssl at test time; the
/// certificate is also the CA file a client must be given.
struct TestCertificate {
  std::filesystem::path certificate;
  std::filesystem::path private_key;
};
TestCertificate make_test_certificate(const TempDir& dir);

/// A running fake-heroku over a scenario; ready when constructed (it has printed its
/// "listening" line), stopped with SIGTERM when destroyed. With a certificate it serves HTTPS.
class FakeHeroku {
 public:
  explicit FakeHeroku(const nlohmann::json& scenario,
                      const std::optional<TestCertificate>& tls = std::nullopt);
  ~FakeHeroku();
  FakeHeroku(const FakeHeroku&) = delete;
  FakeHeroku& operator=(const FakeHeroku&) = delete;

  const std::string& url() const { return m_url; }
  /// Every request served so far, from the fake's request log.
  std::vector<nlohmann::json> requests() const;
  int count(const std::string& method, const std::string& path) const;

 private:
  TempDir m_dir;
  int m_pid = -1;
  std::string m_url;
};

/// A small world: "old-app" in the Common Runtime moving to "new-app" in the Shield space
/// "shield-space", config copied, one Postgres add-on on each side, the same code deployed, a
/// maintenance page served by the fake over http (a warn), the custom domain still on old-app.
nlohmann::json base_scenario();

/// base_scenario() after the switch: the custom domain has moved to new-app.
nlohmann::json cutover_scenario();

/// The plan for base_scenario().
nlohmann::json base_plan();

/// Runs `spaceport` with HEROKU_API_KEY set to the base token and NO_COLOR unset.
ProcessResult run_spaceport(const std::vector<std::string>& args,
                            std::map<std::string, std::optional<std::string>> env = {});

}  // namespace spaceport::test
