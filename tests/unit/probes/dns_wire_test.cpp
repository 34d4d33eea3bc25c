#include "probes/dns_wire.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace spaceport {
namespace dns_wire_test {
namespace {

using Bytes = std::vector<unsigned char>;

/// A reply header: id 0x1234, QR and AA set, the given counts.
Bytes header(int questions, int answers, int authority = 0, int rcode = 0) {
  return {0x12, 0x34,
          0x84, static_cast<unsigned char>(rcode),
          0,    static_cast<unsigned char>(questions),
          0,    static_cast<unsigned char>(answers),
          0,    static_cast<unsigned char>(authority),
          0,    0};
}

void append(Bytes& out, std::initializer_list<int> bytes) {
  for (const int b : bytes) {
    out.push_back(static_cast<unsigned char>(b));
  }
}

/// www.acme.test CNAME www-x.herokudns.test (TTL 300), then its A record by compression.
Bytes cname_reply() {
  Bytes m = header(1, 2);
  // question at offset 12: www.acme.test A IN
  append(m, {3, 'w', 'w', 'w', 4, 'a', 'c', 'm', 'e', 4, 't', 'e', 's', 't', 0, 0, 1, 0, 1});
  // answer 1: pointer to the question name, CNAME, IN, TTL 300
  append(m, {0xC0, 12, 0, 5, 0, 1, 0, 0, 1, 0x2C});
  const std::size_t rdlength_at = m.size();
  append(m, {0, 0});
  const std::size_t target_at = m.size();
  append(m, {5, 'w', 'w', 'w', '-', 'x', 9, 'h', 'e', 'r', 'o', 'k', 'u', 'd', 'n', 's', 0xC0,
             21});  // ".test" from the question
  m[rdlength_at + 1] = static_cast<unsigned char>(m.size() - target_at);
  // answer 2: the target (pointer), A, TTL 60, 127.0.0.1
  append(m, {0xC0, static_cast<int>(target_at), 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1});
  return m;
}

TEST(DnsWire, ParsesACnameChainWithCompression) {
  const Bytes m = cname_reply();
  const DnsMessage message = parse_dns_message(m);
  EXPECT_EQ(message.id, 0x1234);
  EXPECT_TRUE(message.authoritative);
  EXPECT_EQ(message.rcode, 0);
  ASSERT_EQ(message.answers.size(), 2U);
  EXPECT_EQ(message.answers[0].name, "www.acme.test");
  EXPECT_EQ(message.answers[0].type, dns_type::cname);
  EXPECT_EQ(message.answers[0].ttl, 300U);
  EXPECT_EQ(message.answers[0].data, "www-x.herokudns.test");
  EXPECT_EQ(message.answers[1].name, "www-x.herokudns.test");
  EXPECT_EQ(message.answers[1].data, "127.0.0.1");
  EXPECT_EQ(message.answers[1].ttl, 60U);
}

TEST(DnsWire, EveryTruncationOfAValidReplyIsAnErrorNotACrash) {
  const Bytes m = cname_reply();
  for (std::size_t length = 0; length < m.size(); ++length) {
    const Bytes cut(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(length));
    EXPECT_THROW(parse_dns_message(cut), DnsWireError) << "length " << length;
  }
}

TEST(DnsWire, ACompressionLoopIsRejected) {
  Bytes m = header(1, 0);
  append(m, {0xC0, 12, 0, 1, 0, 1});  // a name that points at itself
  EXPECT_THROW(parse_dns_message(m), DnsWireError);
  Bytes two = header(1, 0);
  append(two, {1, 'a', 0xC0, 12, 0, 1, 0, 1});  // a label, then back to its own start
  EXPECT_THROW(parse_dns_message(two), DnsWireError);
}

TEST(DnsWire, AForwardPointerIsRejected) {
  Bytes m = header(1, 0);
  append(m, {0xC0, 20, 0, 1, 0, 1, 0, 0, 1, 'a', 0});
  EXPECT_THROW(parse_dns_message(m), DnsWireError);
}

TEST(DnsWire, OversizedMessagesAndNamesAreRejected) {
  Bytes huge = cname_reply();
  huge.resize(70'000, 0);
  EXPECT_THROW(parse_dns_message(huge), DnsWireError);

  Bytes long_name = header(1, 0);
  for (int i = 0; i < 5; ++i) {  // 5 labels of 63 bytes: 320 bytes, over 255
    long_name.push_back(63);
    long_name.insert(long_name.end(), 63, 'a');
  }
  append(long_name, {0, 0, 1, 0, 1});
  EXPECT_THROW(parse_dns_message(long_name), DnsWireError);
}

TEST(DnsWire, ARecordLengthPastTheEndIsRejected) {
  Bytes m = header(0, 1);
  append(m, {0, 0, 1, 0, 1, 0, 0, 0, 60, 0xFF, 0xFF, 127, 0, 0, 1});
  EXPECT_THROW(parse_dns_message(m), DnsWireError);
  Bytes bad_a = header(0, 1);
  append(bad_a, {0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 3, 127, 0, 0});  // an A record of 3 bytes
  EXPECT_THROW(parse_dns_message(bad_a), DnsWireError);
}

TEST(DnsWire, AQueryIsNotAReply) {
  const auto query = encode_dns_query("www.acme.test", dns_type::a, true);
  EXPECT_THROW(parse_dns_message(query), DnsWireError);
}

TEST(DnsWire, RcodeAndAHugeTtlAreRead) {
  Bytes m = header(0, 1, 0, 3);
  append(m, {0, 0, 1, 0, 1, 0x80, 0, 0, 1, 0, 4, 10, 0, 0, 1});
  const auto message = parse_dns_message(m);
  EXPECT_EQ(message.rcode, dns_rcode::nxdomain);
  EXPECT_EQ(message.answers[0].ttl, 0U);  // RFC 2181 §8: the top bit set means zero
}

TEST(DnsWire, UnprintableLabelBytesAreEscaped) {
  Bytes m = header(0, 1);
  append(m, {3, 'a', 0x1B, '.', 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 10, 0, 0, 1});
  EXPECT_EQ(parse_dns_message(m).answers[0].name, "a\\x1b\\x2e");
}

TEST(DnsWire, EncodesAQuery) {
  const auto q = encode_dns_query("WWW.acme.test.", dns_type::aaaa, false);
  const Bytes expected{0, 0,   0,   0,   0,   1, 0,   0,   0,   0,   0, 0, 3,  'W', 'W', 'W',
                       4, 'a', 'c', 'm', 'e', 4, 't', 'e', 's', 't', 0, 0, 28, 0,   1};
  EXPECT_EQ(q, expected);
  EXPECT_EQ(encode_dns_query("a.b", dns_type::a, true)[2], 0x01);  // RD
}

TEST(DnsWire, RejectsNamesDnsCannotCarry) {
  EXPECT_THROW(encode_dns_query("", dns_type::a, true), std::invalid_argument);
  EXPECT_THROW(encode_dns_query("a..b", dns_type::a, true), std::invalid_argument);
  EXPECT_THROW(encode_dns_query(std::string(64, 'a') + ".test", dns_type::a, true),
               std::invalid_argument);
  EXPECT_THROW(encode_dns_query("has space.test", dns_type::a, true), std::invalid_argument);
}

}  // namespace
}  // namespace dns_wire_test
}  // namespace spaceport
