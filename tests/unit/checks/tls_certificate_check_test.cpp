#include "checks/tls_certificate_check.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace tls_certificate_check_test {
namespace {

using std::chrono::hours;
const auto now = std::chrono::system_clock::from_time_t(1'790'000'000);

TlsFacts facts(bool verified, hours until_expiry, std::vector<std::string> names = {"www.a.com"}) {
  TlsFacts f;
  f.host = "www.a.com";
  f.address = "10.0.0.1:443";
  f.verified = verified;
  f.certificate =
      CertificateSummary{"CN = www.a.com", "CN = R11", std::move(names), "", now + until_expiry};
  return f;
}

TEST(TlsCertificateCheck, PassesWithDaysLeft) {
  const auto f = evaluate_tls_certificate(facts(true, hours(24 * 60)), now);
  EXPECT_EQ(f.outcome, Outcome::pass) << f.message;
  EXPECT_EQ(f.evidence["days_left"], 60);
}

TEST(TlsCertificateCheck, FailsUnderFourteenDays) {
  const auto f = evaluate_tls_certificate(facts(true, hours(24 * 13 + 5)), now);
  EXPECT_EQ(f.outcome, Outcome::fail);
  EXPECT_NE(f.message.find("expires in 13 days"), std::string::npos) << f.message;
}

TEST(TlsCertificateCheck, ExplainsWhyVerificationFailed) {
  auto expired = facts(false, hours(-24));
  EXPECT_NE(evaluate_tls_certificate(expired, now).message.find("expired on"), std::string::npos);
  auto wrong = facts(false, hours(24 * 60), {"*.other.com"});
  EXPECT_NE(evaluate_tls_certificate(wrong, now).message.find("it is for *.other.com"),
            std::string::npos);
  auto untrusted = facts(false, hours(24 * 60), {"*.a.com"});
  untrusted.verify_failure = "SSL certificate problem: self-signed certificate";
  const auto f = evaluate_tls_certificate(untrusted, now);
  EXPECT_EQ(f.outcome, Outcome::fail);
  EXPECT_NE(f.message.find("not trusted (SSL certificate problem: self-signed certificate; "
                           "issuer CN = R11); for a private CA pass --ca-file"),
            std::string::npos)
      << f.message;
}

TEST(TlsCertificateCheck, NoHandshakeFailsAndUnreadableExpiryIsAnError) {
  TlsFacts none;
  none.host = "www.a.com";
  none.address = "10.0.0.1:443";
  none.connect_failure = "Connection refused";
  EXPECT_EQ(evaluate_tls_certificate(none, now).outcome, Outcome::fail);
  auto unreadable = facts(true, hours(1));
  unreadable.certificate->not_after.reset();
  EXPECT_EQ(evaluate_tls_certificate(unreadable, now).outcome, Outcome::error);
}

}  // namespace
}  // namespace tls_certificate_check_test
}  // namespace spaceport
