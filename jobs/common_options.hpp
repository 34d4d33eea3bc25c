#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace spaceport {

/// --color: whether the console report is coloured.
enum class ColorChoice { auto_detect, always, never };

/// Options every command that talks to Heroku shares.
struct CommonOptions {
  std::optional<std::string> api_url;
  std::optional<std::string> data_api_url;
  std::string ca_file;
  std::chrono::milliseconds timeout{30'000};
  int concurrency = 32;
  ColorChoice color = ColorChoice::auto_detect;  // --color, --no-color (never)
  bool quiet = false;
  bool verbose = false;                // --verbose: each request and DNS query on standard error
  std::vector<std::string> resolvers;  // --resolver, normalized "ip:port"
  std::vector<std::string> authoritative;  // --authoritative, normalized "ip:port"
  int tls_port = 443;
  // --request-budget: the Platform API requests a run may spend (for watch: an hour); unset, a
  // run leaves 10 % of what the account has left when it starts.
  std::optional<long> request_budget;
};

}  // namespace spaceport
