#include "probes/heroku_api.hpp"
#include "probes/http_transport.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace heroku_api_test {
namespace {

TEST(EncodePathSegment, KeepsNamesAndEscapesTheRest) {
  EXPECT_EQ(encode_path_segment("acme-web_2.x~"), "acme-web_2.x~");
  EXPECT_EQ(encode_path_segment("../apps?x=1 y"), "..%2Fapps%3Fx%3D1%20y");
}

TEST(NextRange, OnlyPrintableAsciiGoesBackOutAsARangeHeader) {
  EXPECT_TRUE(can_send_as_range("]acme-web..; max=200, order=asc"));
  EXPECT_TRUE(can_send_as_range("version ]42..; order=desc, max=10"));
  EXPECT_FALSE(can_send_as_range(""));
  EXPECT_FALSE(can_send_as_range("id ..\r\nX-Injected: 1"));
  EXPECT_FALSE(can_send_as_range(std::string("id\0..", 5)));
  EXPECT_FALSE(can_send_as_range(std::string(1025, 'a')));
  EXPECT_TRUE(can_send_as_range(std::string(1024, 'a')));
}

TEST(HeaderLine, ReadsNameAndValueAndSkipsWhatIsNotAHeader) {
  const auto header = parse_header_line("Next-Range:  ]a..; max=1 \r\n");
  ASSERT_TRUE(header);
  EXPECT_EQ(header->first, "next-range");
  EXPECT_EQ(header->second, "]a..; max=1");
  EXPECT_FALSE(parse_header_line("\r\n"));
  EXPECT_FALSE(parse_header_line(": no name\r\n"));
}

}  // namespace
}  // namespace heroku_api_test
}  // namespace spaceport
