#include "jobs/run_info.hpp"

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

nlohmann::json detect_ci(const Environment& environment) {
  if (value_of(environment, "GITHUB_ACTIONS") == "true") {
    const std::string run = value_of(environment, "GITHUB_RUN_ID");
    const std::string server = value_of(environment, "GITHUB_SERVER_URL");
    const std::string repository = value_of(environment, "GITHUB_REPOSITORY");
    const bool linkable = !run.empty() && !server.empty() && !repository.empty();
    return {{"system", "github-actions"},
            {"run_id", run},
            {"url", linkable ? server + "/" + repository + "/actions/runs/" + run : ""}};
  }
  if (value_of(environment, "GITLAB_CI") == "true") {
    return {{"system", "gitlab-ci"},
            {"run_id", value_of(environment, "CI_PIPELINE_ID")},
            {"url", value_of(environment, "CI_PIPELINE_URL")}};
  }
  if (!value_of(environment, "JENKINS_URL").empty()) {
    return {{"system", "jenkins"},
            {"run_id", value_of(environment, "BUILD_NUMBER")},
            {"url", value_of(environment, "BUILD_URL")}};
  }
  return nullptr;
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
