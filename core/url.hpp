#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace spaceport {

/// The parts of an http(s) URL spaceport needs to aim a request at a chosen address.
struct UrlParts {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // lower case, without brackets
  int port = 0;
};

/// nullopt when `url` is not an absolute http or https URL with a host, or when it carries
/// credentials (user:password@), which would end up in reports.
std::optional<UrlParts> split_url(std::string_view url);

}  // namespace spaceport
