#include "core/url.hpp"

#include <cctype>
#include <charconv>

#include "core/text.hpp"

namespace spaceport {
namespace {

bool valid_host(std::string_view host, bool bracketed) {
  if (host.empty()) {
    return false;
  }
  for (const char c : host) {
    const bool allowed =
        bracketed
            ? std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.'
            : std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_';
    if (!allowed) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<UrlParts> split_url(std::string_view url) {
  // A space or a control character has no place in a URL; a typo, a pasted line break.
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return std::nullopt;
    }
  }
  const auto separator = url.find("://");
  if (separator == std::string_view::npos) {
    return std::nullopt;
  }
  UrlParts parts;
  parts.scheme = ascii_lower(url.substr(0, separator));
  if (parts.scheme != "http" && parts.scheme != "https") {
    return std::nullopt;
  }
  std::string_view authority = url.substr(separator + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) {
    return std::nullopt;  // credentials in a health URL would end up in reports
  }
  std::string_view port_text;
  bool bracketed = false;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    parts.host = ascii_lower(authority.substr(1, close - 1));
    bracketed = true;
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') {
        return std::nullopt;
      }
      port_text = authority.substr(close + 2);
    }
  } else {
    const auto colon = authority.find(':');
    parts.host = ascii_lower(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
    }
  }
  if (!valid_host(parts.host, bracketed)) {
    return std::nullopt;
  }
  parts.port = parts.scheme == "https" ? 443 : 80;
  if (!port_text.empty()) {
    const auto [end, error] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), parts.port);
    if (error != std::errc() || end != port_text.data() + port_text.size() || parts.port <= 0 ||
        parts.port > 65535) {
      return std::nullopt;
    }
  }
  return parts;
}

}  // namespace spaceport
