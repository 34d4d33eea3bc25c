#include "probes/log_reader.hpp"

#include <gtest/gtest.h>

#include "tests/support/support.hpp"

namespace spaceport {
namespace log_reader_test {
namespace {

const std::string k_lines =
    "2010-10-06T21:51:12-07:00 heroku[router]: at=error code=H10 desc=\"App crashed\" method=GET "
    "path=\"/\" host=myapp.herokuapp.com fwd=17.17.17.17 dyno= connect= service= status=503 "
    "bytes=\n"
    "2011-05-03T17:40:11+00:00 heroku[worker.1]: Error R14 (Memory quota exceeded)\r\n"
    "garbage \x01\x02\n"
    "\n"
    "2013-01-01T01:01:01.000000+00:00 app[web.1]: hello";  // no final newline

TEST(LogScanner, AnyChunkingGivesTheSameCounts) {
  const LogStats whole = scan_log_text(k_lines, {});
  EXPECT_EQ(whole.lines, 4U);  // the empty line is not a line
  EXPECT_EQ(whole.unparsed, 1U);
  EXPECT_EQ(whole.router_lines, 1U);
  EXPECT_EQ(whole.codes.at("H10").count, 1U);
  EXPECT_EQ(whole.codes.at("R14").count, 1U);
  for (std::size_t size = 1; size < 9; ++size) {
    LogScanner scanner({});
    for (std::size_t at = 0; at < k_lines.size(); at += size) {
      scanner.feed(std::string_view(k_lines).substr(at, size));
    }
    scanner.finish();
    EXPECT_EQ(scanner.stats().lines, whole.lines) << size;
    EXPECT_EQ(scanner.stats().unparsed, whole.unparsed) << size;
    EXPECT_EQ(scanner.stats().codes.size(), 2U) << size;
  }
}

TEST(LogScanner, OverlongLinesAreSkippedAsTheyStream) {
  std::string text = "2013-01-01T01:01:01Z app[web.1]: " + std::string(30'000, 'x') + "\n" +
                     "2013-01-01T01:01:01Z app[web.1]: short\n";
  LogScanner scanner({});
  for (std::size_t at = 0; at < text.size(); at += 1000) {
    scanner.feed(std::string_view(text).substr(at, 1000));
  }
  scanner.finish();
  EXPECT_EQ(scanner.stats().lines, 2U);
  EXPECT_EQ(scanner.stats().unparsed, 1U);
  EXPECT_EQ(scanner.stats().app_lines, 1U);
}

TEST(LogScanner, ReadsOctetCountedSyslogFrames) {
  const std::string a =
      "<158>1 2014-08-04T18:28:43.078581+00:00 host heroku router - at=info method=GET "
      "path=\"/foo\" host=app.herokuapp.com dyno=web.1 connect=0ms service=2ms status=200 "
      "bytes=415";
  const std::string b = "<190>1 2014-08-04T18:28:44+00:00 host app web.1 - line one\nline two";
  const std::string stream =
      std::to_string(a.size()) + " " + a + std::to_string(b.size()) + " " + b + "12 <not a log\n";
  for (std::size_t size : {stream.size(), std::size_t{3}}) {
    LogScanner scanner({});
    for (std::size_t at = 0; at < stream.size(); at += size) {
      scanner.feed(std::string_view(stream).substr(at, size));
    }
    scanner.finish();
    EXPECT_TRUE(scanner.octet_counted());
    EXPECT_EQ(scanner.stats().router_lines, 1U);
    EXPECT_EQ(scanner.stats().app_lines, 1U);  // a frame may hold a newline
    EXPECT_EQ(scanner.stats().unparsed, 1U);
    EXPECT_EQ(scanner.stats().service.count(), 1U);
  }
}

TEST(LogScanner, AWindowLeavesOutOlderLines) {
  const std::string text =
      "2026-11-24T10:00:00Z heroku[router]: at=info host=a.com status=200 service=5ms\n"
      "2026-11-24T10:30:00Z heroku[router]: at=info host=a.com status=500 service=5ms\n";
  LogScanOptions options;
  options.since_us = *parse_log_timestamp("2026-11-24T10:15:00Z");
  const LogStats stats = scan_log_text(text, options);
  EXPECT_EQ(stats.router_lines, 1U);
  EXPECT_EQ(stats.server_errors, 1U);
}

TEST(LogReader, ServerSentEventsGiveTheirDataLines) {
  EXPECT_EQ(sse_data("id: 1\ndata: first line\n\n: comment\nid: 2\r\ndata:second\r\n\nevent: x\n"),
            "first line\nsecond\n");
}

TEST(LogReader, FilesAreSplitAmongThreadsWithTheSameResult) {
  test::TempDir dir;
  std::string text;
  while (text.size() < (9U << 20U)) {  // over two read buffers, so the file is split
    text += k_lines + "\n";
  }
  const auto path = dir.write("big.log", text);
  LogScanOptions one;
  one.threads = 1;
  LogScanOptions four;
  four.threads = 4;
  const LogStats a = scan_log_file(path.string(), one);
  const LogStats b = scan_log_file(path.string(), four);
  EXPECT_EQ(a.lines, b.lines);
  EXPECT_EQ(a.unparsed, b.unparsed);
  EXPECT_EQ(a.codes.at("H10").count, b.codes.at("H10").count);
  EXPECT_EQ(a.lines, scan_log_text(text, {}).lines);
  EXPECT_THROW(scan_log_file((dir.path() / "missing.log").string(), {}), std::runtime_error);
  EXPECT_THROW(scan_log_file(dir.path().string(), {}), std::runtime_error);
}

}  // namespace
}  // namespace log_reader_test
}  // namespace spaceport
