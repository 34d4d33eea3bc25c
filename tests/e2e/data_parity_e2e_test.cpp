// data.parity against two real PostgreSQL 15 servers from Debian (started by the test harness):
// what it finds, and that it only ever reads.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace data_parity_e2e_test {
namespace {

class DataParity : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_source = new PostgresServer();
    s_target = new PostgresServer();
    s_fake = new FakeHeroku(cutover_scenario());
  }
  static void TearDownTestSuite() {
    delete s_fake;
    delete s_target;
    delete s_source;
  }

  /// A fresh database of this name on both servers, each filled by its own SQL.
  static void databases(const std::string& name, const std::string& source_sql,
                        const std::string& target_sql) {
    for (auto* server : {s_source, s_target}) {
      server->sql("postgres", "CREATE DATABASE " + name);
    }
    s_source->sql(name, source_sql);
    s_target->sql(name, target_sql);
  }

  static CheckRun run(const std::string& database, json parity = json::object(),
                      std::map<std::string, std::optional<std::string>> env = {}) {
    json plan = base_plan();
    if (!parity.is_null()) {
      parity.emplace("source_url_env", "SOURCE_DATABASE_URL");
      parity.emplace("target_url_env", "TARGET_DATABASE_URL");
      plan["migrations"][0]["data_parity"] = parity;
    }
    env.try_emplace("SOURCE_DATABASE_URL", s_source->url(database));
    env.try_emplace("TARGET_DATABASE_URL", s_target->url(database));
    TempDir dir;
    const auto plan_path = dir.write("plan.json", plan.dump());
    CheckRun out;
    out.process = run_spaceport(
        {"check", "--plan", plan_path.string(), "--phase", "cutover", "--only", "data.parity",
         "--api-url", s_fake->url(), "--json", (dir.path() / "r.json").string()},
        env);
    out.report = json::parse(read_file(dir.path() / "r.json"));
    return out;
  }

  static PostgresServer* s_source;
  static PostgresServer* s_target;
  static FakeHeroku* s_fake;
};

PostgresServer* DataParity::s_source = nullptr;
PostgresServer* DataParity::s_target = nullptr;
FakeHeroku* DataParity::s_fake = nullptr;

const std::string k_schema =
    "CREATE TABLE customers (id int PRIMARY KEY, name text);"
    "CREATE TABLE orders (id bigint, line int, total numeric, PRIMARY KEY (id, line));"
    "CREATE TABLE events (at timestamptz, what text);"
    "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger');"
    "INSERT INTO orders VALUES (10, 1, 9.5), (10, 2, 3), (11, 1, 12);"
    "INSERT INTO events VALUES (now(), 'signup'), (now(), 'order');";

TEST_F(DataParity, IdenticalDataPassesAndNothingIsWritten) {
  databases("same", k_schema, k_schema);
  const auto r = run("same");
  EXPECT_EQ(r.process.exit_code, 0) << r.process.out << r.process.err;
  ASSERT_EQ(r.report["results"].size(), 3U) << r.process.out;
  EXPECT_EQ(result(r, "data.parity", "public.customers")["outcome"], "pass");
  EXPECT_EQ(result(r, "data.parity", "public.orders")["message"],
            "table public.orders: 3 rows on both, same primary keys");
  EXPECT_EQ(result(r, "data.parity", "public.events")["message"],
            "table public.events: 2 rows on both (no primary key to compare)");
  // Every statement spaceport sent was a read, inside a read-only transaction.
  for (const auto* server : {s_source, s_target}) {
    const auto statements = server->statements_of("spaceport");
    ASSERT_FALSE(statements.empty());
    EXPECT_EQ(statements.front(), "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    for (std::size_t i = 1; i < statements.size(); ++i) {
      EXPECT_EQ(statements[i].rfind("SELECT ", 0), 0U) << statements[i];
    }
  }
}

TEST_F(DataParity, AMissingRowFailsNamingTheTable) {
  databases("missing_row", k_schema, k_schema + "DELETE FROM orders WHERE id = 11;");
  const auto r = run("missing_row");
  EXPECT_EQ(r.process.exit_code, 1);
  const auto orders = result(r, "data.parity", "public.orders");
  EXPECT_EQ(orders["outcome"], "fail");
  EXPECT_EQ(orders["message"], "table public.orders: 3 rows on the source, 2 on the target");
  EXPECT_EQ(result(r, "data.parity", "public.customers")["outcome"], "pass");
}

TEST_F(DataParity, SameCountButDifferentKeysFails) {
  databases(
      "other_key", k_schema,
      k_schema + "DELETE FROM customers WHERE id = 3; INSERT INTO customers VALUES (4, 'E');");
  const auto r = run("other_key");
  const auto customers = result(r, "data.parity", "public.customers");
  EXPECT_EQ(customers["outcome"], "fail");
  EXPECT_NE(customers["message"].get<std::string>().find("the primary keys differ"),
            std::string::npos);
}

TEST_F(DataParity, AMissingTableAndAnExtraTableFail) {
  databases("tables", k_schema + "CREATE TABLE refunds (id int PRIMARY KEY);",
            k_schema + "CREATE SCHEMA staging; CREATE TABLE staging.tmp_import (x int);");
  const auto r = run("tables");
  EXPECT_EQ(r.process.exit_code, 1);
  const auto refunds = result(r, "data.parity", "public.refunds");
  EXPECT_EQ(refunds["outcome"], "fail");
  EXPECT_EQ(refunds["message"], "table public.refunds is on the source but missing on the target");
  const auto extra = result(r, "data.parity", "staging.tmp_import");
  EXPECT_EQ(extra["outcome"], "fail");
  EXPECT_NE(extra["message"].get<std::string>().find("is on the target only"), std::string::npos);
}

TEST_F(DataParity, AboveTheRowLimitCountsAreEstimatesMarkedAsSuch) {
  databases("estimates", k_schema + "ANALYZE;", k_schema + "ANALYZE;");
  const auto r = run("estimates", {{"checksum_row_limit", 0}});
  const auto customers = result(r, "data.parity", "public.customers");
  EXPECT_EQ(customers["outcome"], "pass");
  EXPECT_EQ(customers["evidence"]["source"]["method"], "estimate");
  EXPECT_NE(customers["message"].get<std::string>().find("planner estimates"), std::string::npos);
}

TEST_F(DataParity, EstimatesThatDifferWarn) {
  const std::string rows = "CREATE TABLE big (id int PRIMARY KEY);";
  databases("estimates_differ",
            rows + "INSERT INTO big SELECT generate_series(1, 100); ANALYZE big;",
            rows + "INSERT INTO big SELECT generate_series(1, 200); ANALYZE big;");
  const auto r = run("estimates_differ", {{"checksum_row_limit", 10}});
  EXPECT_EQ(r.process.exit_code, 0);  // a warning alone does not fail
  const auto big = result(r, "data.parity", "public.big");
  EXPECT_EQ(big["outcome"], "warn");
  EXPECT_NE(big["message"].get<std::string>().find("about 100 rows on the source, 200 on the "
                                                   "target"),
            std::string::npos)
      << big["message"];
}

TEST_F(DataParity, WithoutUrlsInThePlanItSkips) {
  const auto r = run("postgres", nullptr);
  EXPECT_EQ(r.process.exit_code, 0);
  EXPECT_EQ(result(r, "data.parity", "new-app")["outcome"], "skip");
}

TEST_F(DataParity, AnUnsetVariableOrAnUnreachableServerIsAnErrorWithoutTheUrl) {
  auto r = run("postgres", json::object(), {{"TARGET_DATABASE_URL", std::nullopt}});
  EXPECT_EQ(r.process.exit_code, 3);
  EXPECT_NE(result(r, "data.parity", "new-app")["message"].get<std::string>().find(
                "TARGET_DATABASE_URL named in the plan's data_parity is not set"),
            std::string::npos);
  r = run("postgres", json::object(),
          {{"SOURCE_DATABASE_URL", "postgres://postgres:pa55-w0rd-91@127.0.0.1:1/nowhere"}});
  EXPECT_EQ(r.process.exit_code, 3);
  const std::string message = result(r, "data.parity", "new-app")["message"];
  EXPECT_NE(message.find("cannot connect to the source database (SOURCE_DATABASE_URL)"),
            std::string::npos)
      << message;
  EXPECT_EQ((r.process.out + r.process.err + r.report.dump()).find("pa55-w0rd-91"),
            std::string::npos);
}

// Secrets: a connection string libpq cannot read, a keyword/value string with a bad token, and
// a server that names the user in its refusal: no message holds the password, the user or the
// URL (libpq's own text quotes the token it stumbled on).
TEST_F(DataParity, ConnectionErrorsNeverShowThePasswordTheUserOrTheUrl) {
  const std::string port = s_source->url("x").substr(s_source->url("x").rfind(':') + 1);
  const std::string port_only = port.substr(0, port.find('/'));
  for (const std::string& url : std::vector<std::string>{
           "postgres://u1zq:Pa%zzSECRETpw@127.0.0.1:" + port_only + "/postgres",
           "host=127.0.0.1 user=u1zq password=SECRETpw 'oops",
           "postgres://u1zq:SECRETpw@127.0.0.1:" + port_only + "/postgres"}) {
    const auto r = run("postgres", json::object(), {{"SOURCE_DATABASE_URL", url}});
    EXPECT_EQ(r.process.exit_code, 3) << url;
    const std::string all = r.process.out + r.process.err + r.report.dump();
    for (const std::string& secret : {std::string("SECRETpw"), std::string("u1zq"), url}) {
      EXPECT_EQ(all.find(secret), std::string::npos) << secret << " in " << all;
    }
    EXPECT_NE(all.find("SOURCE_DATABASE_URL"), std::string::npos) << all;
  }
}

/// A loopback server that declines TLS ('N' to the SSLRequest) and keeps every byte it is sent
/// afterwards, as a machine on the path could.
class DecliningServer {
 public:
  DecliningServer() : m_fd(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        listen(m_fd, 4) != 0 ||
        getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("cannot listen on loopback");
    }
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
  }
  ~DecliningServer() {
    if (m_thread.joinable()) {
      m_thread.join();
    }
    close(m_fd);
  }
  DecliningServer(const DecliningServer&) = delete;
  DecliningServer& operator=(const DecliningServer&) = delete;
  int port() const { return m_port; }
  /// What clients sent after the refusal (valid once the server has stopped).
  std::string received() {
    if (m_thread.joinable()) {
      m_thread.join();
    }
    return m_received;
  }

 private:
  void serve() {
    pollfd listening{m_fd, POLLIN, 0};
    // libpq tries once per host; a client that never comes is given ten seconds.
    if (poll(&listening, 1, 10'000) <= 0) {
      return;
    }
    const int client = accept(m_fd, nullptr, nullptr);
    char buffer[512];
    pollfd p{client, POLLIN, 0};
    bool refused = false;
    while (poll(&p, 1, 3'000) > 0) {
      const ssize_t n = read(client, buffer, sizeof buffer);
      if (n <= 0) {
        break;
      }
      if (!refused) {
        refused = true;  // the SSLRequest: decline it
        const char no = 'N';
        if (write(client, &no, 1) != 1) {
          break;
        }
        continue;
      }
      m_received.append(buffer, static_cast<std::size_t>(n));
    }
    close(client);
  }

  int m_fd;
  int m_port = 0;
  std::thread m_thread;
  std::string m_received;
};

TEST_F(DataParity, AServerThatDeclinesTlsIsNeverSentThePassword) {
  DecliningServer server;
  const auto r =
      run("postgres", json::object(),
          {{"SOURCE_DATABASE_URL",
            "postgres://app:SECRETpw@127.0.0.1:" + std::to_string(server.port()) + "/db"}});
  EXPECT_EQ(r.process.exit_code, 3) << r.process.out << r.process.err;
  EXPECT_NE(result(r, "data.parity", "new-app")["message"].get<std::string>().find("SSL"),
            std::string::npos)
      << result(r, "data.parity", "new-app")["message"];
  EXPECT_EQ(server.received().find("SECRETpw"), std::string::npos);
  EXPECT_EQ(server.received(), "");  // nothing at all after the refusal: no startup, no password
}

TEST_F(DataParity, WithACaFileTheServersCertificatesAreVerified) {
  databases("verified", k_schema, k_schema);
  TempDir dir;
  const auto both = dir.write(
      "both.pem", read_file(s_source->certificate()) + read_file(s_target->certificate()));
  const auto source_only = dir.write("source.pem", read_file(s_source->certificate()));
  const auto with_ca = [&](const std::filesystem::path& ca) {
    json plan = base_plan();
    plan["migrations"][0]["data_parity"] = {{"source_url_env", "SOURCE_DATABASE_URL"},
                                            {"target_url_env", "TARGET_DATABASE_URL"}};
    const auto plan_path = dir.write("plan.json", plan.dump());
    CheckRun out;
    out.process = run_spaceport({"check", "--plan", plan_path.string(), "--phase", "cutover",
                                 "--only", "data.parity", "--api-url", s_fake->url(), "--json",
                                 (dir.path() / "r.json").string(), "--ca-file", ca.string()},
                                {{"SOURCE_DATABASE_URL", s_source->url("verified")},
                                 {"TARGET_DATABASE_URL", s_target->url("verified")}});
    out.report = json::parse(read_file(dir.path() / "r.json"));
    return out;
  };
  const CheckRun trusted = with_ca(both);
  EXPECT_EQ(trusted.process.exit_code, 0) << trusted.process.out << trusted.process.err;
  const CheckRun untrusted = with_ca(source_only);
  EXPECT_EQ(untrusted.process.exit_code, 3);
  EXPECT_NE(result(untrusted, "data.parity", "new-app")["message"].get<std::string>().find(
                "cannot connect to the target database"),
            std::string::npos);
}

}  // namespace
}  // namespace data_parity_e2e_test
}  // namespace spaceport::test
