#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/web_facts.hpp"
#include "probes/http_transport.hpp"

namespace spaceport {

/// The parts of an http(s) URL spaceport needs to aim a request at a chosen address.
struct UrlParts {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // lower case, without brackets
  int port = 0;
};

/// nullopt when `url` is not an absolute http or https URL with a host.
std::optional<UrlParts> split_url(std::string_view url);

/// "Jan  1 00:00:00 2024 GMT" (OpenSSL) or "2024-01-01 00:00:00 GMT" (other TLS backends).
std::optional<std::chrono::system_clock::time_point> parse_certificate_time(std::string_view text);

/// libcurl's description of a certificate, reduced to a CertificateSummary.
CertificateSummary summarize_certificate(const CertificateFields& fields);

/// TLS handshakes and health requests aimed at the address spaceport's own DNS answer gave,
/// so that what is tested is what the DNS checks saw (not the system resolver's view).
class WebProbe {
 public:
  WebProbe(HttpTransport& transport, std::chrono::milliseconds timeout, int tls_port)
      : m_transport(transport), m_timeout(timeout), m_tls_port(tls_port) {}

  TlsFacts tls(const std::string& host, const std::string& address);
  HealthFacts health(const std::string& url, const UrlParts& parts, const std::string& address);

 private:
  HttpTransport& m_transport;
  std::chrono::milliseconds m_timeout;
  int m_tls_port;
};

}  // namespace spaceport
