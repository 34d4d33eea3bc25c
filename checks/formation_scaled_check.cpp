#include "checks/formation_scaled_check.hpp"

#include <algorithm>

#include "probes/platform.hpp"

namespace spaceport {

std::vector<Finding> evaluate_formation_scaled(const Migration& migration,
                                               const FormationScaledFacts& facts) {
  const std::string& target = migration.target.app;
  std::vector<Finding> findings;
  const auto on_target = [&](const std::string& type) -> const Formation* {
    for (const auto& f : facts.target_formation) {
      if (f.type == type) {
        return &f;
      }
    }
    return nullptr;
  };
  std::vector<std::string> types;
  for (const auto& f : facts.source) {
    types.push_back(f.type);
  }
  // A target web process at 0 matters even when the source has none listed.
  if (on_target("web") != nullptr && std::find(types.begin(), types.end(), "web") == types.end()) {
    types.emplace_back("web");
  }
  if (types.empty()) {
    return {Finding{migration.source.app,
                    Outcome::skip,
                    "source app \"" + migration.source.app + "\" has no process types to match",
                    {{"process_types", 0}}}};
  }
  for (const auto& type : types) {
    int wanted = 0;
    for (const auto& f : facts.source) {
      if (f.type == type) {
        wanted = f.quantity;
      }
    }
    const Formation* have = on_target(type);
    Finding finding;
    finding.subject = type;
    finding.evidence = {{"source_quantity", wanted},
                        {"target_quantity", have != nullptr ? have->quantity : 0},
                        {"target_maintenance", facts.target.maintenance}};
    if (have == nullptr) {
      finding.outcome = Outcome::fail;
      finding.message = "\"" + target + "\" has no " + type + " process type (the source runs " +
                        std::to_string(wanted) +
                        "); deploy the Procfile that defines it and scale "
                        "it with `heroku ps:scale " +
                        type + "=" + std::to_string(wanted) + " -a " + target + "`";
    } else if (type == "web" && have->quantity == 0 && facts.target.space) {
      finding.outcome = Outcome::fail;
      finding.message = "\"" + target + "\" runs web=0 in space \"" + facts.target.space->name +
                        "\"" + (facts.target.maintenance ? " during maintenance" : "") +
                        ": in a space the routing proxy lives on the web dynos, so requests get "
                        "errors instead of the maintenance page; scale web to at least " +
                        std::to_string(std::max(wanted, 1));
    } else if (have->quantity < wanted) {
      finding.outcome = Outcome::fail;
      finding.message = "\"" + target + "\" runs " + type + "=" + std::to_string(have->quantity) +
                        " but the source runs " + std::to_string(wanted) +
                        "; scale it with `heroku ps:scale " + type + "=" + std::to_string(wanted) +
                        " -a " + target + "`";
    } else {
      finding.outcome = Outcome::pass;
      finding.message = "\"" + target + "\" runs " + type + "=" + std::to_string(have->quantity) +
                        " (the source runs " + std::to_string(wanted) + ")";
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> FormationScaledCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  FormationScaledFacts facts;
  facts.target = found_or_error(app_record(context, m.target),
                                "target app \"" + m.target.app + "\"", "app.target");
  facts.source = found_or_error(context.platform.formation(app_id(context, m.source, "app.source")),
                                "source app \"" + m.source.app + "\"", "app.source");
  facts.target_formation = context.platform.formation(app_id(context, m.target, "app.target"))
                               .value_or(std::vector<Formation>{});
  return evaluate_formation_scaled(m, facts);
}

}  // namespace spaceport
