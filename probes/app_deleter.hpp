#pragma once

#include <optional>
#include <string>

namespace spaceport {

class HerokuApi;

/// The one way spaceport deletes anything: DELETE /apps/{id}, which destroys the app and every
/// add-on it owns. Apart from Platform, which only reads, so that "a check only reads" is a
/// property of the types: checks are handed a Platform, and only `destroy` builds an AppDeleter.
class AppDeleter {
 public:
  explicit AppDeleter(HerokuApi& api) : m_api(api) {}

  /// Returns the Request-Id; nullopt when the app was already gone (404).
  std::optional<std::string> delete_app(const std::string& id);

 private:
  HerokuApi& m_api;
};

}  // namespace spaceport
