// The security review's findings (docs/security.md), each reproduced against the real binary:
// files in shared directories, and the sinks that untrusted text reaches.
#include <unistd.h>

#include <csignal>

#include <filesystem>
#include <sstream>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace hardening_e2e_test {
namespace {

namespace fs = std::filesystem;

TEST(Hardening, AReportIsNeverWrittenThroughASymlinkPlantedBesideIt) {
  json world = base_scenario();
  // One request held, so that the run's pid is known while it waits: the moment a neighbour on
  // a shared runner would plant a link at the name it could predict.
  world["faults"] = {{{"method", "GET"},
                      {"path", app_path("old-app", "/config-vars")},
                      {"kind", "hang"},
                      {"ms", 1000},
                      {"times", 1}}};
  const FakeHeroku fake(world);
  TempDir dir;
  const auto victim = dir.write("victim.txt", "precious\n");
  const auto report = dir.path() / "r.json";
  std::vector<std::string> argv{
      spaceport_binary(), "check",
      "--plan",           dir.write("plan.json", base_plan().dump()).string(),
      "--phase",          "preflight",
      "--api-url",        fake.url(),
      "--data-api-url",   fake.url(),
      "--json",           report.string()};
  argv.insert(argv.end(), k_skip_dns_checks.begin(), k_skip_dns_checks.end());
  BackgroundProcess run(argv, {{"HEROKU_API_KEY", "test-token-7d1f"}, {"NO_COLOR", "1"}});
  ASSERT_TRUE(fake.wait_for_arrival("GET", app_path("old-app", "/config-vars")));
  // The name the report used to be written through: PATH.tmp-<pid>.
  fs::create_symlink(victim, report.string() + ".tmp-" + std::to_string(run.pid()));
  const auto result = run.finish();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(read_file(victim), "precious\n");
  EXPECT_EQ(validate_report(report).exit_code, 0);
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(name.find(".tmp-XX") == std::string::npos && (name.rfind(".r.json", 0) != 0))
        << "left behind: " << name;
  }
}

class DestroyLock : public testing::Test {
 protected:
  /// destroy with XDG_RUNTIME_DIR at `runtime`; it stops at the lock, before any check.
  ProcessResult destroy(const fs::path& runtime) const {
    return run_spaceport(
        {"destroy", "--plan", m_dir.write("plan.json", base_plan().dump()).string(), "--app",
         "old-app", "--confirm", "old-app", "--api-url", m_fake.url(), "--data-api-url",
         m_fake.url()},
        {{"XDG_RUNTIME_DIR", runtime.string()}});
  }

  /// The lock file's name: the first 16 hex digits of SHA-256("API URL\nAPP").
  std::string lock_name() const {
    const auto sum =
        run_process({"/bin/sh", "-c", "printf '%s\\n%s' \"$0\" old-app | sha256sum | cut -c1-16",
                     m_fake.url()});
    return "destroy-" + sum.out.substr(0, 16) + ".lock";
  }

  TempDir m_dir;
  FakeHeroku m_fake{base_scenario()};
};

TEST_F(DestroyLock, APlantedSymlinkAtTheLockIsRefusedNotFollowed) {
  const fs::path runtime = m_dir.path() / "run";
  fs::create_directories(runtime / "spaceport");
  fs::permissions(runtime / "spaceport", fs::perms::owner_all);
  const fs::path elsewhere = m_dir.path() / "created-by-the-lock";
  fs::create_symlink(elsewhere, runtime / "spaceport" / lock_name());
  const auto r = destroy(runtime);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("cannot use the lock file"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(elsewhere));
  EXPECT_TRUE(m_fake.requests().empty());
}

TEST_F(DestroyLock, TheLockDirectoryMustBeThisUsersAndPrivate) {
  const fs::path runtime = m_dir.path() / "run";
  fs::create_directories(runtime);
  const fs::path elsewhere = m_dir.path() / "elsewhere";
  fs::create_directories(elsewhere);
  fs::create_symlink(elsewhere, runtime / "spaceport");  // a directory planted as a link
  auto r = destroy(runtime);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("is not a private directory of this user"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_empty(elsewhere));
  fs::remove(runtime / "spaceport");
  fs::create_directories(runtime / "spaceport");
  fs::permissions(runtime / "spaceport", fs::perms::all);  // open to everyone
  r = destroy(runtime);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("is not a private directory of this user"), std::string::npos) << r.err;
}

/// Text that would act on a terminal were it printed raw: a screen clear, a title-setting OSC,
/// a C1 CSI and a right-to-left override.
const std::string k_hostile =
    "x\x1b[2J\x1b]0;pwned\x07\xC2\x9B"
    "2J\xE2\x80\xAEtxe.";

void expect_inert(const ProcessResult& r) {
  const std::string all = r.out + r.err;
  EXPECT_EQ(all.find('\x1b'), std::string::npos) << all;
  EXPECT_EQ(all.find("\xC2\x9B"), std::string::npos) << all;
  EXPECT_EQ(all.find("\xE2\x80\xAE"), std::string::npos) << all;
}

TEST(Hardening, DestroysLinesAreSanitised) {
  json world = cutover_scenario();
  world["addons"][0]["name"] = "pg-" + k_hostile;  // goes with the app: named in the dry run
  world["apps"][0]["domains"] = {{{"hostname", "www." + k_hostile + ".test"}}};  // refuses
  const FakeHeroku fake(world);
  TempDir dir;
  json plan = base_plan();
  plan["migrations"][0]["accept_data_loss"] = {{{"addon", "pg-" + k_hostile}, {"reason", "r"}}};
  const auto r = run_spaceport(
      {"destroy", "--plan", dir.write("p.json", plan.dump()).string(), "--app", "old-app",
       "--confirm", "old-app", "--api-url", fake.url(), "--data-api-url", fake.url(), "--dry-run"},
      {{"XDG_RUNTIME_DIR", dir.path().string()}});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("refused to destroy"), std::string::npos) << r.err;
  expect_inert(r);
  // Without the domain the dry run goes through, naming the add-on that would go.
  world["apps"][0]["domains"] = json::array();
  world["apps"][1]["domains"] = json::array();
  const FakeHeroku clean(world);
  const auto dry = run_spaceport({"destroy", "--plan", dir.write("p.json", plan.dump()).string(),
                                  "--app", "old-app", "--confirm", "old-app", "--api-url",
                                  clean.url(), "--data-api-url", clean.url(), "--dry-run"},
                                 {{"XDG_RUNTIME_DIR", dir.path().string()}});
  EXPECT_EQ(dry.exit_code, 0) << dry.out << dry.err;
  EXPECT_NE(dry.out.find("dry run: would destroy \"old-app\""), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("pg-x"), std::string::npos) << dry.out;
  expect_inert(dry);
}

TEST(Hardening, WatchChangeLinesAreSanitised) {
  json world = cutover_scenario();
  world["apps"][1]["name"] = "new-" + k_hostile;  // the plan names it by id
  world["apps"][1]["id"] = "0e1d0c0b-0a09-4807-8605-0403020100ff";
  world["addons"][1]["app"] = world["apps"][1]["name"];
  const FakeHeroku fake(world);
  TempDir dir;
  json plan = base_plan();
  plan["migrations"][0]["target"]["app"] = "0e1d0c0b-0a09-4807-8605-0403020100ff";
  const auto r = run_spaceport({"watch", "--plan", dir.write("p.json", plan.dump()).string(),
                                "--count", "1", "--interval", "1h", "--only", "logs.errors",
                                "--api-url", fake.url(), "--data-api-url", fake.url()});
  EXPECT_NE(r.out.find("logs.errors[new-x"), std::string::npos) << r.out << r.err;
  expect_inert(r);
}

TEST(Hardening, LogsScanCodesAreSanitised) {
  TempDir dir;
  const auto log = dir.write(
      "h.log", "2026-12-03T10:00:00+00:00 heroku[router]: at=error code=H1" + k_hostile +
                   " desc=\"x\" method=GET path=\"/\" host=a.test request_id=1 fwd=\"1.2.3.4\" "
                   "dyno=web.1 connect=1ms service=5ms status=503 bytes=0\n");
  const auto r = run_process({spaceport_binary(), "logs", "scan", log.string()});
  EXPECT_NE(r.out.find("H1x"), std::string::npos) << r.out;  // the code column shows it, inert
  expect_inert(r);
}

// --ca-file adds a CA to the system's trust store (OpenSSL's default paths, which SSL_CERT_FILE
// points at here), for the API too; it used to replace it.
TEST(Hardening, ACaFileAddsToTheSystemTrustStore) {
  TempDir dir;
  TempDir other;
  const TestCertificate api = make_test_certificate(dir);          // the API's own, self-signed
  const TestCertificate unrelated = make_test_certificate(other);  // some other CA
  const FakeHeroku fake(base_scenario(), api);
  const auto plan = dir.write("plan.json", base_plan().dump());
  const auto app_source = [&](const std::map<std::string, std::optional<std::string>>& env,
                              const std::vector<std::string>& extra) {
    std::vector<std::string> args{"check",  "--plan",     plan.string(), "--phase", "preflight",
                                  "--only", "app.source", "--api-url",   fake.url()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_spaceport(args, env);
  };
  // Trusted by the "system" store, with another CA added: still trusted.
  auto r = app_source({{"SSL_CERT_FILE", api.certificate.string()}},
                      {"--ca-file", unrelated.certificate.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // Trusted through --ca-file alone.
  r = app_source({}, {"--ca-file", api.certificate.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // Trusted by neither: the check cannot decide.
  r = app_source({{"SSL_CERT_FILE", unrelated.certificate.string()}},
                 {"--ca-file", unrelated.certificate.string()});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
}

/// old-app with many custom domains, served a page of one at a time.
json long_list_world() {
  json world = base_scenario();
  world["page_size"] = 1;
  world["apps"][0]["domains"] = json::array();
  for (int i = 0; i < 30; ++i) {
    world["apps"][0]["domains"].push_back(
        {{"hostname", "d" + std::to_string(i) + ".example.test"}});
  }
  return world;
}

CheckRun decommission_domains(const FakeHeroku& fake,
                              const std::map<std::string, std::optional<std::string>>& env = {}) {
  TempDir dir;
  CheckRun run;
  run.process = run_spaceport({"check", "--plan", dir.write("p.json", base_plan().dump()).string(),
                               "--phase", "decommission", "--only", "decommission.domains",
                               "--api-url", fake.url(), "--json", (dir.path() / "r.json").string()},
                              env);
  run.report = json::parse(read_file(dir.path() / "r.json"));
  return run;
}

TEST(Hardening, APagedListHasAByteBudgetAndTheMessageNamesTheList) {
  const FakeHeroku fake(long_list_world());
  EXPECT_EQ(decommission_domains(fake).process.exit_code, 1);  // 31 pages, well within
  const CheckRun r = decommission_domains(fake, {{"SPACEPORT_MAX_LIST_BYTES", "3000"}});
  EXPECT_EQ(r.process.exit_code, 3) << r.process.err;
  const std::string message = r.report["results"][0]["message"];
  EXPECT_NE(message.find("the list GET " + fake.url() + app_path("old-app", "/domains") +
                         " passed 3000 bytes after "),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("SPACEPORT_MAX_LIST_BYTES"), std::string::npos);
}

TEST(Hardening, ARunHasAByteBudget) {
  const FakeHeroku fake(long_list_world());
  const CheckRun r = decommission_domains(fake, {{"SPACEPORT_MAX_RUN_BYTES", "5000"}});
  EXPECT_EQ(r.process.exit_code, 3) << r.process.err;
  EXPECT_NE(r.report["results"][0]["message"].get<std::string>().find(
                "over its budget of 5000 bytes (SPACEPORT_MAX_RUN_BYTES)"),
            std::string::npos)
      << r.report.dump(2);
}

TEST(Hardening, ANotFoundOnALaterPageIsNotAMissingApp) {
  json world = long_list_world();
  world["faults"] = {{{"method", "GET"},
                      {"path", app_path("old-app", "/domains")},
                      {"kind", "status"},
                      {"status", 404},
                      {"after", 1},
                      {"id", "not_found"},
                      {"message", "Not found."}}};
  const FakeHeroku fake(world);
  const CheckRun r = decommission_domains(fake);
  EXPECT_EQ(r.process.exit_code, 3) << r.process.err;
  const std::string message = r.report["results"][0]["message"];
  EXPECT_NE(message.find("on page 2 (Range: "), std::string::npos) << message;
  EXPECT_EQ(message.find("was not found"), std::string::npos) << message;
}

TEST(Hardening, UnderGithubStandardOutputCarriesAnnotationsAloneAndNoneIsForged) {
  json world = base_scenario();
  // Names a workflow command would obey anywhere in a line, were they printed as they are.
  world["apps"][0]["config_vars"]["X##[stop-commands]"] = "v";
  world["apps"][0]["config_vars"]["Y##[error]forged"] = "v";
  const FakeHeroku fake(world);
  TempDir dir;
  std::vector<std::string> args{
      "check",    "--plan",         dir.write("p.json", base_plan().dump()).string(),
      "--phase",  "preflight",      "--api-url",
      fake.url(), "--data-api-url", fake.url(),
      "--github"};
  args.insert(args.end(), k_skip_dns_checks.begin(), k_skip_dns_checks.end());
  const auto r = run_spaceport(
      args, {{"GITHUB_ACTIONS", "true"}, {"GITHUB_STEP_SUMMARY", (dir.path() / "s.md").string()}});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out.find("##["), std::string::npos) << r.out;
  std::istringstream lines(r.out);
  int annotations = 0;
  for (std::string line; std::getline(lines, line); ++annotations) {
    EXPECT_EQ(line.rfind("::", 0), 0U) << line;
  }
  EXPECT_GE(annotations, 2);
  EXPECT_NE(r.err.find("Summary"), std::string::npos) << r.err;  // the console report, on stderr
}

// TLS 1.2 at least: an API that offers only TLS 1.1 (openssl s_server, its security level
// lowered so that it can) is never sent the token.
TEST(Hardening, AnApiOfferingOnlyTls11IsRefused) {
  TempDir dir;
  const TestCertificate certificate = make_test_certificate(dir);
  const int port = free_tcp_port();
  BackgroundProcess server(
      {"/bin/sh", "-c",
       "exec /usr/bin/openssl s_server -quiet -accept " + std::to_string(port) + " -cert '" +
           certificate.certificate.string() + "' -key '" + certificate.private_key.string() +
           "' -tls1_1 -cipher 'DEFAULT@SECLEVEL=0' -www 1>&2"},
      {});
  // s_server says nothing before it accepts; its socket is there once a client can connect.
  bool listening = false;
  for (int i = 0; i < 200 && !listening; ++i) {
    listening =
        run_process({"/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(port)})
            .exit_code == 0;
  }
  ASSERT_TRUE(listening);
  const auto r = run_spaceport({"check", "--plan", dir.write("p.json", base_plan().dump()).string(),
                                "--phase", "preflight", "--only", "app.source", "--api-url",
                                "https://127.0.0.1:" + std::to_string(port), "--ca-file",
                                certificate.certificate.string(), "--timeout", "5s"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_EQ(r.out.find("HTTP/1"), std::string::npos);  // no answer came back: no request went
  server.signal(SIGTERM);
}

}  // namespace
}  // namespace hardening_e2e_test
}  // namespace spaceport::test
