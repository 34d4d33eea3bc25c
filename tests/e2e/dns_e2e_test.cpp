// DNS, TLS and health checks of the real binary against real servers: NSD and Unbound on
// loopback (fixtures/dns), fake-heroku for the API, and fake-heroku over HTTPS with
// openssl-made certificates as the site the domains point at.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace dns_e2e_test {
namespace {

/// A UDP socket on a free loopback port, closed when it goes. A read gives up after ten seconds,
/// so a responder thread cannot wait forever on a spaceport that never asked.
struct LoopbackUdp {
  LoopbackUdp() : fd(socket(AF_INET, SOCK_DGRAM, 0)) {
    if (fd < 0) {
      throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    }
    sockaddr_in bound{};
    bound.sin_family = AF_INET;
    bound.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof bound;
    const timeval patience{10, 0};
    if (bind(fd, reinterpret_cast<sockaddr*>(&bound), sizeof bound) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length) != 0 ||
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience) != 0) {
      const std::string reason = std::strerror(errno);
      close(fd);
      throw std::runtime_error("loopback UDP socket: " + reason);
    }
    address = "127.0.0.1:" + std::to_string(ntohs(bound.sin_port));
  }
  LoopbackUdp(const LoopbackUdp&) = delete;
  LoopbackUdp& operator=(const LoopbackUdp&) = delete;
  ~LoopbackUdp() { close(fd); }
  int fd;
  std::string address;
};

class DnsE2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dns = new DnsServers();
    s_fake = new FakeHeroku(dns_scenario());
  }
  static void TearDownTestSuite() {
    delete s_fake;
    delete s_dns;
  }

  static json plan(const std::vector<std::string>& domains) {
    json p = base_plan();
    p["migrations"][0]["domains"] = domains;
    p["migrations"][0]["dns"] = {{"max_ttl", 60}};
    return p;
  }

  /// Runs one check over `domains`, asking ns1 (and whoever else is given) and the resolver.
  static CheckRun run(const std::string& check_id, const std::vector<std::string>& domains,
                      std::vector<std::string> extra = {}, const json& custom_plan = nullptr) {
    std::vector<std::string> args{"--only", check_id};
    if (std::find(extra.begin(), extra.end(), "--authoritative") == extra.end()) {
      args.insert(args.end(), {"--authoritative", s_dns->ns1()});
    }
    if (std::find(extra.begin(), extra.end(), "--resolver") == extra.end() &&
        custom_plan.is_null()) {
      args.insert(args.end(), {"--resolver", s_dns->resolver()});
    }
    args.insert(args.end(), extra.begin(), extra.end());
    return check(*s_fake, custom_plan.is_null() ? plan(domains) : custom_plan, args, {"all"});
  }

  static DnsServers* s_dns;
  static FakeHeroku* s_fake;
};

DnsServers* DnsE2e::s_dns = nullptr;
FakeHeroku* DnsE2e::s_fake = nullptr;

TEST_F(DnsE2e, LoweredTtlPasses) {
  const auto r = run("dns.ttl", {"www.acme.test"});
  EXPECT_EQ(r.process.exit_code, 0) << r.process.out << r.process.err;
  const auto res = result(r, "dns.ttl", "www.acme.test");
  EXPECT_EQ(res["outcome"], "pass") << res.dump(2);
  EXPECT_NE(res["message"].get<std::string>().find("TTL 60 s"), std::string::npos);
  // Evidence holds what each server said.
  const auto servers = res["evidence"]["servers"];
  ASSERT_EQ(servers.size(), 2U);
  EXPECT_EQ(servers[0]["server"], s_dns->ns1());
  EXPECT_EQ(servers[0]["role"], "authoritative");
  EXPECT_EQ(servers[0]["aa"], true);
  EXPECT_EQ(servers[0]["answers"][0]["type"], "CNAME");
  EXPECT_EQ(servers[0]["answers"][0]["ttl"], 60);
  EXPECT_EQ(servers[1]["server"], s_dns->resolver());
}

TEST_F(DnsE2e, APlansSpellingOfADomainDoesNotChangeAnyVerdict) {
  // DNS names are one name whatever their case and whether they end in the root's dot.
  const std::vector<std::string> only{
      "--only",
      "dns.ttl,dns.target,dns.ttl-restored,domains.moved,decommission.domains,decommission.dns",
      "--authoritative",
      s_dns->ns1(),
      "--resolver",
      s_dns->resolver()};
  const CheckRun plain = check(*s_fake, plan({"www.acme.test", "old.acme.test"}), only, {"all"});
  const CheckRun spelt = check(*s_fake, plan({"WWW.Acme.Test.", "OLD.acme.test."}), only, {"all"});
  EXPECT_EQ(expect_same_verdicts(plain, spelt).size(),
            6U);  // every check that compares host names was compared
  EXPECT_EQ(result(spelt, "dns.ttl", "www.acme.test")["outcome"], "pass");
  EXPECT_EQ(result(spelt, "decommission.dns", "old.acme.test")["outcome"], "fail");
}

TEST_F(DnsE2e, TtlNotLoweredFailsNamingTheServer) {
  const auto r = run("dns.ttl", {"slow.acme.test"});
  EXPECT_EQ(r.process.exit_code, 1);
  const auto res = result(r, "dns.ttl", "slow.acme.test");
  EXPECT_EQ(res["outcome"], "fail");
  const std::string message = res["message"];
  EXPECT_NE(message.find(s_dns->ns1() + " (authoritative) serves TTL 86400 s"), std::string::npos)
      << message;
  EXPECT_NE(message.find("lower it to 60 s"), std::string::npos) << message;
}

TEST_F(DnsE2e, LoweredButStillCachedAtTheResolverFailsWithTheWait) {
  const auto r = run("dns.ttl", {"cached.acme.test"});
  EXPECT_EQ(r.process.exit_code, 1);
  const auto res = result(r, "dns.ttl", "cached.acme.test");
  EXPECT_EQ(res["outcome"], "fail");
  const std::string message = res["message"];
  EXPECT_EQ(message.find("(authoritative) serves"), std::string::npos) << message;
  EXPECT_NE(message.find(s_dns->resolver() + " (resolver) still caches an answer with 864"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("(about 24 h) left"), std::string::npos) << message;
}

TEST_F(DnsE2e, PlanResolversAreAskedWhenNoneIsGivenOnTheCommandLine) {
  json p = plan({"cached.acme.test"});
  p["migrations"][0]["dns"]["resolvers"] = {s_dns->resolver()};
  const auto r = run("dns.ttl", {}, {}, p);
  const auto res = result(r, "dns.ttl", "cached.acme.test");
  EXPECT_EQ(res["outcome"], "fail");
  EXPECT_NE(res["message"].get<std::string>().find(s_dns->resolver()), std::string::npos);
}

TEST_F(DnsE2e, CnameToTheTargetPasses) {
  const auto r = run("dns.target", {"www.acme.test"});
  EXPECT_EQ(r.process.exit_code, 0) << r.process.out;
  const auto res = result(r, "dns.target", "www.acme.test");
  EXPECT_EQ(res["outcome"], "pass");
  EXPECT_EQ(res["phase"], "cutover");
  EXPECT_EQ(res["evidence"]["expected"], "www-acme-test.new.herokudns.test");
}

TEST_F(DnsE2e, CnameToTheSourceFailsNamingEveryServer) {
  const auto r = run("dns.target", {"old.acme.test"});
  EXPECT_EQ(r.process.exit_code, 1);
  const auto res = result(r, "dns.target", "old.acme.test");
  EXPECT_EQ(res["outcome"], "fail");
  const std::string message = res["message"];
  EXPECT_NE(message.find("still pointing at the source app: " + s_dns->ns1() +
                         " (authoritative) (CNAME old-app.old.herokudns.test), " +
                         s_dns->resolver() + " (resolver)"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("point it at old-acme-test.new.herokudns.test"), std::string::npos);
}

TEST_F(DnsE2e, CnameToAThirdNameFails) {
  const auto r = run("dns.target", {"third.acme.test"});
  const auto res = result(r, "dns.target", "third.acme.test");
  EXPECT_EQ(res["outcome"], "fail");
  EXPECT_NE(res["message"].get<std::string>().find("has CNAME edge.acme.test, a third name"),
            std::string::npos)
      << res["message"];
}

TEST_F(DnsE2e, ApexAliasWithTheTargetsAddressesPasses) {
  const auto r = run("dns.target", {"acme.test"});
  EXPECT_EQ(r.process.exit_code, 0) << r.process.out;
  const auto res = result(r, "dns.target", "acme.test");
  EXPECT_EQ(res["outcome"], "pass");
  EXPECT_NE(res["message"].get<std::string>().find("ALIAS"), std::string::npos);
}

TEST_F(DnsE2e, NxdomainFailsBothChecks) {
  auto r = run("dns.target", {"missing.acme.test"});
  EXPECT_EQ(r.process.exit_code, 1);
  auto res = result(r, "dns.target", "missing.acme.test");
  EXPECT_EQ(res["outcome"], "fail");
  EXPECT_NE(res["message"].get<std::string>().find("does not exist (NXDOMAIN)"), std::string::npos);
  r = run("dns.ttl", {"missing.acme.test"});
  EXPECT_EQ(result(r, "dns.ttl", "missing.acme.test")["outcome"], "fail");
}

TEST_F(DnsE2e, ServfailIsAnErrorNotAPass) {
  const auto r = run("dns.ttl", {"www.broken.test"});
  EXPECT_EQ(r.process.exit_code, 3) << r.process.out;
  const auto res = result(r, "dns.ttl", "www.broken.test");
  EXPECT_EQ(res["outcome"], "error");
  EXPECT_NE(
      res["message"].get<std::string>().find(s_dns->ns1() + " (authoritative) answered SERVFAIL"),
      std::string::npos)
      << res["message"];
}

TEST_F(DnsE2e, AServerThatNeverAnswersIsAnError) {
  // A UDP socket that is bound but never read: queries to it go unanswered.
  const LoopbackUdp silent;
  const std::string& server = silent.address;
  const auto r = run("dns.ttl", {"www.acme.test"}, {"--authoritative", server, "--timeout", "1s"});
  EXPECT_EQ(r.process.exit_code, 3) << r.process.out;
  const auto res = result(r, "dns.ttl", "www.acme.test");
  EXPECT_EQ(res["outcome"], "error");
  EXPECT_NE(res["message"].get<std::string>().find(server + " (authoritative) did not answer"),
            std::string::npos)
      << res["message"];
  EXPECT_NE(res["message"].get<std::string>().find("timed out"), std::string::npos);
}

TEST_F(DnsE2e, AMalformedReplyIsAnErrorNamingTheServer) {
  // A server that answers every query with a reply whose record runs past the end of the packet.
  const LoopbackUdp udp;
  const std::string& server = udp.address;
  std::thread responder([socket_fd = udp.fd] {
    unsigned char query[512];
    sockaddr_in from{};
    socklen_t from_length = sizeof from;
    const ssize_t n = recvfrom(socket_fd, query, sizeof query, 0,
                               reinterpret_cast<sockaddr*>(&from), &from_length);
    if (n < 12) {
      return;
    }
    std::vector<unsigned char> reply(query, query + n);
    reply[2] = 0x84;  // QR, AA
    reply[7] = 1;     // one answer...
    const unsigned char broken[] = {0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0xFF, 0xFF, 127, 0};
    reply.insert(reply.end(), std::begin(broken), std::end(broken));  // ...that is cut off
    sendto(socket_fd, reply.data(), reply.size(), 0, reinterpret_cast<sockaddr*>(&from),
           from_length);
  });
  const auto r = run("dns.ttl", {"www.acme.test"}, {"--authoritative", server});
  responder.join();
  EXPECT_EQ(r.process.exit_code, 3) << r.process.out;
  const auto res = result(r, "dns.ttl", "www.acme.test");
  EXPECT_EQ(res["outcome"], "error");
  EXPECT_NE(
      res["message"].get<std::string>().find(server + " (authoritative) did not answer: malformed "
                                                      "reply: a A record at offset"),
      std::string::npos)
      << res["message"];
}

TEST_F(DnsE2e, AServerAnsweringRandomBytesIsAnErrorNotAPass) {
  // Every query is answered with random bytes (seeded): half keep the query's id and the reply
  // bit, so that they reach spaceport's parser; the rest are dropped by c-ares as not replies.
  const LoopbackUdp udp;
  std::thread responder([socket_fd = udp.fd] {
    std::mt19937 random(20261203);
    for (int i = 0;; ++i) {
      unsigned char query[512];
      sockaddr_in from{};
      socklen_t from_length = sizeof from;
      const ssize_t n = recvfrom(socket_fd, query, sizeof query, 0,
                                 reinterpret_cast<sockaddr*>(&from), &from_length);
      if (n < 12) {
        return;  // shut down: the run is over
      }
      std::vector<unsigned char> reply(random() % 512 + 1);
      for (auto& byte : reply) {
        byte = static_cast<unsigned char>(random());
      }
      if (i % 2 == 0 && reply.size() >= 3) {
        reply[0] = query[0];
        reply[1] = query[1];
        reply[2] |= 0x80U;
      }
      sendto(socket_fd, reply.data(), reply.size(), 0, reinterpret_cast<sockaddr*>(&from),
             from_length);
    }
  });
  const auto r =
      run("dns.ttl,dns.target", {"www.acme.test"},
          {"--authoritative", udp.address, "--resolver", udp.address, "--timeout", "2s"});
  shutdown(udp.fd, SHUT_RD);
  responder.join();
  EXPECT_EQ(r.process.exit_code, 3) << r.process.out << r.process.err;
  for (const auto* check : {"dns.ttl", "dns.target"}) {
    const auto res = result(r, check, "www.acme.test");
    EXPECT_EQ(res["outcome"], "error") << res.dump(2);
    EXPECT_NE(res["message"].get<std::string>().find(udp.address), std::string::npos)
        << res["message"];
  }
}

TEST_F(DnsE2e, DiscoversTheAuthoritativeServersThroughNsRecords) {
  // Without --authoritative, spaceport asks the resolver for the zone's NS records: acme.test is
  // served by ns1/ns2.acme.test at 127.0.0.1, port 53 as delegation implies. The fixture servers
  // listen elsewhere, so what port 53 says (nothing, or a non-authoritative answer) is an error,
  // and the result shows the discovered server.
  TempDir dir;
  const auto plan_path = dir.write("plan.json", plan({"www.acme.test"}).dump());
  const auto r =
      run_spaceport({"check", "--plan", plan_path.string(), "--phase", "preflight", "--only",
                     "dns.ttl", "--api-url", s_fake->url(), "--resolver", s_dns->resolver(),
                     "--timeout", "1s", "--json", (dir.path() / "r.json").string()});
  const json report = json::parse(read_file(dir.path() / "r.json"));
  const auto& res = report["results"][0];
  EXPECT_EQ(res["outcome"], "error") << r.out;
  EXPECT_EQ(res["evidence"]["servers"][0]["server"], "127.0.0.1:53") << res.dump(2);
  EXPECT_EQ(res["evidence"]["servers"][0]["role"], "authoritative");
  EXPECT_EQ(res["evidence"]["servers"][1]["server"], s_dns->resolver());
}

TEST_F(DnsE2e, DisagreeingAuthoritativeServersAreReported) {
  const std::vector<std::string> both{"--authoritative", s_dns->ns1(), "--authoritative",
                                      s_dns->ns2()};
  auto r = run("dns.target", {"split.acme.test"}, both);
  EXPECT_EQ(r.process.exit_code, 1);
  auto res = result(r, "dns.target", "split.acme.test");
  EXPECT_EQ(res["outcome"], "fail");
  std::string message = res["message"];
  EXPECT_NE(message.find("still pointing at the source app: " + s_dns->ns2() + " (authoritative)"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find(s_dns->ns1() + " (authoritative)"), std::string::npos) << message;

  r = run("dns.ttl", {"split.acme.test"}, both);
  EXPECT_EQ(r.process.exit_code, 0) << r.process.out;  // a warning alone does not fail
  res = result(r, "dns.ttl", "split.acme.test");
  EXPECT_EQ(res["outcome"], "warn");
  message = res["message"];
  EXPECT_NE(message.find("the authoritative servers disagree"), std::string::npos) << message;
  EXPECT_EQ(res["evidence"]["disagreement"].size(), 2U);
}

TEST_F(DnsE2e, WithoutPlanDomainsAMissingAppIsAnErrorNotASkip) {
  json p = base_plan();
  p["migrations"][0]["target"]["app"] = "missing-app";
  const auto r = run("dns.ttl", {}, {"--resolver", s_dns->resolver()}, p);
  EXPECT_EQ(r.process.exit_code, 3) << r.process.out;
  const auto res = result(r, "dns.ttl", "old-app");
  EXPECT_EQ(res["outcome"], "error");
  EXPECT_NE(res["message"].get<std::string>().find("app \"missing-app\" was not found"),
            std::string::npos)
      << res["message"];
}

TEST_F(DnsE2e, TtlRestoredWarnsWhileStillLowered) {
  auto r = run("dns.ttl-restored", {"www.acme.test"});
  auto res = result(r, "dns.ttl-restored", "www.acme.test");
  EXPECT_EQ(res["outcome"], "warn") << res.dump(2) << r.process.err;
  EXPECT_EQ(res["phase"], "postflight");
  r = run("dns.ttl-restored", {"slow.acme.test"});
  res = result(r, "dns.ttl-restored", "slow.acme.test");
  EXPECT_EQ(res["outcome"], "pass") << res.dump(2) << r.process.err;
}

TEST_F(DnsE2e, PostflightRunsTheCutoverDnsChecksAgain) {
  TempDir dir;
  const auto plan_path = dir.write("plan.json", plan({"www.acme.test"}).dump());
  const auto r = run_spaceport(
      {"check", "--plan", plan_path.string(), "--phase", "postflight", "--api-url", s_fake->url(),
       "--authoritative", s_dns->ns1(), "--resolver", s_dns->resolver(), "--json",
       (dir.path() / "r.json").string(), "--only", "dns.target,dns.ttl-restored"});
  const json report = json::parse(read_file(dir.path() / "r.json"));
  ASSERT_EQ(report["results"].size(), 2U) << r.out;
  for (const auto& res : report["results"]) {
    EXPECT_EQ(res["phase"], "postflight");
  }
}

class TlsE2e : public DnsE2e {
 protected:
  static void SetUpTestSuite() {
    DnsE2e::SetUpTestSuite();
    s_dir = new TempDir();
    s_pki = new TestPki(make_test_pki(*s_dir));
  }
  static void TearDownTestSuite() {
    delete s_pki;
    delete s_dir;
    DnsE2e::TearDownTestSuite();
  }

  /// tls.certificate and http.health against an HTTPS server presenting `certificate`.
  static CheckRun run_against(const TestCertificate& certificate, const json& health = nullptr) {
    const FakeHeroku site(dns_scenario(), certificate);
    const std::string port = site.url().substr(site.url().rfind(':') + 1);
    json p = plan({"www.acme.test"});
    if (!health.is_null()) {
      p["migrations"][0]["health"] = health;
      for (auto& item : p["migrations"][0]["health"]) {
        std::string url = item["url"];
        url.replace(url.find("PORT"), 4, port);
        item["url"] = url;
      }
    }
    return run(
        "tls.certificate,http.health", {},
        {"--tls-port", port, "--ca-file", s_pki->ca.string(), "--resolver", s_dns->resolver()}, p);
  }

  static TempDir* s_dir;
  static TestPki* s_pki;
};

TempDir* TlsE2e::s_dir = nullptr;
TestPki* TlsE2e::s_pki = nullptr;

TEST_F(TlsE2e, ValidCertificatePassesWithEvidence) {
  const auto r = run_against(s_pki->valid);
  EXPECT_EQ(r.process.exit_code, 0) << r.process.out << r.process.err;
  const auto res = result(r, "tls.certificate", "www.acme.test");
  EXPECT_EQ(res["outcome"], "pass") << res.dump(2);
  const auto certificate = res["evidence"]["certificate"];
  EXPECT_NE(certificate["subject"].get<std::string>().find("www.acme.test"), std::string::npos);
  EXPECT_NE(certificate["issuer"].get<std::string>().find("spaceport ca"), std::string::npos);
  EXPECT_EQ(certificate["dns_names"], json({"www.acme.test", "acme.test"}));
  EXPECT_EQ(res["evidence"]["address"].get<std::string>().rfind("127.0.0.1:", 0), 0U);
  EXPECT_GE(res["evidence"]["days_left"].get<int>(), 29);
}

TEST_F(TlsE2e, AChainOfFiftyCertificatesIsJudgedLikeAnyOther) {
  // The leaf and 49 intermediates, each signed by the next, under a root given as --ca-file.
  TempDir dir;
  const auto script = R"(set -e
key() { openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$1.key" \
  -out "$1.csr" -subj "/CN=$2" 2>/dev/null; }
sign() { openssl x509 -req -in "$1.csr" -CA "$2.crt" -CAkey "$2.key" -CAcreateserial -days 60 \
  -extfile "$3" -out "$1.crt" 2>/dev/null; }
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout c0.key \
  -out c0.crt -subj /CN=chain-root -days 60 2>/dev/null
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' > ca.ext
printf 'subjectAltName=DNS:www.acme.test,DNS:acme.test\n' > leaf.ext
i=1
while [ $i -le 49 ]; do key c$i chain-$i; sign c$i c$((i - 1)) ca.ext; i=$((i + 1)); done
key leaf www.acme.test
sign leaf c49 leaf.ext
cp leaf.crt chain.pem
i=49
while [ $i -ge 1 ]; do cat c$i.crt >> chain.pem; i=$((i - 1)); done
)";
  const auto made = run_process({"/bin/sh", "-c", "cd '" + dir.path().string() + "' && " + script});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const FakeHeroku site(dns_scenario(),
                        TestCertificate{dir.path() / "chain.pem", dir.path() / "leaf.key"});
  const std::string port = site.url().substr(site.url().rfind(':') + 1);
  const auto r = run("tls.certificate", {},
                     {"--tls-port", port, "--ca-file", (dir.path() / "c0.crt").string(),
                      "--resolver", s_dns->resolver()},
                     plan({"www.acme.test"}));
  const auto res = result(r, "tls.certificate", "www.acme.test");
  EXPECT_EQ(res["outcome"], "pass") << res.dump(2) << r.process.err;
  EXPECT_EQ(r.process.exit_code, 0);
}

TEST_F(TlsE2e, ExpiredCertificateFails) {
  const auto r = run_against(s_pki->expired);
  EXPECT_EQ(r.process.exit_code, 1);
  const auto res = result(r, "tls.certificate", "www.acme.test");
  EXPECT_EQ(res["outcome"], "fail");
  EXPECT_NE(res["message"].get<std::string>().find("expired on 2024-02-01"), std::string::npos)
      << res["message"];
}

TEST_F(TlsE2e, WrongNameCertificateFails) {
  const auto r = run_against(s_pki->wrong_name);
  const auto res = result(r, "tls.certificate", "www.acme.test");
  EXPECT_EQ(res["outcome"], "fail");
  EXPECT_NE(
      res["message"].get<std::string>().find("does not cover the name (it is for shop.other.test)"),
      std::string::npos)
      << res["message"];
}

TEST_F(TlsE2e, UntrustedCertificateFails) {
  const auto r = run_against(s_pki->untrusted);
  const auto res = result(r, "tls.certificate", "www.acme.test");
  EXPECT_EQ(res["outcome"], "fail");
  EXPECT_NE(res["message"].get<std::string>().find("is not trusted"), std::string::npos)
      << res["message"];
  EXPECT_NE(res["message"].get<std::string>().find("spaceport other-ca"), std::string::npos);
}

TEST_F(TlsE2e, HealthUrlsAnswerThroughTheDomain) {
  const auto r = run_against(
      s_pki->valid, json::array({{{"url", "https://www.acme.test:PORT/healthz"}, {"status", 200}},
                                 {{"url", "https://www.acme.test:PORT/unhealthy"}}}));
  EXPECT_EQ(r.process.exit_code, 1);
  const auto healthy = r.report["results"][1];
  EXPECT_EQ(healthy["check"], "http.health");
  EXPECT_EQ(healthy["outcome"], "pass") << healthy.dump(2);
  EXPECT_EQ(healthy["evidence"]["status"], 200);
  const auto unhealthy = r.report["results"][2];
  EXPECT_EQ(unhealthy["outcome"], "fail");
  EXPECT_NE(unhealthy["message"].get<std::string>().find("answered 503"), std::string::npos);
  EXPECT_NE(unhealthy["message"].get<std::string>().find("expected 200"), std::string::npos);
}

}  // namespace
}  // namespace dns_e2e_test
}  // namespace spaceport::test

namespace spaceport::test {
namespace dns_e2e_test {
namespace {

TEST(Retries, ADnsChangeDuringTheRetryTimeoutTurnsAFailIntoAPass) {
  const DnsServers dns;
  const FakeHeroku fake(dns_scenario());
  TempDir dir;
  json plan = base_plan();
  plan["migrations"][0]["domains"] = {"old.acme.test"};
  const auto plan_path = dir.write("plan.json", plan.dump());
  // ns1 answers both as the authoritative server and as the resolver: only its zone matters.
  BackgroundProcess run({spaceport_binary(), "check",
                         "--plan",           plan_path.string(),
                         "--phase",          "cutover",
                         "--only",           "dns.target",
                         "--api-url",        fake.url(),
                         "--authoritative",  dns.ns1(),
                         "--resolver",       dns.ns1(),
                         "--retry-timeout",  "60s",
                         "--sleep",          "1s",
                         "--json",           (dir.path() / "r.json").string(),
                         "--junit",          (dir.path() / "r.xml").string()},
                        {{"HEROKU_API_KEY", "test-token-7d1f"}, {"NO_COLOR", "1"}});
  // The first attempt failed and a second is coming: now the DNS change lands.
  ASSERT_TRUE(run.wait_for_stderr("attempt 2 in 1s", std::chrono::seconds(60)));
  std::string zone = read_file(dns.ns1_zone("acme.test.zone"));
  const std::string old_line = "old      60    CNAME old-app.old.herokudns.test.";
  ASSERT_NE(zone.find(old_line), std::string::npos);
  zone.replace(zone.find(old_line), old_line.size(),
               "old      60    CNAME old-acme-test.new.herokudns.test.");
  zone.replace(zone.find("2026112402"), 10, "2026112403");
  std::ofstream(dns.ns1_zone("acme.test.zone"), std::ios::trunc) << zone;
  // NSD rereads a zone whose mtime changed; move it clearly away from the load time, whatever the
  // granularity NSD compares at.
  std::filesystem::last_write_time(
      dns.ns1_zone("acme.test.zone"),
      std::filesystem::last_write_time(dns.ns1_zone("acme.test.zone")) + std::chrono::hours(1));
  dns.reload_ns1();
  const ProcessResult done = run.finish();
  EXPECT_EQ(done.exit_code, 0) << done.out << done.err;
  const json report = json::parse(read_file(dir.path() / "r.json"));
  const json& r = report["results"][0];
  EXPECT_EQ(r["outcome"], "pass") << r.dump(2);
  EXPECT_GE(r["attempts"].get<int>(), 2);
  EXPECT_NE(r["evidence"]["retry"]["first_failure"].get<std::string>().find(
                "still pointing at the source app"),
            std::string::npos);
  EXPECT_TRUE(r["evidence"]["retry"]["time_to_pass_ms"].is_number()) << r.dump(2);
  const std::string junit = read_file(dir.path() / "r.xml");
  EXPECT_NE(junit.find("first_failure"), std::string::npos);
}

}  // namespace
}  // namespace dns_e2e_test
}  // namespace spaceport::test
