// The security review's findings (docs/security.md), each reproduced against the real binary:
// files in shared directories, and the sinks that untrusted text reaches.
#include <unistd.h>

#include <filesystem>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
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

}  // namespace
}  // namespace spaceport::test
