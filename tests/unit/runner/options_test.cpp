#include "runner/options.hpp"

#include <gtest/gtest.h>

#include "runner/config_error.hpp"

namespace spaceport {
namespace {

std::string error_of(const std::vector<std::string>& args) {
  try {
    parse_command_line(args);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Options, ParsesCheck) {
  const auto command =
      parse_command_line({"check", "--plan", "p.json", "--phase", "cutover", "--phase", "preflight",
                          "--only", "app.source,app.target", "--skip", "config.parity", "--strict",
                          "--timeout", "5s", "--junit", "r.xml"});
  const auto& check = std::get<CheckCommand>(command);
  EXPECT_EQ(check.phases, (std::vector<Phase>{Phase::preflight, Phase::cutover}));
  EXPECT_EQ(check.only, (std::vector<std::string>{"app.source", "app.target"}));
  EXPECT_EQ(check.skip, (std::vector<std::string>{"config.parity"}));
  EXPECT_TRUE(check.strict);
  EXPECT_EQ(check.common.timeout, std::chrono::seconds(5));
  EXPECT_EQ(check.junit, "r.xml");
  EXPECT_EQ(check.json, std::nullopt);
}

TEST(Options, AllMeansEveryPhase) {
  const auto command = parse_command_line({"check", "--plan", "p", "--phase", "all"});
  EXPECT_EQ(std::get<CheckCommand>(command).phases.size(), 4U);
}

TEST(Options, MistakesAreUsageErrors) {
  EXPECT_NE(error_of({"check", "--plan", "p"}).find("--phase is required"), std::string::npos);
  EXPECT_NE(error_of({"check", "--plan", "p", "--phase", "preflite"}).find("unknown phase"),
            std::string::npos);
  EXPECT_NE(error_of({"check", "--plan", "p", "--phase", "all", "--only", "app.sourse"})
                .find("did you mean \"app.source\""),
            std::string::npos);
  EXPECT_NE(error_of({"check", "--phase", "all"}).find("--plan FILE is required"),
            std::string::npos);
  EXPECT_NE(error_of({"check", "--plan", "p", "--phase", "all", "--bogus"}).find("bogus"),
            std::string::npos);
  EXPECT_NE(error_of({"check", "--plan", "p", "--phase", "all", "--timeout", "soon"})
                .find("not a duration"),
            std::string::npos);
  EXPECT_NE(error_of({"frobnicate"}).find("unknown command"), std::string::npos);
  EXPECT_NE(error_of({}).find("no command"), std::string::npos);
}

TEST(Options, VersionAndListChecks) {
  EXPECT_TRUE(std::holds_alternative<VersionCommand>(parse_command_line({"--version"})));
  EXPECT_TRUE(std::get<ListChecksCommand>(parse_command_line({"list-checks", "--json"})).json);
}

TEST(Options, DnsServersAreValidatedAndNormalized) {
  const auto command = parse_command_line({"check", "--plan", "p", "--phase", "all", "--resolver",
                                           "127.0.0.1:5353,9.9.9.9", "--authoritative", "[::1]:53",
                                           "--tls-port", "8443"});
  const auto& check = std::get<CheckCommand>(command);
  EXPECT_EQ(check.common.resolvers, (std::vector<std::string>{"127.0.0.1:5353", "9.9.9.9:53"}));
  EXPECT_EQ(check.common.authoritative, (std::vector<std::string>{"[::1]:53"}));
  EXPECT_EQ(check.common.tls_port, 8443);
  EXPECT_NE(error_of({"check", "--plan", "p", "--phase", "all", "--resolver", "dns.google"})
                .find("--resolver: \"dns.google\" is not an IP address"),
            std::string::npos);
  EXPECT_NE(error_of({"check", "--plan", "p", "--phase", "all", "--tls-port", "0"})
                .find("--tls-port must be between 1 and 65535"),
            std::string::npos);
}

}  // namespace
}  // namespace spaceport
