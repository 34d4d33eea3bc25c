// The chunk scanner must add up exactly what parse_log_line and LogStats::add give line by line:
// the fast reading of the router's common layout is checked field by field against the general
// parser on thousands of mangled lines, and whole scans are compared at every SIMD level.
#include "core/log_chunk.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace spaceport {
namespace log_chunk_test {
namespace {

const std::string k_common =
    "2026-11-24T10:00:00.123456+00:00 heroku[router]: at=info method=GET "
    "path=\"/search?q=red shoes&sort=price\" host=shop-1.acme.example "
    "request_id=3f336f1a-9be3-4791-afe3-596a1f2a481f fwd=\"1.2.3.4, 5.6.7.8\" dyno=web.1 "
    "connect=1ms service=18ms status=200 bytes=975 protocol=https";
const std::string k_no_protocol =
    "2014-03-20T14:22:00.203382+00:00 heroku[router]: at=info method=POST path=\"/\" "
    "host=myapp.herokuapp.com request_id=3f336f1a fwd=\"17.17.17.17\" dyno=web.2 connect=0 "
    "service=1 status=502 bytes=537";
const std::string k_empty_values =
    "2020-03-11T22:11:43.929173+00:00 heroku[router]: at=info method=GET path=\"\" host= "
    "request_id= fwd=\"\" dyno= connect= service= status= bytes= protocol=";

std::vector<SimdLevel> supported_levels() {
  std::vector<SimdLevel> levels;
  for (const auto level :
       {SimdLevel::portable, SimdLevel::sse2, SimdLevel::avx2, SimdLevel::avx512}) {
    if (simd_level_supported(level)) {
      levels.push_back(level);
    }
  }
  return levels;
}

std::string describe(const LogLine& l) {
  return std::to_string(static_cast<int>(l.kind)) + "|" + std::string(l.timestamp) + "|" +
         std::string(l.source) + "|" + std::string(l.dyno) + "|" + std::string(l.message) + "|" +
         std::string(l.code) + "|" + std::string(l.host) + "|" + std::to_string(l.status) + "|" +
         std::to_string(l.service_ms);
}

/// Runs the fast reader on `line` alone; when it accepts, the general parser must agree on
/// every field. Returns whether it accepted.
bool fast_agrees(const std::string& line) {
  ByteIndex index;
  index.build(line, best_simd_level());
  LogLine fast;
  if (!common_router_line(line, 0, line.size(), index, fast)) {
    return false;
  }
  LogLine general;
  EXPECT_TRUE(parse_log_line(line, general)) << line;
  EXPECT_EQ(describe(fast), describe(general)) << line;
  return true;
}

/// What parse_log_line and LogStats::add make of `text` line by line: what a scan must equal.
LogStats line_by_line(const std::string& text, LogFormat format) {
  LogStats stats;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto newline = std::min(text.find('\n', start), text.size());
    const std::string_view line(text.data() + start, newline - start);
    LogLine parsed;
    if (!line.empty() && parse_log_line(line, parsed, format)) {
      stats.add(parsed);
    } else if (!line.empty()) {
      stats.add_unparsed();
    }
    start = newline + 1;
  }
  return stats;
}

TEST(LogChunk, ReadsTheCommonRouterLayoutAsTheParserDoes) {
  for (const auto& line : {k_common, k_no_protocol, k_empty_values}) {
    EXPECT_TRUE(fast_agrees(line)) << line;
  }
  ByteIndex index;
  index.build(k_common, best_simd_level());
  LogLine line;
  ASSERT_TRUE(common_router_line(k_common, 0, k_common.size(), index, line));
  EXPECT_EQ(line.host, "shop-1.acme.example");
  EXPECT_EQ(line.status, 200);
  EXPECT_EQ(line.service_ms, 18);
  EXPECT_EQ(line.kind, LineKind::router);
}

TEST(LogChunk, LeavesEveryOtherShapeToTheParser) {
  for (const std::string& line : std::vector<std::string>{
           // an error line, a warning, sock= first, unquoted path and fwd, no request_id
           "2010-10-06T21:51:12-07:00 heroku[router]: at=error code=H10 desc=\"App crashed\" "
           "method=GET path=\"/\" host=myapp.herokuapp.com fwd=17.17.17.17 dyno= connect= "
           "service= status=503 bytes=",
           "2010-10-06T21:51:37-07:00 heroku[router]: sock=client at=warning code=H27 "
           "desc=\"Client Request Interrupted\" method=POST path=\"/submit/\" "
           "host=myapp.herokuapp.com fwd=17.17.17.17 dyno=web.1 connect=1ms service=0ms "
           "status=499 bytes=0",
           "2010-09-16T15:13:46.723498+00:00 heroku[router]: at=info method=GET path=\"/posts\" "
           "host=myapp.herokuapp.com\" fwd=\"204.204.204.204\" dyno=web.1 connect=1ms "
           "service=18ms status=200 bytes=975",
           // a later field repeated: the general reader counts the last
           k_common + " status=500", k_common + " ",
           "2026-11-24 heroku[router]: at=info method=GET path=\"/\" host=h request_id=r "
           "fwd=\"f\" dyno=d connect=c service=1 status=200 bytes=1",  // a 10-byte stamp passes
       }) {
    ByteIndex index;
    index.build(line, best_simd_level());
    LogLine out;
    const bool taken = common_router_line(line, 0, line.size(), index, out);
    if (line.starts_with("2026-11-24 heroku")) {
      EXPECT_TRUE(taken);
      EXPECT_TRUE(fast_agrees(line));
    } else {
      EXPECT_FALSE(taken) << line;
    }
  }
}

TEST(LogChunk, MangledLinesAreReadAsTheParserReadsThemOrLeftToIt) {
  std::size_t accepted = 0;
  std::size_t tried = 0;
  for (const auto& base : {k_common, k_no_protocol, k_empty_values}) {
    for (std::size_t at = 0; at <= base.size(); ++at) {
      std::vector<std::string> variants;
      for (const char c : {' ', '"', '=', 'x', '7', '\t', '\r', '\0', '\xff'}) {
        if (at < base.size()) {
          std::string changed = base;
          changed[at] = c;
          variants.push_back(changed);
        }
        variants.push_back(std::string(base).insert(at, 1, c));
      }
      if (at < base.size()) {
        variants.push_back(std::string(base).erase(at, 1));
        variants.push_back(base.substr(0, at));
      }
      for (const auto& line : variants) {
        ++tried;
        accepted += fast_agrees(line) ? 1U : 0U;
      }
    }
  }
  // Changes inside values keep the layout, changes to keys and separators do not.
  EXPECT_GT(accepted, tried / 10);
  EXPECT_LT(accepted, tried);
}

TEST(LogChunk, IndexMatchesABytewiseReadingAtEveryLevel) {
  std::mt19937 random(11);
  const std::string alphabet = std::string("\n \"ab=\x7f\x80\xff") + std::string(1, '\0');
  for (const std::size_t size : {0UL, 1UL, 63UL, 64UL, 65UL, 200UL, ByteIndex::k_span}) {
    for (const bool ascii : {true, false}) {
      std::string bytes(size, 'a');
      for (auto& c : bytes) {
        const std::size_t limit = ascii ? 6 : alphabet.size();
        c = alphabet[random() % limit];
      }
      for (const auto level : supported_levels()) {
        ByteIndex index;
        index.build(bytes, level);
        EXPECT_EQ(index.size, size);
        bool plain = true;
        for (std::size_t i = 0; i < size; ++i) {
          const auto bit = [&](const auto& mask) { return ((mask[i / 64] >> (i % 64)) & 1U) != 0; };
          ASSERT_EQ(bit(index.newline), bytes[i] == '\n') << i;
          ASSERT_EQ(bit(index.space), bytes[i] == ' ') << i;
          ASSERT_EQ(bit(index.quote), bytes[i] == '"') << i;
          const auto byte = static_cast<unsigned char>(bytes[i]);
          ASSERT_EQ(bit(index.unusual), byte == 0 || byte >= 0x80) << i;
          plain = plain && byte != 0 && byte < 0x80;
        }
        EXPECT_EQ(index.plain_ascii, plain) << size << " level " << static_cast<int>(level);
        for (std::size_t from = 0; from < size; from += 7) {
          for (const std::size_t to : {from + 1, from + 64, from + 130, size}) {
            const std::size_t limit = std::min(to, size);
            ASSERT_EQ(ByteIndex::next(index.space, from, limit),
                      std::min(bytes.find(' ', from), limit));
            const auto unusual = std::find_if(
                bytes.begin() + static_cast<std::ptrdiff_t>(from),
                bytes.begin() + static_cast<std::ptrdiff_t>(limit),
                [](char c) { return c == '\0' || static_cast<unsigned char>(c) >= 0x80; });
            ASSERT_EQ(ByteIndex::any(index.unusual, from, limit),
                      unusual != bytes.begin() + static_cast<std::ptrdiff_t>(limit));
          }
        }
      }
    }
  }
}

TEST(LogChunk, WholeScansAddUpAsLineByLineAtEveryLevel) {
  // Many spans' worth: common lines, error lines, app and system lines, a CRLF line, a line
  // with invalid UTF-8 and one with a NUL, a line longer than a span, empty lines, and a last
  // line without its newline.
  std::mt19937 random(5);
  std::string text;
  const std::vector<std::string> kinds = {
      k_common,
      k_no_protocol,
      k_empty_values,
      "2010-10-06T21:51:12-07:00 heroku[router]: at=error code=H10 desc=\"App crashed\" "
      "method=GET path=\"/\" host=myapp.herokuapp.com fwd=17.17.17.17 dyno= connect= service= "
      "status=503 bytes=",
      "2011-05-03T17:40:11+00:00 heroku[worker.1]: Error R14 (Memory quota exceeded)",
      "2013-01-01T01:01:01.000000+00:00 app[web.1]: hello",
      k_common + "\r",
      "2013-01-01T01:01:01Z app[web.1]: caf\xc3\xa9",
      "2013-01-01T01:01:01Z app[web.1]: bad \xff byte",
      std::string("2013-01-01T01:01:01Z app[web.1]: nul \0 byte", 43),
      "<158>1 2014-08-04T18:28:43.078581+00:00 host heroku router - at=info method=GET "
      "path=\"/foo\" host=app.herokuapp.com dyno=web.1 connect=0ms service=2ms status=200",
      "garbage",
      "",
  };
  for (int i = 0; i < 3000; ++i) {
    text += kinds[random() % kinds.size()] + "\n";
    if (i == 1500) {
      text += "2013-01-01T01:01:01Z app[web.1]: " + std::string(ByteIndex::k_span + 10, 'y') + "\n";
      text += "2013-01-01T01:01:01Z app[web.1]: " + std::string(12'000, 'z') + "\n";
    }
  }
  text += k_common;  // no newline
  for (const auto format : {LogFormat::auto_detect, LogFormat::heroku, LogFormat::syslog}) {
    const LogStats expected = line_by_line(text, format);
    ASSERT_GT(format == LogFormat::syslog ? expected.unparsed : expected.router_lines, 800U);
    for (const auto level : supported_levels()) {
      LogStats scanned;
      scan_log_lines(text, format, scanned, level);
      EXPECT_EQ(scanned.to_json(), expected.to_json()) << static_cast<int>(level);
      EXPECT_EQ(scanned.lines, expected.lines);
      EXPECT_EQ(scanned.unparsed, expected.unparsed);
    }
  }
}

TEST(LogChunk, RandomlyMangledLogsAddUpAsLineByLine) {
  // Logs of common request lines and app lines with up to three random edits each (from bytes
  // that matter to the reader: separators, CR, invalid and valid UTF-8, NUL), some lines far too
  // long, some without a newline between them: every scan agrees with line-by-line parsing.
  std::mt19937_64 random(29);
  const std::string app = "2013-01-01T01:01:01Z app[web.1]: hello";
  const std::string alphabet("  \"=\n\r\t\xff\xc3\xa9\0axH1", 15);
  std::uint64_t requests = 0;
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const auto lines = random() % 40;
    for (std::uint64_t i = 0; i < lines; ++i) {
      std::string line = random() % 4 != 0 ? k_common : app;
      for (auto edits = random() % 4; edits > 0 && !line.empty(); --edits) {
        const auto at = random() % line.size();
        const char c = alphabet[random() % alphabet.size()];
        switch (random() % 3) {
          case 0:
            line[at] = c;
            break;
          case 1:
            line.insert(at, 1, c);
            break;
          default:
            line.erase(at, 1);
        }
      }
      if (random() % 50 == 0) {
        line.append(random() % 20'000, 'z');
      }
      text += line;
      if (random() % 20 != 0) {
        text += '\n';
      }
    }
    for (const auto format : {LogFormat::auto_detect, LogFormat::syslog}) {
      const LogStats expected = line_by_line(text, format);
      requests += expected.router_lines;
      for (const auto level : supported_levels()) {
        LogStats scanned;
        scan_log_lines(text, format, scanned, level);
        ASSERT_EQ(scanned.to_json(), expected.to_json())
            << "round " << round << " level " << static_cast<int>(level);
      }
    }
  }
  EXPECT_GT(requests, 3000U);
}

}  // namespace
}  // namespace log_chunk_test
}  // namespace spaceport
