#include "checks/app_target_check.hpp"

#include "checks/app_runtime.hpp"
#include "probes/heroku_api.hpp"
#include "probes/platform.hpp"

namespace spaceport {

std::vector<Finding> evaluate_app_target(const Migration& migration, const std::optional<App>& app,
                                         const std::optional<Space>& space) {
  const std::string& wanted = migration.target.space;
  Finding finding;
  finding.subject = migration.target.app;
  finding.evidence = {{"expected_space", wanted}, {"found", app.has_value()}};
  if (!app) {
    finding.outcome = Outcome::fail;
    finding.message = "target app \"" + migration.target.app +
                      "\" was not found (the API answered 404); create it in the space with "
                      "`heroku apps:create " +
                      migration.target.app + " --space " + wanted + "`";
    return {finding};
  }
  finding.evidence["id"] = app->id;
  finding.evidence["name"] = app->name;
  finding.evidence["as_written"] = migration.target.written;
  finding.evidence["region"] = app->region;
  if (app->space) {
    finding.evidence["space"] = {{"id", app->space->id}, {"name", app->space->name}};
  } else {
    finding.evidence["space"] = nullptr;
  }
  if (!app->space) {
    finding.outcome = Outcome::fail;
    finding.message = "target app \"" + app->name + "\" is in the Common Runtime, not in space \"" +
                      wanted +
                      "\"; an app cannot be moved into a space: create the target with `heroku "
                      "apps:create NAME --space " +
                      wanted + "` and set \"target.app\" to it";
    return {finding};
  }
  const bool in_it =
      space ? app->space->id == space->id : app->space->name == wanted || app->space->id == wanted;
  if (!in_it) {
    finding.outcome = Outcome::fail;
    finding.message = "target app \"" + app->name + "\" is in space \"" + app->space->name +
                      "\", not in the plan's target space \"" + wanted +
                      "\"; fix \"target.space\" or create the target app in \"" + wanted + "\"";
    return {finding};
  }
  finding.outcome = Outcome::pass;
  finding.message = "target app \"" + app->name + "\" is in " + describe_runtime(*app) +
                    ", region " + app->region;
  return {finding};
}

std::vector<Finding> AppTargetCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  // The space as the API knows it (space.target reads the same): compared by its id. A space
  // the API cannot show leaves the plan's spelling to compare with the app's space.
  std::optional<Space> space;
  try {
    space = context.platform.space(m.target.space);
  } catch (const ApiError&) {
    // space.target reports why; an exact name or id still says which space the plan means.
  }
  return evaluate_app_target(m, app_record(context, m.target), space);
}

}  // namespace spaceport
