#include "checks/decommission_dataclips_check.hpp"

#include <algorithm>
#include <iterator>

#include "checks/addon_kinds.hpp"
#include "checks/source_addons.hpp"

namespace spaceport {

std::vector<Finding> evaluate_decommission_dataclips(const Migration& migration,
                                                     const std::vector<Addon>& owned) {
  // `owned` holds only what the source owns (addons_owned_by_source decided that by id).
  std::vector<Addon> databases;
  std::copy_if(owned.begin(), owned.end(), std::back_inserter(databases),
               [](const Addon& addon) { return is_postgres(addon); });
  if (databases.empty()) {
    return {
        nothing_to_keep(migration, "\"" + migration.source.app + "\" owns no Postgres database")};
  }
  if (!migration.dataclips) {
    return {Finding{migration.source.app, Outcome::error,
                    "\"" + migration.source.app +
                        "\" owns Postgres and the plan lists no dataclips: there is no public "
                        "Dataclips API, so list them in the plan's \"dataclips\" (an empty list "
                        "says there are none)",
                    nlohmann::json::object()}};
  }
  std::vector<Finding> findings;
  for (const auto& clip : *migration.dataclips) {
    Finding f;
    f.subject = clip.name;
    f.evidence = {{"database", clip.database}};
    if (names_any(clip.database, databases)) {
      f.outcome = Outcome::fail;
      f.message = "dataclip \"" + clip.name + "\" runs against " + clip.database + " of \"" +
                  migration.source.app + "\": it stops working when the source is destroyed";
    } else {
      f.outcome = Outcome::pass;
      f.message = "dataclip \"" + clip.name + "\" runs against " + clip.database;
    }
    findings.push_back(std::move(f));
  }
  if (findings.empty()) {
    return {nothing_to_keep(migration, "the plan lists no dataclips")};
  }
  return findings;
}

std::vector<Finding> DecommissionDataclipsCheck::run(const CheckContext& context) const {
  return evaluate_decommission_dataclips(context.migration, addons_owned_by_source(context));
}

}  // namespace spaceport
