#include "jobs/run_info.hpp"

#include <gtest/gtest.h>

#include <map>

namespace spaceport {
namespace run_info_test {
namespace {

Environment environment_of(const std::map<std::string, std::string>& variables) {
  return [variables](const char* name) -> const char* {
    const auto found = variables.find(name);
    return found == variables.end() ? nullptr : found->second.c_str();
  };
}

TEST(RunInfo, DetectsEachCiSystemFromItsDocumentedVariables) {
  EXPECT_TRUE(detect_ci(environment_of({})).is_null());
  const auto github = detect_ci(environment_of({{"GITHUB_ACTIONS", "true"},
                                                {"GITHUB_RUN_ID", "7"},
                                                {"GITHUB_SERVER_URL", "https://github.com"},
                                                {"GITHUB_REPOSITORY", "acme/infra"}}));
  EXPECT_EQ(github["system"], "github-actions");
  EXPECT_EQ(github["run_id"], "7");
  EXPECT_EQ(github["url"], "https://github.com/acme/infra/actions/runs/7");
  const auto gitlab = detect_ci(
      environment_of({{"GITLAB_CI", "true"},
                      {"CI_PIPELINE_ID", "99"},
                      {"CI_PIPELINE_URL", "https://gitlab.example/acme/infra/-/pipelines/99"}}));
  EXPECT_EQ(gitlab["system"], "gitlab-ci");
  EXPECT_EQ(gitlab["run_id"], "99");
  EXPECT_EQ(gitlab["url"], "https://gitlab.example/acme/infra/-/pipelines/99");
  const auto jenkins = detect_ci(environment_of({{"JENKINS_URL", "https://ci.example/"},
                                                 {"BUILD_NUMBER", "12"},
                                                 {"BUILD_URL", "https://ci.example/job/x/12/"}}));
  EXPECT_EQ(jenkins["system"], "jenkins");
  EXPECT_EQ(jenkins["url"], "https://ci.example/job/x/12/");
}

TEST(RunInfo, TheCommandLineNeverCarriesASecret) {
  const auto redacted =
      redact_command_line({"check", "--api-url", "https://ops:hunter2@api.example",
                           "--note=token-abcdef12345", "--plan", "p.json"},
                          "token-abcdef12345");
  EXPECT_EQ(redacted,
            (std::vector<std::string>{"check", "--api-url", "https://[redacted]@api.example",
                                      "--note=[redacted]", "--plan", "p.json"}));
  // A secret that the mark itself contains cannot loop.
  EXPECT_EQ(redact_command_line({"redacted"}, "redacted"),
            (std::vector<std::string>{"[redacted]"}));
}

}  // namespace
}  // namespace run_info_test
}  // namespace spaceport
