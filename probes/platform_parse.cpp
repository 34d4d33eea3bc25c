#include "probes/platform_parse.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "core/dns_facts.hpp"
#include "core/sha256.hpp"

namespace spaceport {

using nlohmann::json;

namespace {

/// Reads body[key...] as a string, or throws naming the missing field.
const std::string& text_at(const json& body, std::initializer_list<const char*> keys) {
  const json* node = &body;
  std::string path;
  for (const char* key : keys) {
    path += path.empty() ? key : std::string(".") + key;
    if (!node->is_object() || !node->contains(key)) {
      throw std::invalid_argument("has no \"" + path + "\"");
    }
    node = &(*node)[key];
  }
  if (!node->is_string()) {
    throw std::invalid_argument("has a \"" + path + "\" that is not a string");
  }
  return node->get_ref<const std::string&>();
}

bool bool_at(const json& body, const char* key) {
  return body.contains(key) && body[key].is_boolean() && body[key].get<bool>();
}

std::optional<std::string> optional_text(const json& body, const char* key) {
  if (body.contains(key) && body[key].is_string()) {
    return body[key].get<std::string>();
  }
  return std::nullopt;
}

}  // namespace

App parse_app(const json& body) {
  App app;
  app.id = text_at(body, {"id"});
  app.name = text_at(body, {"name"});
  app.region = text_at(body, {"region", "name"});
  if (body.contains("stack") && body["stack"].is_object()) {
    app.stack = text_at(body, {"stack", "name"});
  }
  if (body.contains("maintenance") && body["maintenance"].is_boolean()) {
    app.maintenance = body["maintenance"].get<bool>();
  }
  if (body.contains("space") && !body["space"].is_null()) {
    SpaceRef space;
    space.id = text_at(body, {"space", "id"});
    space.name = text_at(body, {"space", "name"});
    if (body["space"].contains("shield") && body["space"]["shield"].is_boolean()) {
      space.shield = body["space"]["shield"].get<bool>();
    }
    app.space = std::move(space);
  }
  if (body.contains("generation") && body["generation"].is_object()) {
    app.generation = text_at(body, {"generation", "name"});
  }
  if (body.contains("owner") && body["owner"].is_object()) {
    app.owner = optional_text(body["owner"], "id").value_or("");
  }
  if (body.contains("team") && body["team"].is_object()) {
    app.team = optional_text(body["team"], "name").value_or("");
  }
  return app;
}

SpaceNat parse_nat(const json& body) {
  SpaceNat nat;
  nat.state = text_at(body, {"state"});
  if (body.contains("sources") && body["sources"].is_array()) {
    for (const auto& source : body["sources"]) {
      if (source.is_string()) {
        nat.sources.push_back(source.get<std::string>());
      }
    }
  }
  return nat;
}

std::vector<Addon> parse_addons(const json& body) {
  std::vector<Addon> out;
  for (const auto& item : body) {
    Addon addon;
    addon.id = text_at(item, {"id"});
    addon.name = text_at(item, {"name"});
    addon.app = text_at(item, {"app", "name"});
    addon.app_id = text_at(item, {"app", "id"});
    addon.service = text_at(item, {"addon_service", "name"});
    addon.plan = text_at(item, {"plan", "name"});
    addon.state = optional_text(item, "state").value_or("provisioned");
    out.push_back(std::move(addon));
  }
  return out;
}

Database parse_database(const json& body) {
  Database d;
  d.addon_id = text_at(body, {"addon_id"});
  d.name = text_at(body, {"name"});
  d.plan = optional_text(body, "plan").value_or("");
  d.postgres_version = optional_text(body, "postgres_version").value_or("");
  d.resource_url = optional_text(body, "resource_url").value_or("");
  d.following = optional_text(body, "following");
  d.leader = optional_text(body, "leader");
  if (const auto info = body.find("info"); info != body.end() && info->is_array()) {
    for (const auto& row : *info) {
      const auto values = row.find("values");
      if (!row.contains("name") || !row["name"].is_string() || values == row.end() ||
          !values->is_array() || values->empty() || !(*values)[0].is_string()) {
        continue;
      }
      const std::string name = row["name"];
      const std::string value = (*values)[0];
      if (name == "Status") {
        d.status = value;
      } else if (name == "Fork/Follow") {
        d.fork_follow = value;
      } else if (name == "PG Version" && d.postgres_version.empty()) {
        d.postgres_version = value;
      } else if (name == "Behind By") {
        long commits = 0;
        if (std::from_chars(value.data(), value.data() + value.size(), commits).ec == std::errc{}) {
          d.behind_by = commits;
        }
      }
    }
  }
  return d;
}

std::vector<AddonPlan> parse_plans(const json& body) {
  std::vector<AddonPlan> out;
  for (const auto& item : body) {
    AddonPlan plan;
    plan.name = text_at(item, {"name"});
    plan.installable_inside_private_network = bool_at(item, "installable_inside_private_network");
    plan.installable_outside_private_network = bool_at(item, "installable_outside_private_network");
    plan.space_default = bool_at(item, "space_default");
    out.push_back(std::move(plan));
  }
  return out;
}

std::vector<RegionCapability> parse_capabilities(const json& body) {
  std::vector<RegionCapability> out;
  for (const auto& item : body) {
    out.push_back(RegionCapability{text_at(item, {"region", "name"}),
                                   bool_at(item, "supports_private_networking")});
  }
  return out;
}

std::vector<Formation> parse_formation(const json& body) {
  std::vector<Formation> out;
  for (const auto& item : body) {
    Formation f;
    f.type = text_at(item, {"type"});
    if (!item.contains("quantity") || !item["quantity"].is_number_integer()) {
      throw std::invalid_argument("has a formation without an integer \"quantity\"");
    }
    f.quantity = item["quantity"].get<int>();
    f.size = item.contains("dyno_size") && item["dyno_size"].is_object()
                 ? text_at(item, {"dyno_size", "name"})
                 : text_at(item, {"size"});
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<Domain> parse_domains(const json& body) {
  std::vector<Domain> out;
  for (const auto& item : body) {
    Domain d;
    d.hostname = canonical_dns_name(text_at(item, {"hostname"}));
    d.kind = text_at(item, {"kind"});
    d.status = optional_text(item, "status").value_or("");
    if (auto cname = optional_text(item, "cname")) {
      d.cname = canonical_dns_name(*cname);
    }
    d.acm_status = optional_text(item, "acm_status");
    d.acm_status_reason = optional_text(item, "acm_status_reason");
    if (item.contains("sni_endpoint") && item["sni_endpoint"].is_object()) {
      d.sni_endpoint = text_at(item, {"sni_endpoint", "name"});
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<SniEndpoint> parse_sni_endpoints(const json& body) {
  std::vector<SniEndpoint> out;
  for (const auto& item : body) {
    SniEndpoint e;
    e.name = text_at(item, {"name"});
    if (item.contains("ssl_cert") && item["ssl_cert"].is_object()) {
      const json& cert = item["ssl_cert"];
      if (cert.contains("cert_domains") && cert["cert_domains"].is_array()) {
        for (const auto& domain : cert["cert_domains"]) {
          if (domain.is_string()) {
            e.cert_domains.push_back(canonical_dns_name(domain.get<std::string>()));
          }
        }
      }
      e.expires_at = optional_text(cert, "expires_at").value_or("");
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<Release> parse_releases(const json& body) {
  std::vector<Release> out;
  for (const auto& item : body) {
    Release r;
    if (!item.contains("version") || !item["version"].is_number_integer()) {
      throw std::invalid_argument("has a release without an integer \"version\"");
    }
    r.version = item["version"].get<int>();
    r.current = bool_at(item, "current");
    r.status = optional_text(item, "status").value_or("");
    if (item.contains("slug") && item["slug"].is_object()) {
      r.slug_id = text_at(item, {"slug", "id"});
    }
    out.push_back(std::move(r));
  }
  return out;
}

Slug parse_slug(const json& body) {
  Slug slug;
  slug.id = text_at(body, {"id"});
  slug.commit = optional_text(body, "commit");
  if (body.contains("stack") && body["stack"].is_object()) {
    slug.stack = text_at(body, {"stack", "name"});
  }
  return slug;
}

std::vector<std::string> parse_buildpacks(const json& body) {
  std::vector<std::pair<int, std::string>> ordered;
  for (const auto& item : body) {
    const int ordinal = item.contains("ordinal") && item["ordinal"].is_number_integer()
                            ? item["ordinal"].get<int>()
                            : static_cast<int>(ordered.size());
    const json& buildpack = item.contains("buildpack") ? item["buildpack"] : json::object();
    const auto name = optional_text(buildpack, "name");
    ordered.emplace_back(ordinal, name ? *name : text_at(item, {"buildpack", "url"}));
  }
  std::sort(ordered.begin(), ordered.end());
  std::vector<std::string> out;
  for (auto& [ordinal, name] : ordered) {
    out.push_back(std::move(name));
  }
  return out;
}

Space parse_space(const json& body) {
  Space space;
  space.id = text_at(body, {"id"});
  space.name = text_at(body, {"name"});
  space.state = text_at(body, {"state"});
  space.region = text_at(body, {"region", "name"});
  if (!body.contains("shield") || !body["shield"].is_boolean()) {
    throw std::invalid_argument("has no boolean \"shield\"");
  }
  space.shield = body["shield"].get<bool>();
  return space;
}

ConfigDigests parse_config(const json& body) {
  ConfigDigests digests;
  for (const auto& [key, value] : body.items()) {
    if (value.is_null()) {
      continue;
    }
    if (!value.is_string()) {
      throw std::invalid_argument("has a value for \"" + key + "\" that is not a string");
    }
    digests.emplace(key, sha256_hex(value.get_ref<const std::string&>()));
  }
  return digests;
}

std::vector<Attachment> parse_attachments(const json& body) {
  std::vector<Attachment> out;
  for (const auto& item : body) {
    Attachment attachment;
    attachment.id = text_at(item, {"id"});
    attachment.name = text_at(item, {"name"});
    attachment.app = text_at(item, {"app", "name"});
    attachment.addon_id = text_at(item, {"addon", "id"});
    attachment.addon_name = text_at(item, {"addon", "name"});
    attachment.addon_app = text_at(item, {"addon", "app", "name"});
    attachment.app_id = text_at(item, {"app", "id"});
    attachment.addon_app_id = text_at(item, {"addon", "app", "id"});
    out.push_back(std::move(attachment));
  }
  return out;
}

}  // namespace spaceport
