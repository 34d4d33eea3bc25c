#include "checks/config_parity_check.hpp"

#include <gtest/gtest.h>

#include "tests/unit/checks/facts.hpp"

namespace spaceport {
namespace config_parity_check_test {
namespace {

const Finding& by_subject(const std::vector<Finding>& findings, const std::string& subject) {
  for (const auto& f : findings) {
    if (f.subject == subject) {
      return f;
    }
  }
  throw std::runtime_error("no finding for " + subject);
}

TEST(ConfigParityCheck, EachKeyGetsItsOutcome) {
  ConfigParityFacts facts;
  facts.source =
      ConfigDigests{{"SAME", "h1"}, {"DIFFERENT", "h2"}, {"MISSING", "h3"}, {"DATABASE_URL", "h4"}};
  facts.target = ConfigDigests{{"SAME", "h1"}, {"DIFFERENT", "h9"}, {"EXTRA", "h5"}};
  facts.source_attachments = {
      Attachment{"a1", "DATABASE", "old-app", "ad1", "postgresql-1", "old-app"}};
  const auto findings = evaluate_config_parity(test::migration(), facts);
  ASSERT_EQ(findings.size(), 4U);
  EXPECT_EQ(by_subject(findings, "SAME").outcome, Outcome::pass);
  EXPECT_EQ(by_subject(findings, "DIFFERENT").outcome, Outcome::warn);
  EXPECT_EQ(by_subject(findings, "MISSING").outcome, Outcome::fail);
  const Finding& attached = by_subject(findings, "DATABASE_URL");
  EXPECT_EQ(attached.outcome, Outcome::skip);
  EXPECT_NE(attached.message.find("DATABASE (postgresql-1)"), std::string::npos);
}

TEST(ConfigParityCheck, NeverShowsDigestsOrValues) {
  ConfigParityFacts facts;
  facts.source = ConfigDigests{{"K", "digest-of-source-value"}};
  facts.target = ConfigDigests{{"K", "digest-of-target-value"}};
  for (const auto& f : evaluate_config_parity(test::migration(), facts)) {
    EXPECT_EQ(f.message.find("digest-of"), std::string::npos);
    EXPECT_EQ(f.evidence.dump().find("digest-of"), std::string::npos);
  }
}

TEST(ConfigParityCheck, EmptySourcePasses) {
  ConfigParityFacts facts;
  facts.source = ConfigDigests{};
  facts.target = ConfigDigests{{"X", "h"}};
  const auto findings = evaluate_config_parity(test::migration(), facts);
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::pass);
}

TEST(ConfigParityCheck, MissingAppCannotDecide) {
  ConfigParityFacts facts;
  facts.source = ConfigDigests{{"X", "h"}};
  const auto findings = evaluate_config_parity(test::migration(), facts);
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].outcome, Outcome::error);
  EXPECT_NE(findings[0].message.find("target app \"new-app\""), std::string::npos);
}

}  // namespace
}  // namespace config_parity_check_test
}  // namespace spaceport
