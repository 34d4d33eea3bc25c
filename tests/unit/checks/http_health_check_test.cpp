#include "checks/http_health_check.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace http_health_check_test {
namespace {

TEST(HttpHealthCheck, ComparesTheStatus) {
  const Migration::Health health{"https://www.a.com/healthz", 200};
  HealthFacts facts{"https://www.a.com/healthz", "10.0.0.1:443", 200, "",
                    std::chrono::milliseconds(12)};
  auto f = evaluate_http_health(health, facts);
  EXPECT_EQ(f.outcome, Outcome::pass);
  EXPECT_EQ(f.evidence["elapsed_ms"], 12);
  facts.status = 503;
  f = evaluate_http_health(health, facts);
  EXPECT_EQ(f.outcome, Outcome::fail);
  EXPECT_NE(f.message.find("answered 503 from 10.0.0.1:443, expected 200"), std::string::npos);
  facts.status = 0;
  facts.failure = "Connection refused";
  EXPECT_EQ(evaluate_http_health(health, facts).outcome, Outcome::fail);
}

}  // namespace
}  // namespace http_health_check_test
}  // namespace spaceport
