#include "probes/credentials.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <sstream>
#include <vector>

namespace spaceport {
namespace {

std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    return std::nullopt;
  }
  return std::string(value);
}

/// "https://api.heroku.com/x" -> "api.heroku.com"; "http://127.0.0.1:5055" -> "127.0.0.1:5055".
std::string host_and_port(const std::string& url) {
  const auto scheme = url.find("://");
  const std::size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  const auto end = url.find('/', start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

std::string resolve_api_base(const std::optional<std::string>& api_url_option) {
  std::string base;
  if (api_url_option && !api_url_option->empty()) {
    base = *api_url_option;
  } else if (const auto host = environment("HEROKU_HOST")) {
    base = host->rfind("http", 0) == 0 ? *host : "https://api." + *host;
  } else {
    base = "https://api.heroku.com";
  }
  while (!base.empty() && base.back() == '/') {
    base.pop_back();
  }
  return base;
}

std::string resolve_data_api_base(const std::optional<std::string>& data_api_url_option) {
  std::string base;
  if (data_api_url_option && !data_api_url_option->empty()) {
    base = *data_api_url_option;
  } else if (const auto host = environment("HEROKU_DATA_HOST")) {
    base = host->find("://") != std::string::npos ? *host : "https://" + *host;
  } else {
    base = "https://api.data.heroku.com";
  }
  while (!base.empty() && base.back() == '/') {
    base.pop_back();
  }
  return base;
}

std::optional<std::string> netrc_password(const std::string& netrc_text,
                                          const std::string& machine) {
  std::istringstream in(netrc_text);
  std::vector<std::string> tokens;
  std::string line;
  bool in_macro = false;
  while (std::getline(in, line)) {
    if (in_macro) {
      in_macro = !line.empty() && line != "\r";  // a macro body ends at a blank line
      continue;
    }
    std::istringstream words(line);
    std::string word;
    while (words >> word) {
      if (word.front() == '#') {
        break;
      }
      if (word == "macdef") {
        in_macro = true;
        break;
      }
      tokens.push_back(word);
    }
  }
  bool in_entry = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i] == "machine" && i + 1 < tokens.size()) {
      in_entry = tokens[i + 1] == machine;
      ++i;
    } else if (tokens[i] == "default") {
      in_entry = false;
    } else if ((tokens[i] == "login" || tokens[i] == "account") && i + 1 < tokens.size()) {
      ++i;  // its value, which may be any word, "password" included
    } else if (in_entry && tokens[i] == "password" && i + 1 < tokens.size()) {
      return tokens[i + 1];
    }
  }
  return std::nullopt;
}

std::optional<ApiToken> find_api_token(const std::string& api_base, std::ostream* warnings) {
  if (auto key = environment("HEROKU_API_KEY")) {
    return ApiToken{std::move(*key), "HEROKU_API_KEY"};
  }
  const auto home = environment("HOME");
  if (!home) {
    return std::nullopt;
  }
  const std::string path = *home + "/.netrc";
  std::ifstream in(path);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const std::string machine = host_and_port(api_base);
  auto token = netrc_password(text.str(), machine);
  if (!token) {
    return std::nullopt;
  }
  struct stat info {};
  if (warnings != nullptr && ::stat(path.c_str(), &info) == 0 &&
      (info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    // As ssh and ftp warn: a token others on the machine can read is a token others have.
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777U));
    *warnings << "spaceport: warning: " << path << " holds the API token and can be read by "
              << "other users (mode " << mode << "); make it private with `chmod 600 " << path
              << "`\n";
  }
  return ApiToken{std::move(*token),
                  "the ~/.netrc entry for machine " + machine + " (" + path + ")"};
}

}  // namespace spaceport
