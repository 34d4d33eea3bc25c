#include "checks/addons_availability_check.hpp"

#include <algorithm>
#include <array>

#include "checks/addon_kinds.hpp"
#include "core/text.hpp"
#include "probes/platform.hpp"

namespace spaceport {
namespace {

const AddonPlan* find_plan(const std::vector<AddonPlan>& plans, const std::string& name) {
  for (const auto& plan : plans) {
    if (plan.name == name) {
      return &plan;
    }
  }
  return nullptr;
}

/// The plan of the same service to suggest for the space: Shield plans for a Shield space,
/// private plans for a standard one, the space default before others.
const AddonPlan* inside_alternative(const std::vector<AddonPlan>& plans, bool shield) {
  const AddonPlan* best = nullptr;
  int best_score = -1;
  for (const auto& plan : plans) {
    if (!plan.installable_inside_private_network) {
      continue;
    }
    const bool names_shield = plan.name.find("shield") != std::string::npos;
    const bool names_private = plan.name.find("private") != std::string::npos;
    int score = plan.space_default ? 1 : 0;
    if (shield ? names_shield : names_private) {
      score += 2;
    }
    if (!shield && names_shield) {
      score -= 4;  // Shield plans cost more and are meant for Shield spaces
    }
    if (score > best_score) {
      best = &plan;
      best_score = score;
    }
  }
  return best;
}

/// A static outbound IP add-on (Fixie, QuotaGuard, Proximo) is not needed in a space.
Finding static_ip_finding(const Addon& addon, const AddonAvailabilityFacts& facts, Finding f) {
  const Space& space = facts.space;
  f.outcome = Outcome::warn;
  f.message = addon.name + " (" + addon.plan +
              ") gives a Common Runtime app static outbound IPs; apps in space \"" + space.name +
              "\" already leave from the space's stable outbound IPs";
  if (facts.nat && !facts.nat->sources.empty()) {
    f.message += " (" + join(facts.nat->sources, ", ") + ")";
    f.evidence["space_outbound_ips"] = facts.nat->sources;
  } else {
    f.message += " (see `heroku spaces:info " + space.name + "`)";
  }
  f.message += ": allowlist those instead and do not reprovision it";
  return f;
}

/// Where a known plan can be installed, given the service's capability in the space's region.
Finding placement_finding(const Addon& addon, const AddonPlan& plan,
                          const std::vector<AddonPlan>& plans, const RegionCapability& capability,
                          const Space& space, Finding f) {
  const std::string label = addon.name + " (" + addon.plan + ")";
  f.evidence["supports_private_networking"] = capability.supports_private_networking;
  const bool inside =
      capability.supports_private_networking && plan.installable_inside_private_network;
  const bool outside = plan.installable_outside_private_network;
  f.evidence["installable_inside_private_network"] = plan.installable_inside_private_network;
  f.evidence["installable_outside_private_network"] = plan.installable_outside_private_network;
  const AddonPlan* alternative =
      capability.supports_private_networking ? inside_alternative(plans, space.shield) : nullptr;
  if (inside) {
    f.outcome = Outcome::pass;
    f.message = label + " is installable inside space \"" + space.name +
                "\": its traffic stays in the private network";
  } else if (outside) {
    f.outcome = Outcome::warn;
    f.message = label + " would run outside space \"" + space.name +
                "\": traffic between the dynos and the add-on crosses the public Internet";
    if (alternative != nullptr) {
      f.message += "; " + alternative->name + " is installable inside the space";
      f.evidence["inside_alternative"] = alternative->name;
    } else {
      f.message += "; " + addon.service + " has no plan installable inside a space";
    }
  } else {
    f.outcome = Outcome::fail;
    f.message = label + " is unavailable in space \"" + space.name +
                "\": the plan can be installed neither inside nor outside a space";
    if (alternative != nullptr) {
      f.message += "; choose " + alternative->name + ", which is installable inside";
      f.evidence["inside_alternative"] = alternative->name;
    }
  }
  return f;
}

Finding addon_finding(const Addon& addon, const AddonAvailabilityFacts& facts) {
  const Space& space = facts.space;
  Finding f;
  f.subject = addon.name;
  f.evidence = {{"service", addon.service},
                {"plan", addon.plan},
                {"owner", addon.app},
                {"space_region", space.region}};
  if (provides_static_outbound_ip(addon.service)) {
    return static_ip_finding(addon, facts, std::move(f));
  }
  const std::string label = addon.name + " (" + addon.plan + ")";
  const auto plans = facts.plans.find(addon.service);
  const auto capabilities = facts.capabilities.find(addon.service);
  const bool service_known = plans != facts.plans.end() && capabilities != facts.capabilities.end();
  const AddonPlan* plan = service_known ? find_plan(plans->second, addon.plan) : nullptr;
  if (plan == nullptr) {
    f.outcome = Outcome::error;
    f.message = label + ": cannot tell where it can be installed: the API " +
                (service_known ? "lists no plan " + addon.plan + " for " + addon.service
                               : "knows no add-on service " + addon.service + " (404)") +
                "; check it with `heroku addons:plans " + addon.service + "`";
    return f;
  }
  std::optional<RegionCapability> capability;
  for (const auto& c : capabilities->second) {
    if (c.region == space.region) {
      capability = c;
    }
  }
  f.evidence["region_capability"] = capability.has_value();
  if (!capability) {
    f.outcome = Outcome::fail;
    f.message = label + ": the service " + addon.service + " is not offered in region " +
                space.region + " where space \"" + space.name +
                "\" runs; find an alternative service before migrating";
    return f;
  }
  return placement_finding(addon, *plan, plans->second, *capability, space, std::move(f));
}

}  // namespace

std::vector<Finding> evaluate_addons_availability(const Migration& migration,
                                                  const AddonAvailabilityFacts& facts) {
  if (facts.addons.empty()) {
    return {Finding{migration.source.app,
                    Outcome::pass,
                    "source app \"" + migration.source.app + "\" has no add-ons to carry over",
                    {{"addons", 0}}}};
  }
  std::vector<Finding> findings;
  for (const Addon& addon : facts.addons) {
    findings.push_back(addon_finding(addon, facts));
  }
  return findings;
}

std::vector<Finding> AddonsAvailabilityCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  AddonAvailabilityFacts facts;
  facts.space = found_or_error(context.platform.space(m.target.space),
                               "space \"" + m.target.space + "\"", "space.target");
  facts.addons = found_or_error(context.platform.addons(app_id(context, m.source, "app.source")),
                                "source app \"" + m.source.app + "\"", "app.source");
  for (const auto& addon : facts.addons) {
    // A service the API does not know (404) stays out of the maps: its add-ons are errors.
    if (auto plans = context.platform.service_plans(addon.service)) {
      facts.plans[addon.service] = std::move(*plans);
    }
    if (auto capabilities = context.platform.region_capabilities(addon.service)) {
      facts.capabilities[addon.service] = std::move(*capabilities);
    }
    if (!facts.nat && provides_static_outbound_ip(addon.service)) {
      facts.nat = context.platform.space_nat(m.target.space);
    }
  }
  return evaluate_addons_availability(m, facts);
}

}  // namespace spaceport
