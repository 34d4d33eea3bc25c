#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace spaceport {

/// The certificate a server presented, as much of it as a check decides on or shows.
struct CertificateSummary {
  std::string subject;
  std::string issuer;
  std::vector<std::string> dns_names;  // subjectAltName DNS entries, lower case
  std::string not_after_text;          // as the TLS library printed it
  std::optional<std::chrono::system_clock::time_point> not_after;
};

/// One TLS handshake with SNI = host at `address`.
struct TlsFacts {
  std::string host;
  std::string address;          // "IP:port" connected to
  std::string connect_failure;  // empty when a TLS handshake took place
  bool verified = false;        // chain trusted and name matched, by the TLS library
  std::string verify_failure;   // the TLS library's reason when not verified
  std::optional<CertificateSummary> certificate;  // read even when verification failed
};

/// One GET of a health URL at the address DNS gave for its host.
struct HealthFacts {
  std::string url;
  std::string address;  // the address asked, or empty when the name did not resolve
  long status = 0;      // 0: no HTTP response
  std::string failure;  // why there is no HTTP response
  std::chrono::milliseconds elapsed{0};
};

}  // namespace spaceport
