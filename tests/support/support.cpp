#include "tests/support/support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "fixtures/fake_heroku/world.hpp"

#include <array>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace spaceport::test {
namespace {

/// Both ends of a pipe, closed when dropped.
struct Pipe {
  int read_end = -1;
  int write_end = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
      throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    }
    read_end = fds[0];
    write_end = fds[1];
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  void close_read() {
    if (read_end >= 0) {
      ::close(read_end);
      read_end = -1;
    }
  }
  void close_write() {
    if (write_end >= 0) {
      ::close(write_end);
      write_end = -1;
    }
  }
};

std::vector<std::string> environment_with(
    const std::map<std::string, std::optional<std::string>>& env) {
  std::vector<std::string> out;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const std::string name = text.substr(0, text.find('='));
    if (env.count(name) == 0) {
      out.push_back(text);
    }
  }
  for (const auto& [name, value] : env) {
    if (value) {
      out.push_back(name + "=" + *value);
    }
  }
  return out;
}

/// fork + exec with stdin from /dev/null and stdout/stderr to the given fds.
int spawn(const std::vector<std::string>& argv,
          const std::map<std::string, std::optional<std::string>>& env, int out_fd, int err_fd) {
  const std::vector<std::string> environment = environment_with(env);
  std::vector<char*> args;
  for (const auto& arg : argv) {
    args.push_back(const_cast<char*>(arg.c_str()));
  }
  args.push_back(nullptr);
  std::vector<char*> envp;
  for (const auto& entry : environment) {
    envp.push_back(const_cast<char*>(entry.c_str()));
  }
  envp.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    const int null_fd = ::open("/dev/null", O_RDONLY);
    dup2(null_fd, STDIN_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

std::string spaceport_binary() {
  return SPACEPORT_BINARY;
}
std::string fake_heroku_binary() {
  return FAKE_HEROKU_BINARY;
}
std::filesystem::path source_dir() {
  return SPACEPORT_SOURCE_DIR;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "spaceport-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
  }
  m_path = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(m_path, ignored);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& content) const {
  const auto path = m_path / name;
  std::ofstream out(path, std::ios::binary);
  out << content;
  return path;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::optional<std::string>>& env,
                          std::chrono::seconds limit) {
  Pipe out;
  Pipe err;
  const int pid = spawn(argv, env, out.write_end, err.write_end);
  out.close_write();
  err.close_write();
  ProcessResult result;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  std::array<pollfd, 2> fds{{{out.read_end, POLLIN, 0}, {err.read_end, POLLIN, 0}}};
  std::array<std::string*, 2> sinks{&result.out, &result.err};
  int open_streams = 2;
  bool killed = false;
  while (open_streams > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      kill(pid, SIGKILL);
      killed = true;
      break;
    }
    if (poll(fds.data(), fds.size(), static_cast<int>(left.count())) < 0 && errno != EINTR) {
      break;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) {
        continue;
      }
      char buffer[65536];
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else {
        fds[i].fd = -1;
        --open_streams;
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = killed ? -9 : WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  return result;
}

ProcessResult validate_xml(const std::filesystem::path& document, const std::string& xsd) {
  return run_process({"/usr/bin/xmllint", "--noout", "--schema",
                      (source_dir() / "tests" / "schemas" / xsd).string(), document.string()});
}

ProcessResult validate_report(const std::filesystem::path& document, const std::string& schema) {
  return run_process({"/usr/bin/python3",
                      (source_dir() / "tests" / "support" / "validate_json_schema.py").string(),
                      (source_dir() / schema).string(), document.string()});
}

ProcessResult screenshot(const std::filesystem::path& document, const std::filesystem::path& png,
                         int width, int height) {
  const TempDir profile;
  // --no-sandbox: the tests run as root (and in containers), where Chromium's sandbox cannot
  // start; the pages are the tests' own files. --disable-dev-shm-usage: a container's small
  // /dev/shm would crash the renderer on a large page.
  return run_process(
      {"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
       "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile.path().string(),
       "--window-size=" + std::to_string(width) + "," + std::to_string(height),
       "--screenshot=" + png.string(), "file://" + document.string()},
      {{"HOME", profile.path().string()}});
}

BrowserView open_in_browser(const std::string& url) {
  const TempDir profile;
  BrowserView view;
  view.process =
      run_process({"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-dev-shm-usage", "--user-data-dir=" + profile.path().string(),
                   "--enable-logging=stderr", "--v=0", "--dump-dom", url},
                  {{"HOME", profile.path().string()}});
  view.dom = view.process.out;
  view.log = view.process.err;
  return view;
}

std::map<std::string, long> png_colours(const std::filesystem::path& png,
                                        const std::vector<std::string>& colours) {
  std::vector<std::string> argv{
      "/usr/bin/python3", (source_dir() / "tests/support/png_colours.py").string(), png.string()};
  argv.insert(argv.end(), colours.begin(), colours.end());
  const ProcessResult result = run_process(argv);
  if (result.exit_code != 0) {
    throw std::runtime_error("png_colours.py failed: " + result.err);
  }
  std::map<std::string, long> counts;
  std::istringstream lines(result.out);
  std::string colour;
  long count = 0;
  while (lines >> colour >> count) {
    counts[colour] = count;
  }
  return counts;
}

std::filesystem::path artifacts_dir() {
  const auto dir = source_dir() / "out" / "test-artifacts";
  std::filesystem::create_directories(dir);
  return dir;
}

ProcessResult validate_prometheus(const std::filesystem::path& document) {
  return run_process({"/usr/bin/python3",
                      (source_dir() / "tests/support/validate_prometheus.py").string(),
                      document.string()});
}

TestCertificate make_test_certificate(const TempDir& dir) {
  TestCertificate files{dir.path() / "cert.pem", dir.path() / "key.pem"};
  const auto result =
      run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                   "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", files.private_key.string(),
                   "-out", files.certificate.string(), "-subj", "/CN=127.0.0.1", "-addext",
                   "subjectAltName=IP:127.0.0.1", "-days", "2"});
  if (result.exit_code != 0) {
    throw std::runtime_error("openssl could not make a test certificate: " + result.err);
  }
  return files;
}

namespace {

/// Reads from fd until a whole line arrives, the writer closes, or `limit` passes.
std::string read_line(int fd, std::chrono::milliseconds limit) {
  std::string line;
  pollfd p{fd, POLLIN, 0};
  while (line.find('\n') == std::string::npos) {
    if (poll(&p, 1, static_cast<int>(limit.count())) <= 0) {
      break;
    }
    char buffer[256];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) {
      break;
    }
    line.append(buffer, static_cast<std::size_t>(n));
  }
  return line;
}

std::string field(const std::string& line, const std::string& key) {
  const auto at = line.find(key + "=");
  if (at == std::string::npos) {
    return {};
  }
  const auto start = at + key.size() + 1;
  return line.substr(start, line.find_first_of(" \n", start) - start);
}

}  // namespace

DnsServers::DnsServers(const std::vector<std::pair<std::string, std::string>>& zones) {
  Pipe out;
  const int err_fd =
      ::open((m_dir.path() / "stderr.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  std::vector<std::string> argv{(source_dir() / "fixtures/dns/serve").string(),
                                (m_dir.path() / "work").string()};
  for (const auto& [name, text] : zones) {
    // serve copies the fixtures' zones into work/zones; an extra one is served from where it is
    // written, under that directory too so that a test finds it with ns1_zone().
    std::filesystem::create_directories(m_dir.path() / "work" / "zones");
    const auto file = m_dir.path() / "work" / "zones" / (name + ".zone");
    std::ofstream(file) << text;
    argv.push_back(name + "=" + file.string());
  }
  m_pid = spawn(argv, {}, out.write_end, err_fd);
  ::close(err_fd);
  out.close_write();
  // The readiness signal: the script prints its line once every server has answered.
  const std::string line = read_line(out.read_end, std::chrono::seconds(60));
  m_ns1 = field(line, "ns1");
  m_ns2 = field(line, "ns2");
  m_resolver = field(line, "resolver");
  if (line.rfind("dns ready", 0) != 0 || m_ns1.empty() || m_ns2.empty() || m_resolver.empty()) {
    kill(m_pid, SIGTERM);
    waitpid(m_pid, nullptr, 0);
    throw std::runtime_error("the fixture DNS servers did not start: " + line +
                             read_file(m_dir.path() / "stderr.txt"));
  }
}

std::filesystem::path DnsServers::ns1_zone(const std::string& file) const {
  return m_dir.path() / "work" / "zones" / file;
}

std::filesystem::path DnsServers::ns1_pid_file() const {
  return m_dir.path() / "work" / "ns1" / "nsd.pid";
}

void DnsServers::reload_ns1() const {
  const int pid = std::stoi(read_file(m_dir.path() / "work" / "ns1" / "nsd.pid"));
  if (::kill(pid, SIGHUP) != 0) {
    ADD_FAILURE() << "cannot signal ns1: " << std::strerror(errno);
  }
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const std::map<std::string, std::optional<std::string>>& env) {
  Pipe err;
  const int out_fd =
      ::open((m_dir.path() / "stdout.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  m_pid = spawn(argv, env, out_fd, err.write_end);
  ::close(out_fd);
  err.close_write();
  m_err = err.read_end;
  err.read_end = -1;  // this object owns it now
}

BackgroundProcess::~BackgroundProcess() {
  if (m_pid > 0) {
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
  }
  if (m_err >= 0) {
    ::close(m_err);
  }
}

namespace {

/// Reads `fd` into `text` until `wanted` appears in it (true), or the writer closes it or `limit`
/// passes.
bool read_until(int fd, std::string& text, const std::string& wanted, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (text.find(wanted) == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd ready{fd, POLLIN, 0};
    if (left.count() <= 0 || poll(&ready, 1, static_cast<int>(left.count())) <= 0) {
      return false;
    }
    char buffer[4096];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) {
      return false;
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

/// read_until, then forgets what it read up to the end of `wanted`: the next wait for the same
/// line waits for its next occurrence.
bool read_through(int fd, std::string& text, const std::string& wanted,
                  std::chrono::seconds limit) {
  if (!read_until(fd, text, wanted, limit)) {
    return false;
  }
  text.erase(0, text.find(wanted) + wanted.size());
  return true;
}

}  // namespace

bool BackgroundProcess::wait_for_stderr(const std::string& text, std::chrono::seconds limit) {
  return read_until(m_err, m_err_text, text, limit);
}

void BackgroundProcess::signal(int number) const {
  kill(m_pid, number);
}

ProcessResult BackgroundProcess::finish(std::chrono::seconds limit) {
  wait_for_stderr(std::string(1, '\0'), limit);  // reads to the end (no NUL is ever printed)
  ProcessResult result;
  int status = 0;
  if (waitpid(m_pid, &status, WNOHANG) == 0) {
    kill(m_pid, SIGKILL);  // still running after `limit`
    waitpid(m_pid, &status, 0);
  }
  m_pid = -1;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  result.err = m_err_text;
  result.out = read_file(m_dir.path() / "stdout.txt");
  return result;
}

DnsServers::~DnsServers() {
  kill(m_pid, SIGTERM);
  int status = 0;
  waitpid(m_pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    ADD_FAILURE() << "the fixture DNS servers did not stop cleanly (status " << status << "):\n"
                  << read_file(m_dir.path() / "stderr.txt");
  }
}

namespace {

void openssl(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
  std::vector<std::string> argv{"/bin/sh", "-c", "cd \"$0\" && exec /usr/bin/openssl \"$@\"",
                                cwd.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto result = run_process(argv);
  if (result.exit_code != 0) {
    throw std::runtime_error("openssl " + args.front() + " failed: " + result.err);
  }
}

TestCertificate server_certificate(const std::filesystem::path& dir, const std::string& name,
                                   const std::string& ca, const std::string& subject_names,
                                   const std::vector<std::string>& dates) {
  TestCertificate files{dir / (name + ".crt"), dir / (name + ".key")};
  const std::string first = subject_names.substr(4, subject_names.find(',') - 4);
  openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
           files.private_key.string(), "-out", name + ".csr", "-subj", "/CN=" + first, "-addext",
           "subjectAltName=" + subject_names},
          dir);
  std::vector<std::string> sign{"ca",    "-batch",      "-config",  ca + ".cnf",
                                "-cert", ca + ".crt",   "-keyfile", ca + ".key",
                                "-in",   name + ".csr", "-out",     files.certificate.string()};
  sign.insert(sign.end(), dates.begin(), dates.end());
  openssl(sign, dir);
  return files;
}

void make_ca(const std::filesystem::path& dir, const std::string& name) {
  openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
           "-keyout", name + ".key", "-out", name + ".crt", "-subj", "/CN=spaceport " + name,
           "-days", "3"},
          dir);
  std::ofstream(dir / (name + ".index")).flush();
  std::ofstream(dir / (name + ".serial")) << "01\n";
  std::ofstream(dir / (name + ".cnf"))
      << "[ ca ]\ndefault_ca = test\n[ test ]\ndatabase = ./" << name << ".index\nserial = ./"
      << name << ".serial\nnew_certs_dir = .\ndefault_md = sha256\npolicy = any\n"
      << "copy_extensions = copy\nunique_subject = no\ndefault_days = 30\n[ any ]\n"
      << "commonName = supplied\n";
}

}  // namespace

namespace {

const char* const k_postgres_bin = "/usr/lib/postgresql/15/bin";

}  // namespace

int free_tcp_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

PostgresServer::PostgresServer() {
  // initdb refuses to run as root: then the server belongs to the postgres user.
  m_as_postgres = ::geteuid() == 0;
  const auto data = m_dir.path() / "data";
  // It serves TLS, as Heroku Postgres does: spaceport requires it unless a URL says otherwise.
  m_certificate = make_test_certificate(m_dir);
  std::filesystem::permissions(m_certificate.private_key, std::filesystem::perms::owner_read |
                                                              std::filesystem::perms::owner_write);
  std::vector<std::string> as_owner;
  if (m_as_postgres) {
    const auto chown = run_process({"/bin/chown", "-R", "postgres", m_dir.path().string()});
    if (chown.exit_code != 0) {
      throw std::runtime_error("cannot give the test database directory to postgres: " + chown.err);
    }
    as_owner = {"/usr/sbin/runuser", "-u", "postgres", "--"};
  }
  auto initdb = as_owner;
  initdb.insert(initdb.end(), {std::string(k_postgres_bin) + "/initdb", "-D", data.string(), "-A",
                               "trust", "-U", "postgres", "--no-sync"});
  if (const auto r = run_process(initdb); r.exit_code != 0) {
    throw std::runtime_error("initdb failed: " + r.err + r.out);
  }
  // pg_ctl -w returns once the server accepts connections: the readiness signal.
  for (int attempt = 0; attempt < 5; ++attempt) {
    m_port = free_tcp_port();
    auto start = as_owner;
    start.insert(start.end(),
                 {std::string(k_postgres_bin) + "/pg_ctl", "-D", data.string(), "-l",
                  (m_dir.path() / "server.log").string(), "-w", "-t", "60", "-o",
                  "-p " + std::to_string(m_port) + " -k " + m_dir.path().string() +
                      " -c listen_addresses=127.0.0.1 -c fsync=off -c log_statement=all "
                      "-c log_line_prefix='%a|' -c ssl=on -c ssl_cert_file=" +
                      m_certificate.certificate.string() +
                      " -c ssl_key_file=" + m_certificate.private_key.string(),
                  "start"});
    if (run_process(start).exit_code == 0) {
      return;
    }
  }
  throw std::runtime_error("the test PostgreSQL server did not start: " +
                           read_file(m_dir.path() / "server.log"));
}

PostgresServer::~PostgresServer() {
  std::vector<std::string> stop;
  if (m_as_postgres) {
    stop = {"/usr/sbin/runuser", "-u", "postgres", "--"};
  }
  stop.insert(stop.end(), {std::string(k_postgres_bin) + "/pg_ctl", "-D",
                           (m_dir.path() / "data").string(), "-m", "immediate", "stop"});
  run_process(stop);
}

std::string PostgresServer::url(const std::string& database) const {
  return "postgres://postgres@127.0.0.1:" + std::to_string(m_port) + "/" + database;
}

void PostgresServer::sql(const std::string& database, const std::string& statements) const {
  const auto r = run_process({"/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d",
                              url(database), "-c", statements});
  if (r.exit_code != 0) {
    ADD_FAILURE() << "psql failed: " << r.err;
  }
}

std::vector<std::string> PostgresServer::statements_of(const std::string& application) const {
  std::vector<std::string> out;
  std::istringstream log(read_file(m_dir.path() / "server.log"));
  std::string line;
  const std::string prefix = application + "|LOG:  statement: ";
  while (std::getline(log, line)) {
    if (line.rfind(prefix, 0) == 0) {
      out.push_back(line.substr(prefix.size()));
    }
  }
  return out;
}

TestPki make_test_pki(const TempDir& dir) {
  const auto pki = dir.path() / "pki";
  std::filesystem::create_directories(pki);
  make_ca(pki, "ca");
  make_ca(pki, "other-ca");
  const std::string names = "DNS:www.acme.test,DNS:acme.test";
  TestPki out;
  out.ca = pki / "ca.crt";
  out.valid = server_certificate(pki, "valid", "ca", names, {});
  out.expired =
      server_certificate(pki, "expired", "ca", names,
                         {"-startdate", "20240101000000Z", "-enddate", "20240201000000Z"});
  out.wrong_name = server_certificate(pki, "wrong-name", "ca", "DNS:shop.other.test", {});
  out.untrusted = server_certificate(pki, "untrusted", "other-ca", names, {});
  return out;
}

FakeHeroku::FakeHeroku(const nlohmann::json& scenario, const std::optional<TestCertificate>& tls) {
  std::vector<std::string> extra;
  if (tls) {
    extra = {"--tls-cert", tls->certificate.string(), "--tls-key", tls->private_key.string()};
  }
  start(scenario, extra);
}

FakeHeroku::FakeHeroku(const nlohmann::json& scenario, const std::string& address, int port) {
  start(scenario, {"--address", address, "--port", std::to_string(port)});
}

void FakeHeroku::start(const nlohmann::json& scenario, std::vector<std::string> extra_arguments) {
  const auto scenario_path = m_dir.write("scenario.json", scenario.dump(2));
  Pipe out;
  const int err_fd =
      ::open((m_dir.path() / "stderr.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  std::vector<std::string> argv{fake_heroku_binary(), "--scenario", scenario_path.string(),
                                "--request-log", (m_dir.path() / "requests.jsonl").string()};
  argv.insert(argv.end(), extra_arguments.begin(), extra_arguments.end());
  m_pid = spawn(argv, {}, out.write_end, err_fd);
  ::close(err_fd);
  out.close_write();
  m_out = out.read_end;
  out.read_end = -1;  // kept: the fake announces requests held by a `hang` fault there
  // The readiness signal: the first line on stdout names the bound address. A fleet's world
  // takes a while to build under ASan on a busy machine (23 s for 2,000 apps once).
  read_until(m_out, m_out_text, "\n", std::chrono::seconds(120));
  const std::string line = m_out_text;
  const auto at = line.find("http");
  if (at == std::string::npos) {
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
    ::close(m_out);
    throw std::runtime_error("fake-heroku did not start: " + line +
                             read_file(m_dir.path() / "stderr.txt"));
  }
  m_url = line.substr(at, line.find('\n', at) - at);
}

int FakeHeroku::port() const {
  return std::stoi(m_url.substr(m_url.rfind(':') + 1));
}

bool FakeHeroku::wait_for_step(const std::string& kind, const std::string& seconds,
                               std::chrono::seconds limit) const {
  return read_through(m_out, m_out_text,
                      "fake-heroku timeline: " + kind + " at " + seconds + " s\n", limit);
}

bool FakeHeroku::wait_for_arrival(const std::string& method, const std::string& path,
                                  std::chrono::seconds limit) const {
  return read_through(m_out, m_out_text, "arrived " + method + " " + path + "\n", limit);
}

bool FakeHeroku::wait_for_answer(const std::string& method, const std::string& path,
                                 std::chrono::seconds limit) const {
  return read_through(m_out, m_out_text, "answered " + method + " " + path + "\n", limit);
}

FakeHeroku::~FakeHeroku() {
  kill(m_pid, SIGTERM);
  int status = 0;
  waitpid(m_pid, &status, 0);
  ::close(m_out);
  // A clean stop exits 0; anything else (a sanitizer report, a crash) fails the test that ran it.
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    ADD_FAILURE() << "fake-heroku did not stop cleanly (status " << status << "):\n"
                  << read_file(m_dir.path() / "stderr.txt");
  }
}

std::vector<nlohmann::json> FakeHeroku::requests() const {
  std::vector<nlohmann::json> out;
  std::istringstream lines(read_file(m_dir.path() / "requests.jsonl"));
  std::string line;
  while (std::getline(lines, line)) {
    out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

int FakeHeroku::count(const std::string& method, const std::string& path) const {
  int n = 0;
  for (const auto& request : requests()) {
    n += request["method"] == method && request["path"] == path ? 1 : 0;
  }
  return n;
}

std::string fake_app_id(const std::string& name) {
  return fake_heroku::stable_uuid("app:" + name);
}

std::string app_path(const std::string& name, const std::string& rest) {
  return "/apps/" + fake_app_id(name) + rest;
}

nlohmann::json base_scenario() {
  return nlohmann::json::parse(R"({
    "api_key": "test-token-7d1f",
    "account": {"email": "ops@example.com"},
    "spaces": [{"name": "shield-space", "region": "virginia", "shield": true},
               {"name": "other-space", "region": "oregon", "shield": false}],
    "apps": [
      {"name": "old-app", "region": "us",
       "config_vars": {"RAILS_ENV": "production", "API_SECRET": "s3cr3t-value-91c4e",
                       "DATABASE_URL": "postgres://u:p@host/db1",
                       "MAINTENANCE_PAGE_URL": "{{fake_url}}/static/maintenance.html",
                       "ERROR_PAGE_URL": "{{fake_url}}/static/error.html"},
       "formation": [{"type": "web", "quantity": 2, "size": "Standard-2X"}],
       "domains": [{"hostname": "www.example.test"}]},
      {"name": "new-app", "space": "shield-space",
       "config_vars": {"RAILS_ENV": "production", "API_SECRET": "s3cr3t-value-91c4e",
                       "DATABASE_URL": "postgres://u:p@10.1.0.9/db2",
                       "MAINTENANCE_PAGE_URL": "{{fake_url}}/static/maintenance.html",
                       "ERROR_PAGE_URL": "{{fake_url}}/static/error.html"},
       "formation": [{"type": "web", "quantity": 2, "size": "Shield-M"}]}
    ],
    "addon_services": [{"name": "heroku-postgresql",
      "plans": [{"name": "standard-0"},
                {"name": "shield-0", "installable_inside_private_network": true,
                 "installable_outside_private_network": false}],
      "regions": [{"region": "us"}, {"region": "virginia", "supports_private_networking": true}]}],
    "pages": {"/static/maintenance.html": {}, "/static/error.html": {}},
    "addons": [
      {"name": "postgresql-old-1", "app": "old-app", "plan": "heroku-postgresql:standard-0",
       "config_vars": ["DATABASE_URL"]},
      {"name": "postgresql-new-1", "app": "new-app", "plan": "heroku-postgresql:shield-0",
       "config_vars": ["DATABASE_URL"],
       "database": {"following": "postgresql-old-1", "behind_by": 5}}
    ]
  })");
}

nlohmann::json fleet_scenario(int n) {
  const nlohmann::json base = base_scenario();
  nlohmann::json scenario = base;
  scenario["apps"] = nlohmann::json::array();
  scenario["addons"] = nlohmann::json::array();
  for (int i = 1; i <= n; ++i) {
    const std::string suffix = "-" + std::to_string(i);
    for (auto app : base["apps"]) {
      app["name"] = app["name"].get<std::string>() + suffix;
      app.erase("domains");
      scenario["apps"].push_back(app);
    }
    for (auto addon : base["addons"]) {
      addon["name"] = addon["name"].get<std::string>() + suffix;
      addon["app"] = addon["app"].get<std::string>() + suffix;
      if (addon.contains("database")) {
        addon["database"]["following"] = "postgresql-old-1" + suffix;
      }
      scenario["addons"].push_back(addon);
    }
  }
  return scenario;
}

nlohmann::json fleet_plan(int n) {
  nlohmann::json plan = {{"version", 1}, {"migrations", nlohmann::json::array()}};
  for (int i = 1; i <= n; ++i) {
    const std::string suffix = "-" + std::to_string(i);
    plan["migrations"].push_back(
        {{"name", "app" + suffix},
         {"source", {{"app", "old-app" + suffix}}},
         {"target", {{"app", "new-app" + suffix}, {"space", "shield-space"}, {"shield", true}}},
         {"dataclips", nlohmann::json::array()}});
  }
  return plan;
}

nlohmann::json cutover_scenario() {
  nlohmann::json scenario = base_scenario();
  scenario["apps"][1]["domains"] = scenario["apps"][0]["domains"];
  scenario["apps"][0]["domains"] = nlohmann::json::array();
  // The follower was unfollowed and promoted.
  scenario["addons"][1].erase("database");
  return scenario;
}

nlohmann::json dns_scenario() {
  nlohmann::json scenario = cutover_scenario();
  nlohmann::json domains = nlohmann::json::array();
  for (const char* name : {"www", "slow", "cached", "old", "third", "split", "missing", "shop"}) {
    domains.push_back({{"hostname", std::string(name) + ".acme.test"},
                       {"cname", std::string(name) + "-acme-test.new.herokudns.test"}});
  }
  domains.push_back({{"hostname", "acme.test"}, {"cname", "apex-acme-test.new.herokudns.test"}});
  domains.push_back({{"hostname", "www.broken.test"}, {"cname", "www-broken.new.herokudns.test"}});
  scenario["apps"][1]["domains"] = domains;
  scenario["apps"][0]["domains"] = nlohmann::json::array(
      {{{"hostname", "old.acme.test"}, {"cname", "old-app.old.herokudns.test"}}});
  scenario["pages"]["/healthz"] = {{"status", 200}, {"body", "ok"}};
  scenario["pages"]["/unhealthy"] = {{"status", 503}, {"body", "down"}};
  return scenario;
}

nlohmann::json base_plan() {
  return nlohmann::json::parse(R"({
    "version": 1,
    "migrations": [{"name": "old-app",
                    "source": {"app": "old-app"},
                    "target": {"app": "new-app", "space": "shield-space", "shield": true},
                    "dataclips": []}]
  })");
}

ProcessResult run_spaceport(const std::vector<std::string>& args,
                            std::map<std::string, std::optional<std::string>> env) {
  std::vector<std::string> argv{spaceport_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  env.try_emplace("HEROKU_API_KEY", "test-token-7d1f");
  env.try_emplace("NO_COLOR", std::nullopt);
  env.try_emplace("HEROKU_HOST", std::nullopt);
  return run_process(argv, env);
}

}  // namespace spaceport::test
