// The CI examples in docs/ci use only options the binary has: each `spaceport VERB ...` in them
// is compared with `spaceport VERB --help`.
#include <regex>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace ci_examples_test {
namespace {

class CiExample : public testing::TestWithParam<const char*> {};

TEST_P(CiExample, UsesOnlyOptionsThatExist) {
  // Joins continued lines (a trailing backslash, or GitLab's folded lines) into one command.
  std::string text = read_file(source_dir() / "docs/ci" / GetParam());
  text = std::regex_replace(text, std::regex("\\\\\\n\\s*"), " ");
  text = std::regex_replace(text, std::regex("\\n\\s+--"), " --");
  const std::regex command("spaceport (check|watch|destroy|logs scan|report merge)([^\\n]*)");
  int commands = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), command), end; it != end; ++it) {
    ++commands;
    std::vector<std::string> args;
    std::istringstream verb((*it)[1].str());
    for (std::string word; verb >> word;) {
      args.push_back(word);
    }
    args.emplace_back("--help");
    const auto help = run_spaceport(args);
    ASSERT_EQ(help.exit_code, 0) << help.err;
    const std::string line = (*it)[2].str();
    const std::regex option("(--[a-z][a-z-]*)");
    for (std::sregex_iterator o(line.begin(), line.end(), option), oend; o != oend; ++o) {
      EXPECT_NE(help.out.find("  " + (*o)[1].str() + " "), std::string::npos)
          << GetParam() << ": " << (*o)[1] << " is not an option of spaceport " << (*it)[1];
    }
  }
  EXPECT_GE(commands, 1) << GetParam();
}

TEST_P(CiExample, UsesTheActionOrTheImageOrBuildsOnDebian12) {
  const std::string text = read_file(source_dir() / "docs/ci" / GetParam());
  if (text.find("scripts/setup") == std::string::npos) {
    // No build of its own: the Action (action.yml) or the image (Dockerfile) brings spaceport.
    EXPECT_TRUE(text.find("uses: your-org/spaceport@") != std::string::npos ||
                text.find("name: registry.example.invalid/platform/spaceport:") !=
                    std::string::npos)
        << GetParam();
    return;
  }
  // spaceport needs Debian 12's CMake, GCC and libraries: hosted Ubuntu images lack some of them,
  // so every job runs in a debian:12 container (GitHub: `container:`; GitLab: `image:`).
  EXPECT_TRUE(text.find("container: debian:12") != std::string::npos ||
              text.find("image: debian:12") != std::string::npos)
      << GetParam();
  const std::regex runs_on("runs-on: (\\S+)");
  for (std::sregex_iterator it(text.begin(), text.end(), runs_on), end; it != end; ++it) {
    EXPECT_NE(text.find("container: debian:12"), std::string::npos)
        << GetParam() << " runs on " << (*it)[1] << " without the debian:12 container";
  }
  const std::regex setup("scripts/setup([^\\n]*)");
  int setups = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), setup), end; it != end; ++it) {
    ++setups;
    EXPECT_EQ((*it)[1].str(), " --build-only") << GetParam();
  }
  EXPECT_GE(setups, 1);
  const std::regex configure("cmake -S ([^\\n]*)");
  for (std::sregex_iterator it(text.begin(), text.end(), configure), end; it != end; ++it) {
    EXPECT_NE((*it)[1].str().find("-DBUILD_TESTING=OFF"), std::string::npos) << GetParam();
  }
}

TEST(CiExamples, EveryDeclaredJunitFileIsWrittenByEveryJob) {
  // GitLab's .spaceport template declares reports/spaceport.xml for every job that extends it.
  std::string text = read_file(source_dir() / "docs/ci/gitlab-ci.yml");
  text = std::regex_replace(text, std::regex("\\n\\s+--"), " --");
  ASSERT_NE(text.find("junit: reports/spaceport.xml"), std::string::npos);
  // destroy writes no JUnit report: its job declares none.
  const std::regex command("spaceport (check|watch)[^\\n]*");
  int commands = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), command), end; it != end; ++it) {
    ++commands;
    EXPECT_NE(it->str().find("--junit reports/spaceport.xml"), std::string::npos) << it->str();
  }
  EXPECT_GE(commands, 3);
}

TEST(CiExamples, APersonApprovesBeforeDestroy) {
  // GitHub: the destroy job runs in an environment with required reviewers; GitLab: a manual job
  // in a protected environment. Either way the decommission checks run first.
  const std::string github = read_file(source_dir() / "docs/ci/github-actions.yml");
  const auto github_job = github.find("\n  destroy:");
  ASSERT_NE(github_job, std::string::npos);
  const auto gate = github.find("environment: decommission", github_job);
  ASSERT_NE(gate, std::string::npos);
  EXPECT_LT(gate, github.find("spaceport destroy", github_job));
  EXPECT_NE(github.find("needs: decommission-check", github_job), std::string::npos);
  EXPECT_LT(github.find("phases: decommission"), github_job);

  const std::string gitlab = read_file(source_dir() / "docs/ci/gitlab-ci.yml");
  const auto gitlab_job = gitlab.find("\ndestroy:");
  ASSERT_NE(gitlab_job, std::string::npos);
  const std::string job = gitlab.substr(gitlab_job);
  EXPECT_NE(job.find("when: manual"), std::string::npos);
  EXPECT_NE(job.find("environment:"), std::string::npos);
  EXPECT_NE(job.find("needs: [decommission-check]"), std::string::npos);
  EXPECT_LT(job.find("when: manual"), job.find("spaceport destroy"));
}

TEST(CiExamples, TheActionTakesOnlyOptionsThatExist) {
  // action.yml turns its inputs into options of spaceport check; each must be one.
  const std::string action = read_file(source_dir() / "action.yml");
  const auto help = run_spaceport({"check", "--help"});
  ASSERT_EQ(help.exit_code, 0);
  const std::regex option("args(?:\\+)?=\\((?:check )?(--[a-z][a-z-]*)");
  int options = 0;
  for (std::sregex_iterator it(action.begin(), action.end(), option), end; it != end; ++it) {
    ++options;
    EXPECT_NE(help.out.find("  " + (*it)[1].str() + " "), std::string::npos) << (*it)[1];
  }
  EXPECT_GE(options, 6);
}

TEST(CiExamples, TheFleetExamplesShardWithinABudgetAndJoinInAFinalJob) {
  for (const auto& [file, shard] :
       {std::pair{"github-actions-fleet.yml", "--shard \"${{ matrix.shard }}/4\""},
        std::pair{"gitlab-ci-fleet.yml", "--shard \"$CI_NODE_INDEX/$CI_NODE_TOTAL\""}}) {
    const std::string text = read_file(source_dir() / "docs/ci" / file);
    EXPECT_NE(text.find(shard), std::string::npos) << file;
    EXPECT_NE(text.find("--request-budget 900"), std::string::npos) << file;
    const auto merge = text.find("spaceport report merge");
    ASSERT_NE(merge, std::string::npos) << file;
    EXPECT_GT(merge, text.find("--shard")) << file << ": the join comes after the shards";
    EXPECT_NE(text.find("shard-*.json", merge), std::string::npos) << file;
  }
  EXPECT_NE(read_file(source_dir() / "docs/ci/github-actions-fleet.yml").find("matrix:"),
            std::string::npos);
  EXPECT_NE(read_file(source_dir() / "docs/ci/gitlab-ci-fleet.yml").find("parallel: 4"),
            std::string::npos);
}

TEST(CiExamples, SetupInstallsOnlyTheBuildDependenciesWhenTestsAreOff) {
  const auto all = run_process({(source_dir() / "scripts/setup").string(), "--list"});
  const auto build =
      run_process({(source_dir() / "scripts/setup").string(), "--build-only", "--list"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  ASSERT_EQ(build.exit_code, 0) << build.err;
  for (const char* package : {"g++\n", "cmake\n", "libcurl4-openssl-dev\n", "libc-ares-dev\n"}) {
    EXPECT_NE(build.out.find(package), std::string::npos) << package;
  }
  for (const char* package :
       {"nsd\n", "unbound\n", "libgtest-dev\n", "postgresql-15\n", "libboost-dev\n", "ripgrep\n"}) {
    EXPECT_EQ(build.out.find(package), std::string::npos) << package;
    EXPECT_NE(all.out.find(package), std::string::npos) << package;
  }
  // And the build needs no more than that: with the tests off, CMake asks for no test library
  // and no fixture.
  TempDir dir;
  const auto configure =
      run_process({"/usr/bin/cmake", "-S", source_dir().string(), "-B",
                   (dir.path() / "build").string(), "-G", "Ninja", "-DBUILD_TESTING=OFF"});
  ASSERT_EQ(configure.exit_code, 0) << configure.out << configure.err;
  const auto targets = run_process(
      {"/usr/bin/ninja", "-C", (dir.path() / "build").string(), "-t", "targets", "all"});
  EXPECT_NE(targets.out.find("runner/spaceport:"), std::string::npos) << targets.out.substr(0, 400);
  EXPECT_EQ(targets.out.find("fake-heroku"), std::string::npos);
  EXPECT_EQ(targets.out.find("unit_tests"), std::string::npos);
  EXPECT_EQ(read_file(dir.path() / "build" / "CMakeCache.txt").find("GTest_DIR:PATH=/"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Docs, CiExample,
                         testing::Values("github-actions.yml", "gitlab-ci.yml",
                                         "github-actions-fleet.yml", "gitlab-ci-fleet.yml"));

}  // namespace
}  // namespace ci_examples_test
}  // namespace spaceport::test
