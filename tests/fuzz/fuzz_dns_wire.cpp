// DNS replies as they come off the wire (spaceport reads them itself: c-ares 1.18 drops CNAME
// TTLs). A bad message is refused with DnsWireError; nothing else may escape, and what is read
// must be within the message.
#include <span>

#include "probes/dns_wire.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spaceport;
  try {
    const DnsMessage message = parse_dns_message(std::span<const unsigned char>(data, size));
    fuzz::require(size >= 12, "a message shorter than its header was read");
    for (const auto* section : {&message.answers, &message.authority}) {
      for (const auto& record : *section) {
        fuzz::require(record.name.size() <= 1024, "a name longer than any message could hold");
      }
    }
  } catch (const DnsWireError&) {
  }
  return 0;
}
