#include "runner/options.hpp"

#include <gtest/gtest.h>

#include "core/config_error.hpp"

namespace spaceport {
namespace options_test {
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
  EXPECT_EQ(check.selection.only, (std::vector<std::string>{"app.source", "app.target"}));
  EXPECT_EQ(check.selection.skip, (std::vector<std::string>{"config.parity"}));
  EXPECT_TRUE(check.strict);
  EXPECT_EQ(check.common.timeout, std::chrono::seconds(5));
  EXPECT_EQ(check.reports.junit, "r.xml");
  EXPECT_EQ(check.reports.json, std::nullopt);
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
  EXPECT_EQ(std::get<ListChecksCommand>(parse_command_line({"list-checks", "--json"})).json, "-");
  EXPECT_EQ(
      std::get<ListChecksCommand>(parse_command_line({"list-checks", "--json", "c.json"})).json,
      "c.json");
  EXPECT_EQ(std::get<ListChecksCommand>(parse_command_line({"list-checks"})).json, std::nullopt);
}

TEST(Options, OptionsAreMatchedWholeWithASuggestion) {
  EXPECT_NE(error_of({"check", "--pl", "p", "--phase", "all"})
                .find("unknown option \"--pl\"; did you mean \"--plan\"?"),
            std::string::npos);
  EXPECT_NE(error_of({"check", "--plan", "p", "--phase", "all", "--stirct"})
                .find("did you mean \"--strict\"?"),
            std::string::npos);
  EXPECT_NE(error_of({"watch", "--plan", "p", "--interval=5m", "--promethus", "x"})
                .find("did you mean \"--prometheus\"?"),
            std::string::npos);
  EXPECT_NE(error_of({"destroy", "--plan", "p", "--app", "a", "--conf", "a"})
                .find("unknown option \"--conf\""),
            std::string::npos);
}

TEST(Options, ExtraWordsAreErrors) {
  EXPECT_NE(error_of({"check", "--plan", "p", "--phase", "preflight", "cutover"})
                .find("unexpected word \"cutover\""),
            std::string::npos);
  EXPECT_NE(error_of({"destroy", "--plan", "p", "--app", "a", "--confirm", "a", "now"})
                .find("unexpected word \"now\""),
            std::string::npos);
  EXPECT_NE(error_of({"list-checks", "everything"}).find("unexpected word"), std::string::npos);
  EXPECT_NE(error_of({"logs", "scan", "a.log", "b.log"}).find("\"b.log\" is one too many"),
            std::string::npos);
  EXPECT_NE(error_of({"help", "check", "watch"}).find("one command name"), std::string::npos);
  // A comma list is the way to give two phases in one option.
  EXPECT_EQ(std::get<CheckCommand>(
                parse_command_line({"check", "--plan", "p", "--phase", "preflight,cutover"}))
                .phases.size(),
            2U);
}

TEST(Options, StandardOutputIsDashForEveryReport) {
  const auto check = std::get<CheckCommand>(
      parse_command_line({"check", "--plan", "p", "--phase", "all", "--markdown", "-"}));
  EXPECT_EQ(check.reports.markdown, "-");
  EXPECT_NE(error_of({"check", "--plan", "p", "--phase", "all", "--json", "-", "--junit", "-"})
                .find("--json and --junit both write to standard output"),
            std::string::npos)
      << error_of({"check", "--plan", "p", "--phase", "all", "--json", "-", "--junit", "-"});
  const auto watch =
      std::get<WatchCommand>(parse_command_line({"watch", "--plan", "p", "--junit", "-"}));
  EXPECT_EQ(watch.reports.junit, "-");
  EXPECT_EQ(std::get<LogsScanCommand>(parse_command_line({"logs", "scan", "--json", "-"})).json,
            "-");
  EXPECT_NE(
      error_of({"watch", "--plan", "p", "--prometheus", "-"}).find("--prometheus needs a file"),
      std::string::npos);
}

TEST(Options, HelpForEveryCommand) {
  for (const std::string command :
       {"check", "destroy", "watch", "logs", "report", "list-checks", "help"}) {
    const auto text = help_text(command);
    ASSERT_TRUE(text.has_value()) << command;
    EXPECT_NE(text->find("usage: spaceport " + command), std::string::npos) << *text;
    EXPECT_NE(text->find("Examples:\n  spaceport "), std::string::npos) << *text;
    EXPECT_NE(text->find("Exit codes"), std::string::npos) << *text;
    EXPECT_NE(text->find("Environment"), std::string::npos) << *text;
    // The same text whichever way it is asked for.
    const std::vector<std::string> asked = command == "logs"
                                               ? std::vector<std::string>{"logs", "scan", "--help"}
                                               : std::vector<std::string>{command, "--help"};
    EXPECT_EQ(std::get<HelpCommand>(parse_command_line(asked)).text, *text) << command;
    EXPECT_EQ(std::get<HelpCommand>(parse_command_line({"help", command})).text, *text);
  }
  EXPECT_EQ(std::get<HelpCommand>(parse_command_line({"logs", "-h"})).text, *help_text("logs"));
  EXPECT_EQ(std::get<HelpCommand>(parse_command_line({"list-checks", "-h"})).text,
            *help_text("list-checks"));
  EXPECT_NE(help_text("check")->find("HEROKU_API_KEY"), std::string::npos);
  EXPECT_NE(help_text("check")->find("  --migration "), std::string::npos);
  EXPECT_NE(help_text("watch")->find("  --junit "), std::string::npos);
  EXPECT_NE(help_text("logs")->find("  --fail-on "), std::string::npos);
  EXPECT_EQ(help_text("frobnicate"), std::nullopt);
  EXPECT_NE(error_of({"help", "frobnicate"}).find("no command \"frobnicate\""), std::string::npos);
}

TEST(Options, DurationsAcceptCompoundsAndZeroWhereItMeansSomething) {
  const auto check = std::get<CheckCommand>(parse_command_line(
      {"check", "--plan", "p", "--phase", "all", "--retry-timeout", "1m30s", "--sleep", "0s"}));
  EXPECT_EQ(check.retry_timeout, std::chrono::seconds(90));
  EXPECT_EQ(check.sleep, std::chrono::seconds(0));
  EXPECT_NE(error_of({"check", "--plan", "p", "--phase", "all", "--timeout", "0s"})
                .find("--timeout must be longer than zero"),
            std::string::npos);
  EXPECT_NE(error_of({"watch", "--plan", "p", "--interval", "0s"})
                .find("--interval must be longer than zero"),
            std::string::npos);
  EXPECT_EQ(
      std::get<WatchCommand>(parse_command_line({"watch", "--plan", "p", "--interval", "1h30m"}))
          .interval,
      std::chrono::minutes(90));
}

TEST(Options, LogsScanThresholds) {
  const auto logs = std::get<LogsScanCommand>(
      parse_command_line({"logs", "scan", "app.log", "--max-5xx-percent", "1.5", "--fail-on",
                          "H10,H12", "--fail-on", "R14"}));
  EXPECT_EQ(logs.input, "app.log");
  EXPECT_EQ(logs.max_5xx_percent, 1.5);
  EXPECT_EQ(logs.fail_on, (std::vector<std::string>{"H10", "H12", "R14"}));
  EXPECT_NE(error_of({"logs", "scan", "--fail-on", "H999"}).find("not a Heroku error code"),
            std::string::npos);
  EXPECT_NE(error_of({"logs", "scan", "--max-5xx-percent", "120"}).find("between 0 and 100"),
            std::string::npos);
}

TEST(Options, ShardsAndMerge) {
  const auto check = std::get<CheckCommand>(
      parse_command_line({"check", "--plan", "p", "--phase", "all", "--shard", "2/8"}));
  ASSERT_TRUE(check.selection.shard.has_value());
  EXPECT_EQ(check.selection.shard->index, 2);
  EXPECT_EQ(check.selection.shard->count, 8);
  for (const char* bad : {"0/3", "4/3", "1/0", "x/2", "2", "1/3x"}) {
    EXPECT_NE(error_of({"check", "--plan", "p", "--phase", "all", "--shard", bad})
                  .find("is not I/N with 1 <= I <= N <= 10000"),
              std::string::npos)
        << bad;
  }
  const auto merge = std::get<MergeCommand>(
      parse_command_line({"report", "merge", "--json", "out.json", "a.json", "b.json"}));
  EXPECT_EQ(merge.inputs, (std::vector<std::string>{"a.json", "b.json"}));
  EXPECT_EQ(merge.reports.json, "out.json");
  EXPECT_NE(error_of({"report", "merge", "a.json"}).find("--json FILE is required"),
            std::string::npos);
  EXPECT_NE(error_of({"report", "merge", "--json", "o.json"}).find("name the shards' JSON reports"),
            std::string::npos);
  EXPECT_NE(error_of({"report", "join"}).find("the only subcommand is \"merge\""),
            std::string::npos);
  EXPECT_EQ(std::get<CheckCommand>(parse_command_line({"check", "--plan", "p", "--phase", "all",
                                                       "--request-budget", "900"}))
                .common.request_budget,
            900);
}

TEST(Options, MigrationSelection) {
  const auto check = std::get<CheckCommand>(parse_command_line(
      {"check", "--plan", "p", "--phase", "all", "--migration", "a", "--migration", "b,c"}));
  EXPECT_EQ(check.selection.migrations, (std::vector<std::string>{"a", "b", "c"}));
  const auto watch = std::get<WatchCommand>(parse_command_line(
      {"watch", "--plan", "p", "--migration", "a", "--only", "dns.target", "--strict"}));
  EXPECT_EQ(watch.selection.migrations, (std::vector<std::string>{"a"}));
  EXPECT_EQ(watch.selection.only, (std::vector<std::string>{"dns.target"}));
  EXPECT_TRUE(watch.strict);
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
}  // namespace options_test
}  // namespace spaceport
