#include "checks/config_parity_check.hpp"

#include "probes/platform.hpp"

namespace spaceport {
namespace {

/// The attachment that sets key on the source app, if any. Heroku names an attachment's config
/// vars after the attachment (DATABASE -> DATABASE_URL, HEROKU_POSTGRESQL_PINK ->
/// HEROKU_POSTGRESQL_PINK_URL), so a key is attachment-set when it starts with "<NAME>_".
/// The rule errs towards skipping a user key that shares the prefix; such keys are reported as
/// skip with the attachment named, never hidden.
const Attachment* setting_attachment(const std::string& key,
                                     const std::vector<Attachment>& attachments) {
  for (const auto& attachment : attachments) {
    const std::string prefix = attachment.name + "_";
    if (key.rfind(prefix, 0) == 0) {
      return &attachment;
    }
  }
  return nullptr;
}

}  // namespace

std::vector<Finding> evaluate_config_parity(const Migration& migration,
                                            const ConfigParityFacts& facts) {
  const std::string& source_app = migration.source.app;
  const std::string& target_app = migration.target.app;
  if (!facts.source || !facts.target) {
    Finding finding;
    finding.subject = source_app;
    finding.outcome = Outcome::error;
    finding.message = std::string("cannot compare config vars: the ") +
                      (!facts.source ? "source app \"" + source_app + "\""
                                     : "target app \"" + target_app + "\"") +
                      " was not found (404); see " + (!facts.source ? "app.source" : "app.target");
    return {finding};
  }
  const ConfigDigests& source = *facts.source;
  const ConfigDigests& target = *facts.target;
  if (source.empty()) {
    Finding finding;
    finding.subject = source_app;
    finding.outcome = Outcome::pass;
    finding.message = "source app \"" + source_app + "\" has no config vars to carry over";
    finding.evidence = {{"source_keys", 0}};
    return {finding};
  }
  std::vector<Finding> findings;
  for (const auto& [key, digest] : source) {
    Finding finding;
    finding.subject = key;
    const auto on_target = target.find(key);
    finding.evidence = {{"source_app", source_app},
                        {"target_app", target_app},
                        {"on_target", on_target != target.end()}};
    if (const Attachment* attachment = setting_attachment(key, facts.source_attachments)) {
      finding.outcome = Outcome::skip;
      finding.message = key + " is set by the add-on attachment " + attachment->name + " (" +
                        attachment->addon_name +
                        "); the target gets its own value from its own add-on";
      finding.evidence["attachment"] = attachment->name;
      finding.evidence["addon"] = attachment->addon_name;
    } else if (on_target == target.end()) {
      finding.outcome = Outcome::fail;
      finding.message = key + " is set on \"" + source_app + "\" but missing on \"" + target_app +
                        "\"; set it with `heroku config:set " + key + "=... -a " + target_app +
                        "` (values are never shown here)";
    } else if (on_target->second != digest) {
      finding.outcome = Outcome::warn;
      finding.evidence["equal"] = false;
      finding.message = key + " differs between \"" + source_app + "\" and \"" + target_app +
                        "\" (compared by SHA-256; values are never shown); confirm the target's "
                        "value is intended";
    } else {
      finding.outcome = Outcome::pass;
      finding.evidence["equal"] = true;
      finding.message = key + " is on \"" + target_app + "\" with the same value";
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> ConfigParityCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  ConfigParityFacts facts;
  const auto source = found_app_id(context, m.source);
  const auto target = found_app_id(context, m.target);
  if (source) {
    facts.source = context.platform.config_digests(*source);
  }
  if (target) {
    facts.target = context.platform.config_digests(*target);
  }
  if (facts.source) {
    auto attachments = context.platform.attachments(*source);
    if (attachments) {
      for (auto& attachment : *attachments) {
        if (attachment.app_id == *source) {
          facts.source_attachments.push_back(std::move(attachment));
        }
      }
    }
  }
  return evaluate_config_parity(m, facts);
}

}  // namespace spaceport
