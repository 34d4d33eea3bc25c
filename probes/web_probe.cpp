#include "probes/web_probe.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <ctime>

#include "core/dns_facts.hpp"
#include "core/text.hpp"

namespace spaceport {
namespace {

/// "host:port:address" for CURLOPT_RESOLVE; IPv6 addresses go in brackets.
std::string resolve_entry(const std::string& host, int port, const std::string& address) {
  const bool v6 = address.find(':') != std::string::npos;
  return host + ":" + std::to_string(port) + ":" + (v6 ? "[" + address + "]" : address);
}

std::string with_port(const std::string& address, int port) {
  const bool v6 = address.find(':') != std::string::npos;
  return (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_certificate_time(std::string_view text) {
  static constexpr std::array<std::string_view, 12> months{
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm tm{};
  const std::string copy(text);
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  char month_name[4] = {};
  char zone[4] = {};
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2d %2d:%2d:%2d %3s", &year, &month, &day, &hour, &minute,
                  &second, zone) == 7) {
    // "2024-01-01 00:00:00 GMT"
  } else if (std::sscanf(copy.c_str(), "%3s %d %2d:%2d:%2d %d %3s", month_name, &day, &hour,
                         &minute, &second, &year, zone) == 7) {
    const auto found = std::find(months.begin(), months.end(), std::string_view(month_name));
    if (found == months.end()) {
      return std::nullopt;
    }
    month = static_cast<int>(found - months.begin()) + 1;
  } else {
    return std::nullopt;
  }
  if (std::string_view(zone) != "GMT" || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const std::time_t t = timegm(&tm);
  if (t == static_cast<std::time_t>(-1)) {
    return std::nullopt;
  }
  return std::chrono::system_clock::from_time_t(t);
}

CertificateSummary summarize_certificate(const CertificateFields& fields) {
  CertificateSummary summary;
  const auto field = [&](const char* name) {
    const auto found = fields.find(name);
    return found == fields.end() ? std::string() : found->second;
  };
  summary.subject = field("Subject");
  summary.issuer = field("Issuer");
  summary.not_after_text = field("Expire date");
  summary.not_after = parse_certificate_time(summary.not_after_text);
  const std::string names = field("X509v3 Subject Alternative Name");
  std::size_t start = 0;
  while (start < names.size()) {
    auto end = names.find(',', start);
    if (end == std::string::npos) {
      end = names.size();
    }
    std::string_view entry(names.data() + start, end - start);
    while (!entry.empty() && entry.front() == ' ') {
      entry.remove_prefix(1);
    }
    if (entry.rfind("DNS:", 0) == 0) {
      summary.dns_names.push_back(ascii_lower(entry.substr(4)));
    }
    start = end + 1;
  }
  return summary;
}

TlsFacts WebProbe::tls(const std::string& host, const std::string& address) {
  TlsFacts facts;
  facts.host = host;
  facts.address = with_port(address, m_tls_port);
  HttpRequest request;
  request.url = "https://" + host + ":" + std::to_string(m_tls_port) + "/";
  request.timeout = m_timeout;
  request.resolve = {resolve_entry(host, m_tls_port, address)};
  request.connect_only = true;
  request.certificate_info = true;
  HttpResponse verified = m_transport.submit(request).get();
  if (verified.transport_error.empty()) {
    facts.verified = true;
    if (!verified.certificates.empty()) {
      facts.certificate = summarize_certificate(verified.certificates.front());
    }
    return facts;
  }
  // Verification failed, or no handshake happened at all. A second handshake without
  // verification tells which, and reads the certificate for the evidence; it sends no request.
  request.verify_peer = false;
  HttpResponse unverified = m_transport.submit(request).get();
  if (!unverified.transport_error.empty()) {
    facts.connect_failure = unverified.detail;
    return facts;
  }
  facts.verify_failure = verified.detail;
  if (!unverified.certificates.empty()) {
    facts.certificate = summarize_certificate(unverified.certificates.front());
  }
  return facts;
}

HealthFacts WebProbe::health(const std::string& url, const UrlParts& parts,
                             const std::string& address) {
  HealthFacts facts;
  facts.url = url;
  facts.address = with_port(address, parts.port);
  HttpRequest request;
  request.url = url;
  request.timeout = m_timeout;
  if (address != parts.host) {  // an IP literal is asked directly
    request.resolve = {resolve_entry(parts.host, parts.port, address)};
  }
  HttpResponse response = m_transport.submit(request).get();
  facts.elapsed = response.elapsed;
  if (!response.transport_error.empty()) {
    facts.failure = response.detail;
    return facts;
  }
  facts.status = response.status;
  return facts;
}

PageFetch WebProbe::fetch_page(const std::string& url, const std::string& name) {
  HttpRequest request;
  request.url = url;
  request.log_as = name;
  request.timeout = m_timeout;
  request.follow_redirects = true;
  request.headers = {"User-Agent: " + m_user_agent, "Accept: text/html, */*"};
  const HttpResponse response = m_transport.submit(std::move(request)).get();
  PageFetch fetch;
  fetch.status = response.status;
  fetch.failure = response.failure_class;
  fetch.final_scheme = response.final_scheme;
  return fetch;
}

}  // namespace spaceport
