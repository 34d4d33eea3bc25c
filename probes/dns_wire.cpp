#include "probes/dns_wire.hpp"

#include <arpa/inet.h>

#include <array>
#include <cctype>

namespace spaceport {
namespace {

constexpr std::size_t k_max_message = 65535;  // the largest a TCP length prefix can carry
constexpr std::size_t k_max_name = 255;       // wire octets, RFC 1035 §2.3.4
constexpr int k_max_pointers = 64;            // more than any sane name needs, bounds loops

class Reader {
 public:
  explicit Reader(std::span<const unsigned char> message) : m_message(message) {}

  std::size_t offset() const noexcept { return m_offset; }
  std::size_t remaining() const noexcept { return m_message.size() - m_offset; }

  std::uint8_t u8() {
    need(1, "a byte");
    return m_message[m_offset++];
  }
  std::uint16_t u16() {
    need(2, "a 16-bit field");
    const auto v =
        static_cast<std::uint16_t>((m_message[m_offset] << 8U) | m_message[m_offset + 1]);
    m_offset += 2;
    return v;
  }
  std::uint32_t u32() {
    const std::uint32_t high = u16();
    return (high << 16U) | u16();
  }
  void skip(std::size_t n, const char* what) {
    need(n, what);
    m_offset += n;
  }
  std::span<const unsigned char> bytes(std::size_t n, const char* what) {
    need(n, what);
    const auto out = m_message.subspan(m_offset, n);
    m_offset += n;
    return out;
  }

  /// A possibly compressed name. A pointer must point before the name it is part of, which
  /// makes every chain of pointers finite; the count bounds it again.
  std::string name() {
    std::string out;
    std::size_t position = m_offset;
    std::size_t wire_length = 0;
    bool jumped = false;
    int pointers = 0;
    std::size_t lowest_start = m_offset;
    for (;;) {
      if (position >= m_message.size()) {
        throw DnsWireError("a name at offset " + std::to_string(m_offset) +
                           " runs past the end of the message");
      }
      const std::uint8_t length = m_message[position];
      if ((length & 0xC0U) == 0xC0U) {
        if (position + 1 >= m_message.size()) {
          throw DnsWireError("a compression pointer at offset " + std::to_string(position) +
                             " is cut off");
        }
        const std::size_t target = ((length & 0x3FU) << 8U) | m_message[position + 1];
        if (target >= lowest_start || ++pointers > k_max_pointers) {
          throw DnsWireError("a compression pointer at offset " + std::to_string(position) +
                             " points forward or loops");
        }
        if (!jumped) {
          m_offset = position + 2;
          jumped = true;
        }
        lowest_start = target;
        position = target;
        continue;
      }
      if ((length & 0xC0U) != 0) {
        throw DnsWireError("an unknown label type at offset " + std::to_string(position));
      }
      wire_length += length + 1U;
      if (wire_length > k_max_name) {
        throw DnsWireError("a name at offset " + std::to_string(m_offset) +
                           " is longer than 255 bytes");
      }
      if (length == 0) {
        if (!jumped) {
          m_offset = position + 1;
        }
        return out;
      }
      if (position + 1 + length > m_message.size()) {
        throw DnsWireError("a label at offset " + std::to_string(position) +
                           " runs past the end of the message");
      }
      if (!out.empty()) {
        out.push_back('.');
      }
      for (std::size_t i = 0; i < length; ++i) {
        const auto c = m_message[position + 1 + i];
        // Names become messages and JSON: keep them printable and unambiguous.
        if (c == '.' || c == '\\' || c < 0x21 || c > 0x7E) {
          static constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7',
                                                    '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
          out += "\\x";
          out.push_back(hex[c >> 4U]);
          out.push_back(hex[c & 0xFU]);
        } else {
          out.push_back(static_cast<char>(std::tolower(c)));
        }
      }
      position += 1U + length;
    }
  }

 private:
  void need(std::size_t n, const char* what) const {
    if (remaining() < n) {
      throw DnsWireError(std::string("the message ends at offset ") +
                         std::to_string(m_message.size()) + " where " + what + " was expected");
    }
  }

  std::span<const unsigned char> m_message;
  std::size_t m_offset = 0;
};

std::string address_text(std::span<const unsigned char> bytes, int family) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (inet_ntop(family, bytes.data(), text.data(), text.size()) == nullptr) {
    throw DnsWireError("an address that cannot be printed");
  }
  return text.data();
}

DnsRecord read_record(Reader& reader) {
  DnsRecord record;
  record.name = reader.name();
  record.type = reader.u16();
  reader.u16();  // class
  const std::uint32_t ttl = reader.u32();
  // RFC 2181 §8: a TTL with the top bit set is treated as zero.
  record.ttl = (ttl & 0x80000000U) != 0 ? 0 : ttl;
  const std::uint16_t length = reader.u16();
  if (length > reader.remaining()) {
    throw DnsWireError("a " + dns_type_name(record.type) + " record at offset " +
                       std::to_string(reader.offset()) + " says it holds " +
                       std::to_string(length) + " bytes but only " +
                       std::to_string(reader.remaining()) + " remain");
  }
  const std::size_t end = reader.offset() + length;
  switch (record.type) {
    case dns_type::a:
      if (length != 4) {
        throw DnsWireError("an A record with " + std::to_string(length) + " bytes of data");
      }
      record.data = address_text(reader.bytes(4, "an IPv4 address"), AF_INET);
      break;
    case dns_type::aaaa:
      if (length != 16) {
        throw DnsWireError("an AAAA record with " + std::to_string(length) + " bytes of data");
      }
      record.data = address_text(reader.bytes(16, "an IPv6 address"), AF_INET6);
      break;
    case dns_type::cname:
    case dns_type::ns:
      record.data = reader.name();
      break;
    case dns_type::soa: {
      std::string primary = reader.name();
      std::string mailbox = reader.name();
      const std::uint32_t serial = reader.u32();
      reader.skip(12, "the SOA timers");
      const std::uint32_t minimum = reader.u32();
      record.data = primary + " " + mailbox + " serial " + std::to_string(serial) + " minimum " +
                    std::to_string(minimum);
      break;
    }
    default:
      reader.skip(length, "record data");
      record.data = std::to_string(length) + " bytes";
      break;
  }
  if (reader.offset() != end) {
    throw DnsWireError("a " + dns_type_name(record.type) + " record's data does not match its " +
                       "stated length at offset " + std::to_string(end));
  }
  return record;
}

}  // namespace

std::vector<unsigned char> encode_dns_query(std::string_view name, std::uint16_t type,
                                            bool recursion_desired) {
  if (!name.empty() && name.back() == '.') {
    name.remove_suffix(1);
  }
  if (name.empty() || name.size() > 253) {
    throw std::invalid_argument("\"" + std::string(name) + "\" is not a DNS name");
  }
  std::vector<unsigned char> out{
      0, 0, static_cast<unsigned char>(recursion_desired ? 0x01 : 0x00), 0, 0, 1, 0, 0, 0, 0, 0, 0};
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto dot = name.find('.', start);
    const auto label = name.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty() || label.size() > 63) {
      throw std::invalid_argument("\"" + std::string(name) +
                                  "\" is not a DNS name (a label is empty or over 63 bytes)");
    }
    for (const char c : label) {
      if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7E) {
        throw std::invalid_argument("\"" + std::string(name) +
                                    "\" is not a DNS name (it holds a space or control byte)");
      }
    }
    out.push_back(static_cast<unsigned char>(label.size()));
    out.insert(out.end(), label.begin(), label.end());
    if (dot == std::string_view::npos) {
      break;
    }
    start = dot + 1;
  }
  out.push_back(0);
  out.push_back(static_cast<unsigned char>(type >> 8U));
  out.push_back(static_cast<unsigned char>(type & 0xFFU));
  out.push_back(0);
  out.push_back(1);  // class IN
  return out;
}

DnsMessage parse_dns_message(std::span<const unsigned char> message) {
  if (message.size() > k_max_message) {
    throw DnsWireError("the reply is " + std::to_string(message.size()) +
                       " bytes, more than a DNS message can be");
  }
  Reader reader(message);
  DnsMessage out;
  out.id = reader.u16();
  const std::uint16_t flags = reader.u16();
  if ((flags & 0x8000U) == 0) {
    throw DnsWireError("the message is a query, not a reply");
  }
  out.authoritative = (flags & 0x0400U) != 0;
  out.truncated = (flags & 0x0200U) != 0;
  out.rcode = flags & 0x000FU;
  const std::uint16_t questions = reader.u16();
  const std::uint16_t answers = reader.u16();
  const std::uint16_t authority = reader.u16();
  reader.u16();  // additional records: nothing spaceport decides on
  for (std::uint16_t i = 0; i < questions; ++i) {
    reader.name();
    reader.skip(4, "a question's type and class");
  }
  for (std::uint16_t i = 0; i < answers; ++i) {
    out.answers.push_back(read_record(reader));
  }
  for (std::uint16_t i = 0; i < authority; ++i) {
    out.authority.push_back(read_record(reader));
  }
  return out;
}

}  // namespace spaceport
