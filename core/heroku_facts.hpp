#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spaceport {

/// Facts read from the Platform API, reduced to what checks decide on. Checks take these, never
/// raw API bodies, so they can be tested without a server.

struct SpaceRef {
  std::string id;
  std::string name;
  std::optional<bool> shield;
};

struct App {
  std::string id;
  std::string name;
  std::string region;
  std::string stack;
  std::optional<SpaceRef> space;  // nullopt: Common Runtime
  bool maintenance = false;
};

struct Space {
  std::string id;
  std::string name;
  std::string state;  // allocating | allocated | deleting
  std::string region;
  bool shield = false;
};

/// An add-on attachment: the add-on `addon_name`, owned by `addon_app`, attached to `app` as
/// `name` (which prefixes the config vars it sets there).
struct Attachment {
  std::string id;
  std::string name;
  std::string app;
  std::string addon_id;
  std::string addon_name;
  std::string addon_app;
};

/// Config var names with the SHA-256 of each value: values never leave the probe layer.
using ConfigDigests = std::map<std::string, std::string>;

}  // namespace spaceport
