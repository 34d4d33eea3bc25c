#include "probes/http_transport.hpp"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <cctype>

#include "core/text.hpp"

namespace spaceport {

struct HttpTransport::Transfer {
  HttpRequest request;
  HttpResponse response;
  CurlEasy easy;
  CurlSlist header_list;
  CurlSlist resolve_list;
  std::promise<HttpResponse> promise;
  std::chrono::steady_clock::time_point started;
  std::size_t max_body_bytes = 0;
  bool body_too_large = false;
  char error_buffer[CURL_ERROR_SIZE] = {};
};

namespace {

/// CURLOPT_SSL_CTX_FUNCTION: the system's trust store (OpenSSL's default paths, which
/// SSL_CERT_FILE and SSL_CERT_DIR may point elsewhere) plus the CA file given, for one handshake.
CURLcode add_ca_file(CURL* /*easy*/, void* ssl_ctx, void* ca_file) {
  auto* context = static_cast<SSL_CTX*>(ssl_ctx);
  if (SSL_CTX_set_default_verify_paths(context) != 1 ||
      X509_STORE_load_file(SSL_CTX_get_cert_store(context), static_cast<const char*>(ca_file)) !=
          1) {
    return CURLE_SSL_CACERT_BADFILE;
  }
  return CURLE_OK;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

extern "C" std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<HttpTransport::Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer->response.body.size() + bytes > transfer->max_body_bytes) {
    transfer->body_too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  transfer->response.body.append(data, bytes);
  return bytes;
}

extern "C" std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<HttpTransport::Transfer*>(user);
  const std::size_t bytes = size * count;
  const std::string_view line(data, bytes);
  if (line.rfind("HTTP/", 0) == 0) {
    // A new status line (after a redirect or 100 Continue): only the last response's headers count.
    transfer->response.headers.clear();
    return bytes;
  }
  if (auto header = parse_header_line(line)) {
    transfer->response.headers.push_back(std::move(*header));
  }
  return bytes;
}

/// What went wrong, in words that never quote the URL or host.
std::string classify_failure(CURLcode code, const HttpTransport::Transfer& transfer) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return "no complete answer within " + std::to_string(transfer.request.timeout.count()) +
             " ms (timed out)";
    case CURLE_PARTIAL_FILE:
      return "the connection closed before the whole body arrived (truncated response)";
    case CURLE_COULDNT_CONNECT:
      return "could not connect (connection refused or unreachable)";
    case CURLE_COULDNT_RESOLVE_HOST:
      return "could not resolve the host name";
    case CURLE_WRITE_ERROR:
      if (transfer.body_too_large) {
        return "the response body is larger than " + std::to_string(transfer.max_body_bytes) +
               " bytes";
      }
      break;
    case CURLE_TOO_MANY_REDIRECTS:
      return "more than 5 redirects";
    case CURLE_PEER_FAILED_VERIFICATION:
      return "the server's TLS certificate could not be verified";
    default:
      break;
  }
  return curl_easy_strerror(code);
}

std::string describe_failure(CURLcode code, const HttpTransport::Transfer& transfer) {
  std::string text = classify_failure(code, transfer);
  if (transfer.error_buffer[0] != '\0' && text == curl_easy_strerror(code)) {
    text += ": ";
    text += transfer.error_buffer;
  }
  return text;
}

}  // namespace

std::optional<std::pair<std::string, std::string>> parse_header_line(std::string_view line) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return std::nullopt;
  }
  return std::pair{ascii_lower(line.substr(0, colon)), trim(line.substr(colon + 1))};
}

std::optional<std::string> HttpResponse::header(std::string_view lower_case_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_case_name) {
      return value;
    }
  }
  return std::nullopt;
}

HttpTransport::HttpTransport(Options options) : m_options(std::move(options)) {
  check_curl(curl_multi_setopt(m_multi.get(), CURLMOPT_MAX_HOST_CONNECTIONS,
                               m_options.max_host_connections),
             "curl_multi_setopt(CURLMOPT_MAX_HOST_CONNECTIONS)");
  m_thread = std::thread([this] { run(); });
}

HttpTransport::~HttpTransport() {
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  curl_multi_wakeup(m_multi.get());
  m_thread.join();
}

std::future<HttpResponse> HttpTransport::submit(HttpRequest request) {
  auto transfer = std::make_unique<Transfer>();
  transfer->request = std::move(request);
  transfer->max_body_bytes = m_options.max_body_bytes;
  auto future = transfer->promise.get_future();
  {
    const std::lock_guard lock(m_mutex);
    if (m_stopping) {
      throw std::logic_error("HttpTransport::submit after shutdown began");
    }
    m_queue.push_back(std::move(transfer));
  }
  check_curl(curl_multi_wakeup(m_multi.get()), "curl_multi_wakeup");
  return future;
}

void HttpTransport::start(std::unique_ptr<Transfer> transfer) {
  try {
    CurlEasy& easy = transfer->easy;
    const HttpRequest& request = transfer->request;
    easy.set(CURLOPT_URL, request.url.c_str(), "CURLOPT_URL");
    easy.set(CURLOPT_NOSIGNAL, 1L, "CURLOPT_NOSIGNAL");
    easy.set(CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()), "CURLOPT_TIMEOUT_MS");
    easy.set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.timeout.count()),
             "CURLOPT_CONNECTTIMEOUT_MS");
    easy.set(CURLOPT_PROTOCOLS_STR, "http,https", "CURLOPT_PROTOCOLS_STR");
    easy.set(CURLOPT_WRITEFUNCTION, &on_body, "CURLOPT_WRITEFUNCTION");
    easy.set(CURLOPT_WRITEDATA, transfer.get(), "CURLOPT_WRITEDATA");
    easy.set(CURLOPT_HEADERFUNCTION, &on_header, "CURLOPT_HEADERFUNCTION");
    easy.set(CURLOPT_HEADERDATA, transfer.get(), "CURLOPT_HEADERDATA");
    easy.set(CURLOPT_ERRORBUFFER, transfer->error_buffer, "CURLOPT_ERRORBUFFER");
    easy.set(CURLOPT_ACCEPT_ENCODING, "", "CURLOPT_ACCEPT_ENCODING");
    if (request.follow_redirects) {
      easy.set(CURLOPT_FOLLOWLOCATION, 1L, "CURLOPT_FOLLOWLOCATION");
      easy.set(CURLOPT_MAXREDIRS, 5L, "CURLOPT_MAXREDIRS");
      easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https", "CURLOPT_REDIR_PROTOCOLS_STR");
    }
    if (!request.resolve.empty()) {
      for (const auto& entry : request.resolve) {
        transfer->resolve_list.append(entry);
      }
      easy.set(CURLOPT_RESOLVE, transfer->resolve_list.get(), "CURLOPT_RESOLVE");
      // A request aimed at one address gets a connection of its own: libcurl's connection cache
      // knows a host by its name and port, and would send it over a connection that another
      // request made to another address of the name (the old app's routers, in a cutover).
      easy.set(CURLOPT_FRESH_CONNECT, 1L, "CURLOPT_FRESH_CONNECT");
      easy.set(CURLOPT_FORBID_REUSE, 1L, "CURLOPT_FORBID_REUSE");
    }
    if (request.connect_only) {
      easy.set(CURLOPT_CONNECT_ONLY, 1L, "CURLOPT_CONNECT_ONLY");
    }
    if (!request.verify_peer) {
      easy.set(CURLOPT_SSL_VERIFYPEER, 0L, "CURLOPT_SSL_VERIFYPEER");
      easy.set(CURLOPT_SSL_VERIFYHOST, 0L, "CURLOPT_SSL_VERIFYHOST");
    }
    if (request.certificate_info) {
      easy.set(CURLOPT_CERTINFO, 1L, "CURLOPT_CERTINFO");
    }
    // TLS 1.2 or later, for the API and every site alike.
    easy.set(CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2), "CURLOPT_SSLVERSION");
    if (!m_options.ca_file.empty()) {
      // --ca-file adds a CA to the system's trust store, as the README promises; CURLOPT_CAINFO
      // would replace the store (and so every public CA) for every request.
      // The callback loads the system's store itself: libcurl's own default bundle is turned off,
      // or a machine without one (no ca-certificates package) would refuse even --ca-file's CA.
      easy.set(CURLOPT_CAINFO, static_cast<const char*>(nullptr), "CURLOPT_CAINFO");
      easy.set(CURLOPT_CAPATH, static_cast<const char*>(nullptr), "CURLOPT_CAPATH");
      easy.set(CURLOPT_SSL_CTX_FUNCTION, &add_ca_file, "CURLOPT_SSL_CTX_FUNCTION");
      easy.set(CURLOPT_SSL_CTX_DATA, const_cast<char*>(m_options.ca_file.c_str()),
               "CURLOPT_SSL_CTX_DATA");
    }
    if (request.method == "GET") {
      easy.set(CURLOPT_HTTPGET, 1L, "CURLOPT_HTTPGET");
    } else {
      easy.set(CURLOPT_CUSTOMREQUEST, request.method.c_str(), "CURLOPT_CUSTOMREQUEST");
      // libcurl sends a request again, unasked, when a reused connection turns out dead before
      // any answer; a DELETE or POST must go out once, so it gets a connection of its own.
      easy.set(CURLOPT_FRESH_CONNECT, 1L, "CURLOPT_FRESH_CONNECT");
      easy.set(CURLOPT_FORBID_REUSE, 1L, "CURLOPT_FORBID_REUSE");
      if (!request.body.empty()) {
        easy.set(CURLOPT_POSTFIELDS, request.body.c_str(), "CURLOPT_POSTFIELDS");
        easy.set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()),
                 "CURLOPT_POSTFIELDSIZE_LARGE");
      }
    }
    for (const auto& line : request.headers) {
      transfer->header_list.append(line);
    }
    easy.set(CURLOPT_HTTPHEADER, transfer->header_list.get(), "CURLOPT_HTTPHEADER");
    transfer->started = std::chrono::steady_clock::now();
    check_curl(curl_multi_add_handle(m_multi.get(), easy.get()), "curl_multi_add_handle");
    m_active.emplace(easy.get(), std::move(transfer));
  } catch (...) {
    transfer->promise.set_exception(std::current_exception());
  }
}

void HttpTransport::finish(CURL* easy, CURLcode code) {
  const auto found = m_active.find(easy);
  if (found == m_active.end()) {
    return;
  }
  std::unique_ptr<Transfer> transfer = std::move(found->second);
  m_active.erase(found);
  curl_multi_remove_handle(m_multi.get(), easy);
  HttpResponse& response = transfer->response;
  response.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - transfer->started);
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
  char* scheme = nullptr;
  if (curl_easy_getinfo(easy, CURLINFO_SCHEME, &scheme) == CURLE_OK && scheme != nullptr) {
    response.final_scheme = ascii_lower(scheme);
  }
  if (transfer->request.certificate_info) {
    curl_certinfo* chain = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_CERTINFO, &chain) == CURLE_OK && chain != nullptr) {
      for (int i = 0; i < chain->num_of_certs; ++i) {
        CertificateFields fields;
        for (const curl_slist* item = chain->certinfo[i]; item != nullptr; item = item->next) {
          const std::string_view line(item->data);
          const auto colon = line.find(':');
          if (colon != std::string_view::npos) {
            fields.emplace(std::string(line.substr(0, colon)), trim(line.substr(colon + 1)));
          }
        }
        response.certificates.push_back(std::move(fields));
      }
    }
  }
  if (code != CURLE_OK) {
    response.detail = transfer->error_buffer[0] != '\0' ? std::string(transfer->error_buffer)
                                                        : std::string(curl_easy_strerror(code));
    response.transport_error = describe_failure(code, *transfer);
    response.failure_class = classify_failure(code, *transfer);
    response.connection_lost = code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR ||
                               code == CURLE_GOT_NOTHING || code == CURLE_PARTIAL_FILE;
  }
  if (m_options.log != nullptr) {
    const HttpRequest& request = transfer->request;
    m_options.log->add(RequestLog::Entry{
        request.connect_only ? "tls" : "http", request.connect_only ? "HANDSHAKE" : request.method,
        request.log_as.empty() ? request.url : request.log_as,
        response.transport_error.empty() ? std::to_string(response.status) : response.failure_class,
        response.header("request-id").value_or(""), response.elapsed, request.attempt});
  }
  transfer->promise.set_value(std::move(response));
}

void HttpTransport::run() {
  while (true) {
    std::deque<std::unique_ptr<Transfer>> incoming;
    bool stopping = false;
    {
      const std::lock_guard lock(m_mutex);
      incoming.swap(m_queue);
      stopping = m_stopping;
    }
    for (auto& transfer : incoming) {
      start(std::move(transfer));
    }
    if (stopping && m_active.empty()) {
      return;
    }
    int running = 0;
    curl_multi_perform(m_multi.get(), &running);
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(m_multi.get(), &queued)) {
      if (message->msg == CURLMSG_DONE) {
        finish(message->easy_handle, message->data.result);
      }
    }
    curl_multi_poll(m_multi.get(), nullptr, 0, 1000, nullptr);
  }
}

}  // namespace spaceport
