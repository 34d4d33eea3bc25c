#include "probes/app_deleter.hpp"

#include "probes/heroku_api.hpp"

namespace spaceport {

std::optional<std::string> AppDeleter::delete_app(const std::string& id) {
  const auto document = m_api.delete_object("/apps/" + encode_path_segment(id));
  if (!document) {
    return std::nullopt;
  }
  return document->request_id;
}

}  // namespace spaceport
