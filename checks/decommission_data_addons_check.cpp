#include "checks/decommission_data_addons_check.hpp"

#include <algorithm>

#include "checks/addon_kinds.hpp"
#include "checks/source_addons.hpp"

namespace spaceport {

std::vector<Finding> evaluate_data_addons(const Migration& migration,
                                          const std::vector<Addon>& owned) {
  std::vector<Finding> findings;
  for (const auto& addon : owned) {
    if (!is_data_service(addon.service)) {
      continue;
    }
    const auto accepted = std::find_if(
        migration.accept_data_loss.begin(), migration.accept_data_loss.end(),
        [&](const Migration::AcceptedDataLoss& a) { return names_addon(a.addon, addon); });
    Finding f;
    f.subject = addon.name;
    f.evidence = {{"service", addon.service}, {"plan", addon.plan}};
    if (accepted != migration.accept_data_loss.end()) {
      f.outcome = Outcome::pass;
      f.message = addon.name + " (" + addon.plan +
                  ") will be destroyed with the source; the plan "
                  "accepts losing its data: \"" +
                  accepted->reason + "\"";
      f.evidence["accepted_reason"] = accepted->reason;
    } else {
      f.outcome = Outcome::fail;
      f.message = addon.name + " (" + addon.plan + ") is a data add-on owned by \"" +
                  migration.source.app +
                  "\": destroying the source destroys its data; make sure the target has its "
                  "own copy, then list it in the plan's \"accept_data_loss\" with a reason";
    }
    findings.push_back(std::move(f));
  }
  if (findings.empty()) {
    return {nothing_to_keep(migration, "\"" + migration.source.app + "\" owns no data add-ons")};
  }
  return findings;
}

std::vector<Finding> DecommissionDataAddonsCheck::run(const CheckContext& context) const {
  return evaluate_data_addons(context.migration, addons_owned_by_source(context));
}

}  // namespace spaceport
