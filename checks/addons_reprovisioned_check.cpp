#include "checks/addons_reprovisioned_check.hpp"

#include "checks/addon_kinds.hpp"
#include "probes/platform.hpp"

namespace spaceport {

std::vector<Finding> evaluate_addons_reprovisioned(
    const Migration& migration, const std::vector<Addon>& source_addons,
    const std::vector<Addon>& target_addons, const std::map<std::string, bool>& inside_space) {
  const std::string& source = migration.source.app;
  const std::string& target = migration.target.app;
  if (source_addons.empty()) {
    return {Finding{
        source, Outcome::pass, "source app \"" + source + "\" has no add-ons", {{"addons", 0}}}};
  }
  std::vector<Finding> findings;
  for (const Addon& addon : source_addons) {
    const Addon* own = nullptr;
    const Addon* same = nullptr;
    for (const Addon& candidate : target_addons) {
      if (candidate.app_id == migration.target.id && candidate.service == addon.service &&
          own == nullptr) {
        own = &candidate;
      }
      if (candidate.id == addon.id) {
        same = &candidate;
      }
    }
    const bool owned_by_source = addon.app_id == migration.source.id;
    Finding f;
    f.subject = addon.name;
    f.evidence = {{"service", addon.service}, {"plan", addon.plan}, {"owner", addon.app}};
    if (provides_static_outbound_ip(addon.service)) {
      f.outcome = Outcome::skip;
      f.message = addon.name + " (" + addon.plan +
                  ") only gives the source static outbound IPs; the space has its own, so it "
                  "needs no counterpart (see addons.availability)";
    } else if (own != nullptr) {
      f.evidence["target_addon"] = own->name;
      f.evidence["target_plan"] = own->plan;
      const auto inside = inside_space.find(own->plan);
      // Private Key-Value Store plans live in the space's network, out of the build's reach.
      const std::string build_note =
          addon.service == "heroku-redis"
              ? "; private Key-Value Store plans cannot be reached at build time, so nothing in "
                "the build may connect to it"
              : std::string();
      if (inside != inside_space.end() && !inside->second) {
        f.outcome = Outcome::fail;
        f.message = "\"" + target + "\" owns " + own->name + " (" + own->plan +
                    "), but that plan runs outside the space: its traffic crosses the public "
                    "Internet; use a plan installable inside the space (see addons.availability)";
      } else {
        f.outcome = Outcome::pass;
        f.message = "\"" + target + "\" owns its own " + addon.service + " add-on " + own->name +
                    " (" + own->plan + ")" + build_note;
      }
    } else if (!owned_by_source && same != nullptr) {
      f.outcome = Outcome::pass;
      f.message = addon.name + " is owned by \"" + addon.app + "\" and attached to \"" + target +
                  "\" too; destroying the source leaves it in place";
    } else if (same != nullptr) {
      f.outcome = Outcome::fail;
      f.message = "\"" + target + "\" reaches " + addon.name +
                  " only through an attachment, but \"" + source +
                  "\" owns it: destroying the source would delete it under the target; "
                  "provision the target's own with `heroku addons:create " +
                  addon.service + ":<plan> -a " + target + "` and move its data";
    } else if (!owned_by_source) {
      f.outcome = Outcome::fail;
      f.message = "\"" + target + "\" is not attached to the shared add-on " + addon.name +
                  " (owned by \"" + addon.app + "\"); attach it with `heroku addons:attach " +
                  addon.name + " -a " + target + "` or provision its own";
    } else {
      f.outcome = Outcome::fail;
      f.message = "\"" + target + "\" has no " + addon.service +
                  " add-on of its own; provision "
                  "one with `heroku addons:create " +
                  addon.service + ":<plan> -a " + target + "`";
    }
    findings.push_back(std::move(f));
  }
  return findings;
}

std::vector<Finding> AddonsReprovisionedCheck::run(const CheckContext& context) const {
  // Ownership is decided by id: the ids the run resolved, or asked for now.
  Migration m = context.migration;
  m.source.id = app_id(context, m.source, "app.source");
  m.target.id = app_id(context, m.target, "app.target");
  const auto source = found_or_error(context.platform.addons(m.source.id),
                                     "source app \"" + m.source.app + "\"", "app.source");
  const auto target = found_or_error(context.platform.addons(m.target.id),
                                     "target app \"" + m.target.app + "\"", "app.target");
  std::map<std::string, bool> inside_space;
  for (const Addon& own : target) {
    if (own.app_id != m.target.id || !is_data_service(own.service)) {
      continue;
    }
    for (const auto& plan :
         context.platform.service_plans(own.service).value_or(std::vector<AddonPlan>{})) {
      if (plan.name == own.plan) {
        inside_space[own.plan] = plan.installable_inside_private_network;
      }
    }
  }
  return evaluate_addons_reprovisioned(m, source, target, inside_space);
}

}  // namespace spaceport
