#include "probes/platform.hpp"

#include <algorithm>
#include <charconv>

#include "core/sha256.hpp"
#include "probes/log_reader.hpp"

namespace spaceport {
namespace {

using nlohmann::json;

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

template <typename Parse>
auto parse_document(const ApiDocument& document, const char* what, Parse parse) {
  try {
    return parse(document.body);
  } catch (const std::exception& e) {
    throw ApiError(
        "GET " + document.url + " returned " + what + " that " + e.what() +
        (document.request_id.empty() ? "" : " (Request-Id " + document.request_id + ")") +
        "; the API answer is not what the Platform API schema describes");
  }
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

/// The parsed document, or nullopt when the API answered 404.
template <typename Parse>
auto parsed(const std::optional<ApiDocument>& document, const char* what, Parse parse)
    -> std::optional<decltype(parse(std::declval<const json&>()))> {
  if (!document) {
    return std::nullopt;
  }
  return parse_document(*document, what, parse);
}

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
    d.hostname = text_at(item, {"hostname"});
    d.kind = text_at(item, {"kind"});
    d.status = optional_text(item, "status").value_or("");
    d.cname = optional_text(item, "cname");
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
            e.cert_domains.push_back(domain.get<std::string>());
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
    out.push_back(std::move(attachment));
  }
  return out;
}

/// The release that runs now: the one marked current, else the newest that succeeded.
std::optional<Release> current_release(const std::vector<Release>& releases) {
  std::optional<Release> newest;
  for (const auto& r : releases) {
    if (r.current) {
      return r;
    }
    if (r.status == "succeeded" && (!newest || r.version > newest->version)) {
      newest = r;
    }
  }
  return newest;
}

}  // namespace

std::optional<App> Platform::app(const std::string& name) {
  return parsed(m_api.get_object("/apps/" + encode_path_segment(name)), "an app", parse_app);
}

std::optional<Space> Platform::space(const std::string& name) {
  return parsed(m_api.get_object("/spaces/" + encode_path_segment(name)), "a space", parse_space);
}

std::optional<ConfigDigests> Platform::config_digests(const std::string& app) {
  return parsed(m_api.get_object("/apps/" + encode_path_segment(app) + "/config-vars"),
                "config vars", parse_config);
}

std::optional<std::vector<Attachment>> Platform::attachments(const std::string& app) {
  return parsed(m_api.get_list("/apps/" + encode_path_segment(app) + "/addon-attachments"),
                "add-on attachments", parse_attachments);
}

std::optional<SpaceNat> Platform::space_nat(const std::string& space) {
  return parsed(m_api.get_object("/spaces/" + encode_path_segment(space) + "/nat"), "a space NAT",
                parse_nat);
}

std::optional<std::vector<Addon>> Platform::addons(const std::string& app) {
  return parsed(m_api.get_list("/apps/" + encode_path_segment(app) + "/addons"), "add-ons",
                parse_addons);
}

std::optional<std::vector<AddonPlan>> Platform::service_plans(const std::string& service) {
  return parsed(m_api.get_list("/addon-services/" + encode_path_segment(service) + "/plans"),
                "add-on plans", parse_plans);
}

std::optional<std::vector<RegionCapability>> Platform::region_capabilities(
    const std::string& service) {
  return parsed(
      m_api.get_list("/addon-services/" + encode_path_segment(service) + "/region-capabilities"),
      "add-on region capabilities", parse_capabilities);
}

std::optional<std::vector<Formation>> Platform::formation(const std::string& app) {
  return parsed(m_api.get_list("/apps/" + encode_path_segment(app) + "/formation"), "a formation",
                parse_formation);
}

std::optional<std::vector<Domain>> Platform::domains(const std::string& app) {
  return parsed(m_api.get_list("/apps/" + encode_path_segment(app) + "/domains"), "domains",
                parse_domains);
}

std::optional<std::vector<SniEndpoint>> Platform::sni_endpoints(const std::string& app) {
  return parsed(m_api.get_list("/apps/" + encode_path_segment(app) + "/sni-endpoints"),
                "SNI endpoints", parse_sni_endpoints);
}

std::optional<ReleaseFacts> Platform::release_facts(const std::string& app) {
  const std::string base = "/apps/" + encode_path_segment(app);
  // The newest releases are enough to find the current one; apps can have thousands.
  const auto releases = m_api.get_first_page(base + "/releases", "version ..; order=desc, max=25;");
  if (!releases) {
    return std::nullopt;
  }
  ReleaseFacts facts;
  facts.release = current_release(parse_document(*releases, "releases", parse_releases));
  if (facts.release && facts.release->slug_id) {
    const auto slug =
        m_api.get_object(base + "/slugs/" + encode_path_segment(*facts.release->slug_id));
    if (slug) {
      facts.slug = parse_document(*slug, "a slug", parse_slug);
    }
  }
  const auto buildpacks = m_api.get_list(base + "/buildpack-installations");
  if (buildpacks) {
    facts.buildpacks = parse_document(*buildpacks, "buildpack installations", parse_buildpacks);
  }
  return facts;
}

std::optional<std::optional<std::string>> Platform::config_value(const std::string& app,
                                                                 const std::string& key) {
  const auto document = m_api.get_object("/apps/" + encode_path_segment(app) + "/config-vars");
  if (!document) {
    return std::nullopt;
  }
  const json& body = document->body;
  if (!body.contains(key) || !body[key].is_string()) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(body[key].get<std::string>());
}

std::optional<std::vector<Attachment>> Platform::addon_attachments(const std::string& addon_id) {
  return parsed(m_api.get_list("/addons/" + encode_path_segment(addon_id) + "/addon-attachments"),
                "add-on attachments", parse_attachments);
}

std::optional<std::pair<App, std::string>> Platform::app_now(const std::string& identity) {
  const auto document = m_api.get_fresh("/apps/" + encode_path_segment(identity));
  if (!document) {
    return std::nullopt;
  }
  return std::pair{parse_document(*document, "an app", parse_app), document->request_id};
}

std::optional<std::string> Platform::delete_app(const std::string& id) {
  const auto document = m_api.delete_object("/apps/" + encode_path_segment(id));
  if (!document) {
    return std::nullopt;
  }
  return document->request_id;
}

std::optional<Database> Platform::database(const std::string& addon_id) {
  return parsed(m_data_api.get_object("/client/v11/databases/" + encode_path_segment(addon_id)),
                "a database", parse_database);
}

void Platform::forget_logs() {
  m_logs.forget();
}

std::optional<std::string> Platform::recent_logs(const std::string& app, int lines) {
  return m_logs.get(app, [&]() -> std::optional<std::string> {
    const auto session = m_api.post_object("/apps/" + encode_path_segment(app) + "/log-sessions",
                                           {{"lines", lines}, {"tail", false}});
    if (!session) {
      return std::nullopt;
    }
    const auto url = session->body.find("logplex_url");
    if (url == session->body.end() || !url->is_string()) {
      throw ApiError("POST " + session->url + " (Request-Id " + session->request_id +
                     ") answered without a logplex_url");
    }
    HttpRequest request;
    request.url = url->get<std::string>();
    request.timeout = m_api.config().timeout;
    // Like the CLI: no Authorization header, the URL itself is the credential.
    request.log_as = "the log session stream of " + app;
    request.headers = {"Accept: text/event-stream", "Cache-Control: no-cache",
                       "User-Agent: " + m_api.config().user_agent};
    const HttpResponse response = m_transport.submit(std::move(request)).get();
    // The URL carries a credential: messages name the app, never the URL.
    if (!response.transport_error.empty()) {
      throw ApiError("the log stream of \"" + app + "\" broke off: " + response.failure_class +
                     "; a partial log cannot show the app is healthy, run the check again");
    }
    if (response.status != 200) {
      throw ApiError("the log stream of \"" + app + "\" answered HTTP " +
                     std::to_string(response.status) + " instead of the log lines");
    }
    const bool events =
        response.header("content-type").value_or("").find("text/event-stream") != std::string::npos;
    return events ? sse_data(response.body) : response.body;
  });
}

}  // namespace spaceport
