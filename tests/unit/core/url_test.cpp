#include "core/url.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace url_test {
namespace {

TEST(Url, SplitsUrls) {
  const auto u = split_url("https://WWW.Acme.test:8443/healthz?x=1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "www.acme.test");
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(split_url("http://acme.test")->port, 80);
  EXPECT_EQ(split_url("https://acme.test/")->port, 443);
  EXPECT_EQ(split_url("https://[::1]:8443/")->host, "::1");
  EXPECT_FALSE(split_url("ftp://acme.test/"));
  EXPECT_FALSE(split_url("https://:443/"));
  EXPECT_FALSE(split_url("https://acme.test:0/"));
  EXPECT_FALSE(split_url("https://user:pw@acme.test/"));
  EXPECT_FALSE(split_url("acme.test/healthz"));
}

TEST(Url, RefusesWhatIsNotAUrl) {
  // What a typo or a paste gives: each would otherwise be sent somewhere, or nowhere, per check.
  EXPECT_FALSE(split_url("not a url"));
  EXPECT_FALSE(split_url("htp://x"));
  EXPECT_FALSE(split_url("https://api.not a url"));
  EXPECT_FALSE(split_url("https://api.heroku.com/\n"));
  EXPECT_FALSE(split_url("https://api.heroku.com/ x"));
  EXPECT_FALSE(split_url("https://api$heroku.com/"));
  EXPECT_FALSE(split_url("https://[::1x]/"));
  EXPECT_FALSE(split_url("https://www.acme.test:{{site_port}}/healthz"));
  EXPECT_TRUE(split_url("https://api_1.heroku.com/"));
  EXPECT_TRUE(split_url("http://127.0.0.1:5000"));
}

}  // namespace
}  // namespace url_test
}  // namespace spaceport
