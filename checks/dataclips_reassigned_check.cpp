#include "checks/dataclips_reassigned_check.hpp"

#include <algorithm>

#include "checks/addon_kinds.hpp"
#include "probes/platform.hpp"

namespace spaceport {

std::vector<Finding> evaluate_dataclips_reassigned(const Migration& migration,
                                                   const DataclipsFacts& facts) {
  const std::string& target = migration.target.app;
  if (!migration.dataclips) {
    if (facts.source_has_postgres) {
      return {Finding{migration.source.app, Outcome::warn,
                      "\"" + migration.source.app +
                          "\" has Heroku Postgres but the plan lists no dataclips; dataclips stay "
                          "on the old database and there is no public API to find them: list "
                          "them in the plan's \"dataclips\" (an empty list says there are none)",
                      nlohmann::json::object()}};
    }
    return {Finding{migration.source.app, Outcome::skip,
                    "\"" + migration.source.app + "\" has no Heroku Postgres, so no dataclips",
                    nlohmann::json::object()}};
  }
  if (migration.dataclips->empty()) {
    return {Finding{migration.source.app, Outcome::skip, "the plan says there are no dataclips",
                    nlohmann::json::object()}};
  }
  std::vector<Finding> findings;
  for (const auto& clip : *migration.dataclips) {
    Finding f;
    f.subject = clip.name;
    f.evidence = {{"database", clip.database}, {"reassigned", clip.reassigned}};
    const bool owned = names_any(clip.database, facts.target_databases);
    if (facts.shield_target) {
      f.outcome = Outcome::fail;
      f.message = "dataclip \"" + clip.name +
                  "\": Dataclips can't connect to Shield databases, "
                  "so it cannot move with \"" +
                  target +
                  "\"; export its query and results, or run it another way (waive this with a "
                  "reason if that is accepted)";
    } else if (!clip.reassigned) {
      f.outcome = Outcome::fail;
      f.message = "dataclip \"" + clip.name +
                  "\" is not reassigned yet: it still runs against the old database, which goes "
                  "when the source is destroyed; reassign it in the Dataclips UI to a database "
                  "of \"" +
                  target + "\"";
    } else if (!owned) {
      f.outcome = Outcome::fail;
      f.message = "dataclip \"" + clip.name + "\" is reassigned to " + clip.database +
                  ", which is not a Postgres database \"" + target + "\" owns";
    } else {
      f.outcome = Outcome::pass;
      f.message =
          "dataclip \"" + clip.name + "\" runs against " + clip.database + " of \"" + target + "\"";
    }
    findings.push_back(std::move(f));
  }
  return findings;
}

std::vector<Finding> DataclipsReassignedCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  DataclipsFacts facts;
  const std::string source = app_id(context, m.source, "app.source");
  facts.source_has_postgres =
      !postgres_owned_by(found_or_error(context.platform.addons(source),
                                        "source app \"" + m.source.app + "\"", "app.source"),
                         source)
           .empty();
  if (m.dataclips && !m.dataclips->empty()) {
    const App target = found_or_error(app_record(context, m.target),
                                      "target app \"" + m.target.app + "\"", "app.target");
    facts.shield_target = target.space && target.space->shield.value_or(false);
    if (target.space && !target.space->shield) {
      const auto space = context.platform.space(target.space->name);
      facts.shield_target = space && space->shield;
    }
    facts.target_databases =
        postgres_owned_by(found_or_error(context.platform.addons(target.id),
                                         "target app \"" + m.target.app + "\"", "app.target"),
                          target.id);
  }
  return evaluate_dataclips_reassigned(m, facts);
}

}  // namespace spaceport
