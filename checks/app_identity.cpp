#include "checks/check.hpp"
#include "probes/platform.hpp"

namespace spaceport {

std::optional<App> app_record(const CheckContext& context, const AppRef& app) {
  return context.platform.app(app.written);
}

std::string app_id(const CheckContext& context, const AppRef& app, std::string_view see) {
  if (!app.id.empty()) {
    return app.id;
  }
  return found_or_error(app_record(context, app), "app \"" + app.app + "\"", see).id;
}

std::optional<std::string> found_app_id(const CheckContext& context, const AppRef& app) {
  if (!app.id.empty()) {
    return app.id;
  }
  if (auto record = app_record(context, app)) {
    return record->id;
  }
  return std::nullopt;
}

}  // namespace spaceport
