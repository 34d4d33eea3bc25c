#include "probes/platform.hpp"

#include <algorithm>

#include "probes/log_reader.hpp"
#include "probes/platform_parse.hpp"

namespace spaceport {
namespace {

using nlohmann::json;

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

/// The parsed document, or nullopt when the API answered 404.
template <typename Parse>
auto parsed(const std::optional<ApiDocument>& document, const char* what, Parse parse)
    -> std::optional<decltype(parse(std::declval<const json&>()))> {
  if (!document) {
    return std::nullopt;
  }
  return parse_document(*document, what, parse);
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
  if (m_lists != nullptr) {
    if (auto listed = m_lists->app(name)) {
      return listed;
    }
  }
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
  if (m_lists != nullptr) {
    if (auto listed = m_lists->attachments(app)) {
      return listed;
    }
  }
  return parsed(m_api.get_list("/apps/" + encode_path_segment(app) + "/addon-attachments"),
                "add-on attachments", parse_attachments);
}

std::optional<SpaceNat> Platform::space_nat(const std::string& space) {
  return parsed(m_api.get_object("/spaces/" + encode_path_segment(space) + "/nat"), "a space NAT",
                parse_nat);
}

std::optional<std::vector<Addon>> Platform::addons(const std::string& app) {
  if (m_lists != nullptr) {
    if (auto listed = m_lists->addons(app)) {
      return listed;
    }
  }
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

std::optional<std::string> Platform::config_value(const std::string& app, const std::string& key) {
  const auto document = m_api.get_object("/apps/" + encode_path_segment(app) + "/config-vars");
  if (!document) {
    return std::nullopt;
  }
  const json& body = document->body;
  const auto value = body.find(key);
  if (value == body.end() || !value->is_string()) {
    return std::string();
  }
  return value->get<std::string>();
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

std::optional<Database> Platform::database(const std::string& addon_id) {
  return parsed(m_data_api.get_object("/client/v11/databases/" + encode_path_segment(addon_id)),
                "a database", parse_database);
}

void Platform::forget_logs() {
  m_logs.forget();
}

std::optional<std::string> Platform::recent_logs(const std::string& app, const std::string& name,
                                                 int lines) {
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
    request.log_as = "the log session stream of " + name;
    request.headers = {"Accept: text/event-stream", "Cache-Control: no-cache",
                       "User-Agent: " + m_api.config().user_agent};
    const HttpResponse response = m_transport.submit(std::move(request)).get();
    // The URL carries a credential: messages name the app, never the URL.
    if (!response.transport_error.empty()) {
      throw ApiError("the log stream of \"" + name + "\" broke off: " + response.failure_class +
                     "; a partial log cannot show the app is healthy, run the check again");
    }
    if (response.status != 200) {
      throw ApiError("the log stream of \"" + name + "\" answered HTTP " +
                     std::to_string(response.status) + " instead of the log lines");
    }
    const bool events =
        response.header("content-type").value_or("").find("text/event-stream") != std::string::npos;
    return events ? sse_data(response.body) : response.body;
  });
}

}  // namespace spaceport
