#include "probes/dns_client.hpp"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "probes/dns_wire.hpp"

namespace spaceport {

AresGlobal::AresGlobal() {
  const int status = ares_library_init(ARES_LIB_INIT_ALL);
  if (status != ARES_SUCCESS) {
    throw std::runtime_error(std::string("c-ares could not start: ") + ares_strerror(status));
  }
}

AresGlobal::~AresGlobal() {
  ares_library_cleanup();
}

AresChannel::AresChannel(const std::string& server, std::chrono::milliseconds timeout, int tries) {
  ares_options options{};
  // NOCHECKRESP: a SERVFAIL or REFUSED reply is a fact to report, not a reason to give up.
  options.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_NOSEARCH;
  options.timeout = static_cast<int>(timeout.count());
  options.tries = tries;
  // ARES_OPT_LOOKUPS "b" (DNS only) keeps /etc/hosts out; the servers are set below, not read.
  char lookups[] = "b";
  options.lookups = lookups;
  const int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_LOOKUPS;
  int status = ares_init_options(&m_channel, &options, mask);
  if (status != ARES_SUCCESS) {
    throw std::runtime_error(std::string("c-ares could not create a channel: ") +
                             ares_strerror(status));
  }
  status = ares_set_servers_ports_csv(m_channel, server.c_str());
  if (status != ARES_SUCCESS) {
    ares_destroy(m_channel);
    throw std::runtime_error("c-ares does not accept the DNS server " + server + ": " +
                             ares_strerror(status));
  }
}

AresChannel::AresChannel() {
  const int status = ares_init(&m_channel);
  if (status != ARES_SUCCESS) {
    throw std::runtime_error(std::string("c-ares could not read the system's DNS settings: ") +
                             ares_strerror(status));
  }
}

AresChannel::~AresChannel() {
  ares_destroy(m_channel);
}

struct DnsClient::Pending {
  std::string server;
  std::string name;
  std::uint16_t type = 0;
  bool recursive = false;
  std::vector<unsigned char> query;
  std::promise<DnsServerAnswer> promise;
  std::chrono::steady_clock::time_point started;
  std::chrono::milliseconds budget{0};
  RequestLog* log = nullptr;
};

namespace {

std::string failure_text(int status, const DnsClient::Pending& pending) {
  switch (status) {
    case ARES_ETIMEOUT:
      return "no reply within " + std::to_string(pending.budget.count()) + " ms (timed out)";
    case ARES_ECONNREFUSED:
      return "the server refused the connection";
    case ARES_EDESTRUCTION:
      return "spaceport stopped before the reply arrived";
    default:
      return std::string("the query failed: ") + ares_strerror(status);
  }
}

extern "C" void on_reply(void* arg, int status, int /*timeouts*/, unsigned char* reply,
                         int length) {
  std::unique_ptr<DnsClient::Pending> pending(static_cast<DnsClient::Pending*>(arg));
  DnsServerAnswer answer;
  answer.server = pending->server;
  answer.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - pending->started);
  if (status != ARES_SUCCESS || reply == nullptr || length < 0) {
    answer.failure = failure_text(status, *pending);
  } else {
    try {
      const DnsMessage message = parse_dns_message(
          std::span<const unsigned char>(reply, static_cast<std::size_t>(length)));
      answer.rcode = message.rcode;
      answer.authoritative_answer = message.authoritative;
      answer.answers = message.answers;
      answer.authority = message.authority;
    } catch (const DnsWireError& e) {
      answer.failure = std::string("malformed reply: ") + e.what();
    }
  }
  if (pending->log != nullptr) {
    pending->log->add(RequestLog::Entry{
        "dns", dns_type_name(pending->type) + (pending->recursive ? "" : " (no recursion)"),
        pending->name + " @" + pending->server,
        answer.replied() ? dns_rcode_name(answer.rcode) : answer.failure, "", answer.elapsed});
  }
  pending->promise.set_value(std::move(answer));
}

}  // namespace

DnsClient::DnsClient(Options options)
    : m_options(options),
      // c-ares doubles the wait on each retry: t + 2t must fit the budget.
      m_first_try_timeout(std::max(std::chrono::milliseconds(200), options.timeout / 3)),
      m_wake(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (m_wake.get() < 0) {
    throw std::runtime_error("cannot create an eventfd for the DNS client");
  }
  m_thread = std::thread([this] { run(); });
}

DnsClient::~DnsClient() {
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = write(m_wake.get(), &one, sizeof one);
  m_thread.join();
}

std::shared_future<DnsServerAnswer> DnsClient::ask(const std::string& server,
                                                   const std::string& name, std::uint16_t type,
                                                   bool recursive) {
  const std::string key = server + ' ' + canonical_dns_name(name) + ' ' + std::to_string(type) +
                          (recursive ? " rd" : " nord");
  return m_cache.future_of(key, [&] { return enqueue(server, name, type, recursive); });
}

std::shared_future<DnsServerAnswer> DnsClient::enqueue(const std::string& server,
                                                       const std::string& name, std::uint16_t type,
                                                       bool recursive) {
  auto pending = std::make_unique<Pending>();
  pending->server = server;
  pending->name = canonical_dns_name(name);
  pending->type = type;
  pending->recursive = recursive;
  pending->budget = m_first_try_timeout * 3;
  pending->log = m_options.log;
  std::shared_future<DnsServerAnswer> future = pending->promise.get_future().share();
  try {
    pending->query = encode_dns_query(pending->name, type, recursive);
  } catch (const std::invalid_argument& e) {
    DnsServerAnswer answer;
    answer.server = server;
    answer.failure = e.what();
    pending->promise.set_value(std::move(answer));
    return future;
  }
  const std::lock_guard lock(m_mutex);
  if (m_stopping) {
    throw std::runtime_error("the DNS client is stopping");
  }
  m_queue.push_back(std::move(pending));
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = write(m_wake.get(), &one, sizeof one);
  return future;
}

void DnsClient::forget() {
  m_cache.forget();
}

AresChannel& DnsClient::channel(const std::string& server) {
  auto& slot = m_channels[server];
  if (!slot) {
    slot = std::make_unique<AresChannel>(server, m_first_try_timeout, m_tries);
  }
  return *slot;
}

void DnsClient::start(std::unique_ptr<Pending> pending) {
  pending->started = std::chrono::steady_clock::now();
  AresChannel* target = nullptr;
  try {
    target = &channel(pending->server);
  } catch (const std::exception& e) {
    DnsServerAnswer answer;
    answer.server = pending->server;
    answer.failure = e.what();
    pending->promise.set_value(std::move(answer));
    return;
  }
  const auto& query = pending->query;
  // c-ares owns the query from here and hands it back to on_reply exactly once.
  ares_send(target->get(), query.data(), static_cast<int>(query.size()), on_reply,
            pending.release());
}

void DnsClient::run() {
  std::vector<pollfd> fds;
  std::vector<ares_channel> owners;
  for (;;) {
    std::deque<std::unique_ptr<Pending>> batch;
    bool stopping = false;
    {
      const std::lock_guard lock(m_mutex);
      batch.swap(m_queue);
      stopping = m_stopping;
    }
    if (stopping) {
      // Destroying a channel answers its queries with ARES_EDESTRUCTION; queued ones never ran.
      m_channels.clear();
      for (auto& pending : batch) {
        DnsServerAnswer answer;
        answer.server = pending->server;
        answer.failure = failure_text(ARES_EDESTRUCTION, *pending);
        pending->promise.set_value(std::move(answer));
      }
      return;
    }
    for (auto& pending : batch) {
      start(std::move(pending));
    }

    fds.assign(1, pollfd{m_wake.get(), POLLIN, 0});
    owners.assign(1, nullptr);
    int timeout_ms = -1;
    for (const auto& [server, ch] : m_channels) {
      ares_socket_t sockets[ARES_GETSOCK_MAXNUM];
      const int bits = ares_getsock(ch->get(), sockets, ARES_GETSOCK_MAXNUM);
      for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
        short events = 0;
        if (ARES_GETSOCK_READABLE(bits, i)) {
          events |= POLLIN;
        }
        if (ARES_GETSOCK_WRITABLE(bits, i)) {
          events |= POLLOUT;
        }
        if (events != 0) {
          fds.push_back(pollfd{sockets[i], events, 0});
          owners.push_back(ch->get());
        }
      }
      timeval max{3600, 0};
      timeval wait{};
      if (const timeval* next = ares_timeout(ch->get(), &max, &wait); next != &max) {
        const int ms = static_cast<int>(next->tv_sec * 1000 + next->tv_usec / 1000) + 1;
        timeout_ms = timeout_ms < 0 ? ms : std::min(timeout_ms, ms);
      }
    }
    poll(fds.data(), fds.size(), timeout_ms);
    if ((fds[0].revents & POLLIN) != 0) {
      std::uint64_t count = 0;
      [[maybe_unused]] const auto read_bytes = read(m_wake.get(), &count, sizeof count);
    }
    for (std::size_t i = 1; i < fds.size(); ++i) {
      if (fds[i].revents == 0) {
        continue;
      }
      const bool readable = (fds[i].revents & (POLLIN | POLLERR | POLLHUP)) != 0;
      const bool writable = (fds[i].revents & POLLOUT) != 0;
      ares_process_fd(owners[i], readable ? fds[i].fd : ARES_SOCKET_BAD,
                      writable ? fds[i].fd : ARES_SOCKET_BAD);
    }
    for (const auto& [server, ch] : m_channels) {
      ares_process_fd(ch->get(), ARES_SOCKET_BAD, ARES_SOCKET_BAD);  // expire timeouts
    }
  }
}

std::vector<std::string> DnsClient::system_resolvers() {
  const AresChannel system;
  ares_addr_port_node* list = nullptr;
  if (ares_get_servers_ports(system.get(), &list) != ARES_SUCCESS) {
    return {};
  }
  const std::unique_ptr<ares_addr_port_node, void (*)(void*)> owner(list, ares_free_data);
  std::vector<std::string> out;
  for (const auto* node = list; node != nullptr; node = node->next) {
    char text[64] = {};
    const int port = node->udp_port == 0 ? 53 : node->udp_port;
    if (node->family == AF_INET &&
        inet_ntop(AF_INET, &node->addr.addr4, text, sizeof text) != nullptr) {
      out.push_back(std::string(text) + ":" + std::to_string(port));
    } else if (node->family == AF_INET6 &&
               inet_ntop(AF_INET6, &node->addr.addr6, text, sizeof text) != nullptr) {
      out.push_back("[" + std::string(text) + "]:" + std::to_string(port));
    }
  }
  return out;
}

}  // namespace spaceport
