// End-to-end: every way the Platform API can fail gives the documented outcome and exit code.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/support.hpp"

namespace spaceport {
namespace api_errors_e2e_test {
namespace {

using nlohmann::json;
using test::FakeHeroku;
using test::TempDir;

struct ApiRun {
  test::ProcessResult process;
  json report;
};

ApiRun run_with(const FakeHeroku& fake, std::vector<std::string> extra = {},
                std::map<std::string, std::optional<std::string>> env = {}) {
  TempDir dir;
  const auto plan = dir.write("plan.json", test::base_plan().dump());
  std::vector<std::string> args{"check",    "--plan",    plan.string(),
                                "--phase",  "preflight", "--api-url",
                                fake.url(), "--json",    (dir.path() / "r.json").string()};
  args.insert(args.end(), test::k_skip_dns_checks.begin(), test::k_skip_dns_checks.end());
  args.insert(args.end(), {"--data-api-url", fake.url()});
  args.insert(args.end(), extra.begin(), extra.end());
  ApiRun out;
  out.process = test::run_spaceport(args, std::move(env));
  const std::string text = test::read_file(dir.path() / "r.json");
  out.report = text.empty() ? json() : json::parse(text);
  return out;
}

json with_fault(json fault) {
  json scenario = test::base_scenario();
  scenario["faults"] = json::array({std::move(fault)});
  return scenario;
}

/// The result of `check` (the first, when it has several).
json result_of(const ApiRun& out, const std::string& check) {
  for (const auto& r : out.report.at("results")) {
    if (r["check"] == check) {
      return r;
    }
  }
  return json::object();
}

struct FaultCase {
  const char* name;
  json fault;
  std::string message_part;
};

void PrintTo(const FaultCase& fault_case, std::ostream* out) {
  *out << fault_case.name;
}

class ApiFault : public testing::TestWithParam<FaultCase> {};

// GET /apps/old-app is how the run learns who the source is (its id): a fault there leaves
// every check that needs the source undecided, each saying why; the target's checks decide.
TEST_P(ApiFault, ErrorsTheSourcesChecksAndExitsThree) {
  json fault = GetParam().fault;
  fault["path"] = "/apps/old-app";
  FakeHeroku fake(with_fault(fault));
  const ApiRun out = run_with(fake, {"--timeout", "2s"});
  EXPECT_EQ(out.process.exit_code, 3) << out.process.out << out.process.err;
  for (const auto& r : out.report["results"]) {
    if (r["outcome"] != "error") {
      continue;
    }
    EXPECT_NE(r["message"].get<std::string>().find(GetParam().message_part), std::string::npos)
        << r["message"];
    EXPECT_NE(r["message"].get<std::string>().find("/apps/old-app"), std::string::npos);
  }
  EXPECT_EQ(result_of(out, "app.source")["outcome"], "error");
  EXPECT_EQ(result_of(out, "config.parity")["outcome"], "error");
  // The checks of the target and the space still ran and decided.
  for (const char* check : {"app.target", "space.target", "formation.sizes"}) {
    EXPECT_EQ(result_of(out, check)["outcome"], "pass") << check;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Faults, ApiFault,
    testing::Values(FaultCase{"ServerError",
                              {{"kind", "status"}, {"status", 503}},
                              "answered 503 (Request-Id "},
                    FaultCase{"Forbidden",
                              {{"kind", "status"},
                               {"status", 403},
                               {"id", "forbidden"},
                               {"message", "You do not have access to the app old-app."}},
                              "forbidden: You do not have access"},
                    FaultCase{"HtmlInsteadOfJson",
                              {{"kind", "html"}},
                              "instead of JSON (164 bytes, an HTML page)"},
                    FaultCase{"MalformedJson", {{"kind", "bad_json"}}, "not valid JSON"},
                    FaultCase{"TruncatedBody", {{"kind", "truncated"}}, "truncated response"},
                    FaultCase{"Hang", {{"kind", "hang"}, {"ms", 30000}}, "timed out"},
                    FaultCase{"RateLimitThatDoesNotClear",
                              {{"kind", "rate_limit"}, {"retry_after", 3600}},
                              "rate limited; Retry-After 3600"}),
    [](const testing::TestParamInfo<FaultCase>& fault_case) { return fault_case.param.name; });

TEST(ApiErrors, AWrongContentTypeNeverQuotesTheBody) {
  // A proxy relabels the config vars as text/plain: the checks that read them error, and the
  // values in that body reach no output.
  FakeHeroku fake(
      with_fault({{"path", test::app_path("old-app", "/config-vars")}, {"kind", "plain_text"}}));
  const ApiRun out = run_with(fake);
  EXPECT_EQ(out.process.exit_code, 3) << out.process.out;
  for (const auto& r : out.report["results"]) {
    if (r["check"] == "config.parity" || r["check"] == "maintenance.page") {
      EXPECT_EQ(r["outcome"], "error") << r;
      EXPECT_NE(
          r["message"].get<std::string>().find("\"text/plain; charset=utf-8\" instead of JSON"),
          std::string::npos)
          << r;
    }
  }
  const std::string everything = out.process.out + out.process.err + out.report.dump();
  for (const std::string secret : {"s3cr3t-value-91c4e", "postgres://u:p@host/db1"}) {
    EXPECT_EQ(everything.find(secret), std::string::npos) << secret;
  }
}

TEST(ApiErrors, CredentialsInTheApiUrlAreRefusedUnprinted) {
  FakeHeroku fake(test::base_scenario());
  const std::string host = fake.url().substr(std::string("http://").size());
  TempDir dir;
  const auto plan = dir.write("plan.json", test::base_plan().dump());
  const auto process = test::run_spaceport({"check", "--plan", plan.string(), "--phase", "all",
                                            "--api-url", "http://ops:hunter2-pw@" + host});
  EXPECT_EQ(process.exit_code, 2);
  EXPECT_NE(process.err.find("must not carry credentials"), std::string::npos) << process.err;
  EXPECT_EQ((process.out + process.err).find("hunter2-pw"), std::string::npos);
  EXPECT_TRUE(fake.requests().empty());
}

TEST(ApiErrors, ARateLimitThatClearsIsRetriedAndPasses) {
  FakeHeroku fake(with_fault(
      {{"path", "/apps/old-app"}, {"kind", "rate_limit"}, {"retry_after", 0}, {"times", 2}}));
  const ApiRun out = run_with(fake);
  EXPECT_EQ(out.process.exit_code, 0) << out.process.out;
  EXPECT_EQ(result_of(out, "app.source")["outcome"], "pass");
  EXPECT_EQ(fake.count("GET", "/apps/old-app"), 3);
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

/// Whether every request fake-heroku saw was about the account (who it is, its rate limits).
bool only_the_account_was_asked(const FakeHeroku& fake) {
  for (const auto& request : fake.requests()) {
    if (request["path"].get<std::string>().rfind("/account", 0) != 0) {
      return false;
    }
  }
  return true;
}

TEST(ApiErrors, ABadTokenStopsTheRunAtTheAccountWithOneMessageNamingWhereItCameFrom) {
  json scenario = test::base_scenario();
  scenario["api_key"] = "the-right-token";
  FakeHeroku fake(scenario);
  const ApiRun out = run_with(fake);
  // Not one 401 per check and exit 3: a usage error, before any check.
  EXPECT_EQ(out.process.exit_code, 2) << out.process.out << out.process.err;
  EXPECT_TRUE(out.report.is_null());
  EXPECT_EQ(occurrences(out.process.out + out.process.err, "answered 401"), 1U) << out.process.err;
  EXPECT_NE(out.process.err.find("the Platform API refused the token from HEROKU_API_KEY"),
            std::string::npos)
      << out.process.err;
  EXPECT_NE(out.process.err.find("heroku authorizations:create"), std::string::npos);
  EXPECT_TRUE(only_the_account_was_asked(fake));
  EXPECT_EQ((out.process.out + out.process.err).find("test-token-7d1f"), std::string::npos);
}

TEST(ApiErrors, ABadTokenFromNetrcNamesTheNetrcEntry) {
  json scenario = test::base_scenario();
  scenario["api_key"] = "the-right-token";
  FakeHeroku fake(scenario);
  TempDir home;
  const std::string host = fake.url().substr(std::string("http://").size());
  home.write(".netrc", "machine " + host + "\n  login ops@example.com\n  password expired-1234\n");
  std::filesystem::permissions(home.path() / ".netrc", std::filesystem::perms::owner_read |
                                                           std::filesystem::perms::owner_write);
  const ApiRun out =
      run_with(fake, {}, {{"HEROKU_API_KEY", std::nullopt}, {"HOME", home.path().string()}});
  EXPECT_EQ(out.process.exit_code, 2);
  EXPECT_NE(out.process.err.find("the token from the ~/.netrc entry for machine " + host),
            std::string::npos)
      << out.process.err;
  EXPECT_EQ(out.process.err.find("expired-1234"), std::string::npos);
  EXPECT_TRUE(only_the_account_was_asked(fake));
}

TEST(ApiErrors, ATokenThatMayNotReadTheAccountStopsTheRun) {
  json scenario = test::base_scenario();
  scenario["faults"] = json::array({{{"path", "/account"}, {"kind", "status"}, {"status", 403}}});
  FakeHeroku fake(scenario);
  const ApiRun out = run_with(fake);
  EXPECT_EQ(out.process.exit_code, 2);
  EXPECT_NE(out.process.err.find("the token from HEROKU_API_KEY may not read the account"),
            std::string::npos)
      << out.process.err;
  EXPECT_NE(out.process.err.find("read-protected"), std::string::npos);
  EXPECT_TRUE(only_the_account_was_asked(fake));
}

TEST(ApiErrors, AnAppTheTokenCannotReadIsSaidOnceNotOncePerCheck) {
  FakeHeroku fake(with_fault({{"path", "/apps/old-app*"}, {"kind", "status"}, {"status", 403}}));
  const ApiRun out = run_with(fake);
  EXPECT_EQ(out.process.exit_code, 3) << out.process.out << out.process.err;
  EXPECT_EQ(occurrences(out.process.err, "cannot read app"), 1U) << out.process.err;
  EXPECT_NE(out.process.err.find("the token from HEROKU_API_KEY cannot read app \"old-app\" "
                                 "(source of migration"),
            std::string::npos)
      << out.process.err;
  // The console prints the API's answer once; the other checks it failed point at it.
  EXPECT_EQ(occurrences(out.process.out, "answered 403"), 1U) << out.process.out;
  EXPECT_NE(out.process.out.find("the same error as app.source[old-app] above"), std::string::npos)
      << out.process.out;
  // The report keeps every result's own message.
  EXPECT_EQ(result_of(out, "app.source")["outcome"], "error");
  EXPECT_NE(result_of(out, "config.parity")["message"].get<std::string>().find("403"),
            std::string::npos);
}

TEST(ApiErrors, NoTokenIsAConfigurationError) {
  FakeHeroku fake(test::base_scenario());
  TempDir home;
  const ApiRun out =
      run_with(fake, {}, {{"HEROKU_API_KEY", std::nullopt}, {"HOME", home.path().string()}});
  EXPECT_EQ(out.process.exit_code, 2);
  EXPECT_NE(out.process.err.find("no Heroku API token"), std::string::npos);
  EXPECT_TRUE(fake.requests().empty());
}

TEST(ApiErrors, TheTokenComesFromNetrcForTheApiHost) {
  FakeHeroku fake(test::base_scenario());
  TempDir home;
  const std::string host = fake.url().substr(std::string("http://").size());
  home.write(".netrc",
             "machine " + host + "\n  login ops@example.com\n  password test-token-7d1f\n");
  std::filesystem::permissions(home.path() / ".netrc", std::filesystem::perms::owner_read |
                                                           std::filesystem::perms::owner_write);
  const ApiRun out =
      run_with(fake, {}, {{"HEROKU_API_KEY", std::nullopt}, {"HOME", home.path().string()}});
  EXPECT_EQ(out.process.exit_code, 0) << out.process.out << out.process.err;
  EXPECT_EQ(out.process.err.find("warning"), std::string::npos) << out.process.err;
  // Readable by others, as ssh and ftp would say: used, with a warning.
  std::filesystem::permissions(home.path() / ".netrc", std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  const ApiRun shared =
      run_with(fake, {}, {{"HEROKU_API_KEY", std::nullopt}, {"HOME", home.path().string()}});
  EXPECT_EQ(shared.process.exit_code, 0);
  EXPECT_NE(shared.process.err.find("can be read by other users (mode 0604); make it private "
                                    "with `chmod 600 "),
            std::string::npos)
      << shared.process.err;
}

TEST(ApiErrors, ThePlainHttpApiOfAnotherMachineIsRefusedBeforeAnything) {
  // The token would cross the network in clear text. (.invalid never resolves: were the refusal
  // missing, nothing could be sent anywhere.)
  for (const std::string option : {"--api-url", "--data-api-url"}) {
    TempDir dir;
    const auto plan = dir.write("plan.json", test::base_plan().dump());
    const auto r = test::run_spaceport({"check", "--plan", plan.string(), "--phase", "preflight",
                                        option, "http://api.example.invalid"});
    EXPECT_EQ(r.exit_code, 2) << option << r.err;
    EXPECT_NE(r.err.find("is plain http to another machine"), std::string::npos) << r.err;
  }
  TempDir dir;
  const auto plan = dir.write("plan.json", test::base_plan().dump());
  const auto r = test::run_spaceport({"check", "--plan", plan.string(), "--phase", "preflight"},
                                     {{"HEROKU_HOST", "http://api.example.invalid"}});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("(HEROKU_HOST)"), std::string::npos) << r.err;
}

TEST(ApiErrors, ARefusedConnectionErrorsEveryCheck) {
  // A bound socket that never listens: connecting to it is refused, and while it is held no
  // other test can take the port.
  const int holder = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(holder, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(holder, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const int port = ntohs(address.sin_port);

  TempDir dir;
  const auto plan = dir.write("plan.json", test::base_plan().dump());
  const auto process = test::run_spaceport({"check", "--plan", plan.string(), "--phase", "all",
                                            "--api-url", "http://127.0.0.1:" + std::to_string(port),
                                            "--skip", test::k_skip_dns_checks[1]});
  ::close(holder);
  EXPECT_EQ(process.exit_code, 3);
  EXPECT_NE(process.out.find("could not connect"), std::string::npos) << process.out;
}

}  // namespace
}  // namespace api_errors_e2e_test
}  // namespace spaceport
