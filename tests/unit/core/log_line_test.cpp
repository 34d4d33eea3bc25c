// Every verbatim sample line of the sources of docs/sources.md §2, byte for byte,
// with the classification spaceport must give it.
#include "core/log_line.hpp"

#include <gtest/gtest.h>

#include <string>

namespace spaceport {
namespace log_line_test {
namespace {

struct Sample {
  const char* name;
  std::string line;
  LineKind kind;
  std::string_view source;
  std::string_view dyno;
  std::string_view code;
  int status;
  int service_ms;
  std::string_view host;
};

void PrintTo(const Sample& s, std::ostream* out) {
  *out << s.name;
}

class ReferenceSample : public testing::TestWithParam<Sample> {};

TEST_P(ReferenceSample, IsClassified) {
  const Sample& s = GetParam();
  LogLine line;
  ASSERT_TRUE(parse_log_line(s.line, line)) << s.line;
  EXPECT_EQ(line.kind, s.kind);
  EXPECT_EQ(line.source, s.source);
  EXPECT_EQ(line.dyno, s.dyno);
  EXPECT_EQ(line.code, s.code);
  EXPECT_EQ(line.status, s.status);
  EXPECT_EQ(line.service_ms, s.service_ms);
  EXPECT_EQ(line.host, s.host);
  // The same line in a buffer already known to be clean parses the same way.
  LogLine fast;
  ASSERT_TRUE(parse_log_line(s.line, fast, LogFormat::auto_detect, true));
  EXPECT_EQ(fast.code, line.code);
}

constexpr auto R = LineKind::router;
constexpr auto S = LineKind::system;
constexpr auto A = LineKind::app;

INSTANTIATE_TEST_SUITE_P(HerokuOperations, ReferenceSample,
                         testing::Values(
                             Sample{
                                 "H10",
                                 R"(2010-10-06T21:51:12-07:00 heroku[router]: at=error code=H10 desc="App crashed" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno= connect= service= status=503 bytes=)",
                                 R, "heroku", "router", "H10", 503, -1, "myapp.herokuapp.com"},
                             Sample{"H10StateChange",
                                    "2011-03-01T16:16:29-08:00 heroku[web.1]: State changed from "
                                    "starting to crashed",
                                    S, "heroku", "web.1", "", -1, -1, ""},
                             Sample{"H10UnquotedPath",
                                    "2011-03-01T16:16:59-08:00 heroku[router]: at=error code=H10 "
                                    "desc=\"App crashed\" "
                                    "method=GET path=/ host=example-app-1234567890ab.herokuapp.com "
                                    "fwd=17.17.17.17 "
                                    "dyno= connect= service= status=503 bytes=",
                                    R, "heroku", "router", "H10", 503, -1,
                                    "example-app-1234567890ab.herokuapp.com"},
                             Sample{
                                 "H12",
                                 R"(2010-10-06T21:51:37-07:00 heroku[router]: at=error code=H12 desc="Request timeout" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno=web.1 connect=6ms service=30001ms status=503 bytes=0)",
                                 R, "heroku", "router", "H12", 503, 30001, "myapp.herokuapp.com"},
                             Sample{
                                 "H14",
                                 R"(2010-10-06T21:51:37-07:00 heroku[router]: at=error code=H14 desc="No web processes running" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno= connect= service= status=503 bytes=)",
                                 R, "heroku", "router", "H14", 503, -1, "myapp.herokuapp.com"},
                             Sample{
                                 "H18SockFirst",
                                 R"(2010-10-06T21:51:37-07:00 heroku[router]: sock=backend at=error code=H18 desc="Server Request Interrupted" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno=web.1 connect=1ms service=1ms status=503 bytes=0)",
                                 R, "heroku", "router", "H18", 503, 1, "myapp.herokuapp.com"},
                             Sample{
                                 "H19",
                                 R"(2010-10-06T21:51:07-07:00 heroku[router]: at=error code=H19 desc="Backend connection timeout" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno=web.1 connect=5001ms service= status=503 bytes=)",
                                 R, "heroku", "router", "H19", 503, -1, "myapp.herokuapp.com"},
                             Sample{
                                 "H24EmptyStatus",
                                 R"(2010-10-06T21:51:07-07:00 heroku[router]: at=error code=H24 desc="Forced close" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno=web.1 connect=1ms service=80000ms status= bytes=18)",
                                 R, "heroku", "router", "H24", -1, 80000, "myapp.herokuapp.com"},
                             Sample{
                                 "H25UnitlessTimings",
                                 R"(2014-03-20T14:22:00.203382+00:00 heroku[router]: at=error code=H25 desc="HTTP restriction: invalid content length" method=GET path="/" host=myapp.herokuapp.com request_id=3f336f1a-9be3-4791-afe3-596a1f2a481f fwd="17.17.17.17" dyno=web.1 connect=0 service=1 status=502 bytes=537)",
                                 R, "heroku", "router", "H25", 502, 1, "myapp.herokuapp.com"},
                             Sample{
                                 "H26Cause",
                                 R"(2014-05-14T17:17:37.456997+00:00 heroku[router]: at=error code=H26 desc="Request Error" cause="bad header" method=GET path="/" host=myapp.herokuapp.com request_id=3f336f1a-9be3-4791-afe3-596a1f2a481f fwd="17.17.17.17" dyno= connect= service= status=400 bytes=)",
                                 R, "heroku", "router", "H26", 400, -1, "myapp.herokuapp.com"},
                             Sample{
                                 "H27Warning",
                                 R"(2010-10-06T21:51:37-07:00 heroku[router]: sock=client at=warning code=H27 desc="Client Request Interrupted" method=POST path="/submit/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno=web.1 connect=1ms service=0ms status=499 bytes=0)",
                                 R, "heroku", "router", "H27", 499, 0, "myapp.herokuapp.com"},
                             Sample{
                                 "H28",
                                 R"(2010-10-06T21:51:37-07:00 heroku[router]: at=warning code=H28 desc="Client Connection Idle" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno=web.1 connect=1ms service=55449ms status=499 bytes=18)",
                                 R, "heroku", "router", "H28", 499, 55449, "myapp.herokuapp.com"},
                             Sample{
                                 "H31FragmentWithoutPrefix",
                                 R"(error code=H31 desc="Misdirected Request" method=GET path="/" host=[host.com] request_id=[guid] fwd="[IP]" dyno= connect= service= status=421 bytes= protocol=http agent="<agent>")",
                                 R, "heroku", "router", "H31", 421, -1, "[host.com]"},
                             Sample{
                                 "H80Info",
                                 R"(2010-10-06T21:51:07-07:00 heroku[router]: at=info code=H80 desc="Maintenance mode" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno= connect= service= status=503 bytes=)",
                                 R, "heroku", "router", "H80", 503, -1, "myapp.herokuapp.com"},
                             Sample{
                                 "H99",
                                 R"(2010-10-06T21:51:07-07:00 heroku[router]: at=error code=H99 desc="Platform error" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno= connect= service= status=503 bytes=)",
                                 R, "heroku", "router", "H99", 503, -1, "myapp.herokuapp.com"},
                             Sample{
                                 "SuccessWithStrayQuote",
                                 R"(2010-09-16T15:13:46.723498+00:00 heroku[router]: at=info method=GET path="/posts" host=myapp.herokuapp.com" fwd="204.204.204.204" dyno=web.1 connect=1ms service=18ms status=200 bytes=975)",
                                 R, "heroku", "router", "", 200, 18, "myapp.herokuapp.com"},
                             Sample{"R10StateCreated",
                                    "2011-05-03T17:31:38+00:00 heroku[web.1]: State changed from "
                                    "created to starting",
                                    S, "heroku", "web.1", "", -1, -1, ""},
                             Sample{"R10Starting",
                                    "2011-05-03T17:31:40+00:00 heroku[web.1]: Starting process "
                                    "with command: `bundle "
                                    "exec rails server -p 22020 -e production`",
                                    S, "heroku", "web.1", "", -1, -1, ""},
                             Sample{"R10",
                                    "2011-05-03T17:32:40+00:00 heroku[web.1]: Error R10 (Boot "
                                    "timeout) -> Web process "
                                    "failed to bind to $PORT within 60 seconds of launch",
                                    S, "heroku", "web.1", "R10", -1, -1, ""},
                             Sample{"R10Sigkill",
                                    "2011-05-03T17:32:40+00:00 heroku[web.1]: Stopping process "
                                    "with SIGKILL",
                                    S, "heroku", "web.1", "", -1, -1, ""},
                             Sample{"R10Exited",
                                    "2011-05-03T17:32:40+00:00 heroku[web.1]: Process exited", S,
                                    "heroku", "web.1", "", -1, -1, ""},
                             Sample{"R10Crashed",
                                    "2011-05-03T17:32:41+00:00 heroku[web.1]: State changed from "
                                    "starting to crashed",
                                    S, "heroku", "web.1", "", -1, -1, ""},
                             Sample{"R12Sigterm",
                                    "2011-05-03T17:40:11+00:00 heroku[worker.1]: Stopping process "
                                    "with SIGTERM",
                                    S, "heroku", "worker.1", "", -1, -1, ""},
                             Sample{"R12",
                                    "2011-05-03T17:40:21+00:00 heroku[worker.1]: Error R12 (Exit "
                                    "timeout) -> Process "
                                    "failed to exit within 30 seconds of SIGTERM",
                                    S, "heroku", "worker.1", "R12", -1, -1, ""},
                             Sample{"R14Memory",
                                    "2011-05-03T17:40:10+00:00 heroku[worker.1]: Process running "
                                    "mem=1028MB(103.3%)",
                                    S, "heroku", "worker.1", "", -1, -1, ""},
                             Sample{"R14",
                                    "2011-05-03T17:40:11+00:00 heroku[worker.1]: Error R14 (Memory "
                                    "quota exceeded)",
                                    S, "heroku", "worker.1", "R14", -1, -1, ""},
                             Sample{"R15",
                                    "2011-05-03T17:40:11+00:00 heroku[worker.1]: Error R15 (Memory "
                                    "quota vastly exceeded)",
                                    S, "heroku", "worker.1", "R15", -1, -1, ""},
                             Sample{
                                 "R17",
                                 "2016-08-16T12:39:57.110759+00:00 heroku[web.1]: Error R17 "
                                 "(Checksum error) -> "
                                 "Checksum does match expected value. Expected: "
                                 "SHA256:"
                                 "ed5718e83475c780145609cbb2e4f77ec8076f6f59ebc8a916fb790fbdb1ae64 "
                                 "Actual: "
                                 "SHA256:"
                                 "9ca15af16e06625dfd123ebc3472afb0c5091645512b31ac3dd355f0d8cc42c1",
                                 S, "heroku", "web.1", "R17", -1, -1, ""},
                             Sample{"L10DrainToken",
                                    "2013-04-17T19:04:46+00:00 d.1234-drain-identifier-567 heroku "
                                    "logplex - - Error L10 "
                                    "(output buffer overflow): 500 messages dropped since "
                                    "2013-04-17T19:04:46+00:00.",
                                    S, "heroku", "logplex", "L10", -1, -1, ""},
                             Sample{"L11",
                                    "2011-05-03T17:40:10+00:00 heroku[logplex]: L11 (Tail buffer "
                                    "overflow) -> This tail "
                                    "session dropped 1101 messages since 2011-05-03T17:35:00+00:00",
                                    S, "heroku", "logplex", "L11", -1, -1, ""},
                             Sample{"L12LogShuttle",
                                    "2013-11-04T21:31:32.125756+00:00 app[log-shuttle]: Error L12: "
                                    "222 messages dropped "
                                    "since 2013-11-04T21:31:32.125756+00:00.",
                                    A, "app", "log-shuttle", "L12", -1, -1, ""},
                             Sample{"L13LogShuttle",
                                    "2013-11-04T21:31:32.125756+00:00 app[log-shuttle]: Error L13: "
                                    "111 messages lost "
                                    "since 2013-11-04T21:31:32.125756+00:00.",
                                    A, "app", "log-shuttle", "L13", -1, -1, ""},
                             Sample{"L14",
                                    "2015-09-04T23:28:48+00:00 heroku[logplex]: Error L14 "
                                    "(certificate validation): "
                                    "error=\"bad certificate\" "
                                    "uri=\"syslog+tls://logs.example.com:6514/\"",
                                    S, "heroku", "logplex", "L14", -1, -1, ""},
                             Sample{"DrainTokenAppLine",
                                    "2013-01-01T01:01:01.000000+00:00 "
                                    "d.9173ea1f-6f14-4976-9cf0-7cd0dafdcdbc "
                                    "app[web.1] Your message here.",
                                    A, "app", "web.1", "", -1, -1, ""},
                             Sample{"SyslogDrain", R"(<158>1 2014-08-04T18:28:43.078581+00:00 host heroku router - at=info method=GET path="/foo" host=app-name-7277.herokuapp.com request_id=e5bb3580-44b0-46d2-aad3-185263641044 fwd="50.168.96.221" dyno=web.1 connect=0ms service=2ms status=200 bytes=415)",
                                    R, "heroku", "router", "", 200, 2,
                                    "app-name-7277.herokuapp.com"},
                             Sample{
                                 "RealWorldH10",
                                 R"(2020-03-11T22:11:43.929173+00:00 heroku[router]: at=error code=H10 desc="App crashed" method=GET path="/" host=radiant-meadow-79425.herokuapp.com request_id=26fbf0fe-1352-4562-a26c-fb691d9d7623 fwd="72.20.67.198" dyno= connect= service= status=503 bytes= protocol=https)",
                                 R, "heroku", "router", "H10", 503, -1,
                                 "radiant-meadow-79425.herokuapp.com"},
                             Sample{
                                 "RealWorldH99",
                                 R"(2016-08-16T18:18:38.922944+00:00 heroku[router]: at=error code=H99 desc="Platform error" method=GET path="/" host=lancaster-lita.herokuapp.com request_id=a5cc52fa-0daa-48b2-9480-13f0cf231bf5 fwd="69.245.25.217" dyno= connect= service= status=503 bytes=)",
                                 R, "heroku", "router", "H99", 503, -1,
                                 "lancaster-lita.herokuapp.com"},
                             Sample{"Pre2012Router",
                                    "2010-10-06T21:51:37-07:00 heroku[router]: Error H12 (Request "
                                    "timeout) -> GET "
                                    "myapp.heroku.com/ dyno=web.1 queue=0 wait=0ms service=30000ms "
                                    "status=503 bytes=0",
                                    R, "heroku", "router", "H12", 503, 30000, "myapp.heroku.com"},
                             Sample{"ApiLine",
                                    "2011-05-03T17:38:11+00:00 app[api]: Deploy 8e5e4b7 by "
                                    "user@example.com",
                                    A, "app", "api", "", -1, -1, ""},
                             Sample{"FirDyno",
                                    "2026-11-24T10:00:00.000000+00:00 app[web-1234abcde-123ab]: "
                                    "listening on 3000",
                                    A, "app", "web-1234abcde-123ab", "", -1, -1, ""}),
                         [](const testing::TestParamInfo<Sample>& sample) {
                           return std::string(sample.param.name);
                         });

TEST(LogLine, WhatIsNotALogLineIsUnparsedNeverFatal) {
  LogLine line;
  const std::string good =
      "2010-10-06T21:51:12-07:00 heroku[router]: at=info method=GET path=\"/\" host=a.com "
      "status=200";
  EXPECT_TRUE(parse_log_line(good, line));
  EXPECT_FALSE(parse_log_line(std::string("2010-10-06T21:51:12-07:00 app[web.1]: a\0b", 42), line));
  EXPECT_FALSE(parse_log_line("2010-10-06T21:51:12-07:00 app[web.1]: caf\xe9", line));   // Latin-1
  EXPECT_FALSE(parse_log_line("2010-10-06T21:51:12-07:00 app[web.1]: \xc0\xaf", line));  // overlong
  EXPECT_FALSE(parse_log_line("2010-10-06T21:51:12-07:00 app[web.1]: \xed\xa0\x80", line));
  EXPECT_FALSE(parse_log_line(good + std::string(k_max_log_line, 'x'), line));
  EXPECT_FALSE(parse_log_line("\x7f\x45\x4c\x46\x02\x01\x01", line));  // binary garbage
  EXPECT_FALSE(parse_log_line("hello world", line));
  EXPECT_FALSE(parse_log_line("2010-10-06T21:51:12-07:00 no-brackets: x", line));
  EXPECT_FALSE(parse_log_line("<158 not syslog", line));
  EXPECT_FALSE(parse_log_line("", line));
  EXPECT_EQ(line.kind, LineKind::unparsed);
  // Valid UTF-8 beyond ASCII is fine.
  EXPECT_TRUE(
      parse_log_line("2010-10-06T21:51:12-07:00 app[web.1]: caf\xc3\xa9 \xf0\x9f\x9a\x80", line));
  // A format asked for excludes the other shape.
  EXPECT_FALSE(parse_log_line(good, line, LogFormat::syslog));
  EXPECT_FALSE(parse_log_line("<158>1 2014-08-04T18:28:43+00:00 host app web.1 - hi", line,
                              LogFormat::heroku));
  EXPECT_TRUE(parse_log_line("<158>1 2014-08-04T18:28:43+00:00 host app web.1 - hi", line,
                             LogFormat::syslog));
  EXPECT_EQ(line.message, "hi");
}

TEST(LogLine, ReadsTimestamps) {
  EXPECT_EQ(parse_log_timestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_log_timestamp("2010-10-06T21:51:12-07:00"),
            parse_log_timestamp("2010-10-07T04:51:12+00:00"));
  EXPECT_EQ(*parse_log_timestamp("2014-03-20T14:22:00.203382+00:00") % 1'000'000, 203382);
  EXPECT_EQ(parse_log_timestamp("2014-03-20T14:22:00"), std::nullopt);  // no zone
  EXPECT_EQ(parse_log_timestamp("2014-13-20T14:22:00Z"), std::nullopt);
  EXPECT_EQ(parse_log_timestamp("yesterday"), std::nullopt);
}

TEST(LogLine, CleanTextChecks) {
  EXPECT_TRUE(is_plain_ascii(std::string(100, 'a')));
  EXPECT_FALSE(is_plain_ascii(std::string(40, 'a') + "\xc3\xa9" + std::string(40, 'a')));
  EXPECT_FALSE(is_plain_ascii(std::string(40, 'a') + std::string(1, '\0') + std::string(3, 'a')));
  EXPECT_TRUE(is_clean_text("plain"));
  EXPECT_FALSE(is_clean_text("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_clean_text("\xe2\x82"));          // cut off
}

}  // namespace
}  // namespace log_line_test
}  // namespace spaceport
