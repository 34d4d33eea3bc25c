// Response header lines as libcurl hands them over, and the Range / Next-Range paging that sends
// a server's Next-Range back as a request header: a header is read only when it is one, and a
// value that goes back out can never carry a line break or a control character.
#include <algorithm>

#include "probes/heroku_api.hpp"
#include "probes/http_transport.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spaceport;
  std::string_view rest = fuzz::as_text(data, size);
  while (!rest.empty()) {
    // libcurl hands over one line at a time, CRLF included.
    const auto end = std::min(rest.find('\n'), rest.size() - 1) + 1;
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end);
    const auto header = parse_header_line(line);
    if (!header) {
      continue;
    }
    const auto& [name, value] = *header;
    fuzz::require(!name.empty() && name.find(':') == std::string::npos, "a header name is wrong");
    fuzz::require(
        std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; }),
        "a header name is not lower-cased");
    if (can_send_as_range(value)) {
      fuzz::require(std::none_of(value.begin(), value.end(),
                                 [](char c) { return c == '\r' || c == '\n' || c == '\0'; }),
                    "a Range value with a line break would be sent");
    }
  }
  return 0;
}
