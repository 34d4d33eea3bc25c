#include "checks/release_parity_check.hpp"

#include "core/text.hpp"
#include "probes/platform.hpp"

namespace spaceport {
namespace {

std::string describe_buildpacks(const std::vector<std::string>& buildpacks) {
  return buildpacks.empty() ? "none recorded" : join(buildpacks, ", ");
}

nlohmann::json release_evidence(const ReleaseFacts& facts) {
  nlohmann::json out = nlohmann::json::object();
  if (facts.release) {
    out["version"] = facts.release->version;
    out["status"] = facts.release->status;
  }
  if (facts.slug) {
    out["commit"] = facts.slug->commit ? nlohmann::json(*facts.slug->commit) : nlohmann::json();
    out["stack"] = facts.slug->stack;
  }
  out["buildpacks"] = facts.buildpacks;
  return out;
}

}  // namespace

std::vector<Finding> evaluate_release_parity(const Migration& migration, const ReleaseFacts& source,
                                             const ReleaseFacts& target) {
  const std::string& source_app = migration.source.app;
  const std::string& target_app = migration.target.app;
  Finding f;
  f.subject = target_app;
  f.evidence = {{"source", release_evidence(source)}, {"target", release_evidence(target)}};
  if (!target.release) {
    f.outcome = Outcome::fail;
    f.message = "\"" + target_app + "\" has no release yet: deploy the same code as \"" +
                source_app + "\" to it";
    return {f};
  }
  if (!source.release) {
    f.outcome = Outcome::warn;
    f.message = "\"" + source_app + "\" has no release to compare with";
    return {f};
  }
  std::vector<std::string> differences;
  std::vector<std::string> unknowns;
  const auto commit_of = [](const ReleaseFacts& facts) -> std::optional<std::string> {
    if (facts.slug && facts.slug->commit && !facts.slug->commit->empty()) {
      return facts.slug->commit;
    }
    return std::nullopt;
  };
  const auto source_commit = commit_of(source);
  const auto target_commit = commit_of(target);
  if (source_commit && target_commit && *source_commit != *target_commit) {
    differences.push_back("the target runs commit " + *target_commit + " but the source runs " +
                          *source_commit);
  }
  for (const auto& [app, commit, facts] : {std::tuple{source_app, source_commit, &source},
                                           std::tuple{target_app, target_commit, &target}}) {
    if (!commit) {
      unknowns.push_back("\"" + app + "\" v" + std::to_string(facts->release->version) +
                         (facts->slug ? " has no slug commit recorded"
                                      : " has no slug (a container image release?)"));
    }
  }
  if (source.slug && target.slug && !source.slug->stack.empty() &&
      source.slug->stack != target.slug->stack) {
    differences.push_back("the target is on stack " + target.slug->stack + " but the source on " +
                          source.slug->stack);
  }
  if (source.buildpacks != target.buildpacks) {
    differences.push_back("the target builds with [" + describe_buildpacks(target.buildpacks) +
                          "] but the source with [" + describe_buildpacks(source.buildpacks) + "]");
  }
  if (!differences.empty()) {
    f.outcome = Outcome::fail;
    f.message = "\"" + target_app + "\" v" + std::to_string(target.release->version) +
                " does not run the same code as \"" + source_app + "\" v" +
                std::to_string(source.release->version) + ": " + join(differences, "; ");
    if (!unknowns.empty()) {
      f.message += "; also " + join(unknowns, "; ");
    }
    return {f};
  }
  if (!unknowns.empty()) {
    f.outcome = Outcome::warn;
    f.message = "cannot compare the code by commit: " + join(unknowns, "; ") +
                "; stack and buildpacks match";
    return {f};
  }
  f.outcome = Outcome::pass;
  f.message = "\"" + target_app + "\" v" + std::to_string(target.release->version) +
              " runs commit " + *target_commit + " like \"" + source_app + "\" v" +
              std::to_string(source.release->version) + ", same stack and buildpacks";
  return {f};
}

std::vector<Finding> ReleaseParityCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  return evaluate_release_parity(
      m,
      found_or_error(context.platform.release_facts(app_id(context, m.source, "app.source")),
                     "source app \"" + m.source.app + "\"", "app.source"),
      found_or_error(context.platform.release_facts(app_id(context, m.target, "app.target")),
                     "target app \"" + m.target.app + "\"", "app.target"));
}

}  // namespace spaceport
