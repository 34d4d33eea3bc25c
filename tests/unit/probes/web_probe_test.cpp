#include "probes/web_probe.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace web_probe_test {
namespace {

TEST(WebProbe, ParsesCertificateTimesOfBothShapes) {
  const auto openssl = parse_certificate_time("Feb  1 00:00:00 2024 GMT");
  const auto other = parse_certificate_time("2024-02-01 00:00:00 GMT");
  ASSERT_TRUE(openssl);
  ASSERT_TRUE(other);
  EXPECT_EQ(*openssl, *other);
  EXPECT_EQ(std::chrono::system_clock::to_time_t(*openssl), 1706745600);
  EXPECT_FALSE(parse_certificate_time("Foo  1 00:00:00 2024 GMT"));
  EXPECT_FALSE(parse_certificate_time("2024-02-01 00:00:00 CET"));
  EXPECT_FALSE(parse_certificate_time(""));
}

TEST(WebProbe, SummarizesLibcurlCertificateFields) {
  const CertificateFields fields{{"Subject", "CN = www.acme.test"},
                                 {"Issuer", "CN = spaceport ca"},
                                 {"Expire date", "Dec 24 10:00:00 2026 GMT"},
                                 {"X509v3 Subject Alternative Name",
                                  "DNS:www.acme.test, IP Address:127.0.0.1, DNS:Acme.Test"}};
  const auto summary = summarize_certificate(fields);
  EXPECT_EQ(summary.subject, "CN = www.acme.test");
  EXPECT_EQ(summary.dns_names, (std::vector<std::string>{"www.acme.test", "acme.test"}));
  EXPECT_TRUE(summary.not_after);
}

}  // namespace
}  // namespace web_probe_test
}  // namespace spaceport
