#include "checks/decommission_shared_addons_check.hpp"

#include <set>

#include "checks/source_addons.hpp"
#include "core/text.hpp"
#include "probes/platform.hpp"

namespace spaceport {

std::vector<Finding> evaluate_shared_addons(
    const Migration& migration, const std::vector<Addon>& owned,
    const std::map<std::string, std::vector<Attachment>>& attachments) {
  if (owned.empty()) {
    return {nothing_to_keep(migration, "\"" + migration.source.app + "\" owns no add-ons")};
  }
  std::vector<Finding> findings;
  for (const auto& addon : owned) {
    std::set<std::string> others;
    const auto found = attachments.find(addon.id);
    if (found != attachments.end()) {
      for (const auto& a : found->second) {
        // `owned` is the source's (decided by id), so an attachment to another app is one to
        // an app other than the add-on's owner, compared by id, never by a spelling.
        if (a.app_id != addon.app_id) {
          others.insert(a.app);
        }
      }
    }
    Finding f;
    f.subject = addon.name;
    f.evidence = {{"service", addon.service}, {"attached_to", others}};
    if (others.empty()) {
      f.outcome = Outcome::pass;
      f.message = addon.name + " is attached to no other app";
    } else {
      const std::vector<std::string> apps(others.begin(), others.end());
      f.outcome = Outcome::fail;
      f.message = addon.name + " (" + addon.plan + ") is owned by \"" + migration.source.app +
                  "\" and attached to " + join(apps, ", ") +
                  ": destroying the source deletes it under them; give those apps an add-on of "
                  "their own before destroying the source";
    }
    findings.push_back(std::move(f));
  }
  return findings;
}

std::vector<Finding> DecommissionSharedAddonsCheck::run(const CheckContext& context) const {
  const auto owned = addons_owned_by_source(context);
  std::map<std::string, std::vector<Attachment>> attachments;
  for (const auto& addon : owned) {
    attachments[addon.id] = found_or_error(context.platform.addon_attachments(addon.id),
                                           "add-on " + addon.name, "addons.reprovisioned");
  }
  return evaluate_shared_addons(context.migration, owned, attachments);
}

}  // namespace spaceport
