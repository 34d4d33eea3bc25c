#include "probes/heroku_api.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <thread>

#include "core/text.hpp"

namespace spaceport {
namespace {

/// "256 MiB", or "2000 bytes" below a mebibyte.
std::string amount(std::size_t bytes) {
  return bytes >= (std::size_t{1} << 20U) ? std::to_string(bytes >> 20U) + " MiB"
                                          : std::to_string(bytes) + " bytes";
}

constexpr int k_max_rate_limit_retries = 3;
// A 502/503/504 or a broken connection is usually one bad moment of a proxy or a router: an
// idempotent read is tried again, at most this often, after 250 ms, 500 ms and 1 s.
constexpr int k_max_transient_retries = 3;
constexpr std::chrono::milliseconds k_first_backoff{250};

bool is_transient_status(long status) {
  return status == 502 || status == 503 || status == 504;
}
constexpr int k_max_pages = 1000;

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

/// The RateLimit-Remaining header of an answer, when it has a number.
std::optional<long> remaining_of(const HttpResponse& response) {
  const auto header = response.header("ratelimit-remaining");
  long value = 0;
  if (!header ||
      std::from_chars(header->data(), header->data() + header->size(), value).ec != std::errc{}) {
    return std::nullopt;
  }
  return value;
}

const char* method_name(ApiMethod method) {
  switch (method) {
    case ApiMethod::post:
      return "POST";
    case ApiMethod::del:
      return "DELETE";
    case ApiMethod::get:
      break;
  }
  return "GET";
}

}  // namespace

namespace {
thread_local RequestIdTrail* t_trail = nullptr;
}  // namespace

RequestIdTrail::RequestIdTrail() : m_outer(t_trail) {
  t_trail = this;
}

RequestIdTrail::~RequestIdTrail() {
  t_trail = m_outer;
}

void RequestIdTrail::note(const std::string& request_id) {
  if (t_trail == nullptr || request_id.empty()) {
    return;
  }
  auto& ids = t_trail->m_ids;
  if (std::find(ids.begin(), ids.end(), request_id) == ids.end()) {
    ids.push_back(request_id);
  }
}

bool can_send_as_range(std::string_view value) {
  return !value.empty() && value.size() <= 1024 &&
         std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
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
    : m_transport(transport), m_config(std::move(config)) {
  // Settled once here, not on every request: without a reader of its own, a client reads the
  // pool through its own GET /account/rate-limits.
  if (!m_config.read_pool) {
    m_config.read_pool = [this] { return rate_limit_remaining(); };
  }
}

std::optional<ApiDocument> HerokuApi::get_object(const std::string& path) {
  return cached(ApiRequest{.method = ApiMethod::get, .path = path}, Pages::first);
}

std::optional<ApiDocument> HerokuApi::get_list(const std::string& path) {
  return cached(ApiRequest{.method = ApiMethod::get, .path = path, .range = "id ..; max=1000;"},
                Pages::all);
}

std::optional<ApiDocument> HerokuApi::get_list_within(const std::string& path,
                                                      std::size_t max_pages) {
  // Not kept in this run's cache: its one reader (probes/fleet_lists) keeps what it needs of an
  // account's lists, parsed, and the text would double a fleet's memory.
  auto document =
      fetch_pages(ApiRequest{.method = ApiMethod::get, .path = path, .range = "id ..; max=1000;"},
                  Pages::all, max_pages);
  if (document) {
    RequestIdTrail::note(document->request_id);
  }
  return document;
}

std::optional<ApiDocument> HerokuApi::get_first_page(const std::string& path,
                                                     const std::string& range) {
  return cached(ApiRequest{.method = ApiMethod::get, .path = path, .range = range}, Pages::first);
}

std::optional<long> HerokuApi::rate_limit_remaining() {
  HttpRequest request;
  request.url = m_config.base_url + "/account/rate-limits";
  request.timeout = m_config.timeout;
  request.headers = {"Accept: application/vnd.heroku+json; version=3",
                     "Authorization: Bearer " + m_config.token,
                     "User-Agent: " + m_config.user_agent};
  const HttpResponse response = m_transport.submit(std::move(request)).get();
  if (!response.transport_error.empty() || response.status != 200) {
    return remaining_of(response);
  }
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  const auto remaining = body.is_object() ? body.find("remaining") : body.end();
  if (!body.is_object() || remaining == body.end() || !remaining->is_number_integer()) {
    return remaining_of(response);
  }
  return remaining->get<long>();
}

void HerokuApi::forget() {
  m_cache.forget();
}

std::optional<ApiDocument> HerokuApi::get_fresh(const std::string& path) {
  auto document = fetch_object(ApiRequest{.method = ApiMethod::get, .path = path});
  if (document) {
    RequestIdTrail::note(document->request_id);
  }
  return document;
}

std::optional<ApiDocument> HerokuApi::delete_object(const std::string& path) {
  return send_change(ApiRequest{.method = ApiMethod::del, .path = path});
}

std::optional<ApiDocument> HerokuApi::post_object(const std::string& path,
                                                  const nlohmann::json& body) {
  return cached(ApiRequest{.method = ApiMethod::post, .path = path, .body = body.dump()},
                Pages::first);
}

std::optional<ApiDocument> HerokuApi::cached(const ApiRequest& request, Pages pages) {
  // One request per distinct method, path, Range and body: a first page and a whole list are
  // different answers.
  const std::string key = std::string(method_name(request.method)) + " " + request.path +
                          "\nRange: " + request.range + "\n" + request.body;
  const auto stored = m_cache.get(key, [&]() -> std::optional<Stored> {
    const auto document = request.method == ApiMethod::post ? send_change(request)
                          : request.range.empty()           ? fetch_object(request)
                                                            : fetch_pages(request, pages, 0);
    if (!document) {
      return std::nullopt;
    }
    return Stored{document->body.dump(), document->url, document->request_id};
  });
  if (!stored) {
    return std::nullopt;
  }
  RequestIdTrail::note(stored->request_id);
  return ApiDocument{nlohmann::json::parse(stored->body), stored->url, stored->request_id};
}

std::string HerokuApi::describe(const ApiRequest& request, const HttpResponse& response) const {
  std::string text =
      std::string(method_name(request.method)) + " " + m_config.base_url + request.path;
  if (response.status != 0) {
    text += " answered " + std::to_string(response.status);
  }
  if (const auto id = response.header("request-id")) {
    text += " (Request-Id " + sanitize_text(*id, 200) + ")";
  }
  return text;
}

void HerokuApi::fail(const ApiRequest& request, const HttpResponse& response) const {
  std::string text = describe(request, response);
  if (const std::string detail = api_error_text(response); !detail.empty()) {
    text += ": " + detail;
  }
  throw ApiError(text + "; " + advice_for(response.status), response.status);
}

nlohmann::json HerokuApi::parse_body(const ApiRequest& request,
                                     const HttpResponse& response) const {
  if (!is_json_content_type(response)) {
    // The body is never quoted: it may be config var values under a wrong Content-Type.
    const auto first = response.body.find_first_not_of(" \t\r\n");
    const bool html = first != std::string::npos && response.body[first] == '<';
    throw ApiError(describe(request, response) + " with Content-Type \"" +
                   sanitize_text(response.header("content-type").value_or("none"), 100) +
                   "\" instead of JSON (" + std::to_string(response.body.size()) + " bytes" +
                   (html ? ", an HTML page" : "") +
                   "); a proxy or captive portal may be in the way; check " + m_config.url_option);
  }
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded()) {
    throw ApiError(describe(request, response) + " with a body that is not valid JSON (" +
                   std::to_string(response.body.size()) +
                   " bytes, possibly truncated); run again, and report it if it persists");
  }
  return body;
}

HttpResponse HerokuApi::send(const ApiRequest& api_request) {
  // Only a GET may be sent twice: a DELETE or POST that seemed to fail may have happened.
  const bool idempotent = api_request.method == ApiMethod::get;
  int transient_retries = 0;
  int rate_limit_retries = 0;
  for (int attempt = 1;; ++attempt) {
    HttpRequest request;
    request.method = method_name(api_request.method);
    request.url = m_config.base_url + api_request.path;
    request.timeout = m_config.timeout;
    request.attempt = attempt;
    request.headers = {"Accept: application/vnd.heroku+json; version=3",
                       "Authorization: Bearer " + m_config.token,
                       "User-Agent: " + m_config.user_agent};
    if (!api_request.range.empty()) {
      request.headers.push_back("Range: " + api_request.range);
    }
    if (api_request.method == ApiMethod::post) {
      request.body = api_request.body;
      request.headers.emplace_back("Content-Type: application/json");
    }
    if (m_config.budget != nullptr) {
      m_config.budget->acquire(m_config.read_pool);
    }
    HttpResponse response = m_transport.submit(std::move(request)).get();
    if (m_config.budget != nullptr) {
      m_config.budget->release(remaining_of(response), response.status == 429);
    }
    // Each answer is capped by the transport; the run's answers together are capped here, so
    // that an API answering without end cannot fill the machine's memory.
    const auto total = m_bytes_read += response.body.size();
    if (total > m_config.max_run_bytes) {
      throw ApiError(describe(api_request, response) + ": the run has read " + amount(total) +
                     " of answers from " + m_config.base_url + ", over its budget of " +
                     amount(m_config.max_run_bytes) +
                     " (SPACEPORT_MAX_RUN_BYTES); split the fleet (--shard) or raise it");
    }
    const bool transient = response.transport_error.empty() ? is_transient_status(response.status)
                                                            : response.connection_lost;
    if (idempotent && transient && transient_retries < k_max_transient_retries) {
      std::this_thread::sleep_for(k_first_backoff * (1 << transient_retries));
      ++transient_retries;
      continue;
    }
    if (!response.transport_error.empty()) {
      throw ApiError(describe(api_request, response) + " failed: " + response.transport_error +
                     (transient_retries > 0
                          ? " (after " + std::to_string(transient_retries + 1) + " attempts)"
                          : std::string()) +
                     "; check the network and " + m_config.url_option + ", or raise --timeout");
    }
    // A DELETE or POST answered 429 is not sent again either: "at most one DELETE" must not
    // rest on trusting that the server did not act on it.
    if (response.status != 429 || !idempotent) {
      return response;
    }
    const auto wait =
        parse_retry_after(response).value_or(std::chrono::seconds(1 << rate_limit_retries));
    if (rate_limit_retries >= k_max_rate_limit_retries || wait > m_config.max_retry_wait) {
      throw ApiError(describe(api_request, response) + " (rate limited; Retry-After " +
                     response.header("retry-after").value_or("absent") + "): " + advice_for(429));
    }
    ++rate_limit_retries;
    std::this_thread::sleep_for(wait);
  }
}

std::optional<ApiDocument> HerokuApi::fetch_object(const ApiRequest& request) {
  const HttpResponse response = send(request);
  if (response.status == 404) {
    return std::nullopt;
  }
  if (response.status != 200) {
    fail(request, response);
  }
  ApiDocument document{parse_body(request, response), m_config.base_url + request.path,
                       response.header("request-id").value_or("")};
  if (!document.body.is_object()) {
    throw ApiError(describe(request, response) + " with JSON that is not an object");
  }
  return document;
}

std::optional<ApiDocument> HerokuApi::send_change(const ApiRequest& request) {
  const HttpResponse response = send(request);
  if (response.status == 404) {
    return std::nullopt;
  }
  const bool accepted =
      request.method == ApiMethod::post
          ? response.status == 200 || response.status == 201
          : response.status == 200 || response.status == 202 || response.status == 204;
  if (!accepted) {
    fail(request, response);
  }
  ApiDocument document{nlohmann::json::object(), m_config.base_url + request.path,
                       response.header("request-id").value_or("")};
  // A DELETE may answer with an empty body; a POST must answer with the object it made.
  if (request.method == ApiMethod::post || !response.body.empty()) {
    document.body = parse_body(request, response);
    if (!document.body.is_object()) {
      throw ApiError(describe(request, response) + " with JSON that is not an object");
    }
  }
  return document;
}

std::optional<ApiDocument> HerokuApi::fetch_pages(ApiRequest request, Pages pages,
                                                  std::size_t max_pages) {
  ApiDocument document{nlohmann::json::array(), m_config.base_url + request.path, {}};
  std::set<std::string> seen_ranges;
  std::size_t list_bytes = 0;
  for (int page = 0;; ++page) {
    const HttpResponse response = send(request);
    if (document.request_id.empty()) {
      document.request_id = response.header("request-id").value_or("");
    }
    if (response.status == 404 && page > 0) {
      // The list was there a page ago: it changed or went away while being read.
      throw ApiError(describe(request, response) + " on page " + std::to_string(page + 1) +
                     " (Range: " + sanitize_text(request.range, 200) +
                     ") after the first pages were read: the list changed or was removed while "
                     "spaceport read it; run again");
    }
    if (response.status == 404) {
      return std::nullopt;
    }
    if (response.status != 200 && response.status != 206) {
      fail(request, response);
    }
    list_bytes += response.body.size();
    if (list_bytes > m_config.max_list_bytes) {
      throw ApiError("the list GET " + m_config.base_url + request.path + " passed " +
                     amount(m_config.max_list_bytes) + " after " + std::to_string(page + 1) +
                     " pages (SPACEPORT_MAX_LIST_BYTES): a list that large is not one "
                     "spaceport can hold; raise the budget if the list is really that long");
    }
    nlohmann::json body = parse_body(request, response);
    if (!body.is_array()) {
      throw ApiError(describe(request, response) + " with JSON that is not a list");
    }
    for (auto& item : body) {
      document.body.push_back(std::move(item));
    }
    if (response.status == 200 || pages == Pages::first) {
      return document;
    }
    if (max_pages > 0 && static_cast<std::size_t>(page) + 1 >= max_pages) {
      throw ListTooLong("GET " + m_config.base_url + request.path + " has more than " +
                        std::to_string(max_pages) + " pages");
    }
    const auto next = response.header("next-range");
    if (!next || next->empty()) {
      throw ApiError(describe(request, response) +
                     " (206 Partial Content) without a Next-Range header; the list cannot be "
                     "completed");
    }
    if (!can_send_as_range(*next)) {
      throw ApiError(describe(request, response) +
                     " with a Next-Range that cannot be sent back as "
                     "a Range header (control characters or over 1,024 bytes); the list cannot "
                     "be completed");
    }
    if (!seen_ranges.insert(*next).second || page + 1 >= k_max_pages) {
      throw ApiError(describe(request, response) + " repeated Next-Range \"" +
                     sanitize_text(*next, 200) + "\"; the paging does not advance");
    }
    request.range = *next;
  }
}

}  // namespace spaceport
