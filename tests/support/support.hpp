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

/// Validates a JSON report against a schema of the source tree, by default the current one,
/// reporters/report.schema.json (python3-jsonschema).
ProcessResult validate_report(const std::filesystem::path& document,
                              const std::string& schema = "reporters/report.schema.json");

/// Opens `document` in headless Chromium (Debian's chromium, which scripts/setup --with-browser
/// installs) and saves a `width` x `height` screenshot as `png`.
ProcessResult screenshot(const std::filesystem::path& document, const std::filesystem::path& png,
                         int width, int height);

/// A page as headless Chromium left it after its scripts ran (--dump-dom), and what the browser
/// logged meanwhile (console messages, CSP refusals: "CONSOLE", "Refused").
struct BrowserView {
  ProcessResult process;
  std::string dom;
  std::string log;
};
BrowserView open_in_browser(const std::string& url);

/// How many pixels of each colour ("4e79a7") the PNG has (tests/support/png_colours.py), and
/// "total" the pixels in all.
std::map<std::string, long> png_colours(const std::filesystem::path& png,
                                        const std::vector<std::string>& colours);

/// Where a test keeps what a person may want to look at afterwards (screenshots):
/// out/test-artifacts/ in the source tree.
std::filesystem::path artifacts_dir();

/// Validates a Prometheus text file with the official client's parser (python3-prometheus-client).
ProcessResult validate_prometheus(const std::filesystem::path& document);

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
  /// One listening on another loopback address and a given port: a second app's routers at
  /// the address DNS gives for them, on the port the first one's health URL names.
  FakeHeroku(const nlohmann::json& scenario, const std::string& address, int port);
  ~FakeHeroku();
  FakeHeroku(const FakeHeroku&) = delete;
  FakeHeroku& operator=(const FakeHeroku&) = delete;

  const std::string& url() const { return m_url; }
  /// Every request served so far, from the fake's request log.
  std::vector<nlohmann::json> requests() const;
  int count(const std::string& method, const std::string& path) const;
  /// Waits until a request held by a `hang` fault has arrived (the fake says so on its standard
  /// output): the readiness signal for acting while a request is in flight.
  bool wait_for_arrival(const std::string& method, const std::string& path,
                        std::chrono::seconds limit = std::chrono::seconds(60)) const;
  /// Waits until such a request has been answered and logged (its client may have given up).
  bool wait_for_answer(const std::string& method, const std::string& path,
                       std::chrono::seconds limit = std::chrono::seconds(60)) const;
  /// Waits until the fake has applied the step of its scenario's timeline of this kind and
  /// second ("fake-heroku timeline: KIND at SECONDS s").
  bool wait_for_step(const std::string& kind, const std::string& seconds,
                     std::chrono::seconds limit = std::chrono::seconds(60)) const;
  int port() const;

 private:
  void start(const nlohmann::json& scenario, std::vector<std::string> extra_arguments);

  TempDir m_dir;
  int m_pid = -1;
  int m_out = -1;
  mutable std::string m_out_text;  // what it has said so far
  std::string m_url;
};

/// The fixture DNS (fixtures/dns/serve): NSD ns1 (current acme.test, herokudns.test, a
/// broken.test that answers SERVFAIL), NSD ns2 (a lagging secondary of acme.test) and an Unbound
/// resolver in front of them, on loopback ports. Ready when constructed, stopped when destroyed.
class DnsServers {
 public:
  /// `zones`: extra zones ns1 serves and the resolver asks ns1 for: name and zone file text.
  explicit DnsServers(const std::vector<std::pair<std::string, std::string>>& zones = {});
  ~DnsServers();
  DnsServers(const DnsServers&) = delete;
  DnsServers& operator=(const DnsServers&) = delete;

  const std::string& ns1() const { return m_ns1; }  // "127.0.0.1:PORT"
  const std::string& ns2() const { return m_ns2; }
  const std::string& resolver() const { return m_resolver; }

  /// ns1's copy of a zone file, which a test may rewrite; then reload_ns1().
  std::filesystem::path ns1_zone(const std::string& file) const;
  /// SIGHUP to ns1: NSD rereads the zone files that changed.
  void reload_ns1() const;
  /// Where ns1 writes its process id (for a fake-heroku timeline's "zone" step).
  std::filesystem::path ns1_pid_file() const;

 private:
  TempDir m_dir;
  int m_pid = -1;
  std::string m_ns1;
  std::string m_ns2;
  std::string m_resolver;
};

/// A program running in the background with its standard error on a pipe, so a test can wait
/// for a line it prints (a readiness signal) before acting.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv,
                    const std::map<std::string, std::optional<std::string>>& env);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  /// Reads standard error until `text` appears (true), or the program ends or `limit` passes.
  bool wait_for_stderr(const std::string& text, std::chrono::seconds limit);
  /// Waits for the program to end; kills it after `limit`.
  ProcessResult finish(std::chrono::seconds limit = std::chrono::seconds(120));
  /// Sends it a signal (SIGINT, SIGTERM, ...).
  void signal(int number) const;
  int pid() const { return m_pid; }

 private:
  TempDir m_dir;
  int m_pid = -1;
  int m_err = -1;
  std::string m_err_text;
};

/// A throwaway PostgreSQL 15 server from Debian on a free loopback port (initdb and pg_ctl, as
/// the postgres user when the tests run as root), trust authentication, TLS with a throwaway
/// certificate for 127.0.0.1 (certificate()), every statement logged with its application name.
/// Ready when constructed, stopped when destroyed.
class PostgresServer {
 public:
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  /// postgres://postgres@127.0.0.1:PORT/DATABASE
  std::string url(const std::string& database) const;
  /// Runs SQL with psql; fails the test on an error.
  void sql(const std::string& database, const std::string& statements) const;
  /// The statements the server logged for one application_name.
  std::vector<std::string> statements_of(const std::string& application) const;
  /// The server's certificate, which is also the CA file a client must be given to verify it.
  const std::filesystem::path& certificate() const { return m_certificate.certificate; }

 private:
  TempDir m_dir;
  TestCertificate m_certificate;
  int m_port = 0;
  bool m_as_postgres = false;
};

/// A CA and server certificates made with openssl at test time: `ca` signs "valid" (for
/// www.acme.test and acme.test), "expired" (same names, validity over in 2024), "wrong_name"
/// (for shop.other.test); "untrusted" has the right names but is signed by a second CA.
struct TestPki {
  std::filesystem::path ca;
  TestCertificate valid;
  TestCertificate expired;
  TestCertificate wrong_name;
  TestCertificate untrusted;
};
TestPki make_test_pki(const TempDir& dir);

/// A small world: "old-app" in the Common Runtime moving to "new-app" in the Shield space
/// "shield-space", config copied, one Postgres add-on on each side (the new one a caught-up
/// follower of the old), the same code deployed, a maintenance page served by the fake over http
/// (a warn), the custom domain still on old-app.
nlohmann::json base_scenario();

/// base_scenario() after the switch: the custom domain has moved to new-app, and new-app's
/// database is promoted (it follows nothing).
nlohmann::json cutover_scenario();

/// cutover_scenario() with the custom domains of fixtures/dns/acme.test.zone on new-app (DNS
/// targets in herokudns.test), old.acme.test still on old-app, and a /healthz page.
nlohmann::json dns_scenario();

/// The plan for base_scenario() (with an empty dataclips inventory).
nlohmann::json base_plan();

/// A fleet: base_scenario()'s two apps and their databases `n` times over ("old-app-1" moving to
/// "new-app-1", ...), into the same space, and the plan of its `n` migrations.
nlohmann::json fleet_scenario(int n);
nlohmann::json fleet_plan(int n);

/// "--skip" and the checks that need DNS and HTTPS servers: tests of the Platform API checks
/// leave them out (tests/e2e/dns_e2e_test.cpp runs them against real servers).
inline const std::vector<std::string> k_skip_dns_checks{
    "--skip", "dns.ttl,dns.target,dns.ttl-restored,tls.certificate,http.health"};

/// A TCP port free on 127.0.0.1 right now.
int free_tcp_port();

/// The id fake-heroku gives an app of a scenario that sets none (derived from its name).
std::string fake_app_id(const std::string& name);
/// "/apps/{that id}" + rest: the path spaceport reads an app's resources at once it has resolved
/// the plan's apps (by id, never by the spelling).
std::string app_path(const std::string& name, const std::string& rest = "");

/// Runs `spaceport` with HEROKU_API_KEY set to the base token and NO_COLOR unset.
ProcessResult run_spaceport(const std::vector<std::string>& args,
                            std::map<std::string, std::optional<std::string>> env = {});

}  // namespace spaceport::test
