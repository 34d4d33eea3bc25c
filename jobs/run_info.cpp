#include "jobs/run_info.hpp"

#include <filesystem>

namespace spaceport {
namespace {

std::string value_of(const Environment& environment, const char* name) {
  const char* value = environment(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::string redact_userinfo(std::string arg) {
  for (auto scheme = arg.find("://"); scheme != std::string::npos;
       scheme = arg.find("://", scheme + 3)) {
    const auto start = scheme + 3;
    const auto end = arg.find_first_of("/?# ", start);
    const auto at = arg.rfind('@', end == std::string::npos ? arg.size() : end);
    if (at != std::string::npos && at >= start) {
      arg.replace(start, at - start, "[redacted]");
    }
  }
  return arg;
}

}  // namespace

namespace {

/// Adds what identifies the change a CI run is for, when the CI system says: an auditor traces
/// a verdict to the commit it gated and to who started it.
nlohmann::json with_change(nlohmann::json ci, const Environment& environment, const char* commit,
                           const char* ref, const char* actor) {
  const std::pair<const char*, const char*> fields[] = {
      {"commit", commit}, {"ref", ref}, {"actor", actor}};
  for (const auto& [field, variable] : fields) {
    if (const std::string value = value_of(environment, variable); !value.empty()) {
      ci[field] = value;
    }
  }
  return ci;
}

}  // namespace

nlohmann::json detect_ci(const Environment& environment) {
  if (value_of(environment, "GITHUB_ACTIONS") == "true") {
    const std::string run = value_of(environment, "GITHUB_RUN_ID");
    const std::string server = value_of(environment, "GITHUB_SERVER_URL");
    const std::string repository = value_of(environment, "GITHUB_REPOSITORY");
    const bool linkable = !run.empty() && !server.empty() && !repository.empty();
    return with_change(
        {{"system", "github-actions"},
         {"run_id", run},
         {"url", linkable ? server + "/" + repository + "/actions/runs/" + run : ""}},
        environment, "GITHUB_SHA", "GITHUB_REF", "GITHUB_ACTOR");
  }
  if (value_of(environment, "GITLAB_CI") == "true") {
    return with_change({{"system", "gitlab-ci"},
                        {"run_id", value_of(environment, "CI_PIPELINE_ID")},
                        {"url", value_of(environment, "CI_PIPELINE_URL")}},
                       environment, "CI_COMMIT_SHA", "CI_COMMIT_REF_NAME", "GITLAB_USER_LOGIN");
  }
  if (!value_of(environment, "JENKINS_URL").empty()) {
    // BUILD_USER_ID comes from the build-user-vars plugin; without it Jenkins names no one.
    return with_change({{"system", "jenkins"},
                        {"run_id", value_of(environment, "BUILD_NUMBER")},
                        {"url", value_of(environment, "BUILD_URL")}},
                       environment, "GIT_COMMIT", "GIT_BRANCH", "BUILD_USER_ID");
  }
  return nullptr;
}

std::string plan_path_for_ci(const std::string& plan_path, const Environment& environment) {
  namespace fs = std::filesystem;
  std::error_code error;
  std::string workspace = value_of(environment, "GITHUB_WORKSPACE");
  if (workspace.empty()) {
    workspace = value_of(environment, "CI_PROJECT_DIR");
  }
  const fs::path root = fs::weakly_canonical(
      workspace.empty() ? fs::current_path(error) : fs::path(workspace), error);
  const fs::path plan = fs::weakly_canonical(fs::absolute(plan_path, error), error);
  if (error) {
    return plan_path;
  }
  const fs::path relative = plan.lexically_relative(root);
  if (!relative.empty() && *relative.begin() != "..") {
    return relative.generic_string();
  }
  return plan.generic_string();
}

std::vector<std::string> redact_command_line(const std::vector<std::string>& args,
                                             const std::string& secret) {
  std::vector<std::string> out;
  for (std::string arg : args) {
    // A short secret would redact ordinary words; real tokens are far longer.
    if (secret.size() >= 8) {
      static constexpr std::string_view k_mark = "[redacted]";
      for (auto at = arg.find(secret); at != std::string::npos;
           at = arg.find(secret, at + k_mark.size())) {
        arg.replace(at, secret.size(), k_mark);
      }
    }
    out.push_back(redact_userinfo(std::move(arg)));
  }
  return out;
}

}  // namespace spaceport
