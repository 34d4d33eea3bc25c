#include "checks/space_target_check.hpp"

#include "core/text.hpp"
#include "probes/platform.hpp"

namespace spaceport {

std::vector<Finding> evaluate_space_target(const Migration& migration,
                                           const std::optional<Space>& space) {
  Finding finding;
  finding.subject = migration.target.space;
  if (!space) {
    finding.outcome = Outcome::fail;
    finding.message = "space \"" + migration.target.space +
                      "\" was not found (the API answered 404); check \"target.space\" in the "
                      "plan and that the token's user is a member of the space's team";
    finding.evidence = {{"found", false}};
    return {finding};
  }
  finding.evidence = {{"found", true},
                      {"id", space->id},
                      {"state", space->state},
                      {"region", space->region},
                      {"shield", space->shield}};
  if (migration.target.shield) {
    finding.evidence["expected_shield"] = *migration.target.shield;
  }
  const std::string kind = space->shield ? "Shield Private Space" : "Private Space";
  std::vector<std::string> problems;
  if (space->state == "allocating") {
    problems.push_back("it is still allocating; wait for it with `heroku spaces:wait " +
                       space->name + "`");
  } else if (space->state == "deleting") {
    problems.push_back("it is being deleted; choose another target space");
  } else if (space->state != "allocated") {
    problems.push_back("its state is \"" + space->state + "\", not \"allocated\"");
  }
  if (migration.target.shield && *migration.target.shield != space->shield) {
    problems.push_back(
        *migration.target.shield
            ? "the plan says \"shield\": true but it is a standard Private Space; Shield is "
              "chosen only when a space is created, so create a Shield space"
            : "the plan says \"shield\": false but it is a Shield Private Space; fix "
              "\"target.shield\" or choose a standard space");
  }
  if (!problems.empty()) {
    finding.outcome = Outcome::fail;
    finding.message = "space \"" + space->name + "\" (" + kind + ", region " + space->region +
                      "): " + join(problems, "; ");
    return {finding};
  }
  finding.outcome = Outcome::pass;
  finding.message =
      "space \"" + space->name + "\" is an allocated " + kind + " in region " + space->region;
  return {finding};
}

std::vector<Finding> SpaceTargetCheck::run(const CheckContext& context) const {
  return evaluate_space_target(context.migration,
                               context.platform.space(context.migration.target.space));
}

}  // namespace spaceport
