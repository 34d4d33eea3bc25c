#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/environment.hpp"

namespace spaceport {

/// The CI run this process belongs to, from the variables each system documents: GitHub Actions
/// (GITHUB_ACTIONS, GITHUB_RUN_ID, GITHUB_SERVER_URL, GITHUB_REPOSITORY), GitLab CI (GITLAB_CI,
/// CI_PIPELINE_ID, CI_PIPELINE_URL) and Jenkins (JENKINS_URL, BUILD_NUMBER, BUILD_URL).
/// {"system", "run_id", "url"} and, when the system says, the change it is for: "commit"
/// (GITHUB_SHA, CI_COMMIT_SHA, GIT_COMMIT), "ref" (GITHUB_REF, CI_COMMIT_REF_NAME, GIT_BRANCH)
/// and "actor" (GITHUB_ACTOR, GITLAB_USER_LOGIN, BUILD_USER_ID); null outside CI.
nlohmann::json detect_ci(const Environment& environment);

/// The plan's path as CI names files in annotations and Code Quality reports: relative to the
/// workspace (GITHUB_WORKSPACE, else CI_PROJECT_DIR, else the working directory) when the plan
/// is inside it, without "./"; otherwise absolute.
std::string plan_path_for_ci(const std::string& plan_path, const Environment& environment);

/// The command line for a report: `secret` (the API token) wherever it appears and the userinfo
/// of any URL ("https://user:pass@host") become "[redacted]".
std::vector<std::string> redact_command_line(const std::vector<std::string>& args,
                                             const std::string& secret);

}  // namespace spaceport
