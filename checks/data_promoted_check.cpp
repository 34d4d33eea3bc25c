#include "checks/data_promoted_check.hpp"

#include "checks/addon_kinds.hpp"
#include "probes/platform.hpp"

namespace spaceport {

Finding evaluate_data_promoted(const Migration& migration, bool source_has_postgres,
                               const std::optional<Attachment>& database,
                               const std::optional<Database>& record) {
  const std::string& target = migration.target.app;
  Finding f;
  if (!database) {
    f.subject = target;
    if (!source_has_postgres) {
      f.outcome = Outcome::skip;
      f.message = "neither app has a DATABASE_URL database: nothing to promote";
      return f;
    }
    f.outcome = Outcome::fail;
    f.message = "\"" + target +
                "\" has no DATABASE attachment, so no DATABASE_URL: promote its database with "
                "`heroku pg:promote <database> -a " +
                target + "`";
    return f;
  }
  f.subject = database->addon_name;
  f.evidence = {{"addon", database->addon_name}, {"owner", database->addon_app}};
  // The attachment is the target's own DATABASE (run() chose it by the target's id): the add-on
  // is the target's when its owner is the app it is attached to, by id.
  if (database->addon_app_id != database->app_id) {
    f.outcome = Outcome::fail;
    f.message = "DATABASE_URL of \"" + target + "\" is " + database->addon_name + ", owned by \"" +
                database->addon_app +
                "\": destroying that app would take the database away; "
                "promote the target's own database (`heroku pg:unfollow` then `heroku pg:promote "
                "<database> -a " +
                target + "`)";
    return f;
  }
  if (!record) {
    f.outcome = Outcome::error;
    f.message = "the data API has no record of " + database->addon_name +
                " (404): cannot tell whether it still follows a leader";
    return f;
  }
  f.evidence["status"] = record->status;
  f.evidence["follows"] = record->following.has_value() || record->leader.has_value();
  if (record->following || record->leader) {
    f.outcome = Outcome::fail;
    f.message = database->addon_name + " is DATABASE_URL of \"" + target + "\" but still follows " +
                record->leader.value_or("its leader") +
                ", so it is read-only: `heroku pg:unfollow " + database->addon_name + " -a " +
                target + "` (pg:promote does not unfollow)";
  } else if (record->status != "Available" && record->status != "available") {
    f.outcome = Outcome::fail;
    f.message = database->addon_name + " is DATABASE_URL of \"" + target +
                "\" but is not available (status \"" + record->status + "\")";
  } else {
    f.outcome = Outcome::pass;
    f.message = database->addon_name + " is DATABASE_URL of \"" + target +
                "\", owned by it, follows nothing and is available";
  }
  return f;
}

std::vector<Finding> DataPromotedCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  const std::string target = app_id(context, m.target, "app.target");
  const auto attachments = found_or_error(context.platform.attachments(target),
                                          "target app \"" + m.target.app + "\"", "app.target");
  std::optional<Attachment> database;
  for (const auto& a : attachments) {
    if (a.name == "DATABASE" && a.app_id == target) {
      database = a;
    }
  }
  std::optional<Database> record;
  if (database) {
    record = context.platform.database(database->addon_id);
  }
  const std::string source = app_id(context, m.source, "app.source");
  const auto addons = found_or_error(context.platform.addons(source),
                                     "source app \"" + m.source.app + "\"", "app.source");
  return {evaluate_data_promoted(m, !postgres_owned_by(addons, source).empty(), database, record)};
}

}  // namespace spaceport
