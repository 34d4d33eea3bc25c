#include "probes/heroku_api.hpp"

#include <charconv>
#include <set>
#include <thread>

#include "core/text.hpp"

namespace spaceport {
namespace {

constexpr int k_max_rate_limit_retries = 3;
// A 502/503/504 or a broken connection is usually one bad moment of a proxy or a router: an
// idempotent read is tried again, at most this often, after 250 ms, 500 ms and 1 s.
constexpr int k_max_transient_retries = 3;
constexpr std::chrono::milliseconds k_first_backoff{250};

bool is_transient_status(long status) {
  return status == 502 || status == 503 || status == 504;
}
constexpr int k_max_pages = 1000;

std::string describe_exchange(const std::string& url, const HttpResponse& response) {
  std::string text = "GET " + url;
  if (response.status != 0) {
    text += " answered " + std::to_string(response.status);
  }
  if (const auto id = response.header("request-id")) {
    text += " (Request-Id " + sanitize_text(*id, 200) + ")";
  }
  return text;
}

/// The {id, message} error body the Platform API sends, when there is one.
std::string api_error_text(const HttpResponse& response) {
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (!body.is_object()) {
    return {};
  }
  std::string text;
  if (const auto id = body.find("id"); id != body.end() && id->is_string()) {
    text += id->get<std::string>();
  }
  if (const auto message = body.find("message"); message != body.end() && message->is_string()) {
    text += (text.empty() ? "" : ": ") + message->get<std::string>();
  }
  return sanitize_text(text, 500);
}

std::string advice_for(long status) {
  switch (status) {
    case 401:
      return "the API token is missing, invalid or expired; set HEROKU_API_KEY (or ~/.netrc) to a "
             "valid token";
    case 403:
      return "the token's user cannot see this resource; use a token of a team member with "
             "access to the app or space";
    case 406:
      return "the server did not accept the Platform API v3 Accept header; check --api-url";
    case 429:
      return "the account's API rate limit is exhausted; wait a few minutes and run again";
    default:
      break;
  }
  if (status >= 500) {
    return "the Heroku API had a server error; run again later, and check "
           "https://status.heroku.com";
  }
  return "check the plan's names and the --api-url";
}

std::optional<std::chrono::milliseconds> parse_retry_after(const HttpResponse& response) {
  const auto value = response.header("retry-after");
  if (!value) {
    return std::nullopt;
  }
  long seconds = 0;
  const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), seconds);
  if (error != std::errc{} || end != value->data() + value->size() || seconds < 0) {
    return std::nullopt;
  }
  return std::chrono::seconds(seconds);
}

bool is_json_content_type(const HttpResponse& response) {
  const std::string type = response.header("content-type").value_or("");
  const std::string base = type.substr(0, type.find(';'));
  return base == "application/json" ||
         (base.size() > 5 && base.compare(base.size() - 5, 5, "+json") == 0);
}

nlohmann::json parse_json_body(const std::string& url, const HttpResponse& response) {
  if (!is_json_content_type(response)) {
    // The body is never quoted: it may be config var values under a wrong Content-Type.
    const auto first = response.body.find_first_not_of(" \t\r\n");
    const bool html = first != std::string::npos && response.body[first] == '<';
    throw ApiError(describe_exchange(url, response) + " with Content-Type \"" +
                   sanitize_text(response.header("content-type").value_or("none"), 100) +
                   "\" instead of JSON (" + std::to_string(response.body.size()) + " bytes" +
                   (html ? ", an HTML page" : "") +
                   "); a proxy or captive portal may be in the way; check --api-url");
  }
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded()) {
    throw ApiError(describe_exchange(url, response) + " with a body that is not valid JSON (" +
                   std::to_string(response.body.size()) +
                   " bytes, possibly truncated); run again, and report it if it persists");
  }
  return body;
}

}  // namespace

std::chrono::milliseconds throttle_delay(long remaining) noexcept {
  constexpr long k_threshold = 200;
  constexpr long k_refill_interval_ms = 800;
  if (remaining >= k_threshold) {
    return std::chrono::milliseconds(0);
  }
  const long left = remaining < 0 ? 0 : remaining;
  return std::chrono::milliseconds(k_refill_interval_ms * (k_threshold - left) / k_threshold);
}

std::string encode_path_segment(std::string_view segment) {
  static constexpr std::string_view k_hex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : segment) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 0x0F];
    }
  }
  return out;
}

HerokuApi::HerokuApi(HttpTransport& transport, ApiConfig config)
    : m_transport(transport), m_config(std::move(config)) {}

std::optional<ApiDocument> HerokuApi::get_object(const std::string& path) {
  return cached(path, Shape::object, {});
}

std::optional<ApiDocument> HerokuApi::get_list(const std::string& path) {
  return cached(path, Shape::list, "id ..; max=1000;");
}

std::optional<ApiDocument> HerokuApi::get_first_page(const std::string& path,
                                                     const std::string& range) {
  return cached(path, Shape::first_page, range);
}

void HerokuApi::forget() {
  const std::lock_guard lock(m_mutex);
  m_cache.clear();
}

std::optional<ApiDocument> HerokuApi::get_fresh(const std::string& path) {
  return fetch(path, Shape::object, {});
}

std::optional<ApiDocument> HerokuApi::delete_object(const std::string& path) {
  return fetch(path, Shape::deleted, {});
}

std::optional<ApiDocument> HerokuApi::post_object(const std::string& path,
                                                  const nlohmann::json& body) {
  return cached(path, Shape::created, body.dump());
}

std::optional<ApiDocument> HerokuApi::cached(const std::string& path, Shape shape,
                                             const std::string& range) {
  // One request per distinct path and Range: a first page and a whole list are different answers.
  const std::string key = shape == Shape::created ? "POST " + path + "\n" + range
                          : range.empty()         ? path
                                                  : path + "\nRange: " + range;
  std::promise<std::optional<ApiDocument>> promise;
  Cached answer;
  bool first = false;
  {
    const std::lock_guard lock(m_mutex);
    const auto found = m_cache.find(key);
    if (found != m_cache.end()) {
      answer = found->second;
    } else {
      answer = promise.get_future().share();
      m_cache.emplace(key, answer);
      first = true;
    }
  }
  if (first) {
    try {
      promise.set_value(fetch(path, shape, range));
    } catch (...) {
      promise.set_exception(std::current_exception());
    }
  }
  return answer.get();
}

HttpResponse HerokuApi::send(const std::string& url, const std::optional<std::string>& range,
                             const std::string* post_body, Method method) {
  // Only a GET may be sent twice: a DELETE or POST that seemed to fail may have happened.
  const bool idempotent = method != Method::del && post_body == nullptr;
  int transient_retries = 0;
  int rate_limit_retries = 0;
  for (int attempt = 1;; ++attempt) {
    const auto pause = throttle_delay(m_rate_remaining.load());
    if (pause.count() > 0) {
      std::this_thread::sleep_for(pause);
    }
    HttpRequest request;
    request.url = url;
    request.timeout = m_config.timeout;
    request.attempt = attempt;
    request.headers = {"Accept: application/vnd.heroku+json; version=3",
                       "Authorization: Bearer " + m_config.token,
                       "User-Agent: " + m_config.user_agent};
    if (range) {
      request.headers.push_back("Range: " + *range);
    }
    if (method == Method::del) {
      request.method = "DELETE";
    } else if (post_body != nullptr) {
      request.method = "POST";
      request.body = *post_body;
      request.headers.emplace_back("Content-Type: application/json");
    }
    HttpResponse response = m_transport.submit(std::move(request)).get();
    const bool transient = response.transport_error.empty() ? is_transient_status(response.status)
                                                            : response.connection_lost;
    if (idempotent && transient && transient_retries < k_max_transient_retries) {
      std::this_thread::sleep_for(k_first_backoff * (1 << transient_retries));
      ++transient_retries;
      continue;
    }
    if (!response.transport_error.empty()) {
      throw ApiError((method == Method::del  ? "DELETE "
                      : post_body != nullptr ? "POST "
                                             : "GET ") +
                     url + " failed: " + response.transport_error +
                     (transient_retries > 0
                          ? " (after " + std::to_string(transient_retries + 1) + " attempts)"
                          : std::string()) +
                     "; check the network and " + m_config.url_option + ", or raise --timeout");
    }
    if (const auto remaining = response.header("ratelimit-remaining")) {
      long value = 0;
      if (std::from_chars(remaining->data(), remaining->data() + remaining->size(), value).ec ==
          std::errc{}) {
        m_rate_remaining.store(value);
      }
    }
    if (response.status != 429) {
      return response;
    }
    const auto wait =
        parse_retry_after(response).value_or(std::chrono::seconds(1 << rate_limit_retries));
    if (rate_limit_retries >= k_max_rate_limit_retries || wait > m_config.max_retry_wait) {
      throw ApiError(describe_exchange(url, response) + " (rate limited; Retry-After " +
                     response.header("retry-after").value_or("absent") + "): " + advice_for(429));
    }
    ++rate_limit_retries;
    std::this_thread::sleep_for(wait);
  }
}

std::optional<ApiDocument> HerokuApi::fetch(const std::string& path, Shape shape,
                                            const std::string& first_range) {
  const std::string url = m_config.base_url + path;
  ApiDocument document;
  document.url = url;
  document.body = shape == Shape::object ? nlohmann::json() : nlohmann::json::array();
  std::optional<std::string> range;
  if (shape == Shape::deleted) {
    const HttpResponse response = send(url, std::nullopt, nullptr, Method::del);
    document.request_id = response.header("request-id").value_or("");
    if (response.status == 404) {
      return std::nullopt;
    }
    if (response.status != 200 && response.status != 202 && response.status != 204) {
      std::string text = "DELETE" + describe_exchange(url, response).substr(3);
      if (const std::string detail = api_error_text(response); !detail.empty()) {
        text += ": " + detail;
      }
      throw ApiError(text + "; " + advice_for(response.status));
    }
    if (!response.body.empty()) {
      document.body = parse_json_body(url, response);
    }
    return document;
  }
  if (shape == Shape::created) {
    const HttpResponse response = send(url, std::nullopt, &first_range);
    document.request_id = response.header("request-id").value_or("");
    if (response.status == 404) {
      return std::nullopt;
    }
    if (response.status != 200 && response.status != 201) {
      std::string text = ("POST" + describe_exchange(url, response).substr(3));
      if (const std::string detail = api_error_text(response); !detail.empty()) {
        text += ": " + detail;
      }
      throw ApiError(text + "; " + advice_for(response.status));
    }
    document.body = parse_json_body(url, response);
    if (!document.body.is_object()) {
      throw ApiError(("POST" + describe_exchange(url, response).substr(3)) +
                     " with JSON that is not an object");
    }
    return document;
  }
  if (!first_range.empty()) {
    range = first_range;
  }
  std::set<std::string> seen_ranges;
  for (int page = 0;; ++page) {
    const HttpResponse response = send(url, range);
    if (document.request_id.empty()) {
      document.request_id = response.header("request-id").value_or("");
    }
    if (response.status == 404) {
      return std::nullopt;
    }
    if (response.status != 200 && response.status != 206) {
      std::string text = describe_exchange(url, response);
      if (const std::string detail = api_error_text(response); !detail.empty()) {
        text += ": " + detail;
      }
      throw ApiError(text + "; " + advice_for(response.status));
    }
    nlohmann::json body = parse_json_body(url, response);
    if (shape == Shape::object) {
      if (!body.is_object()) {
        throw ApiError(describe_exchange(url, response) + " with JSON that is not an object");
      }
      document.body = std::move(body);
      return document;
    }
    if (!body.is_array()) {
      throw ApiError(describe_exchange(url, response) + " with JSON that is not a list");
    }
    for (auto& item : body) {
      document.body.push_back(std::move(item));
    }
    if (response.status == 200 || shape == Shape::first_page) {
      return document;
    }
    const auto next = response.header("next-range");
    if (!next || next->empty()) {
      throw ApiError(describe_exchange(url, response) +
                     " (206 Partial Content) without a Next-Range header; the list cannot be "
                     "completed");
    }
    if (!seen_ranges.insert(*next).second || page + 1 >= k_max_pages) {
      throw ApiError(describe_exchange(url, response) + " repeated Next-Range \"" +
                     sanitize_text(*next, 200) + "\"; the paging does not advance");
    }
    range = *next;
  }
}

}  // namespace spaceport
