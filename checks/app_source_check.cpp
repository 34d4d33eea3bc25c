#include "checks/app_source_check.hpp"

#include "checks/app_runtime.hpp"
#include "probes/platform.hpp"

namespace spaceport {

std::vector<Finding> evaluate_app_source(const Migration& migration,
                                         const std::optional<App>& app) {
  Finding finding;
  finding.subject = migration.source.app;
  if (!app) {
    finding.outcome = Outcome::fail;
    finding.message = "source app \"" + migration.source.app +
                      "\" was not found (the API answered 404); check \"source.app\" in the plan "
                      "and that the token's user can see the app";
    finding.evidence = {{"found", false}};
    return {finding};
  }
  finding.outcome = Outcome::pass;
  finding.message = "source app \"" + app->name + "\" exists in " + describe_runtime(*app) +
                    ", region " + app->region + (app->stack.empty() ? "" : ", stack " + app->stack);
  finding.evidence = {{"found", true},
                      {"id", app->id},
                      {"name", app->name},
                      {"as_written", migration.source.written},
                      {"region", app->region},
                      {"stack", app->stack},
                      {"runtime", app->space ? "private-space" : "common-runtime"}};
  if (app->space) {
    finding.evidence["space"] = {{"id", app->space->id}, {"name", app->space->name}};
    if (app->space->shield) {
      finding.evidence["space"]["shield"] = *app->space->shield;
    }
  }
  return {finding};
}

std::vector<Finding> AppSourceCheck::run(const CheckContext& context) const {
  return evaluate_app_source(context.migration, app_record(context, context.migration.source));
}

}  // namespace spaceport
