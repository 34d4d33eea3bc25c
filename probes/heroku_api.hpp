#pragma once

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "probes/http_transport.hpp"

namespace spaceport {

/// The API could not give an answer a check can decide on (network failure, 401/403, 429 that
/// did not clear, 5xx, a body that is not the JSON promised). The message names the request,
/// the status, the Request-Id and what to do.
class ApiError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A JSON document the API returned, with what identifies the exchange.
struct ApiDocument {
  nlohmann::json body;
  std::string url;
  std::string request_id;
};

struct ApiConfig {
  std::string base_url;  // no trailing slash
  std::string token;
  std::chrono::milliseconds timeout{30'000};
  std::chrono::milliseconds max_retry_wait{30'000};  // longest Retry-After honoured
  std::string user_agent;
  std::string url_option = "--api-url";  // the option that sets base_url, for advice
};

/// How long to pause before the next request when the account's rate-limit pool is this low.
/// The pool refills at about 75 tokens a minute (one every 800 ms): below 200 left, requests are
/// spaced towards that rate instead of running the pool dry and meeting 429s.
std::chrono::milliseconds throttle_delay(long remaining) noexcept;

/// Percent-encodes one path segment (an app, space or add-on name from a plan).
std::string encode_path_segment(std::string_view segment);

/// Heroku Platform API v3 client. Every distinct GET is sent at most once per run: concurrent
/// and later callers of the same path share the first answer.
class HerokuApi {
 public:
  HerokuApi(HttpTransport& transport, ApiConfig config);

  /// GET of a single resource; nullopt when the API answers 404.
  std::optional<ApiDocument> get_object(const std::string& path);

  /// GET of a list, following 206 + Next-Range to the end; nullopt when the API answers 404.
  std::optional<ApiDocument> get_list(const std::string& path);

  /// GET of the first page of a list only, with the given Range (e.g. "version ..; order=desc,
  /// max=10;"), for lists where the newest items are all that matter.
  std::optional<ApiDocument> get_first_page(const std::string& path, const std::string& range);

  /// POST of a JSON body, for the one non-GET request a check makes: creating a log session
  /// (read-only: it only lets the client read the app's logs). Sent once per path and body.
  std::optional<ApiDocument> post_object(const std::string& path, const nlohmann::json& body);

  /// GET of a single resource that is always sent, never answered from this run's cache: for
  /// reading state after a change. nullopt on 404.
  std::optional<ApiDocument> get_fresh(const std::string& path);

  /// DELETE of a resource. Only `spaceport destroy` calls it, after its guards. nullopt on 404.
  std::optional<ApiDocument> delete_object(const std::string& path);

  /// Forgets every answer of this run, so the next requests are sent again (between retries).
  void forget();

  const ApiConfig& config() const noexcept { return m_config; }

 private:
  enum class Shape { object, list, first_page, created, deleted };
  using Cached = std::shared_future<std::optional<ApiDocument>>;

  std::optional<ApiDocument> cached(const std::string& path, Shape shape, const std::string& range);
  std::optional<ApiDocument> fetch(const std::string& path, Shape shape, const std::string& range);
  enum class Method { get_or_post, del };
  HttpResponse send(const std::string& url, const std::optional<std::string>& range,
                    const std::string* post_body = nullptr, Method method = Method::get_or_post);

  HttpTransport& m_transport;
  ApiConfig m_config;
  std::mutex m_mutex;
  std::map<std::string, Cached> m_cache;
  std::atomic<long> m_rate_remaining{4500};
};

}  // namespace spaceport
