#include "probes/platform.hpp"

#include "core/sha256.hpp"

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
  return app;
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

}  // namespace

std::optional<App> Platform::app(const std::string& name) {
  const auto document = m_api.get_object("/apps/" + encode_path_segment(name));
  if (!document) {
    return std::nullopt;
  }
  return parse_document(*document, "an app", parse_app);
}

std::optional<Space> Platform::space(const std::string& name) {
  const auto document = m_api.get_object("/spaces/" + encode_path_segment(name));
  if (!document) {
    return std::nullopt;
  }
  return parse_document(*document, "a space", parse_space);
}

std::optional<ConfigDigests> Platform::config_digests(const std::string& app) {
  const auto document = m_api.get_object("/apps/" + encode_path_segment(app) + "/config-vars");
  if (!document) {
    return std::nullopt;
  }
  return parse_document(*document, "config vars", parse_config);
}

std::optional<std::vector<Attachment>> Platform::attachments(const std::string& app) {
  const auto document = m_api.get_list("/apps/" + encode_path_segment(app) + "/addon-attachments");
  if (!document) {
    return std::nullopt;
  }
  return parse_document(*document, "add-on attachments", parse_attachments);
}

}  // namespace spaceport
