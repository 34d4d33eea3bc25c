#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/once_cache.hpp"
#include "probes/http_transport.hpp"
#include "probes/rate_budget.hpp"

namespace spaceport {

/// The API could not give an answer a check can decide on (network failure, 401/403, 429 that
/// did not clear, 5xx, a body that is not the JSON promised). The message names the request,
/// the status, the Request-Id and what to do.
class ApiError : public std::runtime_error {
 public:
  explicit ApiError(const std::string& message, long status = 0)
      : std::runtime_error(message), m_status(status) {}
  /// The HTTP status the API answered with; 0 when the failure was not an HTTP answer.
  long status() const noexcept { return m_status; }

 private:
  long m_status;
};

/// A list had more pages than its reader would spend on it (HerokuApi::get_list_within): reading
/// on would cost more requests than it saves.
class ListTooLong : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A JSON document the API returned, with what identifies the exchange.
struct ApiDocument {
  nlohmann::json body;
  std::string url;
  std::string request_id;
};

enum class ApiMethod { get, post, del };

/// One request to the API: what travels, whatever the method.
struct ApiRequest {
  ApiMethod method = ApiMethod::get;
  std::string path = {};
  std::string range = {};  // the Range header; empty: none
  std::string body = {};   // JSON, for a POST
};

struct ApiConfig {
  std::string base_url;  // no trailing slash
  std::string token;
  std::chrono::milliseconds timeout{30'000};
  std::chrono::milliseconds max_retry_wait{30'000};  // longest Retry-After honoured
  std::string user_agent;
  std::string url_option = "--api-url";  // the option that sets base_url, for advice
  RateBudget* budget = nullptr;  // the account's rate budget every request is paced by, if any
  // How the budget's pool is read: empty, this client's own GET /account/rate-limits (the data
  // API's client reads the Platform API's, whose pool it spends).
  RateBudget::PoolReader read_pool = {};
  std::size_t max_list_bytes = std::size_t{256} << 20U;  // one paged list, all its pages
  std::size_t max_run_bytes = std::size_t{1} << 30U;     // every answer of the run together
};

/// The Request-Ids of the API answers one check decided on, for its result's evidence: while an
/// instance lives on a thread, each answer the API clients give that thread, from the network
/// or from this run's cache, adds its Request-Id (once). Instances nest; the innermost hears.
class RequestIdTrail {
 public:
  RequestIdTrail();
  ~RequestIdTrail();
  RequestIdTrail(const RequestIdTrail&) = delete;
  RequestIdTrail& operator=(const RequestIdTrail&) = delete;

  const std::vector<std::string>& ids() const noexcept { return m_ids; }
  /// Adds `request_id` to the current thread's trail, if there is one.
  static void note(const std::string& request_id);

 private:
  RequestIdTrail* m_outer;
  std::vector<std::string> m_ids;
};

/// Whether a Next-Range value from an answer may go back out as a Range header: printable ASCII
/// only (a CR or LF would add a header of the server's choosing), at most 1,024 bytes.
bool can_send_as_range(std::string_view value);

/// Percent-encodes one path segment (an app, space or add-on name from a plan).
std::string encode_path_segment(std::string_view segment);

/// Heroku Platform API v3 client. Every distinct GET is sent at most once per run: concurrent
/// and later callers of the same path share the first answer.
class HerokuApi {
 public:
  HerokuApi(HttpTransport& transport, ApiConfig config);
  // Its pool reader refers to it: it stays where it was built.
  HerokuApi(const HerokuApi&) = delete;
  HerokuApi& operator=(const HerokuApi&) = delete;

  /// GET of a single resource; nullopt when the API answers 404.
  std::optional<ApiDocument> get_object(const std::string& path);

  /// GET of a list, following 206 + Next-Range to the end; nullopt when the API answers 404.
  std::optional<ApiDocument> get_list(const std::string& path);

  /// GET of a whole list, as get_list, reading at most `max_pages` pages: ListTooLong when the
  /// list has more (the pages read are spent; nothing of them is returned). Sent each time it
  /// is called: its caller keeps the answer.
  std::optional<ApiDocument> get_list_within(const std::string& path, std::size_t max_pages);

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

  /// What the account's rate-limit pool holds now (GET /account/rate-limits, which costs no
  /// token); nullopt when the API does not say.
  std::optional<long> rate_limit_remaining();

  /// Forgets every answer of this run, so the next requests are sent again (between retries).
  void forget();

  const ApiConfig& config() const noexcept { return m_config; }

 private:
  /// How much of a paged list a GET with a Range reads.
  enum class Pages { first, all };

  std::optional<ApiDocument> cached(const ApiRequest& request, Pages pages);
  /// One object (GET), or a change (POST, DELETE): 404 is nullopt.
  std::optional<ApiDocument> fetch_object(const ApiRequest& request);
  std::optional<ApiDocument> send_change(const ApiRequest& request);
  /// A list, page by page through 206 and Next-Range (or only the first page).
  /// `max_pages`: 0 for no limit but the API's own; else ListTooLong past it.
  std::optional<ApiDocument> fetch_pages(ApiRequest request, Pages pages, std::size_t max_pages);
  HttpResponse send(const ApiRequest& request);
  /// The one place a bad answer becomes an ApiError: method, URL, status, Request-Id, the API's
  /// own {id, message} and what to do.
  [[noreturn]] void fail(const ApiRequest& request, const HttpResponse& response) const;
  nlohmann::json parse_body(const ApiRequest& request, const HttpResponse& response) const;
  std::string describe(const ApiRequest& request, const HttpResponse& response) const;

  HttpTransport& m_transport;
  ApiConfig m_config;
  /// An answer as the cache keeps it: its JSON as text. A parsed document takes several times
  /// the memory of its text, and a fleet's run holds thousands of answers.
  struct Stored {
    std::string body;
    std::string url;
    std::string request_id;
  };
  OnceCache<std::string, std::optional<Stored>> m_cache;
  std::atomic<std::size_t> m_bytes_read{0};
};

}  // namespace spaceport
