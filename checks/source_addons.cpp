#include "checks/source_addons.hpp"

#include "probes/platform.hpp"

namespace spaceport {

std::vector<Addon> addons_owned_by_source(const CheckContext& context) {
  const Migration& m = context.migration;
  const std::string source = app_id(context, m.source, "app.source");
  auto all = found_or_error(context.platform.addons(source), "source app \"" + m.source.app + "\"",
                            "app.source");
  std::vector<Addon> owned;
  for (auto& addon : all) {
    if (addon.app_id == source) {
      owned.push_back(std::move(addon));
    }
  }
  return owned;
}

Finding nothing_to_keep(const Migration& migration, const std::string& message) {
  return Finding{migration.source.app, Outcome::pass, message, nlohmann::json::object()};
}

}  // namespace spaceport
