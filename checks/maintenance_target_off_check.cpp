#include "checks/maintenance_target_off_check.hpp"

#include "probes/platform.hpp"

namespace spaceport {

std::vector<Finding> evaluate_maintenance_target_off(const Migration& migration,
                                                     const std::optional<App>& target) {
  const std::string& app = migration.target.app;
  if (!target) {
    return {Finding{app,
                    Outcome::fail,
                    "target app \"" + app + "\" was not found (404): nothing serves the traffic",
                    {{"found", false}}}};
  }
  if (target->maintenance) {
    return {Finding{app,
                    Outcome::fail,
                    "\"" + app +
                        "\" is still in maintenance mode and answers every request with "
                        "the maintenance page; end it with `heroku maintenance:off -a " +
                        app + "`",
                    {{"maintenance", true}}}};
  }
  return {Finding{
      app, Outcome::pass, "\"" + app + "\" is not in maintenance mode", {{"maintenance", false}}}};
}

std::vector<Finding> MaintenanceTargetOffCheck::run(const CheckContext& context) const {
  return evaluate_maintenance_target_off(context.migration,
                                         app_record(context, context.migration.target));
}

}  // namespace spaceport
