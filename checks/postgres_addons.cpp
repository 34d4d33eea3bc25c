#include "checks/postgres_addons.hpp"

#include "checks/addon_kinds.hpp"
#include "probes/platform.hpp"

namespace spaceport {

std::vector<PostgresAddon> postgres_addons_owned_by(const CheckContext& context, const AppRef& app,
                                                    std::string_view see) {
  const std::string id = app_id(context, app, see);
  const auto addons = found_or_error(context.platform.addons(id), "app \"" + app.app + "\"", see);
  std::vector<PostgresAddon> out;
  for (const auto& addon : addons) {
    if (is_postgres_of(addon, id)) {
      out.push_back(PostgresAddon{addon, context.platform.database(addon.id)});
    }
  }
  return out;
}

}  // namespace spaceport
