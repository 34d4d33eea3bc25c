#include "checks/decommission_domains_check.hpp"

#include "checks/source_addons.hpp"
#include "probes/platform.hpp"

namespace spaceport {

std::vector<Finding> evaluate_decommission_domains(const Migration& migration,
                                                   const std::vector<Domain>& source_domains) {
  std::vector<Finding> findings;
  for (const auto& d : source_domains) {
    if (d.kind != "custom") {
      continue;
    }
    findings.push_back(
        Finding{d.hostname,
                Outcome::fail,
                d.hostname + " is still a custom domain of \"" + migration.source.app +
                    "\": move it to \"" + migration.target.app + "\" (`heroku domains:remove " +
                    d.hostname + " -a " + migration.source.app + "`, then `heroku domains:add`)",
                {{"cname", d.cname ? nlohmann::json(*d.cname) : nlohmann::json(nullptr)}}});
  }
  if (findings.empty()) {
    return {nothing_to_keep(migration, "\"" + migration.source.app + "\" has no custom domains")};
  }
  return findings;
}

std::vector<Finding> DecommissionDomainsCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  return evaluate_decommission_domains(
      m, found_or_error(context.platform.domains(app_id(context, m.source, "app.source")),
                        "source app \"" + m.source.app + "\"", "app.source"));
}

}  // namespace spaceport
