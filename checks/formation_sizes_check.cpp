#include "checks/formation_sizes_check.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"
#include "probes/platform.hpp"

namespace spaceport {
namespace {

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.rfind(prefix, 0) == 0;
}

/// The space size nearest in memory to a Common Runtime size (Dev Center "Dyno Types").
std::string space_equivalent(const std::string& size_lower) {
  if (size_lower == "performance-m") {
    return "M";
  }
  if (size_lower == "performance-l") {
    return "L";
  }
  if (size_lower == "performance-l-ram") {
    return "L-RAM";
  }
  if (size_lower == "performance-xl") {
    return "XL";
  }
  if (size_lower == "performance-2xl") {
    return "2XL";
  }
  return "S";
}

}  // namespace

std::vector<Finding> evaluate_formation_sizes(const Migration& migration,
                                              const FormationSizesFacts& facts) {
  const std::string& app = migration.target.app;
  if (facts.formation.empty()) {
    return {Finding{app,
                    Outcome::skip,
                    "target app \"" + app +
                        "\" has no process types yet; deploy to it, then scale it with space "
                        "sizes",
                    {{"process_types", 0}}}};
  }
  const bool fir = facts.target.generation == "fir";
  const bool shield = facts.space.shield;
  const std::string family = shield ? "Shield" : "Private";
  std::vector<Finding> findings;
  for (const Formation& f : facts.formation) {
    Finding finding;
    finding.subject = f.type;
    finding.evidence = {{"size", f.size},
                        {"quantity", f.quantity},
                        {"space", facts.space.name},
                        {"shield", shield},
                        {"generation", facts.target.generation}};
    const std::string size = ascii_lower(f.size);
    const std::string where = f.type + " on \"" + app + "\" uses " + f.size;
    if (fir) {
      if (starts_with(size, "dyno-")) {
        finding.outcome = Outcome::pass;
        finding.message = where + ", a Fir size";
      } else {
        finding.outcome = Outcome::fail;
        finding.message =
            where + ", which is not a Fir size; Fir spaces use dyno-<cores>c-<memory>gb sizes";
      }
    } else if (starts_with(size, "shield-")) {
      finding.outcome = shield ? Outcome::pass : Outcome::fail;
      finding.message = shield ? where + ", a Shield size"
                               : where + ", but Shield dynos run only in Shield spaces and \"" +
                                     facts.space.name + "\" is a Private Space; use Private-" +
                                     f.size.substr(7);
    } else if (starts_with(size, "private-")) {
      finding.outcome = Outcome::pass;
      finding.message = shield ? where +
                                     ", which the API reports for Shield apps (the dynos run as "
                                     "Shield-" +
                                     f.size.substr(8) + ")"
                               : where + ", a Private Space size";
    } else {
      finding.outcome = Outcome::fail;
      finding.message = where + ", a Common Runtime size that does not exist in space \"" +
                        facts.space.name + "\"; scale it with `heroku ps:type " + f.type + "=" +
                        family + "-" + space_equivalent(size) + " -a " + app + "`";
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> FormationSizesCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  FormationSizesFacts facts;
  facts.target = found_or_error(app_record(context, m.target),
                                "target app \"" + m.target.app + "\"", "app.target");
  facts.space = found_or_error(context.platform.space(m.target.space),
                               "space \"" + m.target.space + "\"", "space.target");
  facts.formation = context.platform.formation(app_id(context, m.target, "app.target"))
                        .value_or(std::vector<Formation>{});
  return evaluate_formation_sizes(m, facts);
}

}  // namespace spaceport
