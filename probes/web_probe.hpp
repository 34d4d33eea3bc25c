#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/heroku_facts.hpp"
#include "core/url.hpp"
#include "core/web_facts.hpp"
#include "probes/http_transport.hpp"

namespace spaceport {

/// "Jan  1 00:00:00 2024 GMT" (OpenSSL) or "2024-01-01 00:00:00 GMT" (other TLS backends).
std::optional<std::chrono::system_clock::time_point> parse_certificate_time(std::string_view text);

/// libcurl's description of a certificate, reduced to a CertificateSummary.
CertificateSummary summarize_certificate(const CertificateFields& fields);

/// TLS handshakes and health requests aimed at the address spaceport's own DNS answer gave,
/// so that what is tested is what the DNS checks saw (not the system resolver's view).
class WebProbe {
 public:
  WebProbe(HttpTransport& transport, std::chrono::milliseconds timeout, int tls_port,
           std::string user_agent)
      : m_transport(transport),
        m_timeout(timeout),
        m_tls_port(tls_port),
        m_user_agent(std::move(user_agent)) {}

  TlsFacts tls(const std::string& host, const std::string& address);
  HealthFacts health(const std::string& url, const UrlParts& parts, const std::string& address);

  /// Fetches a public page with GET (no credentials sent, redirects followed), through the
  /// machine's resolver. `name` is how the request log names it: the URL may be a config var
  /// value.
  PageFetch fetch_page(const std::string& url, const std::string& name);

 private:
  HttpTransport& m_transport;
  std::chrono::milliseconds m_timeout;
  int m_tls_port;
  std::string m_user_agent;
};

}  // namespace spaceport
