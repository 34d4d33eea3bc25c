#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "probes/curl_handles.hpp"
#include "probes/request_log.hpp"

namespace spaceport {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  std::chrono::milliseconds timeout{30'000};
  bool follow_redirects = false;     // at most 5, http and https only
  std::vector<std::string> resolve;  // CURLOPT_RESOLVE entries "host:port:address"
  bool connect_only = false;         // stop after the TLS handshake: no HTTP request is sent
  bool verify_peer = true;           // false only to read a certificate that failed to verify
  bool certificate_info = false;     // fill HttpResponse::certificates
  std::string log_as;  // what the request log names instead of the URL, when the URL is secret
  int attempt = 1;     // which try of the same request this is, for the request log
};

/// One certificate of the chain the server presented, as libcurl describes it ("Subject",
/// "Issuer", "Expire date", "X509v3 Subject Alternative Name", ...).
using CertificateFields = std::map<std::string, std::string>;

struct HttpResponse {
  long status = 0;                                           // 0 when no HTTP response arrived
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string transport_error;   // set when the exchange itself failed
  std::string failure_class;     // the same without libcurl's detail (which may quote the URL)
  std::string final_scheme;      // "http" or "https", after any redirects
  std::string detail;            // libcurl's own words on a failure; may name the host
  bool connection_lost = false;  // the connection broke (reset, closed early): worth a retry
  std::vector<CertificateFields> certificates;  // the server's chain, leaf first
  std::chrono::milliseconds elapsed{0};

  std::optional<std::string> header(std::string_view lower_case_name) const;
};

/// One header line as libcurl hands it over ("Name: value\r\n"): the name lower-cased and the
/// value trimmed; nullopt for a line that is not a header (the blank line, a status line).
std::optional<std::pair<std::string, std::string>> parse_header_line(std::string_view line);

/// Runs HTTP requests concurrently on one curl multi handle driven by one thread, so that any
/// number of checks can have requests in flight at once. submit() may be called from any thread.
class HttpTransport {
 public:
  struct Options {
    std::string ca_file;  // empty: the system's trust store
    long max_host_connections = 8;
    std::size_t max_body_bytes = 64U << 20U;
    RequestLog* log = nullptr;  // every finished request is added when set
  };

  explicit HttpTransport(Options options);
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  std::future<HttpResponse> submit(HttpRequest request);

  /// One request in flight; opaque outside the transport (public only for libcurl's callbacks).
  struct Transfer;

 private:
  void run();
  void start(std::unique_ptr<Transfer> transfer);
  void finish(CURL* easy, CURLcode code);

  Options m_options;
  CurlMulti m_multi;
  std::mutex m_mutex;
  std::deque<std::unique_ptr<Transfer>> m_queue;
  bool m_stopping = false;
  std::map<CURL*, std::unique_ptr<Transfer>> m_active;  // touched only by the loop thread
  std::thread m_thread;
};

}  // namespace spaceport
