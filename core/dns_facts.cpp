#include "core/dns_facts.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <set>

#include "core/text.hpp"

namespace spaceport {
namespace {

bool valid_port(std::string_view text, int& port) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  return error == std::errc() && end == text.data() + text.size() && port > 0 && port < 65536;
}

}  // namespace

std::optional<std::string> normalize_dns_server(std::string_view text) {
  std::array<unsigned char, 16> buffer{};
  int port = 53;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    const std::string address(text.substr(1, close - 1));
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || !valid_port(rest.substr(1), port))) {
      return std::nullopt;
    }
    if (inet_pton(AF_INET6, address.c_str(), buffer.data()) != 1) {
      return std::nullopt;
    }
    return "[" + address + "]:" + std::to_string(port);
  }
  const std::string whole(text);
  if (inet_pton(AF_INET6, whole.c_str(), buffer.data()) == 1) {
    return "[" + whole + "]:53";
  }
  const auto colon = text.find(':');
  const std::string address(text.substr(0, colon));
  if (colon != std::string_view::npos && !valid_port(text.substr(colon + 1), port)) {
    return std::nullopt;
  }
  if (inet_pton(AF_INET, address.c_str(), buffer.data()) != 1) {
    return std::nullopt;
  }
  return address + ":" + std::to_string(port);
}

std::string canonical_dns_name(std::string_view name) {
  if (!name.empty() && name.back() == '.') {
    name.remove_suffix(1);
  }
  return ascii_lower(name);
}

std::string dns_type_name(std::uint16_t type) {
  switch (type) {
    case dns_type::a:
      return "A";
    case dns_type::ns:
      return "NS";
    case dns_type::cname:
      return "CNAME";
    case dns_type::soa:
      return "SOA";
    case dns_type::aaaa:
      return "AAAA";
    default:
      return "TYPE" + std::to_string(type);
  }
}

std::string dns_rcode_name(int rcode) {
  static constexpr std::array<const char*, 11> names{"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN",
                                                     "NOTIMP",  "REFUSED", "YXDOMAIN", "YXRRSET",
                                                     "NXRRSET", "NOTAUTH", "NOTZONE"};
  if (rcode >= 0 && static_cast<std::size_t>(rcode) < names.size()) {
    return names[static_cast<std::size_t>(rcode)];
  }
  return "RCODE" + std::to_string(rcode);
}

std::string to_string(DnsRole role) {
  return role == DnsRole::authoritative ? "authoritative" : "resolver";
}

std::vector<DnsRecord> records_for(const DnsServerAnswer& answer, const std::string& name) {
  std::vector<DnsRecord> out;
  for (const auto& record : answer.answers) {
    if (record.name == name) {
      out.push_back(record);
    }
  }
  return out;
}

std::vector<std::string> chain_addresses(const DnsServerAnswer& answer, const std::string& name) {
  std::string current = name;
  std::set<std::string> seen;  // a CNAME loop in a reply must not loop here
  while (seen.insert(current).second) {
    std::vector<std::string> addresses;
    std::optional<std::string> next;
    for (const auto& record : answer.answers) {
      if (record.name != current) {
        continue;
      }
      if (record.type == dns_type::a || record.type == dns_type::aaaa) {
        addresses.push_back(record.data);
      } else if (record.type == dns_type::cname) {
        next = record.data;
      }
    }
    if (!addresses.empty() || !next) {
      std::sort(addresses.begin(), addresses.end());
      return addresses;
    }
    current = *next;
  }
  return {};
}

std::string describe_server(const DnsServerAnswer& answer) {
  return answer.server + " (" + to_string(answer.role) + ")";
}

nlohmann::json to_json(const DnsServerAnswer& answer) {
  nlohmann::json j{{"server", answer.server},
                   {"role", to_string(answer.role)},
                   {"elapsed_ms", answer.elapsed.count()}};
  if (!answer.replied()) {
    j["failure"] = answer.failure;
    return j;
  }
  j["rcode"] = dns_rcode_name(answer.rcode);
  j["aa"] = answer.authoritative_answer;
  nlohmann::json records = nlohmann::json::array();
  for (const auto& r : answer.answers) {
    records.push_back(
        {{"name", r.name}, {"type", dns_type_name(r.type)}, {"ttl", r.ttl}, {"data", r.data}});
  }
  j["answers"] = std::move(records);
  return j;
}

}  // namespace spaceport
