#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace spaceport {

/// The API base URL, chosen as the official Heroku CLI chooses it: --api-url, else HEROKU_HOST
/// (a value starting with "http" is the whole URL, any other value H means https://api.H),
/// else https://api.heroku.com. The result has no trailing slash.
std::string resolve_api_base(const std::optional<std::string>& api_url_option);

/// The Heroku Postgres data API base URL: --data-api-url, else HEROKU_DATA_HOST (a host name, as
/// the CLI takes it, or a whole URL), else https://api.data.heroku.com. No trailing slash.
std::string resolve_data_api_base(const std::optional<std::string>& data_api_url_option);

/// The API token and where it was found, for a message when the API refuses it.
struct ApiToken {
  std::string value;
  std::string source;  // "HEROKU_API_KEY", or "the ~/.netrc entry for machine HOST (PATH)"
};

/// The token, as the official CLI finds it: HEROKU_API_KEY, else the ~/.netrc entry whose
/// machine is the API host (with its port when the URL has one, as the CLI writes it).
/// A netrc that others can read is used, with a warning on `warnings` (when given).
std::optional<ApiToken> find_api_token(const std::string& api_base,
                                       std::ostream* warnings = nullptr);

/// The password of "machine" in netrc text, or nullopt.
std::optional<std::string> netrc_password(const std::string& netrc_text,
                                          const std::string& machine);

}  // namespace spaceport
